#!/usr/bin/env bash
# Every output format of check, compare and plan on a synthetic population
# (testdata/gen): wall time, the ratio to the same command's -o csv, peak
# resident memory, and the time to the first byte of output (how soon a
# person sees rows). Output goes to /dev/null, so the disk's writeback of
# gigabytes of text does not swing the figures.
#
#   testdata/bench-outputs.sh [N]      # N partners, default 1000000
#
# Environment: BENCH_DIR (default /tmp/tiercalc-bench-outputs) holds the
# binaries and the input; RUNS (default 1) runs per measurement, of which
# the fastest counts. Targets: every format within 64 MiB; markdown, yaml,
# junit and github within 3 times csv; the first byte within a second.
set -euo pipefail

n=${1:-1000000}
runs=${RUNS:-1}
dir=${BENCH_DIR:-/tmp/tiercalc-bench-outputs}
root=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$dir"
cd "$root"

go build -o "$dir/tiercalc" ./cmd/tiercalc
go build -o "$dir/peak" ./testdata/peak
in="$dir/partners-$n.csv"
if [ ! -s "$in" ]; then
	echo "generating $in ($n partners)..." >&2
	go run ./testdata/gen -n "$n" -seed 1 >"$in.tmp" && mv "$in.tmp" "$in"
fi

# first CMD...: seconds from start to the first byte on stdout.
first() {
	local start
	start=$(date +%s.%N)
	"$@" 2>/dev/null | {
		head -c 1 >/dev/null
		awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN{printf "%.2f", e-s}'
		cat >/dev/null
	}
}

# measure LABEL CMD...: best wall time and that run's peak RSS, then the
# time to the first byte; the ratio is to the last "csv" measured.
csv=""
measure() {
	local label=$1 best="" bestrss="" t rss
	shift
	for _ in $(seq "$runs"); do
		read -r t rss < <("$dir/peak" -o /dev/null -- "$@" 2>/dev/null || true)
		if [ -z "$best" ] || awk -v a="$t" -v b="$best" 'BEGIN{exit !(a<b)}'; then
			best=$t bestrss=$rss
		fi
	done
	case "$label" in *" csv") csv=$best ;; esac
	printf '%-26s %8.2f s %6.2fx csv %8.1f MiB   first byte %s s\n' "$label" "$best" \
		"$(awk -v a="$best" -v b="$csv" 'BEGIN{printf "%.2f", a/b}')" "$bestrss" "$(first "$@")"
}

echo "input: $in ($n partners); $(nproc) CPUs; $(go version); load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "each figure: best of $runs run(s), output to /dev/null"
echo
for f in csv ndjson json table wide markdown yaml junit github; do
	measure "check $f" "$dir/tiercalc" check -p vpn-2009 -o "$f" "$in"
done
for f in csv json markdown table; do
	measure "compare $f" "$dir/tiercalc" compare -p vpn-2009 -p partner-connect-2020 -o "$f" "$in"
done
for f in csv ndjson markdown table; do
	measure "plan $f" "$dir/tiercalc" plan -p vpn-2009 --as-of 2010-01-01 -o "$f" "$in"
done
echo
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
