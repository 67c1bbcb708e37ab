package report

import (
	"strings"
	"testing"

	"github.com/tiercalc/tiercalc/pkg/compare"
	"github.com/tiercalc/tiercalc/pkg/engine"
	"github.com/tiercalc/tiercalc/pkg/summary"
)

func TestGapPhrase(t *testing.T) {
	vtsp := engine.Gap{Kind: "credential", Key: "VTSP", Have: 0, Need: 1, Short: 1, Unit: "people", Noun: "VTSP"}
	vcp := engine.Gap{Kind: "credential", Key: "VCP-DCV", Have: 3, Need: 5, Short: 2, Unit: "people", Noun: "VCP-DCV"}
	rev := engine.Gap{Kind: "metric", Key: "revenue_usd", Have: 1500, Need: 10000, Short: 8500, Unit: "USD", Noun: "revenue"}
	cores := engine.Gap{Kind: "metric", Key: "cores", Have: 0, Need: 3500, Short: 3500, Unit: "cores", Noun: "committed cores"}
	set := engine.Gap{Kind: "competencies", Key: "business-continuity|desktop-virtualization|virtualization-management", Have: 1, Need: 2, Short: 1,
		Noun: "business-continuity / desktop-virtualization / virtualization-management"}
	for _, tc := range []struct {
		name string
		g    engine.Gap
		want string
	}{
		{"credential", vtsp, "1 more VTSP"},
		{"credential plural", vcp, "2 more VCP-DCV"},
		{"credential without noun", engine.Gap{Kind: "credential", Key: "VSP", Short: 4}, "4 more VSP"},
		{"summed credentials", engine.Gap{Kind: "credential", Key: "VCP-NV+VCP-DCV", Short: 1, Noun: "VCP-NV/VCP-DCV"}, "1 more VCP-NV/VCP-DCV"},
		{"revenue", rev, "US$8,500 more revenue"},
		{"revenue cents", engine.Gap{Kind: "metric", Short: 0.01, Unit: "USD", Noun: "revenue"}, "US$0.01 more revenue"},
		{"revenue millions", engine.Gap{Kind: "metric", Short: 1234567, Unit: "USD", Noun: "revenue"}, "US$1,234,567 more revenue"},
		{"cores", cores, "3,500 more committed cores"},
		{"unit count uses the noun", engine.Gap{Kind: "metric", Short: 2, Unit: "", Noun: "deployments"}, "2 more deployments"},
		{"competency set", set, "1 more competency of business-continuity / desktop-virtualization / virtualization-management"},
		{"competency set labelled", engine.Gap{Kind: "competencies", Short: 2, Noun: "Business Continuity / Desktop Virtualization"},
			"2 more competencies of Business Continuity / Desktop Virtualization"},
		{"competency labelled", engine.Gap{Kind: "competency", Key: "desktop-virtualization", Short: 1, Noun: "Desktop Virtualization"}, "Desktop Virtualization competency"},
		{"competency labelled as one", engine.Gap{Kind: "competency", Key: "dcv-msc", Short: 1, Noun: "Data Center Virtualization Master Services Competency"},
			"Data Center Virtualization Master Services Competency"},
		{"attestation labelled", engine.Gap{Kind: "attestation", Key: "joint-business-plan", Short: 1, Noun: "joint business plan with Broadcom"}, "joint business plan with Broadcom"},
		{"one count is singular", engine.Gap{Kind: "metric", Short: 1, Unit: "cores", Noun: "committed cores"}, "1 more committed core"},
		{"one deployment", engine.Gap{Kind: "metric", Short: 1, Unit: "deployments", Noun: "project deployments"}, "1 more project deployment"},
		{"one cloud point a year", engine.Gap{Kind: "metric", Short: 1, Unit: "points", Noun: "cloud points a year"}, "1 more cloud point a year"},
		{"a dollar stays revenue", engine.Gap{Kind: "metric", Short: 1, Unit: "USD", Noun: "revenue"}, "US$1 more revenue"},
		{"credentials keep their ids", engine.Gap{Kind: "credential", Key: "VTSP", Short: 1, Noun: "VTSP"}, "1 more VTSP"},
		{"competency", engine.Gap{Kind: "competency", Key: "infrastructure-virtualization", Short: 1}, "competency infrastructure-virtualization"},
		{"attestation", engine.Gap{Kind: "attestation", Key: "dedicated-sales", Short: 1}, "attestation dedicated-sales"},
		{"any", engine.Gap{Kind: "any", Options: []engine.Gap{rev, cores}}, "one of: US$8,500 more revenue or 3,500 more committed cores"},
		{"any with all", engine.Gap{Kind: "any", Options: []engine.Gap{{Kind: "all", Options: []engine.Gap{vcp, vtsp}}, rev}},
			"one of: (2 more VCP-DCV and 1 more VTSP) or US$8,500 more revenue"},
		{"unknown kind falls back to label", engine.Gap{Kind: "other", Label: "something"}, "something"},
	} {
		if got := GapPhrase(tc.g); got != tc.want {
			t.Errorf("%s: got %q, want %q", tc.name, got, tc.want)
		}
	}
	if got := GapsPhrase([]engine.Gap{vtsp, rev, set}); got != "1 more VTSP; US$8,500 more revenue; 1 more competency of business-continuity / desktop-virtualization / virtualization-management" {
		t.Errorf("GapsPhrase: %q", got)
	}
	if got := GapsPhrase(nil); got != "" {
		t.Errorf("GapsPhrase(nil): %q", got)
	}
}

func TestSummaryPhrases(t *testing.T) {
	for _, tc := range []struct {
		g    summary.Gap
		want string
	}{
		{summary.Gap{NextTier: "Mid", Kind: "credential", Key: "VTSP", Noun: "VTSP", Short: 1, Partners: 2}, "2 partners are 1 VTSP short of Mid"},
		{summary.Gap{NextTier: "Mid", Kind: "metric", Key: "revenue_usd", Noun: "revenue", Unit: "USD", Short: 10000, Partners: 2},
			"2 partners are up to US$10,000 revenue short of Mid"},
		{summary.Gap{NextTier: "Mid", Kind: "metric", Key: "revenue_usd", Noun: "revenue", Unit: "USD", Short: 0.5, Partners: 3},
			"3 partners are up to US$0.50 revenue short of Mid"},
		{summary.Gap{NextTier: "Premier", Kind: "competency", Key: "desktop-virtualization", Noun: "Desktop Virtualization", Short: 1, Partners: 1},
			"1 partner lacks the Desktop Virtualization competency for Premier"},
		{summary.Gap{NextTier: "Premier", Kind: "attestation", Key: "joint-business-plan", Noun: "joint business plan with Broadcom", Short: 1, Partners: 2},
			"2 partners lack joint business plan with Broadcom for Premier"},
		{summary.Gap{NextTier: "Premier", Kind: "metric", Key: "cores", Noun: "committed cores", Unit: "cores", Short: 1, Partners: 2},
			"2 partners are up to 1 committed core short of Premier"},
		{summary.Gap{NextTier: "High", Kind: "attestation", Key: "ethics-training", Short: 1, Partners: 1}, "1 partner lacks attestation ethics-training for High"},
		{summary.Gap{NextTier: "Mid", Kind: "any", Label: "a or b", Short: 1, Partners: 1200}, "1,200 partners need one of a or b for Mid"},
	} {
		if got := SummaryGapPhrase(tc.g); got != tc.want {
			t.Errorf("got %q, want %q", got, tc.want)
		}
	}
	if got := UnknownPhrase(summary.Unknown{Key: "revenue_usd", Partners: 2}); got != "2 partners lack revenue_usd" {
		t.Errorf("UnknownPhrase = %q", got)
	}
	if got := UnknownPhrase(summary.Unknown{Key: "VTSP", Partners: 1}); got != "1 partner lacks VTSP" {
		t.Errorf("UnknownPhrase = %q", got)
	}
}

func TestNumber(t *testing.T) {
	for _, tc := range []struct {
		v    float64
		unit string
		want string
	}{
		{0, "", "0"}, {1, "", "1"}, {999, "", "999"}, {1000, "", "1,000"}, {8500, "", "8,500"}, {10000, "", "10,000"}, {999999, "", "999,999"},
		{1000000, "", "1,000,000"}, {1234567.25, "", "1,234,567.25"}, {0.5, "", "0.5"}, {-1500, "", "-1,500"}, {1e15, "", "1,000,000,000,000,000"},
		{8500, "USD", "US$8,500"}, {8500, "cores", "8,500"},
		// Money: cents as two decimals, never float noise.
		{0.01, "USD", "US$0.01"}, {1000.5, "USD", "US$1,000.50"}, {0.5, "usd", "US$0.50"}, {1234567.8, "US$", "US$1,234,567.80"},
		{9999999999999.99, "USD", "US$9,999,999,999,999.99"}, {-0.5, "USD", "-US$0.50"},
	} {
		if got := Number(tc.v, tc.unit); got != tc.want {
			t.Errorf("Number(%v, %q) = %q, want %q", tc.v, tc.unit, got, tc.want)
		}
	}
}

// Numbers are plain in YAML as in JSON: 1000000, not 1e+06 (which YAML
// 1.1 readers take for a string); cents stay 0.01.
func TestYAMLNumbersPlain(t *testing.T) {
	r := engine.Result{Partner: "P1", Program: "x", Status: "qualified", Missing: []engine.Gap{
		{Tier: "T", Kind: "metric", Key: "revenue_usd", Have: 999999.99, Need: 1e6, Short: 0.01},
		{Tier: "T", Kind: "metric", Key: "cores", Have: 0, Need: 1e15, Short: 1e15},
	}}
	out := render(t, YAML, Options{}, []engine.Result{r})
	for _, want := range []string{"need: 1000000\n", "short: 0.01\n", "have: 999999.99\n", "need: 1000000000000000\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("YAML lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "e+") {
		t.Errorf("exponent in YAML:\n%s", out)
	}
	var buf strings.Builder
	s := &summary.Summary{AsOf: "2026-01-01", Programs: []summary.Program{{Program: "x", Tracks: []summary.Track{{
		Gaps: []summary.Gap{{Kind: "metric", Key: "revenue_usd", Short: 1e6, Partners: 2}}}}}}}
	if err := writeData(&buf, string(YAML), s); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "short: 1000000\n") {
		t.Errorf("summary YAML:\n%s", buf.String())
	}
}

func TestSingular(t *testing.T) {
	for in, want := range map[string]string{
		"committed cores": "committed core", "project deployments": "project deployment", "tier credits": "tier credit",
		"cloud points a year": "cloud point a year", "customer references": "customer reference", "hours of training": "hour of training",
		"companies": "company", "branches": "branch", "boxes": "box", "classes": "class", "revenue": "revenue",
		"sales staff": "sales staff", "business units": "business unit", "status checks": "status check", "": "",
	} {
		if got := singular(in); got != want {
			t.Errorf("singular(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestMoveWords(t *testing.T) {
	for _, tc := range []struct {
		mv   compare.Move
		want string
	}{
		{compare.Move{Move: compare.MoveNew}, "no tier before"},
		{compare.Move{Move: compare.MoveLost, Program: "partner-connect-2020"}, "no tier in partner-connect-2020"},
		{compare.Move{Move: compare.MoveDown, Via: compare.ViaMapping, FromTier: "Enterprise", MappedTo: "Advanced"}, "Enterprise maps to Advanced"},
		{compare.Move{Move: compare.MoveSame, Via: compare.ViaName}, "same tier name"},
		{compare.Move{Move: compare.MoveUp, Via: compare.ViaRank}, "by rank"},
		{compare.Move{Move: compare.MoveUndecided, Lacks: []string{"VTSP", "attestations"}}, "the record lacks VTSP, attestations"},
		{compare.Move{Move: compare.MoveNone}, ""},
	} {
		if got := MoveWhy(tc.mv); got != tc.want {
			t.Errorf("MoveWhy(%+v) = %q, want %q", tc.mv, got, tc.want)
		}
	}
	ent, partner, adv := "Enterprise", "Partner", "Advanced"
	row := compare.Row{Results: map[string]compare.Cell{
		"a": {Tier: &ent},
		"b": {Tier: &partner, NextTier: &adv, Missing: []engine.Gap{{Kind: "metric", Short: 1, Unit: "deployments", Noun: "project deployments"}}},
	}}
	mv := compare.Move{From: "a", To: "b", Move: compare.MoveDown, Via: compare.ViaMapping, FromTier: "Enterprise", MappedTo: "Advanced"}
	if got, want := MovePhrase(row, mv), "Enterprise -> Partner (Enterprise maps to Advanced); for Advanced it misses 1 more project deployment"; got != want {
		t.Errorf("MovePhrase = %q, want %q", got, want)
	}
}
