package ci

import (
	"fmt"
	"strings"
	"testing"
)

func TestCappedSumsUpTheRest(t *testing.T) {
	var b strings.Builder
	c := NewCapped(&b, func(level string, n int) string { return fmt.Sprintf("%d more %s(s)", n, level) })
	for i := range MaxAnnotations + 3 {
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
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	if len(lines) != MaxAnnotations+2 {
		t.Fatalf("%d lines:\n%s", len(lines), b.String())
	}
	if lines[0] != "::error file=r.yaml,line=1::bad" || lines[MaxAnnotations] != "::warning::doubtful" {
		t.Errorf("first %q, warning %q", lines[0], lines[MaxAnnotations])
	}
	if last := lines[len(lines)-1]; last != "::error title=more::3 more error(s)" {
		t.Errorf("summary %q", last)
	}
}
