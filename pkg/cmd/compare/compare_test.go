package compare

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/tiercalc/tiercalc/pkg/cmdutil"
	"github.com/tiercalc/tiercalc/pkg/iostreams"
	"github.com/tiercalc/tiercalc/pkg/report"
)

var now = func() time.Time { return time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC) }

func TestNewCmdCompare(t *testing.T) {
	ios, _, _, _ := iostreams.Test()
	f := cmdutil.NewFactory(ios, now, func(string) string { return "" }, "test")
	var got *CompareOptions
	cmd := NewCmdCompare(f, func(o *CompareOptions) error { got = o; return nil })
	cmd.SetArgs([]string{"-p", "vpn-2009@2009-06-01", "-p", "vpn-2009@2010-07-01", "-o", "csv", "--fail-on-downgrade", "p.csv"})
	cmd.SilenceUsage, cmd.SilenceErrors = true, true
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	if want := []string{"vpn-2009@2009-06-01", "vpn-2009@2010-07-01"}; !reflect.DeepEqual(got.Programs, want) {
		t.Errorf("programs %q", got.Programs)
	}
	if got.Print.Format() != report.CSV || !got.FailOnDowngrade || !reflect.DeepEqual(got.Files, []string{"p.csv"}) {
		t.Errorf("options %+v", got)
	}
}

// compareRun refuses a bad date in ID@DATE with the form to use.
func TestCompareRunBadDate(t *testing.T) {
	ios, in, _, _ := iostreams.Test()
	in.WriteString("id\nP1\n")
	f := cmdutil.NewFactory(ios, now, func(string) string { return "" }, "test")
	o := &CompareOptions{Factory: f, Print: cmdutil.NewPrintFlags(report.ViewCompare)}
	o.Programs = []string{"vpn-2009@2010-13-01", "partner-connect-2020"}
	err := compareRun(o)
	ee, ok := err.(*cmdutil.ExitError)
	if !ok || ee.Code != cmdutil.ExitUsage || len(ee.Hints) == 0 || !strings.Contains(ee.Hints[0], "ID@YYYY-MM-DD") {
		t.Fatalf("err = %#v", err)
	}
}
