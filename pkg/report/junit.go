package report

import (
	"bufio"
	"encoding/xml"
	"io"
	"strconv"

	"github.com/tiercalc/tiercalc/pkg/engine"
)

// junitPrinter streams a JUnit XML report:
//
//	<?xml version="1.0" encoding="UTF-8"?>
//	<testsuites name="tiercalc">
//	  <testsuite name="tiercalc">
//	    <testcase name="P1 (Acme)" classname="vpn-2009"></testcase>
//	    <testcase name="P2 (Beta)" classname="partner-connect-2020/network-virtualization">
//	      <failure message="below Advanced" type="gate">tier Partner (qualified); next ...</failure>
//	    </testcase>
//	    <system-out>2 results, 1 failed</system-out>
//	  </testsuite>
//	</testsuites>
//
// One test case per partner, program and track, written as it comes, so a
// run of millions holds nothing but two counters. That rules out one
// <testsuite> per program: results arrive partner by partner, interleaving
// programs, and a suite's tests/failures attributes would have to be known
// before its first case. So there is one suite, cases carry the program
// (and track) as classname, by which CI tools (Jenkins, GitLab, test
// reporters) group them, the count attributes are left out (every reader we
// know of counts the cases itself), and the counts close the suite in
// <system-out>, which the JUnit schema allows after the cases.
type junitPrinter struct {
	w       *bufio.Writer
	gate    func(engine.Result) (bool, string)
	started bool
	closed  bool
	n, fail int
}

func newJUnit(w io.Writer, o Options) *junitPrinter {
	return &junitPrinter{w: bufio.NewWriterSize(w, 64<<10), gate: o.Gate}
}

func (p *junitPrinter) start() {
	if !p.started {
		p.started = true
		p.w.WriteString(xml.Header)
		p.w.WriteString("<testsuites name=\"tiercalc\">\n  <testsuite name=\"tiercalc\">\n")
	}
}

// xmlText escapes s for element text or an attribute value. sanitize
// first keeps characters XML 1.0 cannot carry at all visible as \x1b
// rather than letting encoding/xml turn them into U+FFFD.
func (p *junitPrinter) xmlText(s string) {
	xml.EscapeText(p.w, []byte(sanitize(s)))
}

func (p *junitPrinter) Print(r engine.Result) error {
	if p.closed {
		return errClosed
	}
	p.start()
	p.n++
	p.w.WriteString(`    <testcase name="`)
	p.xmlText(subject(&r))
	p.w.WriteString(`" classname="`)
	p.xmlText(suite(&r))
	p.w.WriteString(`">`)
	if p.gate != nil {
		if failed, why := p.gate(r); failed {
			p.fail++
			if why == "" {
				why = "failed the gate"
			}
			p.w.WriteString("\n      <failure message=\"")
			p.xmlText(why)
			p.w.WriteString(`" type="gate">`)
			p.xmlText(describe(&r))
			p.w.WriteString("</failure>\n    ")
		}
	}
	_, err := p.w.WriteString("</testcase>\n")
	return err
}

func (p *junitPrinter) Close() error {
	if p.closed {
		return nil
	}
	p.closed = true
	p.start()
	p.w.WriteString("    <system-out>")
	p.w.WriteString(strconv.Itoa(p.n))
	p.w.WriteString(" results, ")
	p.w.WriteString(strconv.Itoa(p.fail))
	p.w.WriteString(" failed</system-out>\n  </testsuite>\n</testsuites>\n")
	return p.w.Flush()
}
