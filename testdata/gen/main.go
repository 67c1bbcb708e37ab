// Command gen writes N synthetic partners to stdout, deterministically
// (pkg/synth), in SPEC.md's CSV format or another input format:
//
//	go run ./testdata/gen -n 1000000 -seed 1 > /tmp/p1m.csv
//	go run ./testdata/gen -n 1000 -format yaml > /tmp/p1k.yaml
package main

import (
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/tiercalc/tiercalc/pkg/synth"
)

func main() { os.Exit(run()) }

// run does the work and returns the exit code, so that deferred work runs
// and main is the one place that exits.
func run() int {
	n := flag.Int("n", 1000, "number of partners")
	seed := flag.Uint64("seed", 1, "random seed; the same n and seed give the same file")
	format := flag.String("format", "csv", "output format: "+strings.Join(synth.Formats, "|"))
	flag.Parse()
	if err := synth.WriteFormat(os.Stdout, *format, *n, *seed); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		return 1
	}
	return 0
}
