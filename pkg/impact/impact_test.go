package impact

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tiercalc/tiercalc/pkg/engine"
	"github.com/tiercalc/tiercalc/pkg/partner"
	"github.com/tiercalc/tiercalc/pkg/rulebook"
)

// head is the start of the test rulebooks: their Base tier requires
// nothing.
const head = `id: mine
name: Mine
effective: 2024-01-01
sources: [{id: me, title: My notes}]
tiers:
  - name: Base
    requires: []
`

// gold is a Gold tier asking for vtsp VTSPs and revenue US dollars.
func gold(vtsp, revenue int) string {
	return fmt.Sprintf(`  - name: Gold
    requires:
      - {id: gold-vtsp, credential: VTSP, min: %d, label: VTSP, source: me}
      - {id: gold-revenue, metric: revenue_usd, min: %d, label: revenue, source: me}
`, vtsp, revenue)
}

// before is A; after raises Gold's VTSP and revenue, and makes Platinum's
// VCP-DCV apply in EMEA only.
var (
	before = head + gold(2, 1000) + `  - name: Platinum
    requires:
      - {id: plat-vcp, credential: VCP-DCV, min: 2, label: 2 VCP, source: me}
`
	after = head + gold(3, 2000) + `  - name: Platinum
    requires:
      - {id: plat-vcp, credential: VCP-DCV, min: 2, regions: [emea], label: 2 VCP, source: me}
`
)

// Each partner and the causes it must get, by change: the VTSP threshold
// alone, the revenue alone, both at once, the EMEA-only VCP-DCV for a US
// partner (a rise), nothing for one that stays.
const partners = `id,name,country,VTSP,VCP-DCV,revenue_usd
one,VTSP only,FR,2,0,5000
rev,revenue only,FR,5,0,1500
two,both,FR,2,0,1500
us,US partner,US,5,0,5000
fr,FR partner,FR,5,0,5000
`

func program(t *testing.T, name, src string) *rulebook.Resolved {
	t.Helper()
	p, err := rulebook.Parse(name, []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return p.At(time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC))
}

func TestImpactCauses(t *testing.T) {
	a, b := program(t, "before.yaml", before), program(t, "after.yaml", after)
	at := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	changes := rulebook.Diff(a, b)
	schema := partner.NewSchema()
	im := New(Side{a, at}, Side{b, at}, changes, schema, true)
	r, err := partner.NewReader(strings.NewReader(partners), "p.csv", partner.FormatCSV, schema, partner.ReadOptions{IDs: partner.NewIDs()})
	if err != nil {
		t.Fatal(err)
	}
	for {
		rec, err := r.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		im.Add(rec, im.Eval(rec, nil, nil))
	}
	idx := func(kind, key string) int {
		i := slices.IndexFunc(changes, func(e rulebook.DiffEntry) bool { return e.Kind == kind && e.Key == key })
		if i < 0 {
			t.Fatalf("no %s %s in %+v", kind, key, changes)
		}
		return i
	}
	vtsp, rev := idx(rulebook.DiffThreshold, "VTSP"), idx(rulebook.DiffThreshold, "revenue_usd")
	vcp := idx(rulebook.DiffReqRegions, "VCP-DCV")
	want := map[string]Mover{
		"one": {From: "Gold", To: "Base", Move: "down", Changes: []int{vtsp}},
		"rev": {From: "Gold", To: "Base", Move: "down", Changes: []int{rev}},
		"two": {From: "Gold", To: "Base", Move: "down", Changes: sorted(vtsp, rev)},
		"us":  {From: "Gold", To: "Platinum", Move: "up", Changes: []int{vcp}},
	}
	got := im.Movers()
	if len(got) != len(want) {
		t.Fatalf("movers %+v, want %d", got, len(want))
	}
	for _, m := range got {
		w := want[m.Partner]
		if m.From != w.From || m.To != w.To || m.Move != w.Move || !slices.Equal(m.Changes, w.Changes) {
			t.Errorf("%s: %+v, want %+v", m.Partner, m, w)
		}
	}
	if im.Partners() != 5 {
		t.Errorf("partners %d", im.Partners())
	}
	tr := im.Transitions()
	if tr[0].From != "Gold" || tr[0].To != "Base" || tr[0].Partners != 3 || len(tr[0].Causes) != 3 {
		t.Fatalf("first transition %+v", tr[0])
	}
	last := tr[len(tr)-1]
	if last.Move != "same" || last.Partners != 1 || len(last.Causes) != 0 {
		t.Errorf("the partner that stays: %+v", last)
	}
}

// Without a listing, nothing is kept per partner.
func TestImpactKeepsNoPartnersWithoutList(t *testing.T) {
	a, b := program(t, "before.yaml", before), program(t, "after.yaml", after)
	at := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	schema := partner.NewSchema()
	im := New(Side{a, at}, Side{b, at}, rulebook.Diff(a, b), schema, false)
	rec := schema.NewRecord()
	rec.ID, rec.Country = "x", "FR"
	im.Add(rec, im.Eval(rec, []engine.Result{}, nil))
	if im.Movers() != nil || im.Partners() != 1 {
		t.Errorf("movers %v, partners %d", im.Movers(), im.Partners())
	}
}

func sorted(xs ...int) []int { slices.Sort(xs); return xs }

// A move into a tier B adds, or out of one B removes, is caused by that
// tier change.
func TestImpactTierAddedOrRemoved(t *testing.T) {
	b2 := head + gold(2, 1000) + `  - name: Diamond
    requires:
      - {credential: VTSP, min: 5, label: 5 VTSP, source: me}
`
	a, b := program(t, "before.yaml", before), program(t, "b2.yaml", b2)
	at := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	changes := rulebook.Diff(a, b)
	schema := partner.NewSchema()
	im := New(Side{a, at}, Side{b, at}, changes, schema, true)
	add := func(id string, vtsp, vcp float64) {
		rec := schema.NewRecord()
		rec.ID, rec.Country = id, "FR"
		for k, v := range map[string]float64{"VTSP": vtsp, "VCP-DCV": vcp, "revenue_usd": 5000} {
			slot, _ := schema.Slot(k)
			rec.Nums[slot] = v
		}
		im.Add(rec, im.Eval(rec, nil, nil))
	}
	add("plat", 2, 2)    // Platinum, removed by B: Gold
	add("diamond", 5, 0) // Gold, then B's new Diamond
	kinds := map[string]string{}
	for _, m := range im.Movers() {
		if len(m.Changes) != 1 {
			t.Fatalf("%s: changes %v", m.Partner, m.Changes)
		}
		e := changes[m.Changes[0]]
		kinds[m.Partner] = m.From + ">" + m.To + " " + e.Kind + " " + e.FromTier + e.ToTier
	}
	if kinds["plat"] != "Platinum>Gold tier-removed Platinum" || kinds["diamond"] != "Gold>Diamond tier-added Diamond" {
		t.Errorf("got %v", kinds)
	}
}
