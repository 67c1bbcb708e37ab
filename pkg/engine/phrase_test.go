package engine

import "testing"

func TestPhrase(t *testing.T) {
	vtsp := Gap{Kind: "credential", Key: "VTSP", Have: 0, Need: 1, Short: 1, Unit: "people", Noun: "VTSP"}
	vcp := Gap{Kind: "credential", Key: "VCP-DCV", Have: 3, Need: 5, Short: 2, Unit: "people", Noun: "VCP-DCV"}
	rev := Gap{Kind: "metric", Key: "revenue_usd", Have: 1500, Need: 10000, Short: 8500, Unit: "USD", Noun: "revenue"}
	cores := Gap{Kind: "metric", Key: "cores", Have: 0, Need: 3500, Short: 3500, Unit: "cores", Noun: "committed cores"}
	set := Gap{Kind: "competencies", Key: "business-continuity|desktop-virtualization|virtualization-management", Have: 1, Need: 2, Short: 1,
		Noun: "business-continuity / desktop-virtualization / virtualization-management"}
	for _, tc := range []struct {
		name string
		g    Gap
		want string
	}{
		{"credential", vtsp, "1 more VTSP"},
		{"credential plural", vcp, "2 more VCP-DCV"},
		{"credential without noun", Gap{Kind: "credential", Key: "VSP", Short: 4}, "4 more VSP"},
		{"summed credentials", Gap{Kind: "credential", Key: "VCP-NV+VCP-DCV", Short: 1, Noun: "VCP-NV/VCP-DCV"}, "1 more VCP-NV/VCP-DCV"},
		{"revenue", rev, "US$8,500 more revenue"},
		{"revenue millions", Gap{Kind: "metric", Short: 1234567, Unit: "USD", Noun: "revenue"}, "US$1,234,567 more revenue"},
		{"revenue fraction", Gap{Kind: "metric", Short: 1234.5, Unit: "USD", Noun: "revenue"}, "US$1,234.5 more revenue"},
		{"cores", cores, "3,500 more committed cores"},
		{"unit count uses the noun", Gap{Kind: "metric", Short: 2, Unit: "", Noun: "deployments"}, "2 more deployments"},
		{"competency set", set, "1 more of business-continuity / desktop-virtualization / virtualization-management"},
		{"competency", Gap{Kind: "competency", Key: "infrastructure-virtualization", Short: 1}, "competency infrastructure-virtualization"},
		{"attestation", Gap{Kind: "attestation", Key: "dedicated-sales", Short: 1}, "attestation dedicated-sales"},
		{"any", Gap{Kind: "any", Options: []Gap{rev, cores}}, "one of: US$8,500 more revenue or 3,500 more committed cores"},
		{"any with all", Gap{Kind: "any", Options: []Gap{{Kind: "all", Options: []Gap{vcp, vtsp}}, rev}},
			"one of: (2 more VCP-DCV and 1 more VTSP) or US$8,500 more revenue"},
		{"unknown kind falls back to label", Gap{Kind: "other", Label: "something"}, "something"},
	} {
		if got := tc.g.Phrase(); got != tc.want {
			t.Errorf("%s: got %q, want %q", tc.name, got, tc.want)
		}
	}
	if got := Summary([]Gap{vtsp, rev, set}); got != "1 more VTSP; US$8,500 more revenue; 1 more of business-continuity / desktop-virtualization / virtualization-management" {
		t.Errorf("Summary: %q", got)
	}
	if got := Summary(nil); got != "" {
		t.Errorf("Summary(nil): %q", got)
	}
}

func TestNumber(t *testing.T) {
	for _, tc := range []struct {
		v    float64
		want string
	}{
		{0, "0"}, {1, "1"}, {999, "999"}, {1000, "1,000"}, {8500, "8,500"}, {10000, "10,000"}, {999999, "999,999"},
		{1000000, "1,000,000"}, {1234567.25, "1,234,567.25"}, {0.5, "0.5"}, {-1500, "-1,500"}, {1e15, "1,000,000,000,000,000"},
	} {
		if got := Number(tc.v); got != tc.want {
			t.Errorf("Number(%v) = %q, want %q", tc.v, got, tc.want)
		}
	}
}
