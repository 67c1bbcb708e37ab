package engine

import (
	"fmt"
	"strconv"

	"github.com/tiercalc/tiercalc/pkg/partner"
	"github.com/tiercalc/tiercalc/pkg/rulebook"
	"strings"
	"testing"
)

// flat renders an explanation's tree one requirement a line: "tier:
// verdict" then "  rule verdict have/need/short counted unknown".
func flat(x Explanation) string {
	var b strings.Builder
	var walk func(e Explained, depth int)
	walk = func(e Explained, depth int) {
		b.WriteString(strings.Repeat("  ", depth) + orString(e.Label, e.Rule) + " " + e.Verdict)
		if e.Need != nil {
			b.WriteString(" " + num(e.Have) + "/" + num(e.Need) + "/" + num(e.Short))
		}
		if !e.Applies {
			b.WriteString(" n/a")
		}
		if len(e.Counted) > 0 {
			b.WriteString(" counted=" + strings.Join(e.Counted, ","))
		}
		if len(e.Unknown) > 0 {
			b.WriteString(" needs=" + strings.Join(e.Unknown, ","))
		}
		b.WriteString("\n")
		for _, it := range e.Items {
			walk(it, depth+1)
		}
	}
	for _, t := range x.Tiers {
		b.WriteString(t.Name + ": " + t.Verdict + "\n")
		for _, r := range t.Requirements {
			walk(r, 1)
		}
	}
	return b.String()
}

func num(p *float64) string {
	if p == nil {
		return "?"
	}
	return strconv.FormatFloat(*p, 'f', -1, 64)
}

func TestExplainTree(t *testing.T) {
	tests := []struct {
		name, through string
		prog          func() *rulebook.Program
		rec           *partner.Record
		want          string
	}{
		{"set counts the held members, up to the next tier", "", vpnProgram,
			rec(n("VTSP", 2, "VSP", 1, "revenue_usd", 20000), holds("infrastructure-virtualization", "business-continuity")), `
Registered: met
Professional: met
  1 VTSP met 2/1/0
  1 VSP met 1/1/0
Enterprise: met
  2 VTSP met 2/2/0
  competency infrastructure-virtualization met 1/1/0
  US$10,000 revenue met 20000/10000/0
Premier: unmet
  4 VTSP unmet 2/4/2
  premier competencies unmet
    competency infrastructure-virtualization met 1/1/0
    2 of business-continuity, desktop-virtualization, virtualization-management unmet 1/2/1 counted=business-continuity
      competency business-continuity met 1/1/0
      competency desktop-virtualization unmet 0/1/1
      competency virtualization-management unmet 0/1/1
  US$1,000,000 revenue unmet 20000/1000000/980000
`},
		{"unknown value", "", vpnProgram, rec(n("VTSP", 1, "VSP", 1), holds("infrastructure-virtualization")), `
Registered: met
Professional: met
  1 VTSP met 1/1/0
  1 VSP met 1/1/0
Enterprise: unmet
  2 VTSP unmet 1/2/1
  competency infrastructure-virtualization met 1/1/0
  US$10,000 revenue unknown ?/10000/? needs=revenue_usd
`},
		{"any-of and derived competencies, through Principal", "Principal", pcProgram,
			rec(attests("ethics-training", "program-fee-paid"), n("VCP-DCV", 1, "VSP", 1, "VTSP", 1, "cloud_points", 4000, "deployments", 3, "VCAP-DCV", 0)), `
Enrolled: met
  attests ethics-training met 1/1/0
  attests program-fee-paid met 1/1/0
Partner: met
  DCV Solution Competency met
    (VCP-DCV >= 1 and VSP >= 1 and VTSP >= 1) met
      1 VCP-DCV met 1/1/0
      1 VSP met 1/1/0
      1 VTSP met 1/1/0
Advanced: met
  tier credits, cloud points or deployments met counted=cloud_points >= 3600,deployments >= 3
    tier_credits >= 250000 unknown ?/250000/? needs=tier_credits
    cloud_points >= 3600 met 4000/3600/0
    deployments >= 3 met 3/3/0
Principal: unmet
  DCV Master Services Competency unmet
    (VCP-DCV >= 5 and VCAP-DCV >= 2) unmet
      5 VCP-DCV unmet 1/5/4
      2 VCAP-DCV unmet 0/2/2
`},
		{"region rule: an absent tier", "", bapProgram, rec(profiles("reseller"), country("US"), n("revenue_usd", 100)), `
Registered: absent
Select: unmet
  revenue_usd >= 500000 unmet 100/500000/499900
`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := tc.prog()
			xs := NewEvaluator(resolve(p, "e"), schema).Explain(tc.rec, day("2026-01-01"), tc.through)
			if len(xs) == 0 {
				t.Fatal("no explanation")
			}
			if got := flat(xs[0]); got != strings.TrimPrefix(tc.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", got, strings.TrimPrefix(tc.want, "\n"))
			}
		})
	}
}

func TestExplainGrace(t *testing.T) {
	ev := NewEvaluator(resolve(vpnProgram(), "e"), schema)
	r := rec(current("Premier"), n("VTSP", 2, "VSP", 1, "revenue_usd", 20000), holds("infrastructure-virtualization"))
	for _, tc := range []struct{ day, want string }{
		{"2009-06-01", "true holds Premier in grace until 2010-01-14 while it qualifies for Enterprise"},
		{"2010-02-01", "false the grace window closed: its last day was 2010-01-14"},
		{"2009-01-01", "false the grace window opens on 2009-04-14"},
	} {
		g := ev.Explain(r, day(tc.day), "")[0].Grace
		if got := fmt.Sprint(g.Applied, " ", g.Why); got != tc.want || g.Months != 9 || g.From != "2009-04-14" {
			t.Errorf("%s: %s (%d months from %s), want %s", tc.day, got, g.Months, g.From, tc.want)
		}
	}
}

func TestEvaluateTo(t *testing.T) {
	ev := NewEvaluator(resolve(vpnProgram(), "e"), schema)
	r := rec(n("VTSP", 1, "VSP", 1, "revenue_usd", 1500), holds("infrastructure-virtualization"))
	got := ev.EvaluateTo(r, day("2026-01-01"), "Premier", nil)[0]
	// Enterprise's 2 VTSP and US$10000 read as Premier's 4 and US$1000000.
	if s := brief(got); s != "Professional/Professional/Enterprise qualified - [3 more VTSP; 2 more of business-continuity / desktop-virtualization / virtualization-management; US$998,500 more revenue] {}" {
		t.Errorf("got %s", s)
	}
	for _, g := range got.Missing {
		if g.Tier != "Premier" {
			t.Errorf("gap %s for tier %s, want Premier", g.Key, g.Tier)
		}
	}
	// A tier already held: nothing missing.
	if got := ev.EvaluateTo(r, day("2026-01-01"), "Professional", nil)[0]; len(got.Missing)+len(got.Unknown) != 0 {
		t.Errorf("towards a held tier: %s", brief(got))
	}
	// A tier absent from the partner's region: no gaps, a note.
	bap := NewEvaluator(resolve(bapProgram(), "e"), schema)
	got = bap.EvaluateTo(rec(profiles("reseller"), country("US"), n("revenue_usd", 100)), day("2026-01-01"), "Registered", nil)[0]
	if len(got.Missing) != 0 || got.Notes[len(got.Notes)-1] != "Registered does not exist in the partner's region" {
		t.Errorf("absent tier: %s %q", brief(got), got.Notes)
	}
	// Unknown data of a lower tier is named.
	got = ev.EvaluateTo(rec(n("VTSP", 1, "VSP", 1), holds("infrastructure-virtualization")), day("2026-01-01"), "Premier", nil)[0]
	if len(got.Unknown) != 1 || got.Unknown[0] != "revenue_usd" {
		t.Errorf("unknown: %s", brief(got))
	}
}
