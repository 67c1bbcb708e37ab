// Package summary is `tiercalc summary`: partners per tier and the most
// common gaps, per program and track.
package summary

import (
	"encoding/json"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	plancmd "github.com/tiercalc/tiercalc/pkg/cmd/plan"
	"github.com/tiercalc/tiercalc/pkg/cmdutil"
	"github.com/tiercalc/tiercalc/pkg/engine"
	"github.com/tiercalc/tiercalc/pkg/internal/batch"
	"github.com/tiercalc/tiercalc/pkg/partner"
	"github.com/tiercalc/tiercalc/pkg/plan"
	"github.com/tiercalc/tiercalc/pkg/report"
	"github.com/tiercalc/tiercalc/pkg/summary"
)

// SummaryOptions are the settings of one `tiercalc summary` run.
type SummaryOptions struct {
	Factory *cmdutil.Factory
	cmdutil.InputOptions
	Print *cmdutil.PrintFlags

	Top    int
	Budget string
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
	cmd.Flags().IntVar(&opts.Top, "top", 10, "show the `N` most common gaps, notes and missing data per track, and the N partners closest to their next tier per program (0: all gaps)")
	cmd.Flags().StringVar(&opts.Budget, "budget", "", "count the partners whose plan to the next tier costs at most `AMOUNT` US dollars (tiercalc plan's costs)")
	opts.Print.AddFlags(cmd)
	return cmd
}

func summaryRun(o *SummaryOptions) error {
	f := o.Factory
	if err := o.Print.CheckTerminal(f.IOStreams); err != nil {
		return err
	}
	ev, err := cmdutil.NewEvaluation(f, &o.InputOptions)
	if err != nil {
		return err
	}
	inputs, err := cmdutil.ResolveInputs(o.Files, o.InputFormat, f.IOStreams)
	if err != nil {
		return err
	}
	budget := int64(-1)
	if o.Budget != "" {
		if budget, err = parseUSD(o.Budget); err != nil {
			return err
		}
	}
	planner, _, err := plancmd.NewBatch(f, &o.InputOptions, "", "", "", cmdutil.DateFlag{})
	if err != nil {
		return err
	}
	n := o.Top
	if n == 0 {
		n = 10 // --top 0 lists every gap, not every partner
	}
	closest := summary.NewClosest(n, budget)
	// Plans are made on the workers, beside evaluation; the closest set
	// keeps a bounded heap per program.
	eval := func(rec *partner.Record, dst []engine.Result, a *engine.Arena) []engine.Result {
		var rows [4]plan.Row
		for _, row := range planner.Plan(rec, rows[:0]) {
			if row.Status != plan.StatusPlanned || row.Target == nil {
				continue
			}
			closest.Add(row.Program, summary.Closest{Partner: row.Partner, Name: row.Name, Track: row.Track,
				Target: *row.Target, CostUSD: summary.USD(row.Best.CostCents()), Days: json.Number(plan.FormatDays(row.Best.Days)),
				Cents: row.Best.CostCents()})
		}
		return ev.Evaluate(rec, dst, a)
	}
	r := cmdutil.StartRun(f)
	agg := summary.New(ev.Resolved)
	agg.Phrase = report.SummaryGapPhrase
	// The aggregator counts results by value (strings and numbers) and
	// keeps no gaps: the results die with their batch.
	st, runErr := r.Pipeline(ev.Set.Schema(), inputs, &o.InputOptions, eval).Run(
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
		closest.Fill(s)
		return report.WriteSummary(r.Out, o.Print.Format(), s)
	})
}

// parseUSD reads --budget: US dollars with at most two decimals, exactly.
func parseUSD(s string) (int64, error) {
	bad := cmdutil.UsageErrorf("--budget %q: want an amount in US dollars, such as 5000 or 1250.50", s)
	v := strings.TrimPrefix(strings.TrimSpace(s), "$")
	whole, frac, _ := strings.Cut(v, ".")
	if whole == "" || len(frac) > 2 || len(whole) > 13 {
		return 0, bad
	}
	n, err := strconv.ParseInt(whole+frac+strings.Repeat("0", 2-len(frac)), 10, 64)
	if err != nil || n < 0 || strings.ContainsAny(whole, "+-") {
		return 0, bad
	}
	return n, nil
}
