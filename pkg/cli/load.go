package cli

import (
	"errors"
	"fmt"
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
