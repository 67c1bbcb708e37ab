package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/tiercalc/tiercalc/pkg/compare"
	"github.com/tiercalc/tiercalc/pkg/engine"
	"github.com/tiercalc/tiercalc/pkg/rulebook"
	"github.com/tiercalc/tiercalc/pkg/summary"
)

// A note every row of a program carries is said once; the others are
// numbered, each row showing its numbers after its status.
func TestTableNotes(t *testing.T) {
	rows := []engine.Result{
		{Partner: "A", Program: "p", Status: "qualified", Tier: sp("X"), Notes: []string{"shared"}},
		{Partner: "B", Program: "p", Status: "ineligible", Notes: []string{"shared", "why B"}},
		{Partner: "C", Program: "p", Status: "ineligible", Notes: []string{"shared", "why B", "why C"}},
	}
	out := render(t, Table, Options{}, rows)
	for _, want := range []string{"note: shared\n", "[1] why B\n", "[2] why C\n", "ineligible [1]", "ineligible [1,2]"} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
	if strings.Count(out, "shared") != 1 {
		t.Errorf("table says the shared note more than once:\n%s", out)
	}
	// Markdown has no room between rows: notes are a column.
	out = render(t, Markdown, Options{}, rows)
	if !strings.Contains(out, "| ineligible | — | — | shared; why B; why C |") {
		t.Errorf("markdown notes column:\n%s", out)
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
	p, err := NewCompare(Table, &buf, c, nil, Options{})
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

// A gap resting on an assumed number is marked after its phrase, and one
// footnote under the output names `tiercalc rules show` for its programs;
// no mark, no footnote.
func TestAssumedNumbersMarked(t *testing.T) {
	gap := func(illus bool) engine.Gap {
		return engine.Gap{Tier: "Y", Kind: "credential", Key: "VTSP", Noun: "VTSP", Short: 1, Illustrative: illus}
	}
	rs := []engine.Result{
		{Partner: "A", Program: "p", Status: "qualified", NextTier: sp("Y"), Missing: []engine.Gap{gap(true), gap(false)}},
		{Partner: "A", Program: "q", Status: "qualified", NextTier: sp("Y"), Missing: []engine.Gap{gap(false)}},
		{Partner: "A", Program: "r", Status: "qualified", NextTier: sp("Y"), Missing: []engine.Gap{
			{Tier: "Y", Kind: "any", Label: "either", Options: []engine.Gap{gap(false), gap(true)}}}},
	}
	out := render(t, Table, Options{Width: -1}, rs)
	for _, want := range []string{"1 more VTSP*; 1 more VTSP\n", "one of: 1 more VTSP or 1 more VTSP*\n",
		"\n* assumed number, not documented: see tiercalc rules show p and tiercalc rules show r\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("lacks %q:\n%s", want, out)
		}
	}
	if strings.Count(out, "assumed number") != 1 {
		t.Errorf("one footnote wanted:\n%s", out)
	}
	if out := render(t, Markdown, Options{}, rs[1:2]); strings.Contains(out, "*") || strings.Contains(out, "assumed") {
		t.Errorf("no assumed number, yet marked:\n%s", out)
	}
}

// summary marks the gaps resting on an assumed number after their phrase,
// with one footnote at the end naming the programs.
func TestSummaryMarksAssumed(t *testing.T) {
	s := &summary.Summary{AsOf: "2026-01-15", Programs: []summary.Program{
		{Program: "p", Tracks: []summary.Track{{Partners: 2, Gaps: []summary.Gap{
			{Phrase: "2 partners are short", Partners: 2, Illustrative: true},
			{Phrase: "1 partner is short", Partners: 1}}}}},
		{Program: "q", Tracks: []summary.Track{{Partners: 1, Gaps: []summary.Gap{{Phrase: "1 partner is short", Partners: 1}}}}},
	}}
	for _, f := range []Format{Table, Markdown} {
		var buf bytes.Buffer
		if err := WriteSummary(&buf, f, s); err != nil {
			t.Fatal(err)
		}
		out := buf.String()
		foot := "* assumed number, not documented: see tiercalc rules show p\n"
		if f == Markdown {
			foot = `\` + foot
		}
		if !strings.HasSuffix(out, "\n\n"+foot) || strings.Count(out, "assumed") != 1 {
			t.Errorf("%s: want one footnote at the end:\n%s", f, out)
		}
		if !strings.Contains(out, "2 partners are short"+map[Format]string{Table: "*", Markdown: `\*`}[f]) ||
			strings.Contains(out, "1 partner is short*") || strings.Contains(out, `1 partner is short\*`) {
			t.Errorf("%s: marks wrong:\n%s", f, out)
		}
	}
}

// compare marks a move judged through an illustrative mapping after its
// move mark, with one footnote naming the mapping's program; the move's
// note is said by the mark, not numbered.
func TestCompareGridMarksIllustrativeMapping(t *testing.T) {
	old := &rulebook.Resolved{Program: &rulebook.Program{ID: "old"}, Tracks: []*rulebook.Track{{Tiers: []*rulebook.Tier{{Name: "A"}, {Name: "B"}}}}}
	cur := &rulebook.Resolved{Program: &rulebook.Program{ID: "cur", Predecessor: &rulebook.Mapping{Program: "old", Illustrative: true,
		Tiers: []*rulebook.TierMap{{From: "B", To: "Y"}}}}, Tracks: []*rulebook.Track{{Tiers: []*rulebook.Tier{{Name: "X"}, {Name: "Y"}}}}}
	for _, f := range []Format{Table, Markdown} {
		c := compare.New([]compare.Column{{Key: "old", RV: old}, {Key: "cur", RV: cur}})
		var buf bytes.Buffer
		p, err := NewCompare(f, &buf, c, nil, Options{})
		if err != nil {
			t.Fatal(err)
		}
		row := c.Add([]engine.Result{{Partner: "P", Program: "old", Tier: sp("B"), Status: "qualified"},
			{Partner: "P", Program: "cur", Tier: sp("X"), Status: "qualified", Notes: []string{}}})
		if err := p.Row(row); err != nil {
			t.Fatal(err)
		}
		if err := p.Close(); err != nil {
			t.Fatal(err)
		}
		out := strings.ReplaceAll(buf.String(), `\*`, "*")
		for _, want := range []string{"X ↓*", "* move judged through an illustrative tier mapping, not a documented one: see tiercalc rules show cur\n"} {
			if !strings.Contains(out, want) {
				t.Errorf("%s lacks %q:\n%s", f, want, out)
			}
		}
		if strings.Contains(out, "[1]") {
			t.Errorf("%s numbers the move's note:\n%s", f, out)
		}
	}
}
