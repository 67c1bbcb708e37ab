package suite

import (
	"io/fs"
	"testing"

	"github.com/tiercalc/tiercalc/pkg/cmdutil"
	"github.com/tiercalc/tiercalc/pkg/rulebook"
	"github.com/tiercalc/tiercalc/rules"
)

// embeddedSuites returns the shipped suites by name.
func embeddedSuites(t *testing.T) map[string][]byte {
	t.Helper()
	names, err := fs.Glob(rules.FS, "*_test.yaml")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, name := range names {
		data, err := fs.ReadFile(rules.FS, name)
		if err != nil {
			t.Fatal(err)
		}
		out[name] = data
	}
	return out
}

// The shipped suites pass against the shipped rulebooks and cover every
// requirement of every edition: go test ./... fails as soon as a rulebook
// change breaks a documented fact or leaves a rule untested.
func TestShippedSuites(t *testing.T) {
	set, err := rulebook.LoadFSAs(rules.FS, "rules")
	if err != nil {
		t.Fatal(err)
	}
	suites := embeddedSuites(t)
	if len(suites) != len(set.Programs()) {
		t.Fatalf("%d shipped suites for %d shipped rulebooks", len(suites), len(set.Programs()))
	}
	cov := NewCoverage()
	r := &Runner{Set: set, Edition: cmdutil.Edition, Coverage: cov}
	programs := map[string]bool{}
	for name, data := range suites {
		s, err := ParseYAML("rules/"+name, data, set.Schema())
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if err := r.Check(s.Tests); err != nil {
			t.Fatal(err)
		}
		for _, tc := range s.Tests {
			programs[tc.Program] = true
			if o := r.Run(tc); !o.Passed() {
				t.Errorf("%s:%d: %s: %v", tc.File, tc.Line, tc.Name, o.Failures)
			}
		}
	}
	for _, p := range set.Programs() {
		if !programs[p.ID] {
			t.Errorf("no shipped case tests %s", p.ID)
		}
	}
	goals := cov.Goals()
	for _, g := range goals {
		if !g.Covered {
			t.Errorf("not covered: %s", g)
		}
	}
	if pct := Percent(goals); pct != 100 || len(goals) < 300 {
		t.Errorf("coverage %.1f%% of %d goals, want 100%% of every goal of the three rulebooks", pct, len(goals))
	}
}
