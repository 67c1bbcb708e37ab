// Command gen writes N synthetic partners in SPEC.md's CSV format to
// stdout, deterministically (pkg/synth):
//
//	go run ./testdata/gen -n 1000000 -seed 1 > /tmp/p1m.csv
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/tiercalc/tiercalc/pkg/synth"
)

func main() { os.Exit(run()) }

// run does the work and returns the exit code, so that deferred work runs
// and main is the one place that exits.
func run() int {
	n := flag.Int("n", 1000, "number of partners")
	seed := flag.Uint64("seed", 1, "random seed; the same n and seed give the same file")
	flag.Parse()
	if err := synth.Write(os.Stdout, *n, *seed); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		return 1
	}
	return 0
}
