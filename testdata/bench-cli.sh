#!/usr/bin/env bash
# End-to-end benchmark of tiercalc against the single-purpose baseline
# (testdata/baseline): wall time and peak resident memory on a synthetic
# population (testdata/gen), in one run so that both see the same machine.
#
#   testdata/bench-cli.sh [N]        # N partners, default 1000000
#
# Environment: BENCH_DIR (default /tmp/tiercalc-bench) holds the binaries,
# the input and the outputs; RUNS (default 3) runs per measurement, of which
# the fastest counts: the machine may be shared and noisy.
set -euo pipefail

n=${1:-1000000}
runs=${RUNS:-3}
dir=${BENCH_DIR:-/tmp/tiercalc-bench}
root=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$dir"
cd "$root"

go build -o "$dir/tiercalc" ./cmd/tiercalc
go build -o "$dir/baseline" ./testdata/baseline
go build -o "$dir/peak" ./testdata/peak
in="$dir/partners-$n.csv"
if [ ! -s "$in" ]; then
	echo "generating $in ($n partners)..." >&2
	go run ./testdata/gen -n "$n" -seed 1 >"$in.tmp" && mv "$in.tmp" "$in"
fi

# measure NAME OUT CMD...: best wall time and the peak RSS of that run.
declare -A secs mib
measure() {
	local name=$1 out=$2
	shift 2
	local best="" bestrss="" t rss
	for _ in $(seq "$runs"); do
		read -r t rss < <("$dir/peak" -o "$out" -- "$@")
		if [ -z "$best" ] || awk -v a="$t" -v b="$best" 'BEGIN{exit !(a<b)}'; then
			best=$t bestrss=$rss
		fi
	done
	secs[$name]=$best
	mib[$name]=$bestrss
	printf '%-28s %8.2f s %8.1f MiB\n' "$name" "$best" "$bestrss"
}

echo "input: $in ($(wc -c <"$in") bytes, $n partners); $(nproc) CPUs; $(go version)"
echo "each figure: best (minimum) wall time of $runs runs, and the peak RSS of that run"
echo
measure "baseline -o csv" "$dir/base.csv" "$dir/baseline" -o csv "$in"
measure "baseline -o ndjson" "$dir/base.ndjson" "$dir/baseline" -o ndjson "$in"
measure "tiercalc vpn-2009 csv" "$dir/tc.csv" "$dir/tiercalc" check -p vpn-2009 -o csv "$in"
measure "tiercalc vpn-2009 ndjson" "$dir/tc.ndjson" "$dir/tiercalc" check -p vpn-2009 -o ndjson "$in"
measure "tiercalc vpn-2009 json" "$dir/tc.json" "$dir/tiercalc" check -p vpn-2009 -o json "$in"
# All three programs write 7 to 8 times the bytes; the disk's writeback of 3.7 GB
# would then dominate and swing the figure, so one program and all three are
# compared with their output thrown away (/dev/null).
# check without -p leaves out ended programs (vpn-2009, partner-connect-2020),
# so the three are named.
all3=(-p vpn-2009 -p partner-connect-2020 -p broadcom-advantage-2024)
measure "tiercalc all three csv" /dev/null "$dir/tiercalc" check "${all3[@]}" -o csv "$in"
measure "tiercalc all three ndjson" /dev/null "$dir/tiercalc" check "${all3[@]}" -o ndjson "$in"
measure "vpn-2009 csv to /dev/null" /dev/null "$dir/tiercalc" check -p vpn-2009 -o csv "$in"
measure "vpn-2009 ndjson to /dev/null" /dev/null "$dir/tiercalc" check -p vpn-2009 -o ndjson "$in"

differ=0
same() { if cmp -s "$1" "$2"; then echo "identical"; else differ=1; echo "DIFFERENT"; fi; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.2f", a/b}'; }
echo
csv_same=$(same "$dir/base.csv" "$dir/tc.csv")
ndjson_same=$(same "$dir/base.ndjson" "$dir/tc.ndjson")
[ "$csv_same" = identical ] && [ "$ndjson_same" = identical ] || differ=1
echo "outputs: csv $csv_same, ndjson $ndjson_same (tiercalc vs baseline)"
echo "ratio tiercalc/baseline, -o csv:     $(ratio "${secs[tiercalc vpn-2009 csv]}" "${secs[baseline -o csv]}")  (target <= 1.5)"
echo "ratio tiercalc/baseline, -o ndjson:  $(ratio "${secs[tiercalc vpn-2009 ndjson]}" "${secs[baseline -o ndjson]}")  (target <= 1.5)"
echo "ratio tiercalc ndjson/baseline csv:  $(ratio "${secs[tiercalc vpn-2009 ndjson]}" "${secs[baseline -o csv]}")"
echo "ratio all three/one program, csv:    $(ratio "${secs[tiercalc all three csv]}" "${secs[vpn-2009 csv to /dev/null]}")  (target <= 3; both to /dev/null)"
echo "ratio all three/one program, ndjson: $(ratio "${secs[tiercalc all three ndjson]}" "${secs[vpn-2009 ndjson to /dev/null]}")  (target <= 3; both to /dev/null)"
printf 'peak RSS MiB: csv %.1f, ndjson %.1f, json %.1f, all three csv %.1f, ndjson %.1f  (target <= 64)\n' \
	"${mib[tiercalc vpn-2009 csv]}" "${mib[tiercalc vpn-2009 ndjson]}" "${mib[tiercalc vpn-2009 json]}" \
	"${mib[tiercalc all three csv]}" "${mib[tiercalc all three ndjson]}"
if [ "$differ" = 1 ]; then
	echo "FAIL: tiercalc and the baseline disagree; the timings compare different work" >&2
	exit 1
fi
