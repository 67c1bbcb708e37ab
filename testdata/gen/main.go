// Command gen writes synthetic partners to stdout, deterministically
// (pkg/synth), in the contract's CSV format or another input format: N partners
// of the benchmark shape, or one of pkg/synth's fixed presets
// (testdata/populations.md states their assumptions):
//
//	go run ./testdata/gen -n 1000000 -seed 1 > /tmp/p1m.csv
//	go run ./testdata/gen -n 1000 -format yaml > /tmp/p1k.yaml
//	go run ./testdata/gen -preset france-2009 > testdata/france-2009.csv
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
	n := flag.Int("n", 1000, "number of partners (benchmark shape only)")
	seed := flag.Uint64("seed", 1, "random seed; the same n and seed give the same file (benchmark shape only)")
	format := flag.String("format", "csv", "output format: "+strings.Join(synth.Formats, "|"))
	preset := flag.String("preset", synth.Default, "population: "+strings.Join(synth.Presets(), "|"))
	flag.Usage = func() {
		fmt.Fprintln(flag.CommandLine.Output(), "usage: gen [-preset NAME] [-n N -seed S] [-format F] > FILE\n\npresets:")
		for _, name := range synth.Presets() {
			p, _ := synth.Preset(name)
			fmt.Fprintf(flag.CommandLine.Output(), "  %-12s %s\n", p.Name, p.Doc)
		}
		fmt.Fprintln(flag.CommandLine.Output(), "\nflags:")
		flag.PrintDefaults()
	}
	flag.Parse()
	p, err := synth.Preset(*preset)
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		return 2
	}
	if p.Fixed() {
		bad := ""
		flag.Visit(func(f *flag.Flag) {
			if f.Name == "n" || f.Name == "seed" {
				bad = f.Name
			}
		})
		if bad != "" {
			fmt.Fprintf(os.Stderr, "gen: -%s does not apply to preset %s: it is %d partners from seed %d\n", bad, p.Name, p.N, p.Seed)
			return 2
		}
	}
	if err := p.WriteFormat(os.Stdout, *format, *n, *seed); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		return 1
	}
	return 0
}
