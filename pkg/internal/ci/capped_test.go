package ci

import (
	"fmt"
	"strings"
	"testing"
)

func more(level string, n int) Annotation {
	return Annotation{Title: "more", Message: fmt.Sprintf("%d more %s(s)", n, level)}
}

// run adds errors errors and one warning and returns the lines written.
func run(t *testing.T, errors int) []string {
	t.Helper()
	var b strings.Builder
	c := NewCapped(&b, more)
	for i := range errors {
		if err := c.Add(Annotation{File: "r.yaml", Line: i + 1, Message: "bad"}); err != nil {
			t.Fatal(err)
		}
	}
	if err := c.Add(Annotation{Level: "warning", Message: "doubtful"}); err != nil {
		t.Fatal(err)
	}
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	return strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
}

func TestCappedSumsUpTheRest(t *testing.T) {
	// Three over the cap: nine shown, the tenth place counts four.
	lines := run(t, MaxAnnotations+3)
	if len(lines) != MaxAnnotations+1 {
		t.Fatalf("%d lines:\n%s", len(lines), strings.Join(lines, "\n"))
	}
	if lines[0] != "::error file=r.yaml,line=1::bad" || lines[MaxAnnotations-1] != "::warning::doubtful" {
		t.Errorf("first %q, warning %q", lines[0], lines[MaxAnnotations-1])
	}
	if last := lines[len(lines)-1]; last != "::error title=more::4 more error(s)" {
		t.Errorf("summary %q", last)
	}
	// Exactly at the cap: every one shown, no summary.
	lines = run(t, MaxAnnotations)
	if len(lines) != MaxAnnotations+1 || lines[len(lines)-1] != fmt.Sprintf("::error file=r.yaml,line=%d::bad", MaxAnnotations) {
		t.Errorf("at the cap:\n%s", strings.Join(lines, "\n"))
	}
}
