package ci

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"strconv"

	"github.com/tiercalc/tiercalc/pkg/internal/safetext"
)

// Case is one JUnit <testcase>. At most one of Failure and Error is set
// (a failed expectation, and an input that could not be evaluated).
type Case struct {
	Name      string
	Classname string
	File      string
	Line      int
	Failure   *Problem
	Error     *Problem
	SystemOut string
}

// Problem is a <failure> or <error>: a one-line message, a type and a
// longer text.
type Problem struct {
	Message string
	Type    string
	Text    string
}

// Suite is one <testsuite> with its counts, which junit-10.xsd requires
// before the cases (tests is required): write a suite once its cases are
// known, or as blocks of cases when streaming.
type Suite struct {
	Name  string
	File  string
	Cases []Case
}

// Counts returns the suite's tests, failures and errors.
func (s *Suite) Counts() (tests, failures, errors int) {
	for i := range s.Cases {
		switch {
		case s.Cases[i].Error != nil:
			errors++
		case s.Cases[i].Failure != nil:
			failures++
		}
	}
	return len(s.Cases), failures, errors
}

// Header starts a JUnit document: the XML declaration and <testsuites>.
func Header(w *bufio.Writer, name string) {
	w.WriteString(xml.Header)
	w.WriteString(`<testsuites name="`)
	text(w, name)
	w.WriteString("\">\n")
}

// Footer ends what Header started.
func Footer(w *bufio.Writer) { w.WriteString("</testsuites>\n") }

// WriteSuite writes one <testsuite> with its counts and cases.
func WriteSuite(w *bufio.Writer, s *Suite) {
	tests, failures, errors := s.Counts()
	w.WriteString(`  <testsuite name="`)
	text(w, s.Name)
	w.WriteString(`" tests="` + strconv.Itoa(tests) + `" failures="` + strconv.Itoa(failures) + `" errors="` + strconv.Itoa(errors) + `"`)
	if s.File != "" {
		w.WriteString(` file="`)
		text(w, s.File)
		w.WriteString(`"`)
	}
	w.WriteString(">\n")
	for i := range s.Cases {
		writeCase(w, &s.Cases[i])
	}
	w.WriteString("  </testsuite>\n")
}

func writeCase(w *bufio.Writer, c *Case) {
	w.WriteString(`    <testcase name="`)
	text(w, c.Name)
	w.WriteString(`"`)
	if c.Classname != "" {
		w.WriteString(` classname="`)
		text(w, c.Classname)
		w.WriteString(`"`)
	}
	if c.File != "" {
		w.WriteString(` file="`)
		text(w, c.File)
		w.WriteString(`"`)
	}
	if c.Line > 0 {
		w.WriteString(` line="` + strconv.Itoa(c.Line) + `"`)
	}
	if c.Failure == nil && c.Error == nil && c.SystemOut == "" {
		w.WriteString("/>\n")
		return
	}
	w.WriteString(">\n")
	problem(w, "failure", c.Failure)
	problem(w, "error", c.Error)
	if c.SystemOut != "" {
		w.WriteString("      <system-out>")
		text(w, c.SystemOut)
		w.WriteString("</system-out>\n")
	}
	w.WriteString("    </testcase>\n")
}

func problem(w *bufio.Writer, elem string, p *Problem) {
	if p == nil {
		return
	}
	w.WriteString("      <" + elem + ` message="`)
	text(w, p.Message)
	w.WriteString(`"`)
	if p.Type != "" {
		w.WriteString(` type="`)
		text(w, p.Type)
		w.WriteString(`"`)
	}
	w.WriteString(">")
	text(w, p.Text)
	w.WriteString("</" + elem + ">\n")
}

// text escapes s for element text or an attribute value. safetext.Data
// first keeps characters XML 1.0 cannot carry at all visible (as \x1b)
// rather than letting encoding/xml turn them into U+FFFD; line breaks stay.
func text(w *bufio.Writer, s string) {
	xml.EscapeText(w, []byte(safetext.Data(s)))
}

// AppendSuite appends WriteSuite's bytes to dst, for a printer that
// encodes suites on several goroutines.
func AppendSuite(dst []byte, s *Suite) []byte {
	buf := bytes.NewBuffer(dst)
	w := bufio.NewWriterSize(buf, 4096)
	WriteSuite(w, s)
	w.Flush()
	return buf.Bytes()
}
