// Package plan is `tiercalc plan`: per partner, the cheapest actions that
// reach a target tier, priced by a costs file.
package plan

import (
	"errors"
	"os"
	"slices"
	"strings"
	"sync"

	"github.com/spf13/cobra"

	"github.com/tiercalc/tiercalc/pkg/cmdutil"
	"github.com/tiercalc/tiercalc/pkg/internal/batch"
	"github.com/tiercalc/tiercalc/pkg/partner"
	"github.com/tiercalc/tiercalc/pkg/plan"
	"github.com/tiercalc/tiercalc/pkg/report"
)

// PlanOptions are the settings of one `tiercalc plan` run.
type PlanOptions struct {
	Factory *cmdutil.Factory
	cmdutil.InputOptions
	Print *cmdutil.PrintFlags

	To    string
	Track string
	By    cmdutil.DateFlag
	Costs string
	// Statuses (--status) keep only the rows with one of them; none: all.
	Statuses []string
}

// NewCmdPlan builds `tiercalc plan`. Tests pass runF to capture the parsed
// options; nil runs the real thing.
func NewCmdPlan(f *cmdutil.Factory, runF func(*PlanOptions) error) *cobra.Command {
	opts := &PlanOptions{Factory: f, Print: cmdutil.NewPrintFlags(report.ViewPlan)}
	cmd := &cobra.Command{
		Use:   "plan [FILE...]",
		Short: "The cheapest way for each partner to reach a tier",
		Long: `For every partner record, the cheapest set of actions (credentials,
competencies, attestations, metric units) that reaches --to TIER (default: the
next tier) under each selected program: on --track, or on every track that
applies with the cheapest kept. Costs come from a costs file (--costs FILE;
default: the shipped one): the plan minimises money + days x day rate; lead
times only decide whether a plan fits --by DATE. What the costs file does not
price (revenue, tier credits, committed cores) is listed as blocking. Up to
two next-cheapest options that differ in structure follow each plan.`,
		Example: `  tiercalc plan -p vpn-2009 --as-of 2010-09-01 testdata/partners.csv
  tiercalc plan -p partner-connect-2020 --to Principal --by 2021-06-30 -o json partners.csv
  tiercalc plan --costs my-costs.yaml -o csv partners.csv`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := opts.Take(args); err != nil {
				return err
			}
			if err := opts.Print.Check(); err != nil {
				return err
			}
			if err := cmdutil.CheckStatuses(opts.Statuses, plan.Statuses); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return planRun(opts)
		},
	}
	opts.AddFlags(cmd.Flags(), cmdutil.ProgramHelp)
	cmd.Flags().StringVar(&opts.To, "to", "", "plan for this `TIER` (default: the next tier)")
	cmd.Flags().StringVar(&opts.Track, "track", "", "plan on this `TRACK` only (default: every track, the cheapest plan)")
	cmd.Flags().Var(&opts.By, "by", "plans must fit their lead times before this `DATE` (YYYY-MM-DD)")
	cmd.Flags().StringVar(&opts.Costs, "costs", "", "costs `FILE` (YAML; default: the shipped costs)")
	cmdutil.AddStatusFlag(cmd, &opts.Statuses, plan.Statuses)
	opts.Print.AddFlags(cmd)
	return cmd
}

// NewBatch returns the planning of o's programs at o's date, with the
// costs of o.Costs: what plan and summary share.
func NewBatch(f *cmdutil.Factory, in *cmdutil.InputOptions, costsFile, to, track string, by cmdutil.DateFlag) (*plan.Batch, *cmdutil.Evaluation, error) {
	ev, err := cmdutil.NewEvaluation(f, in)
	if err != nil {
		return nil, nil, err
	}
	costs, err := loadCosts(costsFile, ev.Set.Schema())
	if err != nil {
		return nil, nil, err
	}
	b := &plan.Batch{AsOf: ev.AsOf, To: to, Track: track}
	if by.String() != "" {
		b.By = by.Time(f.Now)
		if b.By.Before(ev.AsOf) {
			return nil, nil, cmdutil.UsageErrorf("--by %s is before --as-of %s", b.By.Format("2006-01-02"), ev.AsOf.Format("2006-01-02"))
		}
	}
	var tiers, tracks []string
	for _, rv := range ev.Resolved {
		b.Programs = append(b.Programs, plan.Program{Resolved: rv, Planner: plan.NewPlanner(costs, ev.Set.Schema(), rv.Program)})
		for _, t := range rv.Tracks {
			tracks = append(tracks, t.ID)
			for _, tier := range t.Tiers {
				tiers = append(tiers, tier.Name)
			}
		}
	}
	if to != "" && !containsFold(tiers, to) {
		return nil, nil, cmdutil.UsageErrorf("--to %q: no selected program has that tier", to).Hintf("tiers: %s", strings.Join(uniq(tiers), ", "))
	}
	if track != "" && !containsFold(tracks, track) {
		return nil, nil, cmdutil.UsageErrorf("--track %q: no selected program has that track", track).Hintf("tracks: %s", strings.Join(uniq(tracks), ", "))
	}
	return b, ev, nil
}

func loadCosts(file string, s *partner.Schema) (*plan.Costs, error) {
	if file == "" {
		c, err := plan.DefaultCosts()
		if err != nil {
			return nil, cmdutil.InternalError(err)
		}
		return c, nil
	}
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, cmdutil.UsageErrorf("--costs: %v", err)
	}
	c, err := plan.ParseCosts(file, data, s)
	if err != nil {
		return nil, cmdutil.UsageErrorf("%v", err).Hintf("the costs file format is in README.md, \"Costs file\"")
	}
	return c, nil
}

func containsFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

func uniq(list []string) []string {
	var out []string
	for _, x := range list {
		if x != "" && !containsFold(out, x) {
			out = append(out, x)
		}
	}
	return out
}

func planRun(o *PlanOptions) error {
	f := o.Factory
	b, ev, err := NewBatch(f, &o.InputOptions, o.Costs, o.To, o.Track, o.By)
	if err != nil {
		return err
	}
	inputs, err := cmdutil.ResolveInputs(o.Files, o.InputFormat, f.IOStreams)
	if err != nil {
		return err
	}
	r := cmdutil.StartRun(f)
	out, jqDone := o.Print.Output(r.Out)
	printer, err := report.NewPlan(o.Print.Format(), out)
	if err != nil {
		return err
	}
	var pool sync.Pool // *[]plan.Row: one record's rows, encoded then reused
	sink := batch.PerRecord{
		Encode: func(dst []byte, rec *partner.Record) ([]byte, error) {
			rows, _ := pool.Get().(*[]plan.Row)
			if rows == nil {
				rows = new([]plan.Row)
			}
			*rows = b.Plan(rec, (*rows)[:0])
			if len(o.Statuses) > 0 {
				*rows = slices.DeleteFunc(*rows, func(r plan.Row) bool { return !slices.Contains(o.Statuses, r.Status) })
			}
			dst, err := printer.AppendRows(dst, *rows)
			clear(*rows)
			pool.Put(rows)
			return dst, err
		},
		Write: printer.Write,
	}
	st, runErr := r.Pipeline(ev.Set.Schema(), inputs, &o.InputOptions, nil).Run(sink)
	return r.Finish(st, runErr, func() error { return errors.Join(printer.Close(), jqDone()) })
}
