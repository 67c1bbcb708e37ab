// Package compare is `tiercalc compare`: the same partners under several
// programs side by side, with the move between each consecutive pair.
package compare

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/tiercalc/tiercalc/pkg/cmdutil"
	"github.com/tiercalc/tiercalc/pkg/compare"
	"github.com/tiercalc/tiercalc/pkg/engine"
	"github.com/tiercalc/tiercalc/pkg/internal/batch"
	"github.com/tiercalc/tiercalc/pkg/partner"
	"github.com/tiercalc/tiercalc/pkg/report"
)

// CompareOptions are the settings of one `tiercalc compare` run.
type CompareOptions struct {
	Factory *cmdutil.Factory
	cmdutil.InputOptions
	Print *cmdutil.PrintFlags

	FailOnDowngrade bool
	WhatIf          cmdutil.WhatIfOptions
}

// NewCmdCompare builds `tiercalc compare`.
func NewCmdCompare(f *cmdutil.Factory, runF func(*CompareOptions) error) *cobra.Command {
	opts := &CompareOptions{Factory: f, Print: cmdutil.NewPrintFlags(report.ViewCompare)}
	cmd := &cobra.Command{
		Use:   "compare [FILE...]",
		Short: "Set partners' tiers under several programs side by side",
		Long: `Evaluate the same partners under several programs (default: every loaded
program that had started by --as-of, in date order, i.e. the generations so
far; one that had ended is evaluated on its last edition, each of its
results saying so) and print each partner's
tier per program, with the move from the previous program (up, down, same,
new, lost) through the rulebooks' tier mappings; then, for each consecutive
pair, how many partners went from each tier to each tier.

--program may name a program at a date, ID@YYYY-MM-DD, to compare two
editions of one program: that column is evaluated as of that date, edition
and grace alike, as check --as-of DATE would; a program named at a date
before it started is an error.`,
		Example: `  tiercalc compare testdata/partners.csv
  tiercalc compare -p vpn-2009@2009-06-01 -p vpn-2009@2010-07-01 partners.csv
  tiercalc compare --fail-on-downgrade -p partner-connect-2020 --rules mine.yaml -p mine partners.csv`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := opts.Take(args); err != nil {
				return err
			}
			if err := opts.Print.Check(); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return compareRun(opts)
		},
	}
	opts.AddFlags(cmd.Flags(), "compare this program `ID` or ID@DATE, in the order given (repeatable)")
	opts.Print.AddFlags(cmd)
	opts.WhatIf.AddFlags(cmd, true)
	cmd.Flags().BoolVar(&opts.FailOnDowngrade, "fail-on-downgrade", false, "exit 6 when any partner moves down or loses its tier between consecutive programs (a fall to an incomplete result counts: gates rank it by its tier)")
	return cmd
}

func compareRun(o *CompareOptions) error {
	f := o.Factory
	asOf := o.AsOf.Time(f.Now)
	set, err := f.Rules()
	if err != nil {
		return err
	}
	var cols []compare.Column
	var infos []report.ProgramInfo
	if len(o.Programs) == 0 {
		for _, p := range cmdutil.Started(f.IOStreams, set.Programs(), asOf) {
			rv, note := cmdutil.Edition(p, asOf)
			cols = append(cols, compare.Column{Key: p.ID, RV: rv, At: asOf, Note: note})
			infos = append(infos, report.ProgramInfo{Name: p.Name, Edition: rv.Edition})
		}
	}
	for _, spec := range o.Programs {
		id, date, dated := strings.Cut(spec, "@")
		at := asOf
		if dated {
			if at, err = cmdutil.ParseDate(date, f.Now); err != nil {
				return cmdutil.UsageErrorf("--program %s: %q is not a date", spec, date).Hintf("use ID@YYYY-MM-DD, e.g. vpn-2009@2010-07-01")
			}
		}
		progs, err := cmdutil.SelectPrograms(set, []string{id})
		if err != nil {
			return err
		}
		if progs[0].Effective.After(at) {
			return cmdutil.NotYet(progs[0], at)
		}
		rv, note := cmdutil.Edition(progs[0], at)
		key := id
		if dated {
			key = id + "@" + at.Format(cmdutil.DateLayout)
		}
		for _, c := range cols {
			if c.Key == key {
				return cmdutil.UsageErrorf("--program %s is named twice", key)
			}
		}
		cols = append(cols, compare.Column{Key: key, RV: rv, At: at, Note: note})
		infos = append(infos, report.ProgramInfo{Name: rv.Program.Name, Edition: rv.Edition})
	}
	if len(cols) < 2 {
		e := cmdutil.UsageErrorf("compare needs at least two programs, got %d", len(cols))
		if len(o.Programs) == 0 {
			return e.Hintf("only %d loaded program had started on %s; pick a later --as-of", len(cols), asOf.Format(cmdutil.DateLayout))
		}
		return e.Hintf("name two or more with --program (-p), e.g. -p vpn-2009 -p partner-connect-2020")
	}
	whatIf, err := o.WhatIf.Resolve(set.Schema())
	if err != nil {
		return err
	}
	inputs, err := cmdutil.ResolveInputs(o.Files, o.InputFormat, f.IOStreams)
	if err != nil {
		return err
	}

	evs := make([]*engine.Evaluator, len(cols))
	for i, c := range cols {
		evs[i] = engine.NewEvaluator(c.RV, set.Schema())
	}
	cmp := compare.New(cols)
	r := cmdutil.StartRun(f)
	printer, err := report.NewCompare(o.Print.Format(), r.Out, cmp, infos, report.Options{CSVRaw: o.Print.CSVRaw()})
	if err != nil {
		return err
	}
	var downs []string
	downgrades := 0
	// Rows keep their results' gaps (describeMove, printers): the sink is
	// a batch.Keep, and eval gets no arena.
	eval := func(rec *partner.Record, dst []engine.Result, _ *engine.Arena) []engine.Result {
		for i, ev := range evs {
			start := len(dst)
			dst = ev.Evaluate(rec, cols[i].At, dst)
			// Results are matched to columns by key, which differs from
			// the program id when one program is compared at two dates.
			for j := start; j < len(dst); j++ {
				dst[j].Program = cols[i].Key
				dst[j].Notes = cmdutil.WithNote(dst[j].Notes, cols[i].Note)
			}
		}
		return dst
	}
	emit := batch.Keep(func(_ *partner.Record, results []engine.Result) error {
		if len(results) == 0 {
			return nil // not a --partner
		}
		row := cmp.Add(results)
		for _, mv := range row.Moves {
			if mv.Falls() {
				downgrades++
				if len(downs) < 10 {
					downs = append(downs, fmt.Sprintf("%s: %s %s -> %s: %s", row.Partner,
						mv.Move, mv.From, mv.To, report.MovePhrase(row, mv)))
				}
			}
		}
		return printer.Row(row)
	})
	st, runErr := r.Pipeline(set.Schema(), inputs, &o.InputOptions, whatIf.Wrap(eval)).Run(emit)
	whatIf.Finish(f.IOStreams)
	gateErr := downgradeGate(o.FailOnDowngrade, downgrades, downs)
	if err := r.Finish(st, runErr, printer.Close); err != nil {
		return cmdutil.AlsoGate(f.IOStreams, err, gateErr)
	}
	return gateErr
}

// downgradeGate is --fail-on-downgrade's error, nil when it did not trip.
func downgradeGate(on bool, downgrades int, downs []string) error {
	if !on || downgrades == 0 {
		return nil
	}
	e := &cmdutil.ExitError{Code: cmdutil.ExitGate, Err: fmt.Errorf("--fail-on-downgrade: %d downgrade(s) between consecutive programs:\n%s",
		downgrades, strings.Join(downs, "\n"))}
	if downgrades > len(downs) {
		e.Hintf("%d more not listed; -o json shows every move", downgrades-len(downs))
	}
	return e
}
