// Package diff is `tiercalc rules diff`: what changes from one rulebook, or
// edition, to another.
package diff

import (
	"bufio"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/tiercalc/tiercalc/pkg/cmdutil"
	"github.com/tiercalc/tiercalc/pkg/engine"
	"github.com/tiercalc/tiercalc/pkg/impact"
	"github.com/tiercalc/tiercalc/pkg/internal/batch"
	"github.com/tiercalc/tiercalc/pkg/partner"
	"github.com/tiercalc/tiercalc/pkg/report"
	"github.com/tiercalc/tiercalc/pkg/rulebook"
)

// DiffOptions are the settings of `rules diff`.
type DiffOptions struct {
	Factory *cmdutil.Factory
	Print   *cmdutil.PrintFlags
	A, B    string
	// AsOf are the --as-of values as given; Dates are A's and B's dates.
	AsOf  []string
	Dates [2]time.Time
	// Input holds --partners (its Files) and the record flags.
	Input cmdutil.InputOptions
	// List lists every partner that changes tier (--list).
	List bool
	// FailOnDowngrade exits 6 when a partner falls (--fail-on-downgrade).
	FailOnDowngrade bool
}

// NewCmdDiff builds `tiercalc rules diff`.
func NewCmdDiff(f *cmdutil.Factory, runF func(*DiffOptions) error) *cobra.Command {
	opts := &DiffOptions{Factory: f, Print: cmdutil.NewPrintFlags(report.ViewRulesDiff)}
	cmd := &cobra.Command{
		Use:   "diff A B",
		Short: "List what changes from rulebook A to rulebook B, and its impact on partners",
		Long: `List the tiers added, removed or renamed (through B's mapping from A), the
tiers and requirements whose regions change, the requirements added or
removed and the thresholds changed (old -> new), tier by tier, comparing what
a partner must meet to hold each tier. A and B are program ids or rulebook
files; a file is read beside the loaded programs and replaces none, so a
proposal that keeps a shipped id can be diffed against the shipped rulebook
(the sides are then named "ID (embedded)" and "ID (FILE)"). Give one program
twice with two --as-of dates to compare two of its editions.

With --partners FILE (repeatable), also evaluate those partners under A and
B and count who changes tier (the tier each qualifies for, on its best
track) with, for each move, the change that made the difference: a changed
requirement whose verdict for the partner differs between A's version and
B's, or a tier that exists in the partner's region on one side only. Only
counts are kept, so any number of partners streams in bounded memory;
--list also lists each partner that changes tier (one row each, kept).
--fail-on-downgrade exits 6 when any partner falls (down, lost, or to an
undecided result), for a check on a rulebook pull request.

-o json carries each change as data: kind, track, from_tier, to_tier, key
(what the requirement tests), requirement (its id), field (name,
requirement, min, regions, illustrative), old and new (a number, a list of
regions where [] is every region, a boolean, or a requirement object),
edition (between two dates of one program, the edition that made the
change), and with --partners an "impact" whose causes index "changes"
from 0.`,
		Example: `  tiercalc rules diff vpn-2009 partner-connect-2020
  tiercalc rules diff vpn-2009 vpn-2009 --as-of 2009-05-01 --as-of 2010-07-01
  tiercalc rules diff partner-connect-2020 my-proposal.yaml -o markdown
  tiercalc rules diff vpn-2009 ./proposal.yaml --partners partners.csv -o json`,
		Args: cmdutil.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.A, opts.B = args[0], args[1]
			if len(opts.AsOf) > 2 {
				return cmdutil.UsageErrorf("rules diff takes at most two --as-of dates, got %d", len(opts.AsOf))
			}
			if err := opts.resolveDates(); err != nil {
				return err
			}
			if err := opts.checkPartnerFlags(cmd); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return diffRun(opts)
		},
	}
	fl := cmd.Flags()
	fl.StringArrayVar(&opts.AsOf, "as-of", nil, "resolve editions as of this `DATE`; give it twice for A's and B's dates")
	fl.StringArrayVar(&opts.Input.Files, "partners", nil, "count how the partners of this `FILE` (repeatable; - for stdin) change tier, and why")
	fl.BoolVar(&opts.List, "list", false, "with --partners, also list each partner that changes tier")
	fl.BoolVar(&opts.FailOnDowngrade, "fail-on-downgrade", false, "with --partners, exit 6 when any partner moves down or loses its tier from A to B")
	opts.Input.AddRecordFlags(fl) // with --partners
	opts.Print.AddFlags(cmd)
	return cmd
}

// checkPartnerFlags refuses the record flags without --partners.
func (o *DiffOptions) checkPartnerFlags(cmd *cobra.Command) error {
	if len(o.Input.Files) > 0 {
		return o.Input.Take(o.Input.Files)
	}
	for _, name := range []string{"list", "fail-on-downgrade", "input-format", "lenient", "max-errors"} {
		if cmd.Flags().Changed(name) {
			return cmdutil.UsageErrorf("--%s needs --partners", name).Hintf("e.g. tiercalc rules diff A B --partners partners.csv --%s", name)
		}
	}
	return nil
}

// resolveDates reads --as-of: none is today for both sides, one is both
// sides' date, two are A's and B's.
func (o *DiffOptions) resolveDates() error {
	for i := range o.Dates {
		s := ""
		switch len(o.AsOf) {
		case 2:
			s = o.AsOf[i]
		case 1:
			s = o.AsOf[0]
		}
		t, err := cmdutil.ParseDate(s, o.Factory.Now)
		if err != nil {
			return cmdutil.UsageErrorf("--as-of %w", err)
		}
		o.Dates[i] = t
	}
	return nil
}

func diffRun(o *DiffOptions) error {
	f := o.Factory
	set, err := f.Rules()
	if err != nil {
		return err
	}
	var sides [2]cmdutil.ProgramArg
	for i, arg := range []string{o.A, o.B} {
		if sides[i], err = cmdutil.ResolveProgram(f, set, arg); err != nil {
			return err
		}
	}
	a, b := sides[0].Program.At(o.Dates[0]), sides[1].Program.At(o.Dates[1])
	d := report.RulesDiffData{Changes: rulebook.DatedDiff(a, b), Options: report.Options{CSVRaw: o.Print.CSVRaw()}}
	shared := cmdutil.SharedIDs(sides[:])
	for i, rv := range []*rulebook.Resolved{a, b} {
		at := o.Dates[i].Format(cmdutil.DateLayout)
		suffix := ""
		if len(o.AsOf) == 2 {
			suffix = "@" + at
		}
		side := report.DiffSide{Program: rv.Program.ID, Edition: rv.Edition, AsOf: at,
			Origin: sides[i].Origin, Label: sides[i].Label(suffix, shared[i]), Name: rv.Program.ID + suffix}
		if i == 0 {
			d.From = side
		} else {
			d.To = side
		}
	}
	if len(o.Input.Files) == 0 {
		return cmdutil.WriteBuffered(f.IOStreams.ResultsOut(), func(w *bufio.Writer) error {
			return report.RulesDiff(w, o.Print.Format(), d)
		})
	}
	return impactRun(o, set, a, b, d)
}

// impactRun streams the --partners records through A and B, counting
// moves (and keeping one row per mover with --list), then prints the diff
// with its impact.
func impactRun(o *DiffOptions, set *rulebook.Set, a, b *rulebook.Resolved, d report.RulesDiffData) error {
	f := o.Factory
	inputs, err := cmdutil.ResolveInputs(o.Input.Files, o.Input.InputFormat, f.IOStreams)
	if err != nil {
		return err
	}
	im := impact.New(impact.Side{RV: a, At: o.Dates[0]}, impact.Side{RV: b, At: o.Dates[1]}, d.Changes, set.Schema(), o.List)
	d.Impact = im
	r := cmdutil.StartRun(f)
	st, runErr := r.Pipeline(set.Schema(), inputs, &o.Input, im.Eval).Run(batch.Keep(func(_ string, rec *partner.Record, results []engine.Result) error {
		im.Add(rec, results)
		return nil
	}))
	err = r.Finish(st, runErr, func() error {
		if runErr != nil {
			return nil
		}
		return report.RulesDiff(r.Out, o.Print.Format(), d)
	})
	var gateErr error
	if o.FailOnDowngrade && im.Falls() > 0 {
		gateErr = &cmdutil.ExitError{Code: cmdutil.ExitGate,
			Err: fmt.Errorf("--fail-on-downgrade: %d partner(s) move down or lose their tier from %s to %s", im.Falls(), d.From.Label, d.To.Label)}
	}
	if err != nil {
		return cmdutil.AlsoGate(f.IOStreams, err, gateErr)
	}
	return gateErr
}
