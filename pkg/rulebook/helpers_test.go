package rulebook

import (
	"errors"
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// head starts every inline test rulebook; wants give lines relative to the
// text after it (line 1 is the first line after head).
const head = `id: t
name: T
effective: 2020-01-01
sources: [{id: s, title: S}, {id: s2, title: S2}]
vocabulary:
  credentials: [{id: VTSP}]
  competencies: [{id: a}, {id: b}, {id: c}]
`

var headLines = strings.Count(head, "\n")

// problemsOf parses head+body and returns its problems (nil when valid).
func problemsOf(t *testing.T, body string) Problems {
	t.Helper()
	_, err := Parse("t.yaml", []byte(head+body))
	if err == nil {
		return nil
	}
	var ps Problems
	if !errors.As(err, &ps) {
		t.Fatalf("error is not Problems: %v", err)
	}
	return ps
}

var wantPat = regexp.MustCompile(`^(\d+):(\d+): (.*)$`)

// checkProblems asserts that each want ("line:col: substring", line relative
// to body, or "substring" alone for any position; a trailing " [text]" must
// be in the hint) matches a problem, and
// that there are no problems beyond the wanted ones.
func checkProblems(t *testing.T, ps Problems, offset int, wants ...string) {
	t.Helper()
	used := make([]bool, len(ps))
	for _, w := range wants {
		sub, prefix := w, ""
		if m := wantPat.FindStringSubmatch(w); m != nil {
			line, _ := strconv.Atoi(m[1])
			prefix = fmt.Sprintf("t.yaml:%d:%s: ", line+offset, m[2])
			sub = m[3]
		}
		hint := ""
		if i := strings.LastIndex(sub, " ["); i >= 0 && strings.HasSuffix(sub, "]") {
			sub, hint = sub[:i], sub[i+2:len(sub)-1]
		}
		found := false
		for i, p := range ps {
			if !used[i] && strings.HasPrefix(p.Error(), prefix) && strings.Contains(p.Error()+" "+p.Hint, sub) && strings.Contains(p.Hint, hint) {
				used[i], found = true, true
				break
			}
		}
		if !found {
			t.Errorf("no problem %q (with line offset %d); got:\n%s", w, offset, dump(ps))
		}
	}
	for i, p := range ps {
		if !used[i] {
			t.Errorf("unexpected problem: %s (hint %q)", p.Error(), p.Hint)
		}
	}
}

func dump(ps Problems) string {
	var b strings.Builder
	for _, p := range ps {
		fmt.Fprintf(&b, "  %s", p.Error())
		if p.Hint != "" {
			fmt.Fprintf(&b, " [hint: %s]", p.Hint)
		}
		b.WriteString("\n")
	}
	return b.String()
}

func mustParseFile(t testing.TB, name string) *Program {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	p, err := Parse(name, data)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return p
}
