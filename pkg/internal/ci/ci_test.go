package ci

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tiercalc/tiercalc/pkg/internal/testtool"
)

func TestAnnotationEscapesEverythingThatCouldEndTheCommand(t *testing.T) {
	got := string(AppendAnnotation(nil, Annotation{
		Level: "warning", File: "a,b:c.yaml", Line: 12, Col: 3,
		Title:   "P1 (x::error::y)",
		Message: "50%\nnext line\x1b]0;t\a",
	}))
	want := "::warning file=a%2Cb%3Ac.yaml,line=12,col=3,title=P1 (x%3A%3Aerror%3A%3Ay)::50%25%0Anext line\\x1b]0;t\\x07\n"
	if got != want {
		t.Fatalf("got  %q\nwant %q", got, want)
	}
	if n := strings.Count(got, "\n"); n != 1 {
		t.Fatalf("an annotation must be one line, got %d", n)
	}
	if got := string(AppendAnnotation(nil, Annotation{Message: "m"})); got != "::error::m\n" {
		t.Fatalf("bare annotation: %q", got)
	}
}

func sample() []byte {
	var buf bytes.Buffer
	w := bufio.NewWriter(&buf)
	Header(w, "tiercalc <&>")
	WriteSuite(w, &Suite{Name: "vpn-2009", File: "rules/vpn-2009_test.yaml", Cases: []Case{
		{Name: "premier at the boundary", Classname: "vpn-2009", File: "rules/vpn-2009_test.yaml", Line: 4},
		{Name: "fails", Classname: "vpn-2009", Failure: &Problem{Message: "expected Premier, got Enterprise", Type: "tier", Text: "needs \"4\" VCPs\n& more"}},
		{Name: "bad row \x1b", Error: &Problem{Message: "line 3: bad", Type: "rejected"}, SystemOut: "x"},
	}})
	WriteSuite(w, &Suite{Name: "empty"})
	Footer(w)
	w.Flush()
	return buf.Bytes()
}

func TestJUnitCountsAndWellFormed(t *testing.T) {
	out := sample()
	var doc struct {
		Suites []struct {
			Name     string `xml:"name,attr"`
			Tests    string `xml:"tests,attr"`
			Failures string `xml:"failures,attr"`
			Errors   string `xml:"errors,attr"`
			Cases    []struct {
				Name string `xml:"name,attr"`
				Line string `xml:"line,attr"`
			} `xml:"testcase"`
		} `xml:"testsuite"`
	}
	if err := xml.Unmarshal(out, &doc); err != nil {
		t.Fatalf("not XML: %v\n%s", err, out)
	}
	if len(doc.Suites) != 2 {
		t.Fatalf("suites: %d", len(doc.Suites))
	}
	s := doc.Suites[0]
	if s.Tests != "3" || s.Failures != "1" || s.Errors != "1" || doc.Suites[1].Tests != "0" {
		t.Fatalf("counts: %+v", doc.Suites)
	}
	if s.Cases[0].Line != "4" || s.Cases[2].Name != `bad row \x1b` {
		t.Fatalf("cases: %+v", s.Cases)
	}
}

// TestJUnitValidatesAgainstTheJenkinsSchema runs xmllint (Debian's
// libxml2-utils, which .ci/run installs) against the junit-10.xsd kept in
// testdata.
func TestJUnitValidatesAgainstTheJenkinsSchema(t *testing.T) {
	xmllint := testtool.NeedTool(t, "xmllint", "libxml2-utils")
	f := filepath.Join(t.TempDir(), "out.xml")
	if err := os.WriteFile(f, sample(), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(xmllint, "--noout", "--schema", testtool.JUnitSchemaPath(), f).CombinedOutput()
	if err != nil {
		t.Fatalf("xmllint: %v\n%s", err, out)
	}
}
