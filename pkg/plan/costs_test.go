package plan

import (
	"strings"
	"testing"

	"github.com/tiercalc/tiercalc/pkg/partner"
)

func TestDefaultCosts(t *testing.T) {
	c, err := DefaultCosts()
	if err != nil {
		t.Fatal(err)
	}
	vtsp := c.Lookup(KindCredential, "VTSP")
	if vtsp == nil || vtsp.Days != 50 || vtsp.Money != 0 || vtsp.Illustrative || vtsp.Source != "seed-003" {
		t.Errorf("VTSP = %+v, want half a day, free, sourced", vtsp)
	}
	comp := c.Lookup(KindCompetency, "business-continuity")
	if comp == nil || comp.Days != 500 || comp.Illustrative {
		t.Errorf("competency = %+v, want 5 days, sourced", comp)
	}
	if c.Lookup(KindMetric, "revenue_usd") != nil || c.Lookup(KindMetric, "cores") != nil || c.Lookup(KindMetric, "tier_credits") != nil {
		t.Error("revenue, cores and tier credits must not be plannable by default")
	}
	if v := c.Lookup(KindCredential, "VCP-NV"); v == nil || !v.Illustrative || v.Note == "" {
		t.Errorf("VCP-NV = %+v, want an illustrative cost with a note", v)
	}
}

func TestParseCostsErrors(t *testing.T) {
	s := partner.NewSchema()
	for _, tc := range []struct{ in, want string }{
		{"day_rate: 800\ncredentials:\n  VTSP: {days: 1, monye: 2}\n", "c.yaml:3:19: unknown key \"monye\""},
		{"day_rate: 800\ncredentials:\n  VTPS: {days: 1}\n", "c.yaml:3:3: unknown credential \"VTPS\""},
		{"day_rate: 800\nmetrics:\n  revenue_usd: {money: 1.005}\n", "c.yaml:3:24: want a number of at most 2 decimals"},
		{"day_rate: 800\ncredential: {}\n", "c.yaml:2:1: unknown key \"credential\""},
		{"credentials: {}\n", "day_rate is required"},
		{"day_rate: -1\n", "c.yaml:1:11: want a number"},
	} {
		_, err := ParseCosts("c.yaml", []byte(tc.in), s)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("ParseCosts(%q) = %v, want %q", tc.in, err, tc.want)
		}
	}
	c, err := ParseCosts("c.yaml", []byte("day_rate: 99.99\nmetrics:\n  revenue_usd: {money: 0.01, days: 0.25, lead_days: 3}\n"), s)
	if err != nil {
		t.Fatal(err)
	}
	if u := c.Lookup(KindMetric, "revenue_usd"); c.DayRate != 9999 || u.Money != 1 || u.Days != 25 || u.LeadDays != 3 {
		t.Errorf("got rate %d, %+v", c.DayRate, u)
	}
}

func TestFormat(t *testing.T) {
	if got := FormatUSD(900000); got != "US$9,000" {
		t.Error(got)
	}
	if got := FormatUSD(123456789); got != "US$1,234,567.89" {
		t.Error(got)
	}
	if got := FormatDays(50); got != "0.5" {
		t.Error(got)
	}
	if got := FormatDays(1025); got != "10.25" {
		t.Error(got)
	}
}
