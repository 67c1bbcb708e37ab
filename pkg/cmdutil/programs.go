package cmdutil

import (
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/tiercalc/tiercalc/pkg/internal/safetext"
	"github.com/tiercalc/tiercalc/pkg/internal/suggest"
	"github.com/tiercalc/tiercalc/pkg/iostreams"
	"github.com/tiercalc/tiercalc/pkg/rulebook"
	"github.com/tiercalc/tiercalc/rules"
)

// LoadRules loads the shipped rulebooks and then every --rules path, in
// order; a later rulebook with a loaded id replaces it.
func LoadRules(paths []string) (*rulebook.Set, error) {
	set, err := rulebook.LoadFSAs(rules.FS, "rules")
	if err != nil {
		// The shipped rulebooks are tested; failing here is a build defect.
		return nil, &ExitError{Code: ExitFailure, Err: fmt.Errorf("shipped rulebooks: %w", err)}
	}
	for _, p := range paths {
		if _, err := os.Stat(p); err != nil {
			return nil, UsageErrorf("--rules %s: %v", p, iostreams.PathErr(err)).
				Hintf("--rules takes a rulebook file or a folder of them")
		}
		if err := set.AddPath(p); err != nil {
			return nil, RulebookErr(err)
		}
	}
	return set, nil
}

// PrintWarnings writes rulebook warnings, each with its hint, to stderr.
func PrintWarnings(ios *iostreams.IOStreams, warns rulebook.Problems) {
	for _, w := range warns {
		ios.Warnf("%s", w.Error())
		if w.Hint != "" {
			fmt.Fprintf(ios.ErrOut, "tiercalc: hint: %s\n", w.Hint)
		}
	}
}

// RulebookErr wraps a rulebook problem in exit code 3; read errors (a
// missing --rules path) are usage errors.
func RulebookErr(err error) error {
	var probs rulebook.Problems
	if errors.As(err, &probs) {
		return &ExitError{Code: ExitRulebook, Err: err}
	}
	return &ExitError{Code: ExitUsage, Err: err}
}

// SelectPrograms returns the programs named by ids, in that order, or every
// loaded program when ids is empty.
func SelectPrograms(set *rulebook.Set, ids []string) ([]*rulebook.Program, error) {
	if len(ids) == 0 {
		return set.Programs(), nil
	}
	known := set.IDs()
	var out []*rulebook.Program
	seen := map[string]bool{}
	for _, id := range ids {
		id = strings.TrimSpace(id)
		if seen[id] {
			continue
		}
		seen[id] = true
		p := set.Get(id)
		if p == nil {
			e := UsageErrorf("unknown program %q", id)
			if LooksLikeFile(id) {
				e.Hintf("a rulebook file is loaded with --rules %s and then named by its id; compare and rules diff also take the file itself", id)
			}
			if m := suggest.Closest(id, known); m != "" {
				e.Hintf("did you mean --program %s (-p %s)?", m, m)
			}
			return nil, e.Hintf("loaded programs: %s; 'tiercalc rules list' shows them", strings.Join(known, ", "))
		}
		out = append(out, p)
	}
	return out, nil
}

// InForce keeps the programs in force on asOf: started (the contract: --as-of
// picks the latest edition that started on or before that day) and not
// ended. One selected by default (named false) that is not is left out with
// a note on ios. A program the user named that has not started is an error
// (it has no edition to evaluate); one that has ended is kept, and Edition
// evaluates it on its last edition.
func InForce(ios *iostreams.IOStreams, progs []*rulebook.Program, asOf time.Time, named bool) ([]*rulebook.Program, error) {
	var out []*rulebook.Program
	for _, p := range progs {
		switch {
		case p.Effective.After(asOf) && named:
			return nil, NotYet(p, asOf)
		case p.Effective.After(asOf):
			fmt.Fprintf(ios.ErrOut, "tiercalc: note: %s starts on %s, after %s; not evaluated\n",
				p.ID, p.Effective.Format(DateLayout), asOf.Format(DateLayout))
		case p.Ended(asOf) && !named:
			fmt.Fprintf(ios.ErrOut, "tiercalc: note: %s ended on %s, before %s; not evaluated (name it with --program to evaluate its last edition)\n",
				p.ID, p.Ends.Format(DateLayout), asOf.Format(DateLayout))
		default:
			out = append(out, p)
		}
	}
	if len(out) == 0 {
		return nil, UsageErrorf("no loaded program was in force on %s", asOf.Format(DateLayout)).
			Hintf("pick another --as-of, or name a program with --program (-p)")
	}
	return out, nil
}

// Started keeps the programs that had started by asOf, ended ones included
// (compare's default: every generation so far); the others are left out
// with a note on ios.
func Started(ios *iostreams.IOStreams, progs []*rulebook.Program, asOf time.Time) []*rulebook.Program {
	var out []*rulebook.Program
	for _, p := range progs {
		if !p.Effective.After(asOf) {
			out = append(out, p)
			continue
		}
		fmt.Fprintf(ios.ErrOut, "tiercalc: note: %s starts on %s, after %s; not evaluated\n",
			safetext.Terminal(p.ID), p.Effective.Format(DateLayout), asOf.Format(DateLayout))
	}
	return out
}

// Edition is the edition of p to evaluate as of asOf: the one in force
// then, or, once p has ended, its last one, with the note every result of
// it then carries ("" when p is in force).
func Edition(p *rulebook.Program, asOf time.Time) (*rulebook.Resolved, string) {
	if !p.Ended(asOf) {
		return p.At(asOf), ""
	}
	rv := p.At(p.Ends)
	return rv, fmt.Sprintf("%s ended on %s; evaluated on its last edition (%s)",
		p.ID, p.Ends.Format(DateLayout), rv.Edition)
}

// WithNote returns notes with note appended ("" appends nothing). It never
// writes into notes' backing array, so results may share one.
func WithNote(notes []string, note string) []string {
	if note == "" {
		return notes
	}
	return append(slices.Clip(notes), note)
}

// NotYet is the error for a program named at a date before it started.
func NotYet(p *rulebook.Program, asOf time.Time) *ExitError {
	return UsageErrorf("%s starts on %s: it has no edition in force on %s", p.ID,
		p.Effective.Format(DateLayout), asOf.Format(DateLayout)).
		Hintf("pick an --as-of on or after %s", p.Effective.Format(DateLayout))
}
