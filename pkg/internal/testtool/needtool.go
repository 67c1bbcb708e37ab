// Package testtool finds what tests need outside Go: external programs
// (xmllint, chromium) and the schema copies kept under testdata.
package testtool

import (
	"os"
	"os/exec"
	"testing"
)

// NeedTool returns the path of an external program a test needs (xmllint,
// chromium). Where it is missing the test is skipped with the Debian
// package to install, unless TIERCALC_REQUIRE_TOOLS is set, as .ci/run
// sets it: there a missing tool fails the test, so CI never skips.
func NeedTool(t testing.TB, name, debianPackage string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err == nil {
		return p
	}
	msg := name + " not found (apt-get install " + debianPackage + "; .ci/run installs it)"
	if os.Getenv("TIERCALC_REQUIRE_TOOLS") != "" {
		t.Fatal(msg + ", and TIERCALC_REQUIRE_TOOLS is set")
	}
	t.Skip(msg)
	return ""
}
