package cli

import (
	"github.com/spf13/cobra"

	"github.com/tiercalc/tiercalc/pkg/engine"
	"github.com/tiercalc/tiercalc/pkg/report"
	"github.com/tiercalc/tiercalc/pkg/summary"
)

// SummaryOptions are the settings of one `tiercalc summary` run.
type SummaryOptions struct {
	Deps   *Deps
	Global *globalOptions
	inputOptions

	Top    int
	Output *enumValue
}

// NewCmdSummary builds `tiercalc summary`.
func NewCmdSummary(d *Deps, g *globalOptions, runF func(*SummaryOptions) error) *cobra.Command {
	opts := &SummaryOptions{Deps: d, Global: g, Output: newEnum("table", report.FormatNamesFor(report.ViewSummary))}
	cmd := &cobra.Command{
		Use:   "summary [FILE...]",
		Short: "Count partners per tier and the most common gaps to the next tier",
		Long: `Evaluate every partner record as check does and print, per program and track,
how many partners hold each tier ("none": no tier) and have each status, the
most common gaps to the next tier ("412 partners are 1 VTSP short of
Enterprise") and the data the records most often lack. Revenue and other
metric gaps are grouped by a rounded-up bound ("up to US$10,000"). Records
stream through: memory does not grow with the number of partners.`,
		Example: `  tiercalc summary testdata/partners.csv
  tiercalc summary -p vpn-2009 --top 5 partners.csv
  tiercalc summary -o markdown partners.csv >> "$GITHUB_STEP_SUMMARY"`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := opts.take(args); err != nil {
				return err
			}
			if opts.Top < 0 {
				return usageErr("--top must be 0 (all) or more, got %d", opts.Top)
			}
			if runF != nil {
				return runF(opts)
			}
			return runSummary(opts)
		},
	}
	f := cmd.Flags()
	opts.addFlags(f)
	f.IntVar(&opts.Top, "top", 10, "show the `N` most common gaps and missing data per track (0: all)")
	f.VarP(opts.Output, "output", "o", "output format: "+joinFormats(opts.Output.allowed))
	return cmd
}

func runSummary(o *SummaryOptions) error {
	d := o.Deps
	ev, err := newEvaluation(d, o.Global, &o.inputOptions)
	if err != nil {
		return err
	}
	inputs, err := resolveInputs(o.Files, o.InputFormat, d, d.InIsTerminal)
	if err != nil {
		return err
	}
	r := startRun(d)
	agg := summary.New(ev.resolved)
	pl := r.pipeline(ev.set.Schema(), inputs, o.Lenient, o.MaxErrors, ev.evaluate,
		func(results []engine.Result) error {
			for i := range results {
				agg.Add(&results[i])
			}
			return nil
		})
	// The aggregator counts results by value (strings and numbers) and
	// keeps no gaps: results can be evaluated into the batch's arena.
	pl.transient = true
	st, runErr := pl.run()
	return r.finish(st, runErr, func() error {
		if runErr != nil {
			return nil
		}
		s := agg.Summary(ev.asOf.Format(dateLayout), o.Top)
		return report.WriteSummary(r.out, report.Format(o.Output.String()), s)
	})
}
