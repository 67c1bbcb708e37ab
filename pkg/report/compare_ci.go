package report

import (
	"bufio"
	"io"
	"strings"

	"github.com/tiercalc/tiercalc/pkg/compare"
	"github.com/tiercalc/tiercalc/pkg/internal/ci"
)

// compareCI is compare's -o junit and -o github. JUnit: a test case per
// partner (named by its id and name), failed when Options.RowGate fails
// the row (--fail-on-downgrade, --fail-on-incomplete), in suites of
// blockRows cases with their counts. GitHub: an ::error annotation per
// failed row and a ::notice per row with a fall between consecutive
// programs that no gate failed (useful without a gate), capped as check's
// are.
type compareCI struct {
	junit   bool
	w       *bufio.Writer
	gate    func(compare.Row) (bool, string)
	started bool
	suite   ci.Suite
	last    string        // the partner of the suite's last case
	gh      githubPrinter // the annotation cap and counts
}

func newCompareCI(f Format, w io.Writer, o Options) *compareCI {
	p := &compareCI{junit: f == JUnit, w: bufio.NewWriterSize(w, 64<<10), gate: o.RowGate}
	p.gh = *newGitHub(p.w, Options{})
	return p
}

// moves words the row's moves between consecutive programs that fall.
func moves(row compare.Row) string {
	var out []string
	for _, mv := range row.Moves {
		if mv.Falls() {
			out = append(out, mv.Move+" "+mv.From+" -> "+mv.To+": "+MovePhrase(row, mv))
		}
	}
	return strings.Join(out, "; ")
}

func (p *compareCI) Row(row compare.Row) error {
	failed, why := false, ""
	if p.gate != nil {
		failed, why = p.gate(row)
	}
	name := row.Partner
	if row.Name != "" {
		name += " (" + row.Name + ")"
	}
	name = sanitize(name)
	if p.junit {
		c := ci.Case{Name: name, Classname: "compare", File: row.File, Line: row.Line}
		if failed {
			c.Failure = &ci.Problem{Message: sanitize(why), Type: "gate", Text: sanitize(moves(row))}
		}
		if len(p.suite.Cases) == 0 {
			p.suite.Name = "partners " + row.Partner
		}
		p.suite.Cases = append(p.suite.Cases, c)
		p.last = row.Partner
		if len(p.suite.Cases) >= blockRows {
			p.flushSuite()
		}
		return nil
	}
	a := ci.Annotation{File: row.File, Line: row.Line, Title: name + " — compare", Message: sanitize(moves(row))}
	switch {
	case failed:
		a.Level, a.Message = "error", sanitize(why)+": "+a.Message
	case a.Message != "":
		a.Level = "notice"
	default:
		return nil
	}
	return p.gh.annotate(a)
}

func (p *compareCI) flushSuite() {
	if !p.started {
		p.started = true
		ci.Header(p.w, "tiercalc compare")
	}
	if len(p.suite.Cases) > 0 {
		p.suite.Name += " to " + p.last
		ci.WriteSuite(p.w, &p.suite)
	}
	p.suite = ci.Suite{}
}

func (p *compareCI) Close() error {
	if !p.junit {
		return p.gh.Close()
	}
	p.flushSuite()
	ci.Footer(p.w)
	return p.w.Flush()
}
