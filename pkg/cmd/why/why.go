// Package why is `tiercalc why`: why one partner gets its tier, requirement
// by requirement, on each selected program.
package why

import (
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/tiercalc/tiercalc/pkg/cmdutil"
	"github.com/tiercalc/tiercalc/pkg/engine"
	"github.com/tiercalc/tiercalc/pkg/internal/batch"
	"github.com/tiercalc/tiercalc/pkg/internal/suggest"
	"github.com/tiercalc/tiercalc/pkg/partner"
	"github.com/tiercalc/tiercalc/pkg/report"
	"github.com/tiercalc/tiercalc/pkg/rulebook"
)

// WhyOptions are the settings of one `tiercalc why` run.
type WhyOptions struct {
	Factory *cmdutil.Factory
	cmdutil.InputOptions
	Print *cmdutil.PrintFlags

	Partner string
	Track   string
	Tier    string
	All     bool
	WhatIf  cmdutil.WhatIfOptions
}

// NewCmdWhy builds `tiercalc why`. Tests pass runF to capture the parsed
// options; nil runs the real thing.
func NewCmdWhy(f *cmdutil.Factory, runF func(*WhyOptions) error) *cobra.Command {
	opts := &WhyOptions{Factory: f, Print: cmdutil.NewPrintFlags(report.ViewWhy)}
	cmd := &cobra.Command{
		Use:   "why PARTNER [FILE...]",
		Short: "Explain one partner's tier, requirement by requirement",
		Long: `Explain why the partner with id PARTNER gets its tier: for each selected program
(default: every program in force on --as-of) and the partner's best track
there (its highest tier; --track to pick one), every tier up to the next one
with each requirement met, unmet or unknown, its numbers (have, need, short),
its source, whether its number is illustrative, which members of an any-of
or N-of-set group counted, and the edition and grace rule that applied.

--tier T answers "why (not) T?" with only the requirements that decide it.
The input is read to the end (rejected records are reported); a PARTNER
that no record has is a usage error (exit 2).`,
		Example: `  tiercalc why FR-0004 testdata/partners.csv
  tiercalc why FR-0004 -p vpn-2009 --as-of 2009-06-01 --all partners.csv
  tiercalc why FR-0005 -p vpn-2009 --tier Premier --assume VTSP=+2 partners.csv
  tiercalc why FR-0001 -o json partners.csv`,
		Args: cmdutil.MinArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Partner = args[0]
			if err := opts.Take(args[1:]); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return whyRun(opts)
		},
	}
	opts.AddFlags(cmd.Flags(), cmdutil.ProgramHelp)
	cmd.Flags().StringVar(&opts.Track, "track", "", "explain this `TRACK` instead of the partner's best one")
	cmd.Flags().StringVar(&opts.Tier, "tier", "", "say only why the partner is or is not this `TIER`")
	cmd.Flags().BoolVar(&opts.All, "all", false, "unfold the met tiers and requirements")
	opts.WhatIf.AddFlags(cmd, false)
	opts.Print.AddFlags(cmd)
	return cmd
}

func whyRun(o *WhyOptions) error {
	f := o.Factory
	ev, err := cmdutil.NewEvaluation(f, &o.InputOptions)
	if err != nil {
		return err
	}
	resolved := ev.Resolved
	if o.Track != "" {
		if resolved, err = withTrack(resolved, o.Track); err != nil {
			return err
		}
	}
	if o.Tier != "" {
		if err := cmdutil.CheckTier("--tier", o.Tier, resolved); err != nil {
			return err
		}
	}
	whatIf, err := o.WhatIf.Resolve(ev.Set.Schema())
	if err != nil {
		return err
	}
	inputs, err := cmdutil.ResolveInputs(o.Files, o.InputFormat, f.IOStreams)
	if err != nil {
		return err
	}

	// The records are streamed and only the partner's is kept; the
	// others are not evaluated.
	var found *partner.Record
	var ids []string
	keep := batch.Keep(func(_ string, rec *partner.Record, _ []engine.Result) error {
		if rec.ID == o.Partner {
			found = rec
		} else if len(ids) < cmdutil.MaxSeenIDs {
			ids = append(ids, rec.ID)
		}
		return nil
	})
	skip := func(_ *partner.Record, dst []engine.Result, _ *engine.Arena) []engine.Result { return dst }
	r := cmdutil.StartRun(f)
	st, runErr := r.Pipeline(ev.Set.Schema(), inputs, &o.InputOptions, skip).Run(keep)
	write := func() error {
		if found == nil {
			return nil
		}
		items := explain(found, whatIf.Apply(found), resolved, ev, o)
		return report.WriteWhy(o.Print.Format(), r.Out, items, report.WhyOptions{AsOf: ev.AsOf, Tier: o.Tier, All: o.All})
	}
	err = r.Finish(st, runErr, write)
	if found == nil && runErr == nil {
		return cmdutil.NotInInput(o.Partner, ids, st)
	}
	return err
}

// explain explains rec on each program's best track (or --track), notes
// of assumptions added.
func explain(rec *partner.Record, notes []string, resolved []*rulebook.Resolved, ev *cmdutil.Evaluation, o *WhyOptions) []report.Why {
	var out []report.Why
	for _, rv := range resolved {
		xs := engine.NewEvaluator(rv, ev.Set.Schema()).Explain(rec, ev.AsOf, o.Tier)
		best, rank := -1, -2
		for i, x := range xs {
			if o.Track != "" && x.Track != o.Track {
				continue
			}
			tr := rv.Track(x.Track)
			if o.Tier != "" && tr.Rank(o.Tier) < 0 {
				continue // a track without the tier asked about
			}
			k := -1
			if x.Tier != nil {
				k = tr.Rank(*x.Tier)
			}
			if k > rank {
				best, rank = i, k
			}
		}
		if best < 0 {
			why := "no track applies to the partner's profiles"
			if o.Tier != "" {
				why = "no track of it that applies to the partner has a tier " + o.Tier
			}
			fmt.Fprintf(o.Factory.IOStreams.ErrOut, "tiercalc: note: %s: %s; not explained\n", rv.Program.ID, why)
			continue
		}
		x := xs[best]
		x.Notes = append(slices.Clip(x.Notes), notes...)
		out = append(out, report.Why{X: x, RV: rv})
	}
	return out
}

// withTrack keeps the programs that have track id.
func withTrack(resolved []*rulebook.Resolved, id string) ([]*rulebook.Resolved, error) {
	var out []*rulebook.Resolved
	var all []string
	for _, rv := range resolved {
		if rv.Track(id) != nil {
			out = append(out, rv)
		}
		for _, t := range rv.Tracks {
			if t.ID != "" && !slices.Contains(all, t.ID) {
				all = append(all, t.ID)
			}
		}
	}
	if len(out) > 0 {
		return out, nil
	}
	e := cmdutil.UsageErrorf("--track %q: no selected program has a track of that name", id)
	if m := suggest.Closest(id, all); m != "" {
		e.Hintf("did you mean --track %s?", m)
	}
	if len(all) == 0 {
		return nil, e.Hintf("the selected programs have one track each: leave --track out")
	}
	return nil, e.Hintf("tracks of the selected programs: %s", strings.Join(all, ", "))
}
