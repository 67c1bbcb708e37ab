package report_test

import (
	"bytes"
	"encoding/json"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/tiercalc/tiercalc/pkg/cmd/report"
	"github.com/tiercalc/tiercalc/pkg/cmd/root/roottest"
	"github.com/tiercalc/tiercalc/pkg/cmdutil"
	"github.com/tiercalc/tiercalc/pkg/htmlreport"
	"github.com/tiercalc/tiercalc/pkg/iostreams"
)

const partners = "../../../testdata/partners.csv"

func tiercalc(t *testing.T, args ...string) []byte { return roottest.Run(t, args...) }

// TestEmbeddedDataIsSummary: the data the page embeds parses back to the
// counts `summary -o json` gives for the same input, and equals -o json.
func TestEmbeddedDataIsSummary(t *testing.T) {
	progs := []string{"-p", "vpn-2009", "-p", "partner-connect-2020", "--as-of", "2021-01-01", partners}
	page := tiercalc(t, append([]string{"report", "--max-statements", "5"}, progs...)...)
	m := regexp.MustCompile(`(?s)<script type="application/json" id="tiercalc-data">(.*?)</script>`).FindSubmatch(page)
	if m == nil {
		t.Fatal("the page embeds no data")
	}
	var got htmlreport.Report
	if err := json.Unmarshal(m[1], &got); err != nil {
		t.Fatal(err)
	}
	var plain htmlreport.Report
	if err := json.Unmarshal(tiercalc(t, append([]string{"report", "--max-statements", "5", "-o", "json"}, progs...)...), &plain); err != nil {
		t.Fatal(err)
	}
	a, _ := json.Marshal(got)
	b, _ := json.Marshal(plain)
	if !bytes.Equal(a, b) {
		t.Errorf("the embedded data and -o json differ")
	}

	var sum struct {
		Programs []struct {
			Program string
			Tracks  []struct {
				Track    string
				Partners int
				Tiers    map[string]int
				Statuses map[string]int
			}
		}
	}
	if err := json.Unmarshal(tiercalc(t, append([]string{"summary", "-o", "json"}, progs...)...), &sum); err != nil {
		t.Fatal(err)
	}
	if len(got.Programs) != len(sum.Programs) {
		t.Fatalf("%d programs in the report, %d in summary", len(got.Programs), len(sum.Programs))
	}
	for i, sp := range sum.Programs {
		for j, st := range sp.Tracks {
			rt := got.Programs[i].Tracks[j]
			if rt.Track != st.Track || rt.Partners != st.Partners {
				t.Errorf("%s track %q: %d partners, summary says %q %d", sp.Program, rt.Track, rt.Partners, st.Track, st.Partners)
			}
			for _, b := range rt.Tiers {
				if b.N != st.Tiers[b.Name] {
					t.Errorf("%s/%s tier %s: %d, summary says %d", sp.Program, st.Track, b.Name, b.N, st.Tiers[b.Name])
				}
			}
			for _, b := range rt.Statuses {
				if b.N != st.Statuses[b.Name] {
					t.Errorf("%s/%s status %s: %d, summary says %d", sp.Program, st.Track, b.Name, b.N, st.Statuses[b.Name])
				}
			}
		}
	}
	if got.Partners != 53 || len(got.Statements) != 5 || got.LeftOut != 48 || got.MaxStatements != 5 {
		t.Errorf("partners %d, statements %d, left out %d (max %d); want 53, 5, 48 (5)", got.Partners, len(got.Statements), got.LeftOut, got.MaxStatements)
	}
	for i, id := range []string{"FR-0001", "FR-0002", "FR-0003", "FR-0004", "FR-0005"} {
		if got.Statements[i].Partner != id {
			t.Errorf("statement %d is %s, want %s (the first partners in input order)", i, got.Statements[i].Partner, id)
		}
	}
	if len(got.Transitions) != 1 || got.Transitions[0].From != "vpn-2009" {
		t.Errorf("transitions: %+v, want one from vpn-2009", got.Transitions)
	}
}

func TestNewCmdReport(t *testing.T) {
	for _, tt := range []struct {
		args    []string
		format  string
		max     int
		wantErr string
	}{
		{args: []string{"a.csv"}, format: "html", max: 1000},
		{args: []string{"-o", "json", "--max-statements", "0", "a.csv"}, format: "json", max: 0},
		{args: []string{"--max-statements", "-1"}, wantErr: "--max-statements must be 0 (none) or more, got -1"},
		{args: []string{"--top", "0"}, wantErr: "--top must be 1 or more"},
		{args: []string{"-o", "csv"}, wantErr: `"csv"`},
	} {
		ios, _, _, _ := iostreams.Test()
		f := cmdutil.NewFactory(ios, time.Now, func(string) string { return "" }, "test")
		var got *report.ReportOptions
		cmd := report.NewCmdReport(f, func(o *report.ReportOptions) error { got = o; return nil })
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
		if got.Format != tt.format || got.MaxStatements != tt.max {
			t.Errorf("%v: format %q max %d, want %q %d", tt.args, got.Format, got.MaxStatements, tt.format, tt.max)
		}
	}
}
