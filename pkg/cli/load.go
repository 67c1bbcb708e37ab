package cli

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/tiercalc/tiercalc/pkg/rulebook"
	"github.com/tiercalc/tiercalc/rules"
)

// loadRules loads the shipped rulebooks and then every --rules path, in
// order; a later rulebook with a loaded id replaces it.
func loadRules(paths []string) (*rulebook.Set, error) {
	set, err := rulebook.LoadFSAs(rules.FS, "rules")
	if err != nil {
		// The shipped rulebooks are tested; failing here is a build defect.
		return nil, &ExitError{Code: ExitFailure, Err: fmt.Errorf("shipped rulebooks: %w", err)}
	}
	for _, p := range paths {
		if _, err := os.Stat(p); err != nil {
			return nil, usageErr("--rules %s: %v", p, pathErr(err)).
				hint("--rules takes a rulebook file or a folder of them")
		}
		if err := set.AddPath(p); err != nil {
			return nil, rulebookErr(err)
		}
	}
	return set, nil
}

// rulebookErr wraps a rulebook problem in exit code 3; read errors (a
// missing --rules path) are usage errors.
func rulebookErr(err error) error {
	var probs rulebook.Problems
	if errors.As(err, &probs) {
		return &ExitError{Code: ExitRulebook, Err: err}
	}
	return &ExitError{Code: ExitUsage, Err: err}
}

// selectPrograms returns the programs named by ids, in that order, or every
// loaded program when ids is empty.
func selectPrograms(set *rulebook.Set, ids []string) ([]*rulebook.Program, error) {
	if len(ids) == 0 {
		return set.Programs(), nil
	}
	var known []string
	for _, p := range set.Programs() {
		known = append(known, p.ID)
	}
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
			e := usageErr("unknown program %q", id)
			if m := closest(id, known); m != "" {
				e.hint("did you mean --program %s (-p %s)?", m, m)
			}
			return nil, e.hint("loaded programs: %s; 'tiercalc rules list' shows them", strings.Join(known, ", "))
		}
		out = append(out, p)
	}
	return out, nil
}

const dateLayout = "2006-01-02"

// dateFlag is a pflag.Value holding a YYYY-MM-DD date (or "today"), so a bad
// --as-of, from the command line, the environment or a config file, is
// refused where it is given.
type dateFlag string

func (d *dateFlag) String() string { return string(*d) }
func (d *dateFlag) Type() string   { return "date" }
func (d *dateFlag) Set(s string) error {
	s = strings.TrimSpace(s)
	if !strings.EqualFold(s, "today") {
		if _, err := time.Parse(dateLayout, s); err != nil {
			return fmt.Errorf("%q is not a date", s)
		}
	}
	*d = dateFlag(s)
	return nil
}

const dateForm = "use the form YYYY-MM-DD, e.g. --as-of 2025-06-01"

// parseAsOf reads --as-of; empty means today by the injected clock.
func parseAsOf(s string, now func() time.Time) (time.Time, error) {
	if s == "" || strings.EqualFold(s, "today") {
		y, m, d := now().Date()
		return time.Date(y, m, d, 0, 0, 0, 0, time.UTC), nil
	}
	t, err := time.Parse(dateLayout, strings.TrimSpace(s))
	if err != nil {
		return time.Time{}, usageErr("--as-of %q is not a date", s).hint(dateForm)
	}
	return t, nil
}

// inForce keeps the programs that had started by asOf: before its first
// edition a program has no rules to apply (SPEC: --as-of picks the latest
// edition that started on or before that day). A program the user named is
// an error then; one selected by default is left out with a note.
func inForce(d *Deps, progs []*rulebook.Program, asOf time.Time, named bool) ([]*rulebook.Program, error) {
	var out []*rulebook.Program
	for _, p := range progs {
		if !p.Effective.After(asOf) {
			out = append(out, p)
			continue
		}
		if named {
			return nil, notYet(p, asOf)
		}
		fmt.Fprintf(d.ErrOut, "tiercalc: note: %s starts on %s, after %s; not evaluated\n",
			p.ID, p.Effective.Format(dateLayout), asOf.Format(dateLayout))
	}
	if len(out) == 0 {
		return nil, usageErr("no loaded program had started on %s", asOf.Format(dateLayout)).
			hint("pick a later --as-of")
	}
	return out, nil
}

func notYet(p *rulebook.Program, asOf time.Time) *ExitError {
	return usageErr("%s starts on %s: it has no edition in force on %s", p.ID,
		p.Effective.Format(dateLayout), asOf.Format(dateLayout)).
		hint("pick an --as-of on or after %s", p.Effective.Format(dateLayout))
}
