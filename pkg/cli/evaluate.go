package cli

import (
	"bufio"
	"fmt"
	"time"

	"github.com/spf13/pflag"

	"github.com/tiercalc/tiercalc/pkg/engine"
	"github.com/tiercalc/tiercalc/pkg/partner"
	"github.com/tiercalc/tiercalc/pkg/report"
	"github.com/tiercalc/tiercalc/pkg/rulebook"
)

// inputOptions are the flags of the commands that evaluate partner records
// against programs at a date (check, summary).
type inputOptions struct {
	Files       []string
	Programs    []string
	AsOf        dateFlag
	InputFormat string
	Lenient     bool
	MaxErrors   int
}

func (o *inputOptions) addFlags(f *pflag.FlagSet) {
	o.addFlagsFor(f, "evaluate this program `ID` (repeatable; default: every loaded program)")
}

// addFlagsFor adds the input flags with programHelp as --program's help.
func (o *inputOptions) addFlagsFor(f *pflag.FlagSet, programHelp string) {
	f.StringArrayVarP(&o.Programs, "program", "p", nil, programHelp)
	f.Var(&o.AsOf, "as-of", "evaluate as of this `DATE` (YYYY-MM-DD; default: today)")
	f.StringVar(&o.InputFormat, "input-format", "", "input format when the file name does not tell: csv|json|ndjson|yaml")
	f.BoolVar(&o.Lenient, "lenient", false, "warn about unknown columns and keys instead of rejecting")
	f.IntVar(&o.MaxErrors, "max-errors", 0, "stop after `N` rejected records (0: no limit)")
}

// take records the command's arguments and checks the flags.
func (o *inputOptions) take(args []string) error {
	o.Files = args
	return checkMaxErrors(o.MaxErrors)
}

func checkMaxErrors(n int) error {
	if n < 0 {
		return usageErr("--max-errors must be 0 (no limit) or more, got %d", n)
	}
	return nil
}

// evaluation is what a run evaluates: the selected programs at the run's
// date, with an evaluator each.
type evaluation struct {
	asOf     time.Time
	set      *rulebook.Set
	resolved []*rulebook.Resolved
	evs      []*engine.Evaluator
}

func newEvaluation(d *Deps, g *globalOptions, o *inputOptions) (*evaluation, error) {
	asOf, err := parseAsOf(string(o.AsOf), d.Now)
	if err != nil {
		return nil, err
	}
	set, err := loadRules(g.Rules)
	if err != nil {
		return nil, err
	}
	progs, err := selectPrograms(set, o.Programs)
	if err != nil {
		return nil, err
	}
	if progs, err = inForce(d, progs, asOf, len(o.Programs) > 0); err != nil {
		return nil, err
	}
	e := &evaluation{asOf: asOf, set: set}
	for _, p := range progs {
		rv := p.At(asOf)
		e.resolved = append(e.resolved, rv)
		e.evs = append(e.evs, engine.NewEvaluator(rv, set.Schema()))
	}
	return e, nil
}

// infos describe the programs for the headings of printers.
func (e *evaluation) infos() map[string]report.ProgramInfo {
	infos := map[string]report.ProgramInfo{}
	for _, rv := range e.resolved {
		infos[rv.Program.ID] = report.ProgramInfo{Name: rv.Program.Name, Edition: rv.Edition}
	}
	return infos
}

// evaluate appends the results of rec under every program, their gaps in a
// when it is not nil.
func (e *evaluation) evaluate(rec *partner.Record, dst []engine.Result, a *engine.Arena) []engine.Result {
	for _, ev := range e.evs {
		dst = ev.EvaluateIn(rec, e.asOf, dst, a)
	}
	return dst
}

// run is one streaming run's plumbing: stdout behind a buffer, the
// progress line on stderr, and the pipeline that feeds emit.
type run struct {
	d     *Deps
	out   *bufio.Writer
	meter *progress // nil: no progress line
}

func startRun(d *Deps) *run {
	meter := startProgress(d)
	return &run{d: d, meter: meter, out: bufio.NewWriterSize(meter.guard(d.Out, d.OutIsTerminal), 64<<10)}
}

// pipeline streams the records of inputs through eval to emit, reporting
// rejected records (and, with --lenient, warnings) on stderr.
func (r *run) pipeline(schema *partner.Schema, inputs []input, lenient bool, maxErrors int,
	eval evaluateFunc, emit func([]engine.Result) error) *pipeline {
	d := r.d
	pl := &pipeline{
		d:         d,
		inputs:    inputs,
		schema:    schema,
		maxErrors: maxErrors,
		readOpts: partner.ReadOptions{Lenient: lenient, IDs: partner.NewIDs(), Warn: func(e *partner.RecordError) {
			r.meter.around(func() { warn(d.ErrOut, "%v", e) })
		}},
		eval: eval,
		emit: func(_ *partner.Record, results []engine.Result) error { return emit(results) },
		reject: func(err error) {
			r.meter.around(func() { printRejection(d, err) })
		},
	}
	if r.meter != nil {
		pl.progress = r.meter.update
	}
	return pl
}

// finish ends a run: it clears the progress line, closes the printer
// (close), flushes stdout and returns the first error, or exit 4 when
// records were rejected.
func (r *run) finish(st stats, runErr error, close func() error) error {
	r.meter.done()
	if err := close(); err != nil && runErr == nil {
		runErr = err
	}
	if err := r.out.Flush(); err != nil && runErr == nil {
		runErr = err
	}
	if runErr != nil {
		return runErr
	}
	if st.rejected > 0 || st.inputFailures > 0 {
		fmt.Fprintf(r.d.ErrOut, "tiercalc: %s\n", st.summaryLine())
		return &ExitError{Code: ExitRejected, Quiet: true, Partial: st.stopped || st.inputFailures > 0}
	}
	if st.read == 0 {
		// Not an error (an empty export is a valid answer), but an empty
		// table must not look like a run where everyone passed.
		warn(r.d.ErrOut, "no partner records in the input")
	}
	return nil
}
