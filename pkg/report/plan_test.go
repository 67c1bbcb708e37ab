package report

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/tiercalc/tiercalc/pkg/plan"
)

// The NDJSON encoder writes json.Marshal's bytes of planJSON.
func TestPlanNDJSONMatchesMarshal(t *testing.T) {
	tier, target := "Enterprise", "Premier"
	best := plan.Option{Cost: 880000000, Days: 1100, Money: 89512, Lead: 7,
		Actions: []plan.Action{{Kind: plan.KindCredential, Key: "VTSP", Have: 2, Add: 2, Days: 100, Lead: 1},
			{Kind: plan.KindCompetency, Key: "business-continuity", Add: 1, Days: 500, Money: 89512, Lead: 7, Illustrative: true}},
		Blocking: []plan.Blocker{{Kind: plan.KindMetric, Key: "revenue_usd", Have: 990999.99, Need: 1e6, Short: 9000.01}}}
	alt := best
	alt.Cost += 160000
	rows := []plan.Row{
		{Partner: "P1", Name: `Acme "Ltd" <é>`, Program: "vpn-2009", Edition: "2010-08", Tier: &tier, Target: &target,
			Status: plan.StatusBlocked, By: "2025-02-01", Best: best, Notes: []string{"a note"},
			Alternatives: []plan.Alt{{Track: "t", Option: alt, Extra: 1600}}},
		{Partner: "P2", Program: "vpn-2009", Status: plan.StatusTop, Notes: []string{}},
	}
	for _, r := range rows {
		got, err := appendPlanNDJSON(nil, &r)
		if err != nil {
			t.Fatal(err)
		}
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		if err := enc.Encode(planJSON(&r)); err != nil {
			t.Fatal(err)
		}
		if string(got) != want.String() {
			t.Errorf("got  %s\nwant %s", got, want.String())
		}
	}
}
