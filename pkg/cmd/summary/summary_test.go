package summary

import (
	"strings"
	"testing"
	"time"

	"github.com/tiercalc/tiercalc/pkg/cmdutil"
	"github.com/tiercalc/tiercalc/pkg/iostreams"
	"github.com/tiercalc/tiercalc/pkg/report"
)

func TestNewCmdSummary(t *testing.T) {
	now := func() time.Time { return time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC) }
	for _, tt := range []struct {
		args    []string
		top     int
		format  report.Format
		wantErr string
	}{
		{args: []string{"a.csv"}, top: 10, format: report.Table},
		{args: []string{"--top", "0", "-o", "markdown", "a.csv"}, top: 0, format: report.Markdown},
		{args: []string{"--top", "-1"}, wantErr: "--top must be 0 (all) or more, got -1"},
		{args: []string{"-o", "csv"}, wantErr: `"csv" is not one of table, json, markdown`},
	} {
		ios, _, _, _ := iostreams.Test()
		f := cmdutil.NewFactory(ios, now, func(string) string { return "" }, "test")
		var got *SummaryOptions
		cmd := NewCmdSummary(f, func(o *SummaryOptions) error { got = o; return nil })
		cmd.SetArgs(tt.args)
		cmd.SilenceUsage, cmd.SilenceErrors = true, true
		err := cmd.Execute()
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("%v: err = %v, want %q", tt.args, err, tt.wantErr)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%v: %v", tt.args, err)
		}
		if got.Top != tt.top || got.Print.Format() != tt.format {
			t.Errorf("%v: top %d format %q, want %d %q", tt.args, got.Top, got.Print.Format(), tt.top, tt.format)
		}
	}
}
