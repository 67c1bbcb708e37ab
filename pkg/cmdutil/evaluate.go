package cmdutil

import (
	"strings"

	"time"

	"github.com/spf13/pflag"

	"github.com/tiercalc/tiercalc/pkg/engine"
	"github.com/tiercalc/tiercalc/pkg/partner"
	"github.com/tiercalc/tiercalc/pkg/report"
	"github.com/tiercalc/tiercalc/pkg/rulebook"
)

// InputOptions are the flags of the commands that evaluate partner records
// against programs at a date (check, compare, summary).
type InputOptions struct {
	Files       []string
	Programs    []string
	AsOf        DateFlag
	InputFormat string
	Lenient     bool
	MaxErrors   int
	UniqueIDs   bool // the inputs' ids are known unique: no duplicate-id check
	ExportFlags      // export.go
}

// AddFlags adds the input flags with programHelp as --program's help.
func (o *InputOptions) AddFlags(f *pflag.FlagSet, programHelp string) {
	f.StringArrayVarP(&o.Programs, "program", "p", nil, programHelp)
	f.Var(&o.AsOf, "as-of", "evaluate as of this `DATE` (YYYY-MM-DD; default: today)")
	o.AddRecordFlags(f)
}

// AddRecordFlags adds the flags of how partner records are read:
// --input-format, --lenient and --max-errors.
func (o *InputOptions) AddRecordFlags(f *pflag.FlagSet) {
	f.StringVar(&o.InputFormat, "input-format", "", "input format when the file name does not tell: "+strings.Join(partner.FormatNames(), "|"))
	f.BoolVar(&o.Lenient, "lenient", false, "warn about unknown columns and keys instead of rejecting")
	f.IntVar(&o.MaxErrors, "max-errors", 0, "stop after `N` rejected records (0: no limit)")
	f.BoolVar(&o.UniqueIDs, "unique-ids", false, "the inputs' ids are known to be unique: skip the duplicate-id check and the memory it takes (12 bytes an id)")
	o.addFlags(f)
}

// ProgramHelp is --program's help for commands that evaluate programs.
const ProgramHelp = "evaluate this program `ID` (repeatable; default: every loaded program in force on --as-of; " +
	"a named one that has ended is evaluated on its last edition, one not yet started is an error)"

// Take records the command's arguments and checks the flags.
func (o *InputOptions) Take(args []string) error {
	o.Files = args
	if o.MaxErrors < 0 {
		return UsageErrorf("--max-errors must be 0 (no limit) or more, got %d", o.MaxErrors)
	}
	return o.take()
}

// Evaluation is what a run evaluates: the selected programs at the run's
// date, with an evaluator each.
type Evaluation struct {
	AsOf     time.Time
	Set      *rulebook.Set
	Resolved []*rulebook.Resolved
	evs      []*engine.Evaluator
	notes    [][]string // per program: what each of its results says (an ended program); nil: nothing
}

// NewEvaluation selects the programs of o in force at o's date (see
// InForce); a named program that has ended is evaluated on its last
// edition, each of its results saying so.
func NewEvaluation(f *Factory, o *InputOptions) (*Evaluation, error) {
	asOf := o.AsOf.Time(f.Now)
	set, err := f.Rules()
	if err != nil {
		return nil, err
	}
	progs, err := SelectPrograms(set, o.Programs)
	if err != nil {
		return nil, err
	}
	if progs, err = InForce(f.IOStreams, progs, asOf, len(o.Programs) > 0); err != nil {
		return nil, err
	}
	e := &Evaluation{AsOf: asOf, Set: set}
	for _, p := range progs {
		rv, note := Edition(p, asOf)
		e.Resolved = append(e.Resolved, rv)
		e.evs = append(e.evs, engine.NewEvaluator(rv, set.Schema()))
		e.notes = append(e.notes, WithNote(nil, note))
	}
	return e, nil
}

// Infos describe the programs for the headings of printers.
func (e *Evaluation) Infos() map[string]report.ProgramInfo {
	infos := map[string]report.ProgramInfo{}
	for _, rv := range e.Resolved {
		tracks := len(rv.Tracks) > 1 || len(rv.Tracks) == 1 && rv.Tracks[0].ID != ""
		infos[rv.Program.ID] = report.ProgramInfo{Name: rv.Program.Name, Edition: rv.Edition, Tracks: tracks}
	}
	return infos
}

// Evaluate appends the results of rec under every program, their gaps in a
// when it is not nil.
func (e *Evaluation) Evaluate(rec *partner.Record, dst []engine.Result, a *engine.Arena) []engine.Result {
	for i, ev := range e.evs {
		start := len(dst)
		dst = ev.EvaluateIn(rec, e.AsOf, dst, a)
		if note := e.notes[i]; note != nil {
			withNote(dst[start:], note)
		}
	}
	return dst
}

// withNote adds note, one note in a slice full to capacity, to the notes
// of rs, the results of one record and program. Its tracks often carry one
// notes slice (Partner Connect's five, ineligible alike): they keep
// sharing one, extended once, which saves an allocation a result and
// lets the encoders copy a row's cells from the previous one.
func withNote(rs []engine.Result, note []string) {
	var from, to []string // the last notes extended, and what they became
	for j := range rs {
		n := rs[j].Notes
		switch {
		case len(n) == 0:
			rs[j].Notes = note // shared: cap 1, so an append copies
		case len(n) == len(from) && &n[0] == &from[0]:
			rs[j].Notes = to
		default:
			from, to = n, WithNote(n, note[0])
			rs[j].Notes = to
		}
	}
}
