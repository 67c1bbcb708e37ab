package show

import (
	"strings"
	"testing"
	"time"

	"github.com/tiercalc/tiercalc/pkg/cmdutil"
	"github.com/tiercalc/tiercalc/pkg/iostreams"
	"github.com/tiercalc/tiercalc/pkg/report"
)

func TestShow(t *testing.T) {
	now := func() time.Time { return time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC) }
	ios, _, out, _ := iostreams.Test()
	f := cmdutil.NewFactory(ios, now, func(string) string { return "" }, "test")
	var got *ShowOptions
	cmd := NewCmdShow(f, func(o *ShowOptions) error { got = o; return showRun(o) })
	cmd.SetArgs([]string{"vpn-2009", "--as-of", "2009-06-01", "-o", "yaml"})
	cmd.SilenceUsage, cmd.SilenceErrors = true, true
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	if got.ID != "vpn-2009" || got.Print.Format() != report.YAML || got.AsOf.Time(now).Format(cmdutil.DateLayout) != "2009-06-01" {
		t.Errorf("options %+v", got)
	}
	if !strings.Contains(out.String(), "id: vpn-2009") {
		t.Errorf("stdout = %q", out)
	}
}
