package cmdutil

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

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
			if m := suggest.Closest(id, known); m != "" {
				e.Hintf("did you mean --program %s (-p %s)?", m, m)
			}
			return nil, e.Hintf("loaded programs: %s; 'tiercalc rules list' shows them", strings.Join(known, ", "))
		}
		out = append(out, p)
	}
	return out, nil
}

// InForce keeps the programs that had started by asOf: before its first
// edition a program has no rules to apply (SPEC: --as-of picks the latest
// edition that started on or before that day). A program the user named is
// an error then; one selected by default is left out with a note on ios.
func InForce(ios *iostreams.IOStreams, progs []*rulebook.Program, asOf time.Time, named bool) ([]*rulebook.Program, error) {
	var out []*rulebook.Program
	for _, p := range progs {
		if !p.Effective.After(asOf) {
			out = append(out, p)
			continue
		}
		if named {
			return nil, NotYet(p, asOf)
		}
		fmt.Fprintf(ios.ErrOut, "tiercalc: note: %s starts on %s, after %s; not evaluated\n",
			p.ID, p.Effective.Format(DateLayout), asOf.Format(DateLayout))
	}
	if len(out) == 0 {
		return nil, UsageErrorf("no loaded program had started on %s", asOf.Format(DateLayout)).
			Hintf("pick a later --as-of")
	}
	return out, nil
}

// NotYet is the error for a program named at a date before it started.
func NotYet(p *rulebook.Program, asOf time.Time) *ExitError {
	return UsageErrorf("%s starts on %s: it has no edition in force on %s", p.ID,
		p.Effective.Format(DateLayout), asOf.Format(DateLayout)).
		Hintf("pick an --as-of on or after %s", p.Effective.Format(DateLayout))
}
