package diff

import (
	"strings"
	"testing"
	"time"

	"github.com/tiercalc/tiercalc/pkg/cmdutil"
	"github.com/tiercalc/tiercalc/pkg/iostreams"
	"github.com/tiercalc/tiercalc/pkg/report"
)

var now = func() time.Time { return time.Date(2026, 11, 26, 15, 4, 5, 0, time.UTC) }

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func TestNewCmdDiff(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		a, b    string
		dates   [2]time.Time
		format  report.Format
		wantErr string
	}{
		{name: "defaults", args: []string{"vpn-2009", "partner-connect-2020"}, a: "vpn-2009", b: "partner-connect-2020",
			dates: [2]time.Time{day(2026, 11, 26), day(2026, 11, 26)}, format: report.Table},
		{name: "one date for both", args: []string{"x", "y", "--as-of", "2010-07-01", "-o", "yaml"}, a: "x", b: "y",
			dates: [2]time.Time{day(2010, 7, 1), day(2010, 7, 1)}, format: report.YAML},
		{name: "two dates", args: []string{"vpn-2009", "vpn-2009", "--as-of", "2009-05-01", "--as-of", "2010-07-01", "-o", "markdown"},
			a: "vpn-2009", b: "vpn-2009", dates: [2]time.Time{day(2009, 5, 1), day(2010, 7, 1)}, format: report.Markdown},
		{name: "format of another view", args: []string{"a", "b", "-o", "ndjson"}, wantErr: `"ndjson" is not one of table, json, yaml, markdown, csv`},
		{name: "list without partners", args: []string{"a", "b", "--list"}, wantErr: "--list needs --partners"},
		{name: "three dates", args: []string{"a", "b", "--as-of", "2020-01-01", "--as-of", "2021-01-01", "--as-of", "2022-01-01"},
			wantErr: "at most two --as-of dates"},
		{name: "bad date", args: []string{"a", "b", "--as-of", "2020-02-30"}, wantErr: `--as-of "2020-02-30" is not a date`},
		{name: "one side", args: []string{"a"}, wantErr: "takes 2 argument(s), got 1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ios, _, _, _ := iostreams.Test()
			f := cmdutil.NewFactory(ios, now, func(string) string { return "" }, "test")
			var got *DiffOptions
			cmd := NewCmdDiff(f, func(o *DiffOptions) error { got = o; return nil })
			cmd.SetArgs(tt.args)
			cmd.SetOut(ios.Out)
			cmd.SetErr(ios.ErrOut)
			cmd.SilenceUsage, cmd.SilenceErrors = true, true
			err := cmd.Execute()
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got.A != tt.a || got.B != tt.b {
				t.Errorf("sides %q %q, want %q %q", got.A, got.B, tt.a, tt.b)
			}
			if got.Dates != tt.dates {
				t.Errorf("dates %v, want %v", got.Dates, tt.dates)
			}
			if got.Print.Format() != tt.format {
				t.Errorf("format %q, want %q", got.Print.Format(), tt.format)
			}
		})
	}
}

// diffRun loads the shared rule set once and writes the view to the
// results writer.
func TestDiffRun(t *testing.T) {
	ios, _, out, _ := iostreams.Test()
	f := cmdutil.NewFactory(ios, now, func(string) string { return "" }, "test")
	cmd := NewCmdDiff(f, nil)
	cmd.SetArgs([]string{"vpn-2009", "vpn-2009", "--as-of", "2009-05-01", "--as-of", "2010-07-01", "-o", "json"})
	cmd.SilenceUsage, cmd.SilenceErrors = true, true
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), `"label": "vpn-2009@2009-05-01"`) {
		t.Errorf("stdout = %q", out)
	}
}
