package report

import (
	"bufio"
	"io"
	"strconv"

	"github.com/tiercalc/tiercalc/pkg/engine"
	"github.com/tiercalc/tiercalc/pkg/internal/ci"
)

// junitPrinter streams a JUnit XML report valid against the Jenkins/Ant
// junit-10.xsd:
//
//	<testsuites name="tiercalc">
//	  <testsuite name="partners P1 to P256" tests="512" failures="3" errors="0">
//	    <testcase name="P1 (Acme) vpn-2009" classname="vpn-2009"/>
//	    <testcase name="P2 (Beta) partner-connect-2020/network-virtualization" classname="...">
//	      <failure message="Partner ranks below Advanced" type="gate">tier Partner (qualified); ...</failure>
//	    </testcase>
//	  </testsuite>
//	  <testsuite name="rejected records" tests="1" failures="0" errors="1">
//	    <testcase name="partners.csv:7" classname="rejected" file="partners.csv" line="7">
//	      <error message="partners.csv:7: record P9: field VTSP: ..." type="rejected"/>
//	    </testcase>
//	  </testsuite>
//	</testsuites>
//
// The schema wants each suite's counts on its opening tag, before its
// cases, and results stream: so each batch of results is a suite of its
// own, counted and encoded on the workers (it is an Appender), and the run
// holds no more than a batch. CI tools group cases by classname (program
// and track) whatever the suites. A case's name is its partner, program
// and track, unique because the reader rejects a second record with the
// same id. Records rejected while reading are errored cases with their
// file and line, in a suite written before the next batch of results.
type junitPrinter struct {
	w       *bufio.Writer
	gate    func(engine.Result) (bool, string)
	started bool
	closed  bool

	pending ci.Suite // Print's cases not yet written
	last    string   // the partner of pending's last case

	rejected handover[ci.Case]
}

func newJUnit(w io.Writer, o Options) *junitPrinter {
	return &junitPrinter{w: bufio.NewWriterSize(w, 64<<10), gate: o.Gate}
}

// Print adds r to the suite being gathered, written when it has
// blockRows cases or at Close (the workers' AppendResults is the fast
// path; this one serves callers with results one by one).
func (p *junitPrinter) Print(r engine.Result) error {
	if p.closed {
		return errClosed
	}
	if len(p.pending.Cases) == 0 {
		p.pending.Name = r.Partner
	}
	p.pending.Cases = append(p.pending.Cases, p.testCase(&r))
	p.last = r.Partner
	if len(p.pending.Cases) < blockRows {
		return nil
	}
	return p.flushPending()
}

func (p *junitPrinter) flushPending() error {
	if len(p.pending.Cases) == 0 {
		return nil
	}
	p.pending.Name = "partners " + p.pending.Name + " to " + p.last
	b := ci.AppendSuite(nil, &p.pending)
	p.pending = ci.Suite{}
	return p.WriteAppended(b)
}

// AppendResults appends rs as one suite.
func (p *junitPrinter) AppendResults(dst []byte, rs []engine.Result) ([]byte, error) {
	if len(rs) == 0 {
		return dst, nil
	}
	s := ci.Suite{Name: "partners " + rs[0].Partner + " to " + rs[len(rs)-1].Partner, Cases: make([]ci.Case, len(rs))}
	for i := range rs {
		s.Cases[i] = p.testCase(&rs[i])
	}
	return ci.AppendSuite(dst, &s), nil
}

// testCase is r's test case: failed when the gate fails it.
func (p *junitPrinter) testCase(r *engine.Result) ci.Case {
	c := ci.Case{Name: subject(r) + " " + suite(r), Classname: suite(r)}
	if p.gate == nil {
		return c
	}
	if failed, why := p.gate(*r); failed {
		if why == "" {
			why = "failed the gate"
		}
		c.Failure = &ci.Problem{Message: sanitize(why), Type: "gate", Text: describe(r)}
	}
	return c
}

func (p *junitPrinter) start() {
	if !p.started {
		p.started = true
		ci.Header(p.w, "tiercalc")
	}
}

func (p *junitPrinter) WriteAppended(b []byte) error {
	if p.closed {
		return errClosed
	}
	p.start()
	p.writeRejected()
	_, err := p.w.Write(b)
	return err
}

// Reject records a rejected record as an errored case, written with the
// next batch of results or at Close.
func (p *junitPrinter) Reject(file string, line int, msg string) {
	name := file
	if line > 0 {
		name = file + ":" + strconv.Itoa(line)
	}
	if name == "" {
		name = "input"
	}
	p.rejected.add(ci.Case{Name: name, Classname: "rejected", File: file, Line: line,
		Error: &ci.Problem{Message: msg, Type: "rejected"}})
}

func (p *junitPrinter) writeRejected() {
	if cases := p.rejected.take(); len(cases) > 0 {
		ci.WriteSuite(p.w, &ci.Suite{Name: "rejected records", Cases: cases})
	}
}

func (p *junitPrinter) Close() error {
	if p.closed {
		return nil
	}
	if err := p.flushPending(); err != nil {
		return err
	}
	p.start()
	p.writeRejected()
	p.closed = true
	ci.Footer(p.w)
	return p.w.Flush()
}
