package check

import (
	"bytes"
	"encoding/xml"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tiercalc/tiercalc/pkg/cmdutil"
	"github.com/tiercalc/tiercalc/pkg/internal/testtool"
	"github.com/tiercalc/tiercalc/pkg/iostreams"
)

// runCheck runs check over input on stdin with args and returns stdout,
// stderr and the exit code.
func runCheck(t *testing.T, input string, env map[string]string, args ...string) (string, string, int) {
	t.Helper()
	ios, in, out, errOut := iostreams.Test()
	in.WriteString(input)
	f := cmdutil.NewFactory(ios, now, func(k string) string { return env[k] }, "test")
	cmd := NewCmdCheck(f, nil)
	cmd.SetArgs(append(args, "-"))
	cmd.SilenceUsage, cmd.SilenceErrors = true, true
	err := cmd.Execute()
	code := 0
	var ee *cmdutil.ExitError
	if errors.As(err, &ee) {
		code = ee.Code
	} else if err != nil {
		t.Fatalf("check: %v", err)
	}
	return out.String(), errOut.String(), code
}

const ciInput = "id,name,VSP,VTSP\nP1,Acme,1,1\nP2,Beta,x,1\nP3,Gamma,4,4\n"

// -o junit on real check output, a rejected record included, is valid
// against junit-10.xsd (xmllint), with the rejection as an errored case
// carrying its file and line, and unique test names.
func TestJUnitValidAgainstSchema(t *testing.T) {
	xmllint := testtool.NeedTool(t, "xmllint", "libxml2-utils")
	out, _, code := runCheck(t, ciInput, nil, "-p", "vpn-2009", "--as-of", "2010-01-01", "--fail-below", "Enterprise", "-o", "junit")
	if code != cmdutil.ExitRejected {
		t.Fatalf("exit %d, want 4 (a rejected record)", code)
	}
	for _, doc := range []string{out, runJUnitEmpty(t)} {
		file := filepath.Join(t.TempDir(), "junit.xml")
		if err := os.WriteFile(file, []byte(doc), 0o644); err != nil {
			t.Fatal(err)
		}
		if msg, err := exec.Command(xmllint, "--noout", "--schema", testtool.JUnitSchemaPath(), file).CombinedOutput(); err != nil {
			t.Fatalf("xmllint: %v\n%s\n%s", err, msg, doc)
		}
	}
	var parsed struct {
		Suites []struct {
			Name   string `xml:"name,attr"`
			Errors int    `xml:"errors,attr"`
			Cases  []struct {
				Name  string    `xml:"name,attr"`
				File  string    `xml:"file,attr"`
				Line  int       `xml:"line,attr"`
				Error *struct{} `xml:"error"`
				Fail  *struct{} `xml:"failure"`
			} `xml:"testcase"`
		} `xml:"testsuite"`
	}
	if err := xml.Unmarshal([]byte(out), &parsed); err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	var errored, failed int
	for _, s := range parsed.Suites {
		for _, c := range s.Cases {
			if names[c.Name] {
				t.Errorf("test name %q twice", c.Name)
			}
			names[c.Name] = true
			if c.Error != nil {
				errored++
				if c.File != "stdin" || c.Line != 3 || s.Errors != 1 {
					t.Errorf("rejected case %+v in suite %q", c, s.Name)
				}
			}
			if c.Fail != nil {
				failed++
			}
		}
	}
	if errored != 1 || failed != 2 || len(names) != 3 {
		t.Errorf("%d errored, %d failed, %d cases:\n%s", errored, failed, len(names), out)
	}
}

func runJUnitEmpty(t *testing.T) string {
	out, _, _ := runCheck(t, "id,name\n", nil, "-p", "vpn-2009", "-o", "junit")
	return out
}

// -o github: each annotation carries the record's file and line; a
// rejected record is an error annotation; incomplete results are notices
// even without a gate; the job summary goes to $GITHUB_STEP_SUMMARY.
func TestGitHubAnnotations(t *testing.T) {
	summary := filepath.Join(t.TempDir(), "summary.md")
	out, _, code := runCheck(t, ciInput+"P4,Delta,,2\n", map[string]string{"GITHUB_STEP_SUMMARY": summary},
		"-p", "vpn-2009", "--as-of", "2010-01-01", "--fail-below", "Enterprise", "--ignore-incomplete", "-o", "github")
	if code != cmdutil.ExitRejected {
		t.Fatalf("exit %d, want 4", code)
	}
	if strings.Contains(out, "line=4,title=P3 (Gamma) — vpn-2009::Professional ranks") {
		t.Errorf("--ignore-incomplete failed an incomplete result:\n%s", out)
	}
	for _, want := range []string{
		"::error file=stdin,line=2,title=P1 (Acme) — vpn-2009::",
		"::error file=stdin,line=3,title=rejected record::stdin:3:9: record P2: field VSP",
		"::notice file=stdin,line=5,title=P4 (Delta) — vpn-2009::",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("annotations lack %q:\n%s", want, out)
		}
	}
	md, err := os.ReadFile(summary)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(md, []byte("| vpn-2009 | 1 | 0 | 2 | 0 |")) || !bytes.Contains(md, []byte("1 result(s) failed the gate; 1 record(s) rejected.")) {
		t.Errorf("job summary:\n%s", md)
	}
}
