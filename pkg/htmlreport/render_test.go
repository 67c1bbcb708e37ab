package htmlreport

import (
	"bytes"
	"encoding/json"
	"regexp"
	"strings"
	"testing"
)

const hostile = `Evil "><img src=x onerror=alert(1)></script><script>alert(2)</script> & *co* | [x](javascript:y)` + "\u202eevil\x1b[31m"

// statementOf is a statement whose every text field carries s.
func statementOf(s string) *Statement {
	return &Statement{Partner: s, Name: s, Country: s, Anchor: Anchor(s), AsOf: "2026-12-01",
		Programs: []StatementProgram{{Program: s, Name: s, Edition: s, NextTier: s, Track: s,
			Tracks:   []TrackResult{{Track: s, Tier: s, QualifiedTier: s, Status: "qualified", NextTier: s}},
			Progress: []Progress{{Tier: s, Label: s, Have: s, Need: s, Percent: 40, Verdict: "unmet", Source: s}},
			Missing:  []Missing{{Text: s, Source: s}}, Unknown: []string{s},
			Plan: &Plan{Target: s, Status: s, Cost: s, Actions: []string{s}, Blocking: []string{s}}, Notes: []string{s}}},
		Sources: []Source{{ID: s, Title: s, URL: "javascript:alert(3)", Date: s}}}
}

// TestHostileTextHTML: names from the records are text, never markup,
// in the report, its statements and the embedded JSON.
func TestHostileTextHTML(t *testing.T) {
	r := &Report{Data: DataVersion, AsOf: "2026-12-01", Partners: 1, Transitions: []Transition{},
		Statements: []*Statement{statementOf(hostile)}, Sources: []Source{{Program: hostile, ID: hostile, Title: hostile}},
		Programs: []Program{{Program: hostile, Name: hostile, Edition: hostile,
			Tracks:  []Track{{Track: hostile, Partners: 1, Tiers: []Bar{{hostile, 1}}, Statuses: []Bar{{"qualified", 1}}, Gaps: []Count{{Phrase: hostile, Partners: 1}}}},
			Closest: []ClosestPlan{{Partner: hostile, Name: hostile, Target: hostile, Actions: []string{hostile}, Anchor: Anchor(hostile)}}}}}
	var page, letter bytes.Buffer
	if err := WriteHTML(&page, r); err != nil {
		t.Fatal(err)
	}
	if err := WriteStatementHTML(&letter, statementOf(hostile)); err != nil {
		t.Fatal(err)
	}
	for name, b := range map[string]string{"report": page.String(), "statement": letter.String()} {
		for _, bad := range []string{"<img", "<script>alert", `href="javascript:`} {
			if strings.Contains(b, bad) {
				t.Errorf("%s: %q reached the page as markup", name, bad)
			}
		}
		if !strings.Contains(b, "&lt;img src=x onerror=alert(1)&gt;") {
			t.Errorf("%s: the name is not shown as text", name)
		}
	}
	// Bidirectional and control characters show as escapes, never raw,
	// outside the data.
	for name, b := range map[string]string{"report": page.String()[:strings.Index(page.String(), `id="tiercalc-data"`)], "statement": letter.String()} {
		if strings.ContainsAny(b, "\u202e\x1b") || !strings.Contains(b, `\u202eevil\x1b[31m`) {
			t.Errorf("%s: a bidirectional or control character reached the page raw", name)
		}
	}
	// The only </script> ends the data; the data parses back to the name.
	if n := strings.Count(page.String(), "</script>"); n != 1 {
		t.Errorf("%d </script> in the page, want 1 (the data's own)", n)
	}
	got := embedded(t, page.Bytes())
	if got.Statements[0].Name != hostile || got.Programs[0].Tracks[0].Tiers[0].Name != hostile {
		t.Errorf("the embedded data changed the name: %q", got.Statements[0].Name)
	}
}

func TestHostileTextMarkdown(t *testing.T) {
	var b bytes.Buffer
	if err := WriteStatementMarkdown(&b, statementOf(hostile+"\x1b]0;t\a")); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, bad := range []string{"[x](", "\x1b", " *co* ", "| [x]"} {
		if strings.Contains(out, bad) {
			t.Errorf("Markdown statement carries %q unescaped:\n%s", bad, out)
		}
	}
	if m := regexp.MustCompile(`(^|[^\\])<(img|script)`).FindString(out); m != "" {
		t.Errorf("Markdown statement carries markup %q:\n%s", m, out)
	}
	if !strings.Contains(out, `\<img src=x onerror=alert(1)\>`) || !strings.Contains(out, `\x1b`) {
		t.Errorf("Markdown statement does not show the name literally:\n%s", out)
	}
}

// embedded takes the report's data back out of a page.
func embedded(t *testing.T, page []byte) *Report {
	t.Helper()
	m := regexp.MustCompile(`(?s)<script type="application/json" id="tiercalc-data">(.*?)</script>`).FindSubmatch(page)
	if m == nil {
		t.Fatal("no embedded data")
	}
	var r Report
	if err := json.Unmarshal(m[1], &r); err != nil {
		t.Fatalf("embedded data: %v", err)
	}
	return &r
}

func TestAnchorsNeverCollide(t *testing.T) {
	ids := []string{"FR-0001", "FR_0001", "FR 0001", "FR/0001", "fr-0001", "FR-0001_", "é", "_e9_", "../x"}
	seen := map[string]string{}
	for _, id := range ids {
		a := Anchor(id)
		if prev, ok := seen[a]; ok {
			t.Errorf("%q and %q share anchor %q", prev, id, a)
		}
		seen[a] = id
		if !regexp.MustCompile(`^p-[A-Za-z0-9_-]+$`).MatchString(a) {
			t.Errorf("anchor %q of %q has characters an id or file name should not", a, id)
		}
	}
}

func TestTextBar(t *testing.T) {
	for pct, want := range map[int]string{0: "[----------]", 9: "[----------]", 10: "[#---------]", 55: "[#####-----]", 100: "[##########]", 140: "[##########]", -5: "[----------]"} {
		if got := textBar(pct); got != want {
			t.Errorf("textBar(%d) = %q, want %q", pct, got, want)
		}
	}
}
