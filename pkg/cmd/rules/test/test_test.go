package test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tiercalc/tiercalc/pkg/cmdutil"
	"github.com/tiercalc/tiercalc/pkg/internal/testtool"
	"github.com/tiercalc/tiercalc/pkg/iostreams"
	"github.com/tiercalc/tiercalc/pkg/report"
)

func run(t *testing.T, args ...string) (stdout string, opts *TestOptions, err error) {
	t.Helper()
	now := func() time.Time { return time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC) }
	ios, _, out, _ := iostreams.Test()
	f := cmdutil.NewFactory(ios, now, func(string) string { return "" }, "test")
	cmd := NewCmdTest(f, func(o *TestOptions) error { opts = o; return testRun(o) })
	cmd.SetArgs(args)
	cmd.SilenceUsage, cmd.SilenceErrors = true, true
	err = cmd.Execute()
	return out.String(), opts, err
}

const failing = `program: vpn-2009
as_of: 2010-03-01
cases:
  - name: "odd <name> & \"quotes\""
    partner: {country: FR, VSP: 1, VTSP: 2, competencies: [infrastructure-virtualization], revenue_usd: 10000}
    expect: {tier: Premier}
  - name: passes
    partner: {country: FR, VSP: 1, VTSP: 1, competencies: [], revenue_usd: 0}
    expect: {tier: Professional}
`

// The JUnit report is valid against junit-10.xsd, names each case with its
// file and line, and carries the gate as its own suite.
func TestJUnitIsValid(t *testing.T) {
	xmllint := testtool.NeedTool(t, "xmllint", "libxml2-utils")
	dir := t.TempDir()
	suite := filepath.Join(dir, "x_test.yaml")
	if err := os.WriteFile(suite, []byte(failing), 0o644); err != nil {
		t.Fatal(err)
	}
	out, opts, err := run(t, "-o", "junit", "--min-coverage", "50", suite)
	if cmdutil.CodeOf(err) != cmdutil.ExitGate || opts.Print.Format() != report.JUnit || opts.MinCoverage != 50 {
		t.Fatalf("exit %d (%v), options %+v", cmdutil.CodeOf(err), err, opts)
	}
	for _, want := range []string{`tests="2" failures="1"`, `line="4"`, `name="odd &lt;name&gt; &amp; &#34;quotes&#34;"`, `<testsuite name="coverage" tests="1" failures="1"`} {
		if !strings.Contains(out, want) {
			t.Errorf("no %s in\n%s", want, out)
		}
	}
	f := filepath.Join(dir, "out.xml")
	if err := os.WriteFile(f, []byte(out), 0o644); err != nil {
		t.Fatal(err)
	}
	if b, err := exec.Command(xmllint, "--noout", "--schema", testtool.JUnitSchemaPath(), f).CombinedOutput(); err != nil {
		t.Fatalf("xmllint: %v\n%s", err, b)
	}
}

func TestFlagCombinations(t *testing.T) {
	for _, args := range [][]string{
		{"--update", "-o", "json", "x_test.yaml"},
		{"--min-coverage", "101"},
		{"--update"},
		{"-o", "csv"},
	} {
		if _, _, err := run(t, args...); err == nil || (cmdutil.CodeOf(err) != cmdutil.ExitUsage && !strings.Contains(err.Error(), "csv")) {
			t.Errorf("%q: %v (exit %d), want a usage error", args, err, cmdutil.CodeOf(err))
		}
	}
}
