package test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/tiercalc/tiercalc/pkg/internal/ci"
	"github.com/tiercalc/tiercalc/pkg/internal/safetext"
	"github.com/tiercalc/tiercalc/pkg/iostreams"
	"github.com/tiercalc/tiercalc/pkg/report"
	"github.com/tiercalc/tiercalc/pkg/suite"
)

func write(ios *iostreams.IOStreams, o *TestOptions, r *results) error {
	return writeTo(ios, func(w *bufio.Writer) error {
		switch o.Print.Format() {
		case report.JSON:
			return writeJSON(w, r)
		case report.JUnit:
			writeJUnit(w, o, r)
		case report.GitHub:
			writeGitHub(w, o, r)
		default:
			writeText(w, o, r)
		}
		return nil
	})
}

func writeTo(ios *iostreams.IOStreams, fn func(*bufio.Writer) error) error {
	w := bufio.NewWriter(ios.ResultsOut())
	if err := fn(w); err != nil {
		return err
	}
	return w.Flush()
}

func percent(p float64) string { return strconv.FormatFloat(p, 'f', 1, 64) + "%" }

func joinLines(s []string) string { return strings.Join(s, "\n") }

// summary is the last line of the text report.
func summary(r *results) string {
	covered := 0
	for _, g := range r.goals {
		if g.Covered {
			covered++
		}
	}
	failed := r.failed()
	verdict := "ok"
	if failed > 0 {
		verdict = "FAIL"
	}
	return fmt.Sprintf("%s: %d passed, %d failed, %d case(s) in %d suite(s); requirement coverage %s (%d of %d goals)",
		verdict, len(r.outs)-failed, failed, len(r.outs), len(r.suites), percent(suite.Percent(r.goals)), covered, len(r.goals))
}

func writeText(w *bufio.Writer, o *TestOptions, r *results) {
	for _, out := range r.outs {
		t := out.Test
		if out.Passed() {
			w.WriteString(safetext.Terminal("PASS "+t.Name+" ("+tierText(out.Got.Tier)+")") + "\n")
			continue
		}
		w.WriteString(safetext.Terminal("FAIL "+t.Name+": "+strings.Join(out.Failures, "; ")) + "\n")
		w.WriteString(safetext.Terminal(fmt.Sprintf("    at %s:%d: %s edition %s, as of %s", t.File, t.Line, t.Program, out.Edition, t.AsOf.Format(time.DateOnly))) + "\n")
		for _, line := range strings.Split(strings.TrimRight(why(out), "\n"), "\n") {
			w.WriteString("    " + line + "\n")
		}
	}
	if o.Coverage {
		for _, g := range r.goals {
			if !g.Covered {
				w.WriteString(safetext.Terminal("not covered: "+g.String()) + "\n")
			}
		}
	}
	w.WriteString(summary(r) + "\n")
}

// why is the explanation of a failing test's actual result, as `why`
// prints it (already sanitised).
func why(out *suite.Outcome) string {
	if out.Resolved == nil || len(out.Explanation.Tiers) == 0 {
		return "(no explanation: no track of the program applies to the partner's profiles)"
	}
	var b bytes.Buffer
	items := []report.Why{{X: out.Explanation, RV: out.Resolved}}
	if err := report.WriteWhy(report.Table, &b, items, report.WhyOptions{AsOf: out.Test.AsOf}); err != nil {
		return err.Error()
	}
	return b.String()
}

func tierText(s *string) string {
	if s == nil {
		return "no tier"
	}
	return *s
}

// The JSON report: every case with its actual result, and the coverage.
type jsonReport struct {
	Tests    []jsonTest   `json:"tests"`
	Summary  jsonSummary  `json:"summary"`
	Coverage jsonCoverage `json:"coverage"`
}

type jsonTest struct {
	Name     string   `json:"name"`
	File     string   `json:"file"`
	Line     int      `json:"line"`
	Program  string   `json:"program"`
	Edition  string   `json:"edition"`
	Track    string   `json:"track"`
	AsOf     string   `json:"as_of"`
	Passed   bool     `json:"passed"`
	Failures []string `json:"failures"`
	Actual   jsonGot  `json:"actual"`
}

type jsonGot struct {
	Tier       *string   `json:"tier"`
	Status     string    `json:"status"`
	NextTier   *string   `json:"next_tier"`
	GraceUntil *string   `json:"grace_until"`
	Gaps       []jsonGap `json:"gaps"`
	Notes      []string  `json:"notes"`
}

type jsonGap struct {
	ID    string   `json:"id"`
	Short *float64 `json:"short"`
}

type jsonSummary struct {
	Tests  int `json:"tests"`
	Passed int `json:"passed"`
	Failed int `json:"failed"`
	Suites int `json:"suites"`
}

type jsonCoverage struct {
	Percent   float64    `json:"percent"`
	Goals     int        `json:"goals"`
	Covered   int        `json:"covered"`
	Uncovered []jsonGoal `json:"uncovered"`
}

type jsonGoal struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Program string `json:"program"`
	Edition string `json:"edition"`
	Track   string `json:"track"`
	Tier    string `json:"tier"`
	What    string `json:"what"`
	Need    string `json:"need"`
}

func writeJSON(w *bufio.Writer, r *results) error {
	doc := jsonReport{Tests: []jsonTest{}, Coverage: jsonCoverage{Uncovered: []jsonGoal{}}}
	for _, out := range r.outs {
		t, g := out.Test, out.Got
		jt := jsonTest{Name: t.Name, File: t.File, Line: t.Line, Program: t.Program, Edition: out.Edition, Track: t.Track,
			AsOf: t.AsOf.Format(time.DateOnly), Passed: out.Passed(), Failures: append([]string{}, out.Failures...),
			Actual: jsonGot{Tier: g.Tier, Status: g.Status, NextTier: g.NextTier, GraceUntil: g.GraceUntil, Gaps: []jsonGap{},
				Notes: append([]string{}, g.Notes...)}}
		for _, gap := range g.Gaps {
			jt.Actual.Gaps = append(jt.Actual.Gaps, jsonGap{gap.ID, gap.Short})
		}
		doc.Tests = append(doc.Tests, jt)
	}
	failed := r.failed()
	doc.Summary = jsonSummary{Tests: len(r.outs), Passed: len(r.outs) - failed, Failed: failed, Suites: len(r.suites)}
	doc.Coverage.Goals, doc.Coverage.Percent = len(r.goals), math.Round(suite.Percent(r.goals)*100)/100
	for _, gl := range r.goals {
		if gl.Covered {
			doc.Coverage.Covered++
			continue
		}
		doc.Coverage.Uncovered = append(doc.Coverage.Uncovered, jsonGoal{gl.Pos.File, gl.Pos.Line, gl.Program, gl.Edition, gl.Track, gl.Tier, gl.What, gl.Need})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(doc)
}

// writeJUnit writes one <testsuite> per suite file and, with
// --min-coverage, one for the coverage gate.
func writeJUnit(w *bufio.Writer, o *TestOptions, r *results) {
	ci.Header(w, "tiercalc rules test")
	for _, s := range r.suites {
		js := &ci.Suite{Name: s.Name, File: s.Name}
		for _, out := range r.outs {
			t := out.Test
			if t.File != s.Name {
				continue
			}
			c := ci.Case{Name: t.Name, Classname: t.Program, File: t.File, Line: t.Line}
			if !out.Passed() {
				c.Failure = &ci.Problem{Message: strings.Join(out.Failures, "; "), Type: "expectation", Text: why(out)}
			}
			js.Cases = append(js.Cases, c)
		}
		ci.WriteSuite(w, js)
	}
	if o.MinCoverage >= 0 {
		pct := suite.Percent(r.goals)
		c := ci.Case{Name: "requirement coverage >= " + strconv.FormatFloat(o.MinCoverage, 'f', -1, 64) + "%", Classname: "coverage"}
		if pct < o.MinCoverage {
			c.Failure = &ci.Problem{Message: "requirement coverage " + percent(pct) + " is under the minimum", Type: "coverage", Text: uncovered(r)}
		}
		ci.WriteSuite(w, &ci.Suite{Name: "coverage", Cases: []ci.Case{c}})
	}
	ci.Footer(w)
}

func uncovered(r *results) string {
	var b strings.Builder
	for _, g := range r.goals {
		if !g.Covered {
			b.WriteString(g.String() + "\n")
		}
	}
	return b.String()
}

// writeGitHub writes an error annotation at each failing case's file:line
// and, with --coverage, a warning at each uncovered rule's, each level cut
// at ci.MaxAnnotations (ci.Capped) with one that counts the rest, then the
// summary as a notice.
func writeGitHub(w *bufio.Writer, o *TestOptions, r *results) {
	c := ci.NewCapped(w, func(_ string, n int) ci.Annotation {
		return ci.Annotation{Title: "rules test", Message: fmt.Sprintf("%d more like this; run tiercalc rules test for all of them", n)}
	})
	for _, out := range r.outs {
		if !out.Passed() {
			t := out.Test
			_ = c.Add(ci.Annotation{Level: "error", File: t.File, Line: t.Line, Title: "rules test: " + t.Name,
				Message: strings.Join(out.Failures, "; ")})
		}
	}
	pct := suite.Percent(r.goals)
	if o.MinCoverage >= 0 && pct < o.MinCoverage {
		_ = c.Add(ci.Annotation{Level: "error", Title: "rules test: coverage",
			Message: "requirement coverage " + percent(pct) + " is under --min-coverage " + strconv.FormatFloat(o.MinCoverage, 'f', -1, 64) + "%"})
	}
	if o.Coverage {
		for _, g := range r.goals {
			if !g.Covered {
				_ = c.Add(ci.Annotation{Level: "warning", File: g.Pos.File, Line: g.Pos.Line, Title: "not covered by a rules test",
					Message: g.Text()})
			}
		}
	}
	_ = c.Close() // a bufio.Writer keeps its error for the flush
	w.Write(ci.AppendAnnotation(nil, ci.Annotation{Level: "notice", Title: "rules test", Message: summary(r)}))
}
