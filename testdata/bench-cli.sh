#!/usr/bin/env bash
# End-to-end benchmark of tiercalc against two references, in one run so
# that all see the same machine:
#   - the lean loop LIMIT: the plainest program doing the work (encoding/csv,
#     vpn-2009 hard-coded, id, tier and gap keys out); not part of the
#     repository. LIMIT is its Go program's directory or a built binary; its
#     input comes from genpartners.py beside it (GENPARTNERS overrides).
#   - the same-output baseline testdata/baseline (byte-identical output).
# Wall time and peak resident memory (testdata/peak, from rusage).
#
#   testdata/bench-cli.sh LIMIT [N ...]     # default N: 1000000 10000000
#
# At the first N every figure is the best of RUNS (default 3) runs, and
# its inputs are kept for the next call; at larger N (generated on the fly
# and deleted after) one run each, for the memory bounds: the figure to
# hold is 64 MiB plus 12 bytes per id.
# BENCH_DIR (default /tmp/tiercalc-bench) holds binaries, inputs, outputs.
set -euo pipefail

if [ $# -lt 1 ]; then
	echo "usage: $0 LIMIT [N ...]   (LIMIT: the lean loop's Go directory or binary)" >&2
	exit 2
fi
limit=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
shift
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000000 10000000)
runs=${RUNS:-3}
dir=${BENCH_DIR:-/tmp/tiercalc-bench}
root=$(cd "$(dirname "$0")/.." && pwd)
limitdir=$limit
[ -d "$limit" ] || limitdir=$(dirname "$limit")
gen=${GENPARTNERS:-$limitdir/../genpartners.py}
[ -f "$gen" ] || gen=$limitdir/genpartners.py
mkdir -p "$dir"
cd "$root"

go build -o "$dir/tiercalc" ./cmd/tiercalc
go build -o "$dir/baseline" ./testdata/baseline
go build -o "$dir/peak" ./testdata/peak
if [ -d "$limit" ]; then
	(cd "$limit" && go build -o "$dir/limit" .)
else
	cp "$limit" "$dir/limit"
fi

declare -A secs mib
# measure NAME OUT IN CMD...: best wall time of $runs and that run's peak
# RSS; IN (or "") is the command's stdin.
measure() {
	local name=$1 out=$2 in=$3
	shift 3
	local best="" bestrss="" t rss
	for _ in $(seq "$runs"); do
		read -r t rss < <("$dir/peak" -i "$in" -o "$out" -- "$@")
		if [ -z "$best" ] || awk -v a="$t" -v b="$best" 'BEGIN{exit !(a<b)}'; then
			best=$t bestrss=$rss
		fi
	done
	secs[$name]=$best
	mib[$name]=$bestrss
	printf '%-36s %8.2f s %8.1f MiB\n' "$name" "$best" "$bestrss"
}
# make N FORMAT: genpartners.py's input, unless already made.
make() {
	local f="$dir/partners-$1.$2"
	[ -s "$f" ] || { python3 "$gen" "$1" "$2" >"$f.tmp" && mv "$f.tmp" "$f"; }
}
ratio() { awk -v a="${secs[$1]}" -v b="${secs[$2]}" 'BEGIN{printf "%.2f", a/b}'; }
verdict() { awk -v r="$1" -v t="$2" 'BEGIN{print (r <= t ? "ok" : "OVER")}'; }
# bound NAME N: the memory bound, 64 MiB plus 12 bytes per id, checked.
bound() {
	awk -v m="${mib[$1]}" -v n="$2" -v name="$1" 'BEGIN{b = 64 + 12*n/1048576;
		printf "%-36s %8.1f MiB  bound %.1f MiB  %s\n", name, m, b, (m <= b ? "ok" : "OVER")}'
}

echo "machine: $(nproc) CPUs, $(awk -F': ' '/model name/{print $2; exit}' /proc/cpuinfo); $(go version); load: $(cut -d' ' -f1-3 /proc/loadavg)"
differ=0
first=1
for n in "${sizes[@]}"; do
	in="$dir/partners-$n.csv"
	echo
	echo "== $n partners (genpartners.py), $([ $first = 1 ] && echo "best of $runs runs" || echo "one run each")"
	make "$n" csv
	if [ $first = 1 ]; then
		make "$n" ndjson
		make "$n" json
	else
		runs=1
	fi
	tc="$dir/tiercalc"
	measure "lean loop (limit)" "$dir/limit.out" "$in" "$dir/limit"
	measure "baseline -o csv" "$dir/base.csv" "" "$dir/baseline" -o csv "$in"
	measure "check vpn-2009 -o csv" "$dir/tc.csv" "" "$tc" check --program vpn-2009 -o csv "$in"
	if cmp -s "$dir/base.csv" "$dir/tc.csv"; then echo "outputs: tiercalc and baseline identical"; else differ=1; echo "outputs: DIFFERENT"; fi
	r=$(ratio "check vpn-2009 -o csv" "lean loop (limit)")
	echo "ratio check -o csv / lean loop:       $r  (target <= 0.75: $(verdict "$r" 0.75))"
	echo "ratio check -o csv / baseline:        $(ratio "check vpn-2009 -o csv" "baseline -o csv")"
	if [ $first = 1 ]; then
		all3=(--program vpn-2009 --program partner-connect-2020 --program broadcom-advantage-2024)
		measure "one program, csv to /dev/null" /dev/null "" "$tc" check --program vpn-2009 -o csv "$in"
		measure "all three, csv to /dev/null" /dev/null "" "$tc" check "${all3[@]}" -o csv "$in"
		r=$(ratio "all three, csv to /dev/null" "one program, csv to /dev/null")
		echo "ratio all three / one program:        $r  (target <= 2: $(verdict "$r" 2))"
		measure "baseline -o ndjson" "$dir/base.ndjson" "" "$dir/baseline" -o ndjson "$in"
		measure "check -o ndjson" "$dir/tc.ndjson" "" "$tc" check --program vpn-2009 -o ndjson "$in"
		cmp -s "$dir/base.ndjson" "$dir/tc.ndjson" || { differ=1; echo "outputs: ndjson DIFFERENT"; }
		measure "check NDJSON input -o csv" "$dir/tc-nd.csv" "" "$tc" check --program vpn-2009 -o csv "$dir/partners-$n.ndjson"
		measure "check JSON input -o csv" "$dir/tc-js.csv" "" "$tc" check --program vpn-2009 -o csv "$dir/partners-$n.json"
		# An empty CSV cell is an unknown list, genpartners' JSON [] a known
		# empty one: the two JSON inputs agree with each other, not with CSV.
		cmp -s "$dir/tc-nd.csv" "$dir/tc-js.csv" || { differ=1; echo "outputs: JSON and NDJSON inputs DIFFERENT"; }
		for k in "check -o ndjson" "check NDJSON input -o csv" "check JSON input -o csv"; do
			r=$(ratio "$k" "check vpn-2009 -o csv")
			printf 'ratio %-30s %s  (target <= 1.5: %s); / baseline: %s\n' "$k / csv:" "$r" "$(verdict "$r" 1.5)" "$(ratio "$k" "baseline -o csv")"
		done
	fi
	measure "summary" /dev/null "" "$tc" summary --program vpn-2009 "$in"
	measure "compare -o csv" /dev/null "" "$tc" compare --program vpn-2009 --program partner-connect-2020 -o csv "$in"
	measure "plan -o csv" /dev/null "" "$tc" plan --program vpn-2009 -o csv "$in"
	measure "check -o csv --unique-ids" /dev/null "" "$tc" check --program vpn-2009 -o csv --unique-ids "$in"
	for k in "check vpn-2009 -o csv" summary "compare -o csv" "plan -o csv"; do bound "$k" "$n"; done
	bound "check -o csv --unique-ids" 0
	[ $first = 1 ] || rm -f "$in"
	first=0
done
if [ "$differ" = 1 ]; then
	echo "FAIL: outputs differ; the timings compare different work" >&2
	exit 1
fi
