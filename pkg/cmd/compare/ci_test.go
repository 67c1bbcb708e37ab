package compare

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tiercalc/tiercalc/pkg/cmdutil"
	"github.com/tiercalc/tiercalc/pkg/internal/testtool"
	"github.com/tiercalc/tiercalc/pkg/iostreams"
)

// compare -o junit with a tripped gate is valid against junit-10.xsd.
func TestCompareJUnitValid(t *testing.T) {
	xmllint := testtool.NeedTool(t, "xmllint", "libxml2-utils")
	ios, in, out, _ := iostreams.Test()
	in.WriteString("id,name,VSP,VTSP,competencies,revenue_usd,attestations,VCP-DCV\n" +
		"HIGH,Enterprise,1,2,infrastructure-virtualization,20000,ethics-training;program-fee-paid,0\n" +
		"LOW,Unknown,,1,infrastructure-virtualization,20000,ethics-training;program-fee-paid,0\n")
	f := cmdutil.NewFactory(ios, now, func(string) string { return "" }, "test")
	cmd := NewCmdCompare(f, nil)
	cmd.SetArgs([]string{"-p", "vpn-2009", "-p", "partner-connect-2020", "--as-of", "2021-01-01", "--fail-on-downgrade", "--fail-on-incomplete", "-o", "junit", "-"})
	cmd.SilenceUsage, cmd.SilenceErrors = true, true
	if err := cmd.Execute(); err == nil {
		t.Fatal("the gates did not trip")
	}
	if n := strings.Count(out.String(), "<failure "); n != 2 {
		t.Fatalf("%d failures:\n%s", n, out)
	}
	file := filepath.Join(t.TempDir(), "junit.xml")
	if err := os.WriteFile(file, out.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	if msg, err := exec.Command(xmllint, "--noout", "--schema", testtool.JUnitSchemaPath(), file).CombinedOutput(); err != nil {
		t.Fatalf("xmllint: %v\n%s\n%s", err, msg, out)
	}
}
