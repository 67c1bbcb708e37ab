// Package report is `tiercalc report`: one self-contained HTML page for
// people (counts per program and track, moves between generations, common
// gaps, the partners closest to their next tier and a statement per
// partner).
package report

import (
	"encoding/json"

	"github.com/spf13/cobra"

	plancmd "github.com/tiercalc/tiercalc/pkg/cmd/plan"
	"github.com/tiercalc/tiercalc/pkg/cmdutil"
	"github.com/tiercalc/tiercalc/pkg/compare"
	"github.com/tiercalc/tiercalc/pkg/engine"
	"github.com/tiercalc/tiercalc/pkg/htmlreport"
	"github.com/tiercalc/tiercalc/pkg/internal/batch"
	"github.com/tiercalc/tiercalc/pkg/partner"
	"github.com/tiercalc/tiercalc/pkg/plan"
	"github.com/tiercalc/tiercalc/pkg/report"
	"github.com/tiercalc/tiercalc/pkg/summary"
)

// ReportOptions are the settings of one `tiercalc report` run.
type ReportOptions struct {
	Factory *cmdutil.Factory
	cmdutil.InputOptions

	Format        string
	Top           int
	MaxStatements int
	Costs         string
}

// Formats are report's -o values, the default first.
var Formats = []string{"html", "json"}

// NewCmdReport builds `tiercalc report`.
func NewCmdReport(f *cmdutil.Factory, runF func(*ReportOptions) error) *cobra.Command {
	opts := &ReportOptions{Factory: f}
	cmd := &cobra.Command{
		Use:   "report [FILE...]",
		Short: "Write an HTML report for people: charts, gaps, closest partners, statements",
		Long: `Evaluate every partner record as check does and write one self-contained
HTML page (no network request of any kind: inline style, inline SVG charts):
per program and track the partners per tier and status (bar charts, each with
its table), the moves between consecutive generations (a heat map and its
table) when several programs are selected, the most common gaps and the data
most often missing, the partners closest to their next tier with their
cheapest plans (tiercalc plan's costs; --costs FILE), a statement for each of
the first --max-statements partners (linked from the overview), and the
rulebooks' sources. Every assumed number or cost is marked *.

Records stream through: memory grows with what the page shows, not with the
number of partners. The page embeds its data as JSON in
<script type="application/json" id="tiercalc-data">; -o json prints that data.`,
		Example: `  tiercalc report testdata/partners.csv --out report.html
  tiercalc report -p vpn-2009 -p partner-connect-2020 --as-of 2021-01-01 partners.csv --out r.html
  tiercalc report --max-statements 0 -o json partners.csv | jq '.programs[].tracks[].tiers'`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := opts.Take(args); err != nil {
				return err
			}
			if opts.Top < 1 {
				return cmdutil.UsageErrorf("--top must be 1 or more, got %d", opts.Top)
			}
			if opts.MaxStatements < 0 {
				return cmdutil.UsageErrorf("--max-statements must be 0 (none) or more, got %d", opts.MaxStatements)
			}
			if runF != nil {
				return runF(opts)
			}
			return reportRun(opts)
		},
	}
	opts.AddFlags(cmd.Flags(), cmdutil.ProgramHelp)
	cmdutil.StringEnumFlag(cmd, &opts.Format, "output", "o", Formats[0], Formats, "output format")
	cmd.Flags().IntVar(&opts.Top, "top", 10, "show the `N` most common gaps and missing data per track, and the N partners closest to their next tier per program")
	cmd.Flags().IntVar(&opts.MaxStatements, "max-statements", 1000, "include the statements of the first `N` partners (0: none); the report says how many it left out")
	cmd.Flags().StringVar(&opts.Costs, "costs", "", "costs `FILE` for the plans (YAML; default: the shipped costs)")
	return cmd
}

func reportRun(o *ReportOptions) error {
	f := o.Factory
	planner, ev, err := plancmd.NewBatch(f, &o.InputOptions, o.Costs, "", "", cmdutil.DateFlag{})
	if err != nil {
		return err
	}
	inputs, err := cmdutil.ResolveInputs(o.Files, o.InputFormat, f.IOStreams)
	if err != nil {
		return err
	}
	closest := summary.NewClosest(o.Top, -1)
	agg := summary.New(ev.Resolved)
	agg.Phrase = report.SummaryGapPhrase
	var cmp *compare.Comparer
	if len(ev.Resolved) > 1 {
		var cols []compare.Column
		for _, rv := range ev.Resolved {
			cols = append(cols, compare.Column{Key: rv.Program.ID, RV: rv, At: ev.AsOf})
		}
		cmp = compare.New(cols)
	}
	builder := htmlreport.NewBuilder(ev.AsOf, ev.Resolved, ev.Set.Schema(), planner)
	var statements []*htmlreport.Statement
	partners := 0
	// Plans for the closest lists are made on the workers, beside
	// evaluation; statements are made in input order, for the first
	// --max-statements partners only.
	eval := func(rec *partner.Record, dst []engine.Result, a *engine.Arena) []engine.Result {
		var rows [4]plan.Row
		for _, row := range planner.Plan(rec, rows[:0]) {
			offerClosest(closest, &row)
		}
		return ev.Evaluate(rec, dst, a)
	}
	sink := batch.Keep(func(_ string, rec *partner.Record, results []engine.Result) error {
		partners++
		for i := range results {
			agg.Add(&results[i])
		}
		if cmp != nil {
			cmp.Add(results)
		}
		if len(statements) < o.MaxStatements {
			statements = append(statements, builder.Statement(rec, results))
		}
		return nil
	})
	r := cmdutil.StartRun(f)
	st, runErr := r.Pipeline(ev.Set.Schema(), inputs, &o.InputOptions, eval).Run(sink)
	return r.Finish(st, runErr, func() error {
		if runErr != nil {
			return nil
		}
		s := agg.Summary(ev.AsOf.Format(cmdutil.DateLayout), o.Top)
		closest.Fill(s)
		rep := htmlreport.New(s, partners, ev.Resolved)
		rep.Statements = append(rep.Statements, statements...)
		rep.MaxStatements, rep.LeftOut = o.MaxStatements, partners-len(statements)
		if cmp != nil {
			rep.AddTransitions(cmp)
		}
		rep.Link()
		if o.Format == "json" {
			return htmlreport.WriteJSON(r.Out, rep)
		}
		return htmlreport.WriteHTML(r.Out, rep)
	})
}

// offerClosest offers a planned row to the closest lists, with its
// actions worded.
func offerClosest(c *summary.ClosestSet, row *plan.Row) {
	if row.Status != plan.StatusPlanned || row.Target == nil {
		return
	}
	var actions []string
	for i := range row.Best.Actions {
		actions = append(actions, report.PlanAction(&row.Best.Actions[i]))
	}
	c.Add(row.Program, summary.Closest{Partner: row.Partner, Name: row.Name, Track: row.Track,
		Target: *row.Target, CostUSD: summary.USD(row.Best.CostCents()), Days: json.Number(plan.FormatDays(row.Best.Days)),
		Cents: row.Best.CostCents(), Actions: actions, Illustrative: htmlreport.PlanAssumed(&row.Best)})
}
