package plan

import (
	"testing"

	"github.com/tiercalc/tiercalc/pkg/partner"
	"github.com/tiercalc/tiercalc/pkg/rulebook"
)

func cred(key string, min float64) *rulebook.Requirement {
	return &rulebook.Requirement{Kind: rulebook.KindCredential, Keys: []string{key}, Min: min}
}

func metric(key string, min float64) *rulebook.Requirement {
	return &rulebook.Requirement{Kind: rulebook.KindMetric, Keys: []string{key}, Min: min}
}

func comp(key string) *rulebook.Requirement {
	return &rulebook.Requirement{Kind: rulebook.KindCompetency, Keys: []string{key}}
}

func testCosts() *Costs {
	c := &Costs{DayRate: 80000} // US$800 a day
	c.Set(KindCredential, "VTSP", Cost{Days: 50, LeadDays: 1})
	c.Set(KindCredential, "VCP-DCV", Cost{Days: 500, Money: 400000, LeadDays: 30})
	c.Set(KindCredential, "VCAP-DCV", Cost{Days: 1000, Money: 500000, LeadDays: 60})
	c.Set(KindCompetency, "a", Cost{Days: 500, LeadDays: 7})
	c.Set(KindCompetency, "b", Cost{Days: 700, LeadDays: 7})
	c.Set(KindCompetency, "c", Cost{Days: 600, LeadDays: 90})
	c.Set(KindMetric, "deployments", Cost{Days: 1000, LeadDays: 60})
	return c
}

func testRecord(s *partner.Schema, nums map[string]float64, comps ...string) *partner.Record {
	r := s.NewRecord()
	for i := range r.Nums {
		r.Nums[i] = 0
	}
	for k, v := range nums {
		i, _ := s.Slot(k)
		r.Nums[i] = v
	}
	r.Competencies = append([]string{}, comps...)
	r.Attestations = []string{}
	r.Country = "FR"
	return r
}

func TestPlanner(t *testing.T) {
	s := partner.NewSchema(partner.Vocabulary{Competencies: []string{"a", "b", "c"}})
	for _, tc := range []struct {
		name     string
		reqs     []*rulebook.Requirement
		derived  []*rulebook.Derived
		nums     map[string]float64
		comps    []string
		limit    int
		want     string // actions, "kind:key+n" joined by " "
		cost     int64  // cents
		blocking string
		late     bool
		alts     int
	}{
		{name: "levels on one key combine as the highest, not a sum",
			reqs: []*rulebook.Requirement{cred("VTSP", 2), cred("VTSP", 4)}, nums: map[string]float64{"VTSP": 1},
			want: "credential:VTSP+3", cost: 120000},
		{name: "any-of takes its cheapest member",
			reqs: []*rulebook.Requirement{{Kind: rulebook.KindAny, Items: []*rulebook.Requirement{comp("b"), cred("VTSP", 2), comp("a")}}},
			want: "credential:VTSP+2", cost: 80000, alts: 2},
		{name: "N of a set: the cheapest members not yet held",
			reqs: []*rulebook.Requirement{{Kind: rulebook.KindCompetencySet, Keys: []string{"a", "b", "c"}, Min: 2}}, comps: []string{"c"},
			want: "competency:a", cost: 400000, alts: 1},
		{name: "a VCAP holder is also a VCP holder",
			reqs: []*rulebook.Requirement{cred("VCP-DCV", 5), cred("VCAP-DCV", 2)}, nums: map[string]float64{"VCP-DCV": 3},
			want: "credential:VCAP-DCV+2", cost: 2 * (500000 + 800000)},
		{name: "a derived competency through its credentials",
			reqs: []*rulebook.Requirement{comp("msc")},
			derived: []*rulebook.Derived{{ID: "msc", Requires: &rulebook.Requirement{Kind: rulebook.KindAll, Items: []*rulebook.Requirement{
				cred("VCP-DCV", 2), cred("VTSP", 1)}}}},
			nums: map[string]float64{"VCP-DCV": 1},
			want: "credential:VCP-DCV+1 credential:VTSP+1", cost: 400000 + 400000 + 40000},
		{name: "what has no cost blocks, the rest is planned",
			reqs: []*rulebook.Requirement{metric("revenue_usd", 10000), cred("VTSP", 1)}, nums: map[string]float64{"revenue_usd": 1000},
			want: "credential:VTSP+1", cost: 40000, blocking: "revenue_usd 9000"},
		{name: "an any-of prefers a plannable member",
			reqs: []*rulebook.Requirement{{Kind: rulebook.KindAny, Items: []*rulebook.Requirement{metric("tier_credits", 1000), metric("deployments", 2)}}},
			want: "metric:deployments+2", cost: 1600000, alts: 1},
		{name: "a lead-time limit prefers the option that fits",
			reqs: []*rulebook.Requirement{{Kind: rulebook.KindAny, Items: []*rulebook.Requirement{comp("c"), comp("b")}}}, limit: 30,
			want: "competency:b", cost: 560000, alts: 1},
		{name: "a plan that cannot fit says so",
			reqs: []*rulebook.Requirement{comp("c")}, limit: 30,
			want: "competency:c", cost: 480000, late: true},
		{name: "met already: nothing to do",
			reqs: []*rulebook.Requirement{cred("VTSP", 2)}, nums: map[string]float64{"VTSP": 2},
			want: "", cost: 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := NewPlanner(testCosts(), s, &rulebook.Program{Derived: tc.derived})
			limit := -1
			if tc.limit > 0 {
				limit = tc.limit
			}
			res := p.Plan(tc.reqs, testRecord(s, tc.nums, tc.comps...), Options{LeadLimit: limit})
			o := res.Options[0]
			got := ""
			for i, a := range o.Actions {
				if i > 0 {
					got += " "
				}
				got += a.Kind + ":" + a.Key
				if a.Kind == KindCredential || a.Kind == KindMetric {
					got += "+" + FormatDays(int64(a.Add*100))
				}
			}
			if got != tc.want {
				t.Errorf("actions = %q, want %q", got, tc.want)
			}
			if o.CostCents() != tc.cost {
				t.Errorf("cost = %d cents, want %d", o.CostCents(), tc.cost)
			}
			b := ""
			for _, x := range o.Blocking {
				b += x.Key + " " + FormatDays(int64(x.Short*100))
			}
			if b != tc.blocking {
				t.Errorf("blocking = %q, want %q", b, tc.blocking)
			}
			if o.Late != tc.late {
				t.Errorf("late = %v, want %v", o.Late, tc.late)
			}
			if len(res.Options)-1 != tc.alts {
				t.Errorf("%d alternatives, want %d: %+v", len(res.Options)-1, tc.alts, res.Options[1:])
			}
		})
	}
}

func TestEffective(t *testing.T) {
	tr := &rulebook.Track{Tiers: []*rulebook.Tier{
		{Name: "A", Requires: []*rulebook.Requirement{cred("VTSP", 1)}},
		{Name: "B", Regions: []string{"emea"}, Requires: []*rulebook.Requirement{cred("VTSP", 2)}},
		{Name: "C", Requires: []*rulebook.Requirement{cred("VTSP", 3)}},
	}}
	if got := len(Effective(tr, 2, "americas")); got != 2 {
		t.Errorf("americas: %d requirements, want 2 (B does not exist there)", got)
	}
	if got := len(Effective(tr, 2, "emea")); got != 3 {
		t.Errorf("emea: %d requirements, want 3", got)
	}
	if got := len(Effective(tr, 0, "")); got != 1 {
		t.Errorf("tier A: %d requirements, want 1", got)
	}
}
