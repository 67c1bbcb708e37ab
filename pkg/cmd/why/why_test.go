package why

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/tiercalc/tiercalc/pkg/cmd/check"
	"github.com/tiercalc/tiercalc/pkg/cmdutil"
	"github.com/tiercalc/tiercalc/pkg/engine"
	"github.com/tiercalc/tiercalc/pkg/iostreams"
	"github.com/tiercalc/tiercalc/pkg/rulebook"
	"github.com/tiercalc/tiercalc/rules"
)

var now = func() time.Time { return time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC) }

const sample = "../../../testdata/partners.csv"

// run runs `why args` (or check, with check set) and returns stdout.
func run(t *testing.T, checkCmd bool, args ...string) (string, error) {
	t.Helper()
	ios, _, out, _ := iostreams.Test()
	f := cmdutil.NewFactory(ios, now, func(string) string { return "" }, "test")
	cmd := NewCmdWhy(f, nil)
	if checkCmd {
		cmd = check.NewCmdCheck(f, nil)
	}
	cmd.SetArgs(args)
	cmd.SilenceUsage, cmd.SilenceErrors = true, true
	err := cmd.Execute()
	return out.String(), err
}

type explained struct {
	Program       string  `json:"program"`
	Track         string  `json:"track"`
	Status        string  `json:"status"`
	Tier          *string `json:"tier"`
	QualifiedTier *string `json:"qualified_tier"`
	NextTier      *string `json:"next_tier"`
	GraceUntil    *string `json:"grace_until"`
}

// TestWhyAgreesWithCheck: for every sample partner and shipped program,
// the tier, status and next tier `why` explains are those `check` prints
// for the partner's best track (the highest tier, ties to the first).
func TestWhyAgreesWithCheck(t *testing.T) {
	for _, date := range []string{"2009-06-01", "2026-12-01"} {
		out, err := run(t, true, "--as-of", date, "-o", "json", sample)
		if err != nil {
			t.Fatal(err)
		}
		var results []engine.Result
		if err := json.Unmarshal([]byte(out), &results); err != nil {
			t.Fatal(err)
		}
		set, err := rulebook.LoadFSAs(rules.FS, "rules")
		if err != nil {
			t.Fatal(err)
		}
		asOf, _ := time.Parse(time.DateOnly, date)
		best := map[string]engine.Result{} // partner/program -> best result
		rank := func(r engine.Result) int {
			if r.Tier == nil {
				return -1
			}
			return set.Get(r.Program).At(asOf).Track(r.Track).Rank(*r.Tier)
		}
		var partners []string
		for _, r := range results {
			k := r.Partner + "/" + r.Program
			if b, ok := best[k]; !ok || rank(r) > rank(b) {
				best[k] = r
			}
			if len(partners) == 0 || partners[len(partners)-1] != r.Partner {
				partners = append(partners, r.Partner)
			}
		}
		for _, p := range partners {
			out, err := run(t, false, p, "--as-of", date, "-o", "json", sample)
			if err != nil {
				t.Fatalf("why %s: %v", p, err)
			}
			var doc struct {
				Trace        string `json:"trace"`
				Explanations []explained
			}
			if err := json.Unmarshal([]byte(out), &doc); err != nil {
				t.Fatal(err)
			}
			if doc.Trace != "tiercalc.why/v1" || len(doc.Explanations) == 0 {
				t.Fatalf("why %s: %s", p, out)
			}
			for _, x := range doc.Explanations {
				c := best[p+"/"+x.Program]
				got := []string{x.Track, str(x.Tier), x.Status, str(x.NextTier), str(x.QualifiedTier), str(x.GraceUntil)}
				want := []string{c.Track, str(c.Tier), c.Status, str(c.NextTier), str(c.QualifiedTier), str(c.GraceUntil)}
				if strings.Join(got, "|") != strings.Join(want, "|") {
					t.Errorf("%s %s %s: why %v, check %v", date, p, x.Program, got, want)
				}
			}
		}
	}
}

func str(p *string) string {
	if p == nil {
		return "null"
	}
	return *p
}

func TestWhyErrors(t *testing.T) {
	tests := []struct {
		args []string
		want string
		code int
	}{
		{[]string{"FR-00O4", sample}, `partner "FR-00O4" is not in the input`, cmdutil.ExitUsage},
		{[]string{"FR-0004", "--tier", "Premeir", sample}, `--tier "Premeir": no selected program has a tier of that name`, cmdutil.ExitUsage},
		{[]string{"FR-0004", "--track", "reseler", sample}, `--track "reseler": no selected program has a track of that name`, cmdutil.ExitUsage},
		{[]string{"FR-0004", "--assume", "VTPS=1", sample}, `--assume VTPS=1: unknown key "VTPS"`, cmdutil.ExitUsage},
		{[]string{"FR-0004", "-o", "csv", sample}, `"csv" is not one of table, json, markdown`, 0},
	}
	for _, tc := range tests {
		_, err := run(t, false, tc.args...)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%v: %v, want %q", tc.args, err, tc.want)
			continue
		}
		var ee *cmdutil.ExitError
		if tc.code != 0 && (!errors.As(err, &ee) || ee.Code != tc.code) {
			t.Errorf("%v: exit %d, want %d", tc.args, cmdutil.CodeOf(err), tc.code)
		}
	}
	// The hint names the id meant.
	_, err := run(t, false, "FR-00O4", sample)
	var ee *cmdutil.ExitError
	if !errors.As(err, &ee) || len(ee.Hints) == 0 || ee.Hints[0] != "did you mean FR-0004?" {
		t.Errorf("hints %v", ee)
	}
}

func TestNewCmdWhy(t *testing.T) {
	ios, _, _, _ := iostreams.Test()
	f := cmdutil.NewFactory(ios, now, func(string) string { return "" }, "test")
	var got *WhyOptions
	cmd := NewCmdWhy(f, func(o *WhyOptions) error { got = o; return nil })
	cmd.SetArgs([]string{"FR-0004", "-p", "vpn-2009", "--tier", "Premier", "--track", "t", "--all",
		"--assume", "VTSP=+2", "-o", "markdown", "a.csv", "b.csv"})
	cmd.SilenceUsage, cmd.SilenceErrors = true, true
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	if got.Partner != "FR-0004" || strings.Join(got.Files, ",") != "a.csv,b.csv" || got.Tier != "Premier" ||
		got.Track != "t" || !got.All || got.Print.Format() != "markdown" || got.WhatIf.Assume[0] != "VTSP=+2" ||
		got.Programs[0] != "vpn-2009" {
		t.Errorf("options %+v", got)
	}
	if cmd.Flags().Lookup("partner") != nil {
		t.Error("why takes its partner as an argument, not --partner")
	}
}
