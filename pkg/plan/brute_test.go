package plan

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tiercalc/tiercalc/pkg/engine"
	"github.com/tiercalc/tiercalc/pkg/partner"
	"github.com/tiercalc/tiercalc/pkg/rulebook"
)

// The brute force below shares no code with the planner: it enumerates
// small multisets of purchases, applies each to the record itself and asks
// the engine whether the target tier is reached.

var (
	bfCreds = []string{"VTSP", "VSP", "VCP-DCV", "VCAP-DCV", "VCP-NV"}
	bfMets  = []string{"deployments", "customer_references"}
	bfComps = []string{"c1", "c2", "c3"}
	bfAtts  = []string{"ethics-training", "program-fee-paid"}
)

const bfBound = 7 // units a brute-force plan may buy

type bfItem struct {
	kind, key string
	unit      int64 // objective per unit
}

func randReq(r *rand.Rand, depth int) *rulebook.Requirement {
	n := 7
	if depth >= 2 {
		n = 5
	}
	var q *rulebook.Requirement
	switch r.IntN(n) {
	case 0:
		keys := []string{bfCreds[r.IntN(len(bfCreds))]}
		if r.IntN(4) == 0 {
			if k := bfCreds[r.IntN(len(bfCreds))]; k != keys[0] {
				keys = append(keys, k)
			}
		}
		q = &rulebook.Requirement{Kind: rulebook.KindCredential, Keys: keys, Min: float64(1 + r.IntN(4))}
	case 1:
		q = &rulebook.Requirement{Kind: rulebook.KindMetric, Keys: []string{bfMets[r.IntN(2)]}, Min: float64(1 + r.IntN(3))}
	case 2:
		q = &rulebook.Requirement{Kind: rulebook.KindAttestation, Keys: []string{bfAtts[r.IntN(2)]}}
	case 3:
		k := append(slices.Clone(bfComps), "d1")[r.IntN(4)]
		q = &rulebook.Requirement{Kind: rulebook.KindCompetency, Keys: []string{k}}
	case 4:
		keys := []string{"c1", "c2", "c3", "d1"}
		r.Shuffle(len(keys), func(i, j int) { keys[i], keys[j] = keys[j], keys[i] })
		keys = keys[:2+r.IntN(3)]
		q = &rulebook.Requirement{Kind: rulebook.KindCompetencySet, Keys: keys, Min: float64(1 + r.IntN(2))}
	case 5:
		q = &rulebook.Requirement{Kind: rulebook.KindAny}
		for range 2 + r.IntN(2) {
			q.Items = append(q.Items, randReq(r, depth+1))
		}
	default:
		q = &rulebook.Requirement{Kind: rulebook.KindAll}
		for range 2 {
			q.Items = append(q.Items, randReq(r, depth+1))
		}
	}
	if r.IntN(8) == 0 {
		q.Regions = []string{"emea"}
	}
	return q
}

func randProgram(r *rand.Rand) *rulebook.Program {
	d := &rulebook.Derived{ID: "d1", Requires: &rulebook.Requirement{Kind: rulebook.KindAll, Items: []*rulebook.Requirement{
		{Kind: rulebook.KindCredential, Keys: []string{"VCP-DCV"}, Min: float64(1 + r.IntN(3))},
		{Kind: rulebook.KindCredential, Keys: []string{"VCAP-DCV"}, Min: float64(r.IntN(2))},
	}}}
	tr := &rulebook.Track{}
	for i := range 2 + r.IntN(2) {
		t := &rulebook.Tier{Name: fmt.Sprintf("T%d", i)}
		for range 1 + r.IntN(2) {
			t.Requires = append(t.Requires, randReq(r, 0))
		}
		if i > 0 && r.IntN(6) == 0 {
			t.Regions = []string{"americas", "apj"}
		}
		tr.Tiers = append(tr.Tiers, t)
	}
	return &rulebook.Program{ID: "p", Derived: []*rulebook.Derived{d}, Tracks: []*rulebook.Track{tr}}
}

func randRecord(r *rand.Rand, s *partner.Schema) *partner.Record {
	rec := s.NewRecord()
	rec.ID = "R"
	for i := range rec.Nums {
		rec.Nums[i] = 0
	}
	for _, k := range append(slices.Clone(bfCreds), bfMets...) {
		i, _ := s.Slot(k)
		rec.Nums[i] = float64(r.IntN(3))
	}
	rec.Competencies = []string{}
	for _, c := range bfComps {
		if r.IntN(3) == 0 {
			rec.Competencies = append(rec.Competencies, c)
		}
	}
	rec.Attestations = []string{}
	for _, a := range bfAtts {
		if r.IntN(3) == 0 {
			rec.Attestations = append(rec.Attestations, a)
		}
	}
	rec.Country = []string{"FR", "US", "JP"}[r.IntN(3)]
	return rec
}

func randCosts(r *rand.Rand) (*Costs, []bfItem) {
	c := &Costs{DayRate: 100 + int64(r.IntN(3))*100}
	var items []bfItem
	price := func(kind, key string) {
		if r.IntN(10) == 0 {
			return // not plannable
		}
		u := Cost{Days: int64(r.IntN(4)) * 50, Money: int64(r.IntN(4)) * 100, LeadDays: r.IntN(30)}
		c.Set(kind, key, u)
		items = append(items, bfItem{kind, key, u.Money*100 + u.Days*c.DayRate})
	}
	for _, k := range bfCreds {
		price(KindCredential, k)
	}
	for _, k := range bfMets {
		price(KindMetric, k)
	}
	for _, k := range bfComps {
		price(KindCompetency, k)
	}
	for _, k := range bfAtts {
		price(KindAttestation, k)
	}
	return c, items
}

// bfApply returns rec with n units of each item bought: a VCAP-X holder is
// also a VCP-X holder.
func bfApply(s *partner.Schema, rec *partner.Record, items []bfItem, n []int) *partner.Record {
	out := *rec
	out.Nums = slices.Clone(rec.Nums)
	out.Competencies = slices.Clone(rec.Competencies)
	out.Attestations = slices.Clone(rec.Attestations)
	for i, it := range items {
		if n[i] == 0 {
			continue
		}
		switch it.kind {
		case KindCredential, KindMetric:
			j, _ := s.Slot(it.key)
			out.Nums[j] += float64(n[i])
			if t, ok := strings.CutPrefix(it.key, "VCAP-"); ok {
				if j, ok := s.Slot("VCP-" + t); ok {
					out.Nums[j] += float64(n[i])
				}
			}
		case KindCompetency:
			out.Competencies = append(out.Competencies, it.key)
		case KindAttestation:
			out.Attestations = append(out.Attestations, it.key)
		}
	}
	return &out
}

func reaches(ev *engine.Evaluator, rec *partner.Record, tiers []*rulebook.Tier, target int) bool {
	res := ev.Evaluate(rec, time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), nil)
	if len(res) == 0 || res[0].QualifiedTier == nil {
		return false
	}
	for i, t := range tiers {
		if t.Name == *res[0].QualifiedTier {
			return i >= target
		}
	}
	return false
}

// bruteMin is the least objective of a purchase of at most bfBound units
// that reaches target; ok is false when none does.
func bruteMin(s *partner.Schema, ev *engine.Evaluator, rec *partner.Record, tiers []*rulebook.Tier, target int, items []bfItem) (best int64, ok bool) {
	n := make([]int, len(items))
	var rec2 func(i, units int, cost int64)
	rec2 = func(i, units int, cost int64) {
		if ok && cost >= best {
			return
		}
		if i == len(items) {
			if reaches(ev, bfApply(s, rec, items, n), tiers, target) {
				best, ok = cost, true
			}
			return
		}
		top := bfBound - units
		if k := items[i].kind; k == KindCompetency || k == KindAttestation {
			top = min(top, 1)
		}
		for c := 0; c <= top; c++ {
			n[i] = c
			rec2(i+1, units+c, cost+int64(c)*items[i].unit)
		}
		n[i] = 0
	}
	rec2(0, 0, 0)
	return best, ok
}

func TestPlannerMatchesBruteForce(t *testing.T) {
	r := rand.New(rand.NewPCG(12, 2026))
	s := partner.NewSchema(partner.Vocabulary{Competencies: bfComps})
	cases, compared := 0, 0
	for cases < 400 {
		prog := randProgram(r)
		tr := prog.Tracks[0]
		rec := randRecord(r, s)
		target := r.IntN(len(tr.Tiers))
		reg := map[string]string{"FR": "emea", "US": "americas", "JP": "apj"}[rec.Country]
		if !TierExists(tr.Tiers[target], reg) {
			continue
		}
		cases++
		costs, items := randCosts(r)
		ev := engine.NewEvaluator(&rulebook.Resolved{Program: prog, Edition: "e", Tracks: prog.Tracks}, s)
		pl := NewPlanner(costs, s, prog)
		res := pl.Plan(Effective(tr, target, reg), rec, Options{LeadLimit: -1})
		if len(res.Options) == 0 {
			t.Fatalf("case %d: no option", cases)
		}
		o := res.Options[0]
		want, ok := bruteMin(s, ev, rec, tr.Tiers, target, items)
		units := 0.0
		for _, a := range o.Actions {
			units += a.Add
		}
		switch {
		case len(o.Blocking) > 0:
			if ok {
				t.Fatalf("case %d: planner blocked on %+v, brute force reaches %s at %d", cases, o.Blocking, tr.Tiers[target].Name, want)
			}
		case !ok:
			if units <= bfBound {
				t.Fatalf("case %d: planner plan %+v (cost %d) but brute force finds none", cases, o.Actions, o.Cost)
			}
		default:
			compared++
			if o.Cost != want {
				t.Fatalf("case %d: planner cost %d %+v, brute force %d", cases, o.Cost, o.Actions, want)
			}
		}
		if len(o.Blocking) == 0 {
			// The plan itself reaches the target.
			n := make([]int, len(items))
			for _, a := range o.Actions {
				for i, it := range items {
					if it.kind == a.Kind && it.key == a.Key {
						n[i] = int(a.Add)
					}
				}
			}
			if !reaches(ev, bfApply(s, rec, items, n), tr.Tiers, target) {
				t.Fatalf("case %d: plan %+v does not reach %s", cases, o.Actions, tr.Tiers[target].Name)
			}
		}
	}
	if compared < 200 {
		t.Fatalf("only %d of %d cases compared", compared, cases)
	}
	t.Logf("%d cases, %d compared with brute force", cases, compared)
}
