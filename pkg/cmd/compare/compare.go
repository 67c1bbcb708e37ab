// Package compare is `tiercalc compare`: the same partners under several
// programs side by side, with the move between each consecutive pair.
package compare

import (
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/tiercalc/tiercalc/pkg/cmdutil"
	"github.com/tiercalc/tiercalc/pkg/compare"
	"github.com/tiercalc/tiercalc/pkg/engine"
	"github.com/tiercalc/tiercalc/pkg/internal/batch"
	"github.com/tiercalc/tiercalc/pkg/partner"
	"github.com/tiercalc/tiercalc/pkg/report"
	"github.com/tiercalc/tiercalc/pkg/rulebook"
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
	if err := o.Print.CheckTerminal(f.IOStreams); err != nil {
		return err
	}
	asOf := o.AsOf.Time(f.Now)
	set, err := f.Rules()
	if err != nil {
		return err
	}
	cols, infos, err := compareColumns(o, set, asOf)
	if err != nil {
		return err
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
	var downs downgrades
	emit := batch.Keep(func(_ *partner.Record, results []engine.Result) error {
		if len(results) == 0 {
			return nil // not a --partner
		}
		row := cmp.Add(results)
		downs.note(row)
		return printer.Row(row)
	})
	st, runErr := r.Pipeline(set.Schema(), inputs, &o.InputOptions, whatIf.Wrap(columnsEval(cols, evs))).Run(emit)
	whatIf.Finish(f.IOStreams)
	gateErr := downgradeGate(o.FailOnDowngrade, downs.n, downs.listed)
	if err := r.Finish(st, runErr, printer.Close); err != nil {
		return cmdutil.AlsoGate(f.IOStreams, err, gateErr)
	}
	return gateErr
}

// compareColumns resolves the columns to compare: the --program specs in
// the order given, or every program started on asOf when none is named.
// It needs at least two.
func compareColumns(o *CompareOptions, set *rulebook.Set, asOf time.Time) ([]compare.Column, []report.ProgramInfo, error) {
	var cols []compare.Column
	var infos []report.ProgramInfo
	if len(o.Programs) == 0 {
		for _, p := range cmdutil.Started(o.Factory.IOStreams, set.Programs(), asOf) {
			rv, note := cmdutil.Edition(p, asOf)
			cols = append(cols, compare.Column{Key: p.ID, RV: rv, At: asOf, Note: note})
			infos = append(infos, report.ProgramInfo{Name: p.Name, Edition: rv.Edition})
		}
	}
	for _, spec := range o.Programs {
		c, err := specColumn(spec, set, asOf, o.Factory.Now)
		if err != nil {
			return nil, nil, err
		}
		for _, prev := range cols {
			if prev.Key == c.Key {
				return nil, nil, cmdutil.UsageErrorf("--program %s is named twice", c.Key)
			}
		}
		cols = append(cols, c)
		infos = append(infos, report.ProgramInfo{Name: c.RV.Program.Name, Edition: c.RV.Edition})
	}
	if len(cols) < 2 {
		e := cmdutil.UsageErrorf("compare needs at least two programs, got %d", len(cols))
		if len(o.Programs) == 0 {
			return nil, nil, e.Hintf("only %d loaded program had started on %s; pick a later --as-of", len(cols), asOf.Format(cmdutil.DateLayout))
		}
		return nil, nil, e.Hintf("name two or more with --program (-p), e.g. -p vpn-2009 -p partner-connect-2020")
	}
	return cols, infos, nil
}

// specColumn resolves one --program spec, ID or ID@DATE; a dated spec is
// keyed by its date too, so one program can be compared at two dates.
func specColumn(spec string, set *rulebook.Set, asOf time.Time, now func() time.Time) (compare.Column, error) {
	id, date, dated := strings.Cut(spec, "@")
	at := asOf
	if dated {
		var err error
		if at, err = cmdutil.ParseDate(date, now); err != nil {
			return compare.Column{}, cmdutil.UsageErrorf("--program %s: %q is not a date", spec, date).Hintf("use ID@YYYY-MM-DD, e.g. vpn-2009@2010-07-01")
		}
	}
	progs, err := cmdutil.SelectPrograms(set, []string{id})
	if err != nil {
		return compare.Column{}, err
	}
	if progs[0].Effective.After(at) {
		return compare.Column{}, cmdutil.NotYet(progs[0], at)
	}
	rv, note := cmdutil.Edition(progs[0], at)
	key := id
	if dated {
		key = id + "@" + at.Format(cmdutil.DateLayout)
	}
	return compare.Column{Key: key, RV: rv, At: at, Note: note}, nil
}

// columnsEval evaluates a record under every column's program. Rows keep
// their results' gaps (describeMove, printers): the sink is a batch.Keep,
// and eval gets no arena.
func columnsEval(cols []compare.Column, evs []*engine.Evaluator) batch.EvaluateFunc {
	return func(rec *partner.Record, dst []engine.Result, _ *engine.Arena) []engine.Result {
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
}

// downgrades counts the moves down between consecutive columns and keeps
// the first ten for --fail-on-downgrade's message.
type downgrades struct {
	n      int
	listed []string
}

func (d *downgrades) note(row compare.Row) {
	for _, mv := range row.Moves {
		if mv.Falls() {
			d.n++
			if len(d.listed) < 10 {
				d.listed = append(d.listed, fmt.Sprintf("%s: %s %s -> %s: %s", row.Partner,
					mv.Move, mv.From, mv.To, report.MovePhrase(row, mv)))
			}
		}
	}
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
