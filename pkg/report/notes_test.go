package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/tiercalc/tiercalc/pkg/compare"
	"github.com/tiercalc/tiercalc/pkg/engine"
	"github.com/tiercalc/tiercalc/pkg/rulebook"
)

// A note every row of a program carries is said once; the others are
// numbered, each row showing its numbers after its status.
func TestTableNotes(t *testing.T) {
	rows := []engine.Result{
		{Partner: "A", Program: "p", Status: "qualified", Tier: sp("X"), Notes: []string{"shared"}},
		{Partner: "B", Program: "p", Status: "ineligible", Notes: []string{"shared", "why B"}},
		{Partner: "C", Program: "p", Status: "ineligible", Notes: []string{"shared", "why B", "why C"}},
	}
	for _, f := range []Format{Table, Markdown} {
		out := render(t, f, Options{}, rows)
		for _, want := range []string{"note: shared\n", "[1] why B\n", "[2] why C\n", "ineligible [1]", "ineligible [1,2]"} {
			if f == Markdown {
				want = strings.NewReplacer("[", `\[`, "]", `\]`).Replace(want)
			}
			if !strings.Contains(out, want) {
				t.Errorf("%s lacks %q:\n%s", f, want, out)
			}
		}
		if strings.Count(out, "shared") != 1 {
			t.Errorf("%s says the shared note more than once:\n%s", f, out)
		}
	}
}

// compare's table: a column's own note once, the cells' other notes
// numbered.
func TestCompareGridNotes(t *testing.T) {
	rv := func(id string) *rulebook.Resolved {
		return &rulebook.Resolved{Program: &rulebook.Program{ID: id}, Edition: "e",
			Tracks: []*rulebook.Track{{Tiers: []*rulebook.Tier{{Name: "X"}}}}}
	}
	c := compare.New([]compare.Column{{Key: "old", RV: rv("old"), Note: "old ended"}, {Key: "new", RV: rv("new")}})
	var buf bytes.Buffer
	p, err := NewCompare(Table, &buf, c, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"A", "B"} {
		row := c.Add([]engine.Result{
			{Partner: id, Program: "old", Tier: sp("X"), Status: "qualified", Notes: []string{"old ended"}},
			{Partner: id, Program: "new", Status: "ineligible", Notes: []string{"no track applies"}},
		})
		if err := p.Row(row); err != nil {
			t.Fatal(err)
		}
	}
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{"note: old ended\n", "[1] no track applies\n", "- × [1]"} {
		if !strings.Contains(out, want) {
			t.Errorf("lacks %q:\n%s", want, out)
		}
	}
	if strings.Count(out, "old ended") != 1 {
		t.Errorf("column note said more than once:\n%s", out)
	}
}
