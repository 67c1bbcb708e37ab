// Package summary is `tiercalc summary`: partners per tier and the most
// common gaps, per program and track.
package summary

import (
	"github.com/spf13/cobra"

	"github.com/tiercalc/tiercalc/pkg/cmdutil"
	"github.com/tiercalc/tiercalc/pkg/engine"
	"github.com/tiercalc/tiercalc/pkg/internal/batch"
	"github.com/tiercalc/tiercalc/pkg/report"
	"github.com/tiercalc/tiercalc/pkg/summary"
)

// SummaryOptions are the settings of one `tiercalc summary` run.
type SummaryOptions struct {
	Factory *cmdutil.Factory
	cmdutil.InputOptions
	Print *cmdutil.PrintFlags

	Top int
}

// NewCmdSummary builds `tiercalc summary`.
func NewCmdSummary(f *cmdutil.Factory, runF func(*SummaryOptions) error) *cobra.Command {
	opts := &SummaryOptions{Factory: f, Print: cmdutil.NewPrintFlags(report.ViewSummary)}
	cmd := &cobra.Command{
		Use:   "summary [FILE...]",
		Short: "Count partners per tier and the most common gaps to the next tier",
		Long: `Evaluate every partner record as check does and print, per program and track,
how many partners hold each tier ("none": no tier) and have each status, the
most common gaps to the next tier ("412 partners are 1 VTSP short of
Enterprise"; a * marks a gap resting on an assumed number), the results'
notes and the data the records most often lack. Revenue and other
metric gaps are grouped by a rounded-up bound ("up to US$10,000"). Records
stream through: memory does not grow with the number of partners.`,
		Example: `  tiercalc summary testdata/partners.csv
  tiercalc summary -p vpn-2009 --top 5 partners.csv
  tiercalc summary -o markdown partners.csv >> "$GITHUB_STEP_SUMMARY"`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := opts.Take(args); err != nil {
				return err
			}
			if opts.Top < 0 {
				return cmdutil.UsageErrorf("--top must be 0 (all) or more, got %d", opts.Top)
			}
			if runF != nil {
				return runF(opts)
			}
			return summaryRun(opts)
		},
	}
	opts.AddFlags(cmd.Flags(), cmdutil.ProgramHelp)
	cmd.Flags().IntVar(&opts.Top, "top", 10, "show the `N` most common gaps, notes and missing data per track (0: all)")
	opts.Print.AddFlags(cmd)
	return cmd
}

func summaryRun(o *SummaryOptions) error {
	f := o.Factory
	ev, err := cmdutil.NewEvaluation(f, &o.InputOptions)
	if err != nil {
		return err
	}
	inputs, err := cmdutil.ResolveInputs(o.Files, o.InputFormat, f.IOStreams)
	if err != nil {
		return err
	}
	r := cmdutil.StartRun(f)
	agg := summary.New(ev.Resolved)
	agg.Phrase = report.SummaryGapPhrase
	// The aggregator counts results by value (strings and numbers) and
	// keeps no gaps: the results die with their batch.
	st, runErr := r.Pipeline(ev.Set.Schema(), inputs, &o.InputOptions, ev.Evaluate).Run(
		batch.Transient(func(results []engine.Result) error {
			for i := range results {
				agg.Add(&results[i])
			}
			return nil
		}))
	return r.Finish(st, runErr, func() error {
		if runErr != nil {
			return nil
		}
		s := agg.Summary(ev.AsOf.Format(cmdutil.DateLayout), o.Top)
		return report.WriteSummary(r.Out, o.Print.Format(), s)
	})
}
