// Package compare is `tiercalc compare`: the same partners under several
// programs side by side, with the move between each consecutive pair.
package compare

import (
	"errors"
	"fmt"
	"os"
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

	FailOnDowngrade  bool
	FailOnIncomplete bool
	WhatIf           cmdutil.WhatIfOptions
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
before it started is an error.

--program may also name a rulebook file (PATH, or PATH@DATE): it is
evaluated beside the loaded programs and replaces none, so a proposal that
keeps a shipped id can be compared with the shipped rulebook. Its column is
named by the id and the file, "vpn-2009 (./proposal.yaml)", and a loaded
program of the same id by the id and where it comes from, "vpn-2009
(embedded)", in every format (JSON's program keys and each result's
program too).`,
		Example: `  tiercalc compare testdata/partners.csv
  tiercalc compare -p vpn-2009@2009-06-01 -p vpn-2009@2010-07-01 partners.csv
  tiercalc compare --fail-on-downgrade -p partner-connect-2020 --rules mine.yaml -p mine partners.csv
  tiercalc compare -p vpn-2009 -p ./proposal.yaml partners.csv`,
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
	opts.AddFlags(cmd.Flags(), "compare this program `ID`, ID@DATE or rulebook file PATH, in the order given (repeatable)")
	opts.Print.AddFlags(cmd)
	opts.WhatIf.AddFlags(cmd, true)
	cmd.Flags().BoolVar(&opts.FailOnIncomplete, "fail-on-incomplete", false, "exit 6 when any partner's result under a compared program is incomplete (undecided for want of data)")
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
	out, jqDone := o.Print.Output(r.Out)
	popts := o.Print.Options(f)
	popts.RowGate = func(row compare.Row) (bool, string) { return rowGate(o, row) }
	printer, err := report.NewCompare(o.Print.Format(), out, cmp, infos, popts)
	if err != nil {
		return err
	}
	var downs downgrades
	var undecided []string // --fail-on-incomplete: the first ten
	undecidedN := 0
	emit := batch.Keep(func(file string, rec *partner.Record, results []engine.Result) error {
		if len(results) == 0 {
			return nil // not a --partner
		}
		row := cmp.Add(results)
		row.File, row.Line = file, rec.Line
		downs.note(row)
		if failed, _ := rowGate(&CompareOptions{FailOnIncomplete: o.FailOnIncomplete}, row); failed {
			if undecidedN++; len(undecided) < 10 {
				undecided = append(undecided, row.Partner)
			}
		}
		return printer.Row(row)
	})
	st, runErr := r.Pipeline(set.Schema(), inputs, &o.InputOptions, whatIf.Wrap(columnsEval(cols, evs))).Run(emit)
	whatIf.Finish(f.IOStreams)
	gateErr := errors.Join(downgradeGate(o.FailOnDowngrade, downs.n, downs.listed), incompleteGate(undecidedN, undecided))
	if err := r.Finish(st, runErr, func() error { return errors.Join(printer.Close(), jqDone()) }); err != nil {
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
	named, err := namedColumns(o, set, asOf)
	if err != nil {
		return nil, nil, err
	}
	for _, c := range named {
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

// namedColumns resolves the --program specs, in the order given. A column
// is keyed by the program id (and "@DATE" when dated), followed by where
// its rulebook comes from when it is a file, or when another column has
// the same id from elsewhere: "vpn-2009 (embedded)" beside "vpn-2009
// (./proposal.yaml)". The key names the column in every format.
func namedColumns(o *CompareOptions, set *rulebook.Set, asOf time.Time) ([]compare.Column, error) {
	var cols []compare.Column
	var args []cmdutil.ProgramArg
	var suffixes []string
	for _, spec := range o.Programs {
		c, arg, suffix, err := specColumn(o.Factory, spec, set, asOf)
		if err != nil {
			return nil, err
		}
		cols, args, suffixes = append(cols, c), append(args, arg), append(suffixes, suffix)
	}
	shared := cmdutil.SharedIDs(args)
	for i := range cols {
		cols[i].Key = args[i].Label(suffixes[i], shared[i])
		for _, prev := range cols[:i] {
			if prev.Key == cols[i].Key {
				return nil, cmdutil.UsageErrorf("--program %s is named twice", cols[i].Key)
			}
		}
	}
	return cols, nil
}

// specColumn resolves one --program spec, ID, ID@DATE, PATH or PATH@DATE;
// the column's key is namedColumns' to make.
func specColumn(f *cmdutil.Factory, spec string, set *rulebook.Set, asOf time.Time) (compare.Column, cmdutil.ProgramArg, string, error) {
	id, date, dated := spec, "", false
	if i := strings.LastIndexByte(spec, '@'); i >= 0 && set.Get(spec) == nil && !isFile(spec) {
		id, date, dated = spec[:i], spec[i+1:], true
	}
	at := asOf
	if dated {
		var err error
		if at, err = cmdutil.ParseDate(date, f.Now); err != nil {
			return compare.Column{}, cmdutil.ProgramArg{}, "", cmdutil.UsageErrorf("--program %s: %q is not a date", spec, date).Hintf("use ID@YYYY-MM-DD, e.g. vpn-2009@2010-07-01")
		}
	}
	arg, err := cmdutil.ResolveProgram(f, set, id)
	if err != nil {
		return compare.Column{}, cmdutil.ProgramArg{}, "", err
	}
	p := arg.Program
	if p.Effective.After(at) {
		return compare.Column{}, cmdutil.ProgramArg{}, "", cmdutil.NotYet(p, at)
	}
	rv, note := cmdutil.Edition(p, at)
	suffix := ""
	if dated {
		suffix = "@" + at.Format(cmdutil.DateLayout)
	}
	return compare.Column{RV: rv, At: at, Note: note}, arg, suffix, nil
}

func isFile(p string) bool {
	st, err := os.Stat(p)
	return err == nil && !st.IsDir()
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

// rowGate is what fails a row in -o junit and -o github: a fall between
// consecutive programs with --fail-on-downgrade, an incomplete result with
// --fail-on-incomplete.
func rowGate(o *CompareOptions, row compare.Row) (bool, string) {
	if o.FailOnIncomplete {
		for _, c := range row.Cells {
			if c.Status == engine.StatusIncomplete {
				return true, "undecided: needs " + strings.Join(c.Unknown, ", ")
			}
		}
	}
	if o.FailOnDowngrade {
		for _, mv := range row.Moves {
			if mv.Falls() {
				return true, "moves " + mv.Move + " under " + mv.Program
			}
		}
	}
	return false, ""
}

// incompleteGate is --fail-on-incomplete's error, nil when no partner
// tripped it.
func incompleteGate(n int, first []string) error {
	if n == 0 {
		return nil
	}
	return &cmdutil.ExitError{Code: cmdutil.ExitGate, Err: fmt.Errorf("--fail-on-incomplete: %d partner(s) undecided under some program: %s",
		n, strings.Join(first, ", "))}
}
