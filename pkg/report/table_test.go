package report

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/tiercalc/tiercalc/pkg/engine"
)

// TestTableColumns: PROGRAM shows when several programs are selected,
// TRACK when one has named tracks; -o wide shows every column.
func TestTableColumns(t *testing.T) {
	head := func(o Options, rs []engine.Result) string {
		out := render(t, Table, o, rs)
		first, _, _ := strings.Cut(out, "\n")
		return strings.Join(strings.Fields(first), " ")
	}
	if got := head(testOptions, fixtures()); got != "PARTNER NAME PROGRAM TIER STATUS NEXT MISSING" {
		t.Errorf("several programs: %q", got)
	}
	one := Options{Programs: map[string]ProgramInfo{"vpn-2009": {}}}
	if got := head(one, fixtures()[:1]); got != "PARTNER NAME TIER STATUS NEXT MISSING" {
		t.Errorf("one program without tracks: %q", got)
	}
	one.Wide = true
	if got := head(one, fixtures()[:1]); got != "PARTNER NAME PROGRAM EDITION TRACK TIER QUALIFIED STATUS GRACE UNTIL NEXT MISSING UNKNOWN NOTES" {
		t.Errorf("wide: %q", got)
	}
	one.Wide, one.NoHeaders = false, true
	if got := head(one, fixtures()[:1]); !strings.HasPrefix(got, "P001 ") {
		t.Errorf("--no-headers: %q", got)
	}
}

// TestTableWidth: with a width, no line is wider and no word that fits is
// broken; without one, every row is one line.
func TestTableWidth(t *testing.T) {
	long := fixtures()[1]
	long.Name = strings.Repeat("Long Name ", 8)
	rs := append([]engine.Result{long}, fixtures()...)
	for _, width := range []int{80, 120} {
		out := render(t, Table, Options{Width: width}, rs)
		for _, line := range strings.Split(out, "\n") {
			if n := utf8.RuneCountInString(line); n > width {
				t.Errorf("width %d: line of %d columns: %q", width, n, line)
			}
		}
		for _, word := range []string{"Virtualisation", "competency", "business-", "VCAP-DCV)*;"} { // a word breaks only after a hyphen
			if !strings.Contains(out, word) {
				t.Errorf("width %d: %q was broken:\n%s", width, word, out)
			}
		}
	}
	out := render(t, Table, Options{}, rs)
	if n := strings.Count(out, "\n"); n != len(rs)+1+3+2 { // header; 3 footnotes; blank and assumed
		t.Errorf("no width: %d lines for %d rows:\n%s", n, len(rs), out)
	}
}

// TestTableStreamsInBlocks: rows after the first block keep the first
// block's column positions, and the first block is written before the
// last result arrives.
func TestTableStreamsInBlocks(t *testing.T) {
	var buf strings.Builder
	p, err := New(Table, &buf, Options{Width: 100})
	if err != nil {
		t.Fatal(err)
	}
	r := fixtures()[0]
	r.Notes = nil
	for i := range blockRows + 1 {
		r.Partner = fmt.Sprintf("P%d", i)
		if err := p.Print(r); err != nil {
			t.Fatal(err)
		}
	}
	p.(*tablePrinter).w.Flush()
	if got := strings.Count(buf.String(), "\n"); got < blockRows {
		t.Fatalf("after %d rows, %d lines written", blockRows+1, got)
	}
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(buf.String(), "\n")
	col := strings.Index(lines[0], "TIER")
	var last string
	for _, l := range lines {
		if strings.HasPrefix(l, "P256 ") {
			last = l
		}
	}
	if strings.Index(last, "Enterprise") != col {
		t.Errorf("later block out of line: %q (TIER at %d)\n%s", last, col, lines[0])
	}
}

func TestWrapWords(t *testing.T) {
	for _, c := range []struct {
		in    string
		width int
		want  []string
	}{
		{"one two three", 7, []string{"one two", "three"}},
		{"one two three", 20, []string{"one two three"}},
		{"abcdefghij xy", 4, []string{"abcd", "efgh", "ij", "xy"}},
	} {
		got := wrapWords(c.in, c.width)
		if strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("wrapWords(%q, %d) = %q, want %q", c.in, c.width, got, c.want)
		}
	}
}

// -o github stops each level one short of GitHub's ten a step, and its
// last annotation counts the rest.
func TestGitHubCap(t *testing.T) {
	r := fixtures()[5] // no tier: the test gate fails it
	var rs []engine.Result
	for i := range 15 {
		r.Partner = fmt.Sprintf("P%d", i)
		rs = append(rs, r)
	}
	out := render(t, GitHub, testOptions, rs)
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != 10 || !strings.HasPrefix(lines[9], "::error title=tiercalc::6 more failed results and rejected records not annotated") {
		t.Errorf("%d lines, last %q", len(lines), lines[len(lines)-1])
	}
}
