package cli

import (
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/tiercalc/tiercalc/pkg/engine"
	"github.com/tiercalc/tiercalc/pkg/partner"
	"github.com/tiercalc/tiercalc/pkg/report"
	"github.com/tiercalc/tiercalc/pkg/rulebook"
)

// CheckOptions are the settings of one `tiercalc check` run.
type CheckOptions struct {
	Deps   *Deps
	Global *globalOptions
	inputOptions

	FailBelow string
	Output    *enumValue
}

// NewCmdCheck builds `tiercalc check`. Tests pass runF to capture the parsed
// options; nil runs the real thing.
func NewCmdCheck(d *Deps, g *globalOptions, runF func(*CheckOptions) error) *cobra.Command {
	opts := &CheckOptions{Deps: d, Global: g, Output: newEnum("table", report.FormatNamesFor(report.ViewCheck))}
	cmd := &cobra.Command{
		Use:   "check [FILE...]",
		Short: "Evaluate partners against programs: tier, next tier, what is missing",
		Long: `Evaluate every partner record against the selected programs and print, per
partner, program and track, the tier it holds, the next tier and every
requirement it still misses. FILE is CSV, JSON, NDJSON or YAML (by extension,
or --input-format); "-" or no FILE reads stdin.`,
		Example: `  tiercalc check testdata/partners.csv
  tiercalc check -p vpn-2009 --as-of 2009-09-30 -o json partners.csv
  tiercalc check --fail-below Enterprise -p vpn-2009 partners.csv`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := opts.take(args); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return runCheck(opts)
		},
	}
	f := cmd.Flags()
	opts.addFlags(f)
	f.StringVar(&opts.FailBelow, "fail-below", "", "exit 6 when any result ranks below this `TIER`")
	f.VarP(opts.Output, "output", "o", "output format: "+joinFormats(opts.Output.allowed))
	return cmd
}

func runCheck(o *CheckOptions) error {
	d := o.Deps
	ev, err := newEvaluation(d, o.Global, &o.inputOptions)
	if err != nil {
		return err
	}
	gate, err := newGate(o.FailBelow, ev.resolved)
	if err != nil {
		return err
	}
	inputs, err := resolveInputs(o.Files, o.InputFormat, d, d.InIsTerminal)
	if err != nil {
		return err
	}

	r := startRun(d)
	format, _ := report.ParseFormat(o.Output.String())
	printer, err := report.New(format, r.out, report.Options{Programs: ev.infos(), Gate: gate.check})
	if err != nil {
		return err
	}
	pl := r.pipeline(ev.set.Schema(), inputs, o.Lenient, o.MaxErrors, ev.evaluate,
		func(results []engine.Result) error {
			for _, res := range results {
				gate.observe(res)
				if err := printer.Print(res); err != nil {
					return err
				}
			}
			return nil
		})
	if a, ok := printer.(report.Appender); ok {
		pl.encodeWith(a, gate.observe)
	}
	st, runErr := pl.run()
	if err := r.finish(st, runErr, printer.Close); err != nil {
		return err
	}
	return gate.err()
}

// printRejection reports one rejected record (or unreadable input) with its
// hint, if it has one.
func printRejection(d *Deps, err error) {
	printError(d.ErrOut, withHint(err))
}

// withHint lifts the hint of a reader error into an ExitError for printing.
func withHint(err error) error {
	hint := ""
	switch e := err.(type) {
	case *partner.RecordError:
		hint = e.Hint
	case *partner.HeaderError:
		hint = e.Hint
	default:
		return err
	}
	ee := &ExitError{Code: ExitRejected, Err: err}
	if hint != "" {
		ee.Hints = []string{hint}
	}
	return ee
}

// gate implements --fail-below: a result trips it when its tier ranks below
// the named tier on a track that has that tier.
type gate struct {
	tier    string
	tracks  map[string]map[string]*rulebook.Track // program -> track id -> track having the tier
	tripped int
	first   []string
}

func newGate(tier string, resolved []*rulebook.Resolved) (*gate, error) {
	g := &gate{tier: tier}
	if tier == "" {
		return g, nil
	}
	g.tracks = map[string]map[string]*rulebook.Track{}
	var all []string
	for _, rv := range resolved {
		for _, t := range rv.Tracks {
			for _, tr := range t.Tiers {
				if !slices.Contains(all, tr.Name) {
					all = append(all, tr.Name)
				}
			}
			if t.Rank(tier) >= 0 {
				if g.tracks[rv.Program.ID] == nil {
					g.tracks[rv.Program.ID] = map[string]*rulebook.Track{}
				}
				g.tracks[rv.Program.ID][t.ID] = t
			}
		}
	}
	if len(g.tracks) == 0 {
		e := usageErr("--fail-below %q: no selected program has a tier of that name", tier)
		if m := closest(tier, all); m != "" {
			e.hint("did you mean --fail-below %s?", m)
		}
		return nil, e.hint("tiers of the selected programs: %s", strings.Join(all, ", "))
	}
	return g, nil
}

// check reports whether r trips the gate, and why.
func (g *gate) check(r engine.Result) (bool, string) {
	if g == nil || g.tracks == nil {
		return false, ""
	}
	t := g.tracks[r.Program][r.Track]
	if t == nil {
		return false, ""
	}
	held, rank := "no tier", -1
	if r.Tier != nil {
		held, rank = *r.Tier, t.Rank(*r.Tier)
	}
	if rank >= t.Rank(g.tier) {
		return false, ""
	}
	return true, fmt.Sprintf("%s ranks below %s", held, g.tier)
}

func (g *gate) observe(r engine.Result) {
	if bad, _ := g.check(r); bad {
		g.tripped++
		if len(g.first) < 5 {
			where := r.Program
			if r.Track != "" {
				where += "/" + r.Track
			}
			g.first = append(g.first, fmt.Sprintf("%s (%s)", r.Partner, where))
		}
	}
}

func (g *gate) err() error {
	if g.tripped == 0 {
		return nil
	}
	more := ""
	if g.tripped > len(g.first) {
		more = fmt.Sprintf(" and %d more", g.tripped-len(g.first))
	}
	return &ExitError{Code: ExitGate, Err: fmt.Errorf("--fail-below %s: %d result(s) rank below %s: %s%s",
		g.tier, g.tripped, g.tier, strings.Join(g.first, ", "), more)}
}
