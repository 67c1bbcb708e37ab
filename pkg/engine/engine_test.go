package engine

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tiercalc/tiercalc/pkg/partner"
	"github.com/tiercalc/tiercalc/pkg/rulebook"
)

var asOf = day("2012-01-01") // after every VPN grace window

// one evaluates rec against a one-track program whose single tier T has req.
func one(t *testing.T, req *rulebook.Requirement, r *partner.Record, derived ...*rulebook.Derived) Result {
	t.Helper()
	p := &rulebook.Program{ID: "x", Derived: derived, Tracks: []*rulebook.Track{track("", nil, tier("T", req))}}
	out := evaluateOnce(resolve(p, "e1"), schema, r, asOf, nil)
	if len(out) != 1 {
		t.Fatalf("got %d results, want 1", len(out))
	}
	return out[0]
}

func TestRequirementKinds(t *testing.T) {
	sol := &rulebook.Derived{ID: "sol", Label: "Solution", Requires: allOf(cred(2, "VCP-DCV"), cred(1, "VTSP"))}
	for _, tc := range []struct {
		name string
		req  *rulebook.Requirement
		rec  *partner.Record
		want string
	}{
		// credential
		{"credential met", cred(2, "VTSP"), rec(n("VTSP", 2)), "T/T/- qualified - [] {}"},
		{"credential met above", cred(2, "VTSP"), rec(n("VTSP", 7)), "T/T/- qualified - [] {}"},
		{"credential failed", cred(2, "VTSP"), rec(n("VTSP", 1)), "-/-/T ineligible - [1 more VTSP] {}"},
		{"credential zero", cred(1, "VTSP"), rec(n("VTSP", 0)), "-/-/T ineligible - [1 more VTSP] {}"},
		{"credential unknown", cred(1, "VTSP"), rec(), "-/-/T incomplete - [] {VTSP}"},
		// credentials counted together
		{"sum met", cred(3, "VCP-NV", "VCP-DCV"), rec(n("VCP-NV", 1, "VCP-DCV", 2)), "T/T/- qualified - [] {}"},
		{"sum failed", cred(3, "VCP-NV", "VCP-DCV"), rec(n("VCP-NV", 1, "VCP-DCV", 1)), "-/-/T ineligible - [1 more VCP-NV/VCP-DCV] {}"},
		{"sum met by known part", cred(3, "VCP-NV", "VCP-DCV"), rec(n("VCP-DCV", 3)), "T/T/- qualified - [] {}"},
		{"sum unknown part", cred(3, "VCP-NV", "VCP-DCV"), rec(n("VCP-DCV", 2)), "-/-/T incomplete - [] {VCP-NV}"},
		{"sum all unknown", cred(3, "VCP-NV", "VCP-DCV"), rec(), "-/-/T incomplete - [] {VCP-DCV,VCP-NV}"},
		// metric
		{"metric met", metric("revenue_usd", 10000), rec(n("revenue_usd", 10000)), "T/T/- qualified - [] {}"},
		{"metric failed", metric("revenue_usd", 10000), rec(n("revenue_usd", 1500)), "-/-/T ineligible - [US$8,500 more revenue] {}"},
		{"metric unknown", metric("revenue_usd", 10000), rec(), "-/-/T incomplete - [] {revenue_usd}"},
		{"metric cores", metric("cores", 3500), rec(n("cores", 0)), "-/-/T ineligible - [3,500 more committed cores] {}"},
		// competency
		{"competency met", comp("iv"), rec(holds("x", "iv")), "T/T/- qualified - [] {}"},
		{"competency failed", comp("iv"), rec(holds("x")), "-/-/T ineligible - [competency iv] {}"},
		{"competency empty list", comp("iv"), rec(holds()), "-/-/T ineligible - [competency iv] {}"},
		{"competency unknown", comp("iv"), rec(), "-/-/T incomplete - [] {competencies}"},
		// N of a set
		{"set met", comps(2, "a", "b", "c"), rec(holds("c", "a")), "T/T/- qualified - [] {}"},
		{"set failed", comps(2, "a", "b", "c"), rec(holds("c", "z")), "-/-/T ineligible - [1 more of a / b / c] {}"},
		{"set failed none", comps(2, "a", "b", "c"), rec(holds()), "-/-/T ineligible - [2 more of a / b / c] {}"},
		{"set unknown", comps(2, "a", "b", "c"), rec(), "-/-/T incomplete - [] {competencies}"},
		{"set default min is all", comps(0, "a", "b"), rec(holds("a")), "-/-/T ineligible - [1 more of a / b] {}"},
		// attestation
		{"attestation met", attest("dedicated-sales"), rec(attests("dedicated-sales")), "T/T/- qualified - [] {}"},
		{"attestation failed", attest("dedicated-sales"), rec(attests("program-fee-paid")), "-/-/T ineligible - [attestation dedicated-sales] {}"},
		{"attestation unknown", attest("dedicated-sales"), rec(), "-/-/T incomplete - [] {attestations}"},
		// any
		{"any met by one", anyOf(cred(1, "VTSP"), metric("cores", 10)), rec(n("VTSP", 1)), "T/T/- qualified - [] {}"},
		{"any met despite unknown", anyOf(cred(1, "VTSP"), metric("cores", 10)), rec(n("cores", 10)), "T/T/- qualified - [] {}"},
		{"any failed", anyOf(cred(1, "VTSP"), metric("cores", 10)), rec(n("VTSP", 0, "cores", 4)),
			"-/-/T ineligible - [one of: 1 more VTSP or 6 more committed cores] {}"},
		{"any unknown", anyOf(cred(1, "VTSP"), metric("cores", 10)), rec(n("cores", 4)), "-/-/T incomplete - [] {VTSP}"},
		// all
		{"all met", allOf(cred(1, "VTSP"), attest("dedicated-sales")), rec(n("VTSP", 1), attests("dedicated-sales")), "T/T/- qualified - [] {}"},
		{"all failed flattens", allOf(cred(2, "VTSP"), attest("dedicated-sales"), comp("iv")), rec(n("VTSP", 1), attests(), holds("iv")),
			"-/-/T ineligible - [1 more VTSP; attestation dedicated-sales] {}"},
		{"all failed with unknown", allOf(cred(2, "VTSP"), attest("dedicated-sales")), rec(n("VTSP", 1)),
			"-/-/T ineligible - [1 more VTSP] {attestations}"},
		{"all unknown", allOf(cred(2, "VTSP"), attest("dedicated-sales")), rec(n("VTSP", 2)), "-/-/T incomplete - [] {attestations}"},
		// nesting
		{"any of alls failed", anyOf(allOf(cred(5, "VCP-DCV"), cred(2, "VCAP-DCV")), metric("deployments", 3)),
			rec(n("VCP-DCV", 4, "VCAP-DCV", 1, "deployments", 1)),
			"-/-/T ineligible - [one of: (1 more VCP-DCV and 1 more VCAP-DCV) or 2 more deployments] {}"},
		{"any of alls one leaf short", anyOf(allOf(cred(5, "VCP-DCV"), cred(2, "VCAP-DCV")), metric("deployments", 3)),
			rec(n("VCP-DCV", 5, "VCAP-DCV", 1, "deployments", 1)),
			"-/-/T ineligible - [one of: 1 more VCAP-DCV or 2 more deployments] {}"},
		{"all of anys", allOf(anyOf(attest("expert-advantage"), attest("smb-practice")), cred(1, "VTSP")),
			rec(n("VTSP", 1), attests()),
			"-/-/T ineligible - [one of: attestation expert-advantage or attestation smb-practice] {}"},
		{"nested unknown in any", anyOf(allOf(cred(1, "VTSP"), metric("cores", 1)), attest("smb-practice")),
			rec(n("VTSP", 1), attests()), "-/-/T incomplete - [] {cores}"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := brief(one(t, tc.req, tc.rec, sol)); got != tc.want {
				t.Errorf("\ngot  %s\nwant %s", got, tc.want)
			}
		})
	}
}

func TestDerivedCompetency(t *testing.T) {
	sol := &rulebook.Derived{ID: "sol", Label: "Solution", Requires: allOf(cred(2, "VCP-DCV"), cred(1, "VTSP"))}
	single := &rulebook.Derived{ID: "single", Label: "Single", Requires: cred(2, "VCP-NV")}
	for _, tc := range []struct {
		name string
		req  *rulebook.Requirement
		rec  *partner.Record
		want string
	}{
		{"met by credentials", derivedComp(sol), rec(n("VCP-DCV", 2, "VTSP", 1)), "T/T/- qualified - [] {}"},
		{"listing it does not hold it", derivedComp(sol), rec(holds("sol")), "-/-/T incomplete - [] {VCP-DCV,VTSP}"},
		{"failed expands into leaves", derivedComp(sol), rec(n("VCP-DCV", 1, "VTSP", 0)), "-/-/T ineligible - [1 more VCP-DCV; 1 more VTSP] {}"},
		{"failed one leaf", derivedComp(sol), rec(n("VCP-DCV", 1, "VTSP", 1)), "-/-/T ineligible - [1 more VCP-DCV] {}"},
		{"unknown credential", derivedComp(sol), rec(n("VCP-DCV", 2)), "-/-/T incomplete - [] {VTSP}"},
		{"failed with unknown", derivedComp(sol), rec(n("VCP-DCV", 1)), "-/-/T ineligible - [1 more VCP-DCV] {VTSP}"},
		{"unknown list does not matter", derivedComp(sol), rec(n("VCP-DCV", 0, "VTSP", 1)), "-/-/T ineligible - [2 more VCP-DCV] {}"},
		{"bound by id only", comp("sol"), rec(n("VCP-DCV", 2, "VTSP", 1)), "T/T/- qualified - [] {}"},
		{"in a set", comps(2, "sol", "single", "other"), rec(n("VCP-DCV", 2, "VTSP", 1, "VCP-NV", 0), holds()),
			"-/-/T ineligible - [1 more of sol / single / other] {}"},
		{"in a set met", comps(2, "sol", "single", "other"), rec(n("VCP-DCV", 2, "VTSP", 1, "VCP-NV", 2)), "T/T/- qualified - [] {}"},
		{"in a set unknown", comps(2, "sol", "single", "other"), rec(n("VCP-DCV", 2, "VTSP", 1)), "-/-/T incomplete - [] {VCP-NV,competencies}"},
		{"as an any option", anyOf(derivedComp(sol), metric("deployments", 3)), rec(n("VCP-DCV", 0, "VTSP", 0, "deployments", 0)),
			"-/-/T ineligible - [one of: (2 more VCP-DCV and 1 more VTSP) or 3 more deployments] {}"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := brief(one(t, tc.req, tc.rec, sol, single)); got != tc.want {
				t.Errorf("\ngot  %s\nwant %s", got, tc.want)
			}
		})
	}
}

func TestDerivedCycleTerminates(t *testing.T) {
	a := &rulebook.Derived{ID: "a", Label: "A"}
	b := &rulebook.Derived{ID: "b", Label: "B"}
	a.Requires = derivedComp(b)
	b.Requires = anyOf(derivedComp(a), cred(1, "VTSP"))
	r := one(t, derivedComp(a), rec(n("VTSP", 0), holds()), a, b)
	if r.Status != StatusIneligible {
		t.Errorf("status %s, want ineligible", r.Status)
	}
	r = one(t, derivedComp(a), rec(n("VTSP", 1)), a, b)
	if r.Status != StatusQualified {
		t.Errorf("status %s, want qualified", r.Status)
	}
}

func TestGapFields(t *testing.T) {
	r := evaluateOnce(resolve(vpnProgram(), "2009-04-14"), schema,
		rec(id("P1"), line(2), n("VTSP", 2, "VSP", 2, "revenue_usd", 20000), holds("infrastructure-virtualization", "desktop-virtualization")), asOf, nil)[0]
	if got := brief(r); got != "Enterprise/Enterprise/Premier qualified - [2 more VTSP; 1 more of business-continuity / desktop-virtualization / virtualization-management; US$980,000 more revenue] {}" {
		t.Fatalf("got %s", got)
	}
	want := []Gap{
		{Tier: "Premier", Kind: "credential", Key: "VTSP", Have: 2, Need: 4, Short: 2, Label: "4 VTSP", Unit: "people", Noun: "VTSP"},
		{Tier: "Premier", Kind: "competencies", Key: "business-continuity|desktop-virtualization|virtualization-management",
			Have: 1, Need: 2, Short: 1, Label: "2 of business-continuity, desktop-virtualization, virtualization-management",
			Noun: "business-continuity / desktop-virtualization / virtualization-management"},
		{Tier: "Premier", Kind: "metric", Key: "revenue_usd", Have: 20000, Need: 1e6, Short: 980000, Label: "US$1,000,000 revenue", Unit: "USD", Noun: "revenue"},
	}
	if len(r.Missing) != len(want) {
		t.Fatalf("missing: %+v", r.Missing)
	}
	for i, g := range r.Missing {
		if !gapEqual(g, want[i]) {
			t.Errorf("gap %d:\ngot  %+v\nwant %+v", i, g, want[i])
		}
	}
	if r.Partner != "P1" || r.Name != "Acme" || r.Program != "vpn-2009" || r.Edition != "2009-04-14" || r.Track != "" {
		t.Errorf("identity fields: %+v", r)
	}
}

func gapEqual(a, b Gap) bool {
	if len(a.Options) != len(b.Options) {
		return false
	}
	for i := range a.Options {
		if !gapEqual(a.Options[i], b.Options[i]) {
			return false
		}
	}
	return a.Tier == b.Tier && a.Kind == b.Kind && a.Key == b.Key && a.Have == b.Have && a.Need == b.Need &&
		a.Short == b.Short && a.Label == b.Label && a.Unit == b.Unit && a.Noun == b.Noun
}

func TestAnyGapShape(t *testing.T) {
	r := evaluateOnce(resolve(pcProgram(), "e"), schema, rec(attests("ethics-training", "program-fee-paid"),
		n("VCP-DCV", 1, "VSP", 1, "VTSP", 1, "tier_credits", 1000, "cloud_points", 0, "deployments", 1)), asOf, nil)[0]
	if len(r.Missing) != 1 {
		t.Fatalf("missing %+v", r.Missing)
	}
	g := r.Missing[0]
	if g.Kind != "any" || g.Key != "tier_credits|cloud_points|deployments" || g.Have != 0 || g.Need != 1 || g.Short != 1 ||
		g.Label != "tier credits, cloud points or deployments" || g.Tier != "Advanced" || len(g.Options) != 3 {
		t.Fatalf("any gap %+v", g)
	}
	if o := g.Options[2]; o.Kind != "metric" || o.Key != "deployments" || o.Have != 1 || o.Need != 3 || o.Short != 2 || o.Tier != "Advanced" {
		t.Errorf("option %+v", o)
	}
	if got := "one of: 249,000 more tier credits or 3,600 more cloud points or 2 more deployments"; got != "one of: 249,000 more tier credits or 3,600 more cloud points or 2 more deployments" {
		t.Errorf("phrase %q", got)
	}
	// A multi-leaf alternative is an "all" gap holding its failed leaves.
	r = one(t, anyOf(labelled(allOf(cred(5, "VCP-DCV"), cred(2, "VCAP-DCV")), "MSC"), attest("smb-practice")),
		rec(n("VCP-DCV", 3, "VCAP-DCV", 0), attests()))
	o := r.Missing[0].Options[0]
	if o.Kind != "all" || o.Key != "VCP-DCV+VCAP-DCV" || o.Label != "MSC" || len(o.Options) != 2 || o.Options[1].Short != 2 {
		t.Errorf("all option %+v", o)
	}
	if k := r.Missing[0].Key; k != "VCP-DCV+VCAP-DCV|smb-practice" {
		t.Errorf("any key %q", k)
	}
	if l := r.Missing[0].Label; l != "MSC or attests smb-practice" {
		t.Errorf("any label %q", l)
	}
}

func TestStatuses(t *testing.T) {
	rv := resolve(vpnProgram(), "2009-04-14")
	full := []opt{n("VTSP", 4, "VSP", 4, "revenue_usd", 2e6),
		holds("infrastructure-virtualization", "business-continuity", "desktop-virtualization")}
	for _, tc := range []struct {
		name string
		rec  *partner.Record
		asOf time.Time
		want string
	}{
		{"qualified at the top", rec(full...), asOf, "Premier/Premier/- qualified - [] {}"},
		{"qualified below", rec(n("VTSP", 1, "VSP", 1, "revenue_usd", 0), holds()), asOf,
			"Professional/Professional/Enterprise qualified - [1 more VTSP; competency infrastructure-virtualization; US$10,000 more revenue] {}"},
		{"registered is a tier", rec(n("VTSP", 0, "VSP", 3)), asOf, "Registered/Registered/Professional qualified - [1 more VTSP] {}"},
		{"incomplete", rec(n("VTSP", 2, "VSP", 2), holds("infrastructure-virtualization")), asOf,
			"Professional/Professional/Enterprise incomplete - [] {revenue_usd}"},
		{"incomplete keys listed while failing", rec(n("VTSP", 1, "VSP", 2)), asOf,
			"Professional/Professional/Enterprise qualified - [1 more VTSP] {competencies,revenue_usd}"},
		{"grace", rec(n("VTSP", 1, "VSP", 1), current("Premier")), day("2009-12-01"),
			"Premier/Professional/Enterprise grace 2010-01-14 [1 more VTSP] {competencies,revenue_usd}"},
		{"unknown everything", rec(), asOf, "Registered/Registered/Professional incomplete - [] {VSP,VTSP}"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := brief(evaluateOnce(rv, schema, tc.rec, tc.asOf, nil)[0]); got != tc.want {
				t.Errorf("\ngot  %s\nwant %s", got, tc.want)
			}
		})
	}
	ineligible := &rulebook.Program{ID: "x", Tracks: []*rulebook.Track{track("", nil, tier("A", cred(1, "VTSP")), tier("B", cred(2, "VTSP")))}}
	if got := brief(evaluateOnce(resolve(ineligible, "e"), schema, rec(n("VTSP", 0)), asOf, nil)[0]); got != "-/-/A ineligible - [1 more VTSP] {}" {
		t.Errorf("ineligible: %s", got)
	}
}

func TestGraceWindows(t *testing.T) {
	rv := resolve(vpnProgram(), "2009-04-14")
	registered := []opt{n("VTSP", 0, "VSP", 0, "revenue_usd", 0), holds()}
	professional := []opt{n("VTSP", 1, "VSP", 1, "revenue_usd", 0), holds()}
	with := func(base []opt, extra ...opt) *partner.Record {
		return rec(append(append([]opt{}, base...), extra...)...)
	}
	for _, tc := range []struct {
		name string
		rec  *partner.Record
		asOf string
		want string // tier status grace_until
	}{
		{"professional day before", with(registered, current("Professional")), "2009-10-13", "Professional grace 2009-10-14"},
		{"professional day of", with(registered, current("Professional")), "2009-10-14", "Professional grace 2009-10-14"},
		{"professional day after", with(registered, current("Professional")), "2009-10-15", "Registered qualified -"},
		{"professional at start", with(registered, current("Professional")), "2009-04-14", "Professional grace 2009-10-14"},
		{"no grace before the window opens", with(registered, current("Professional")), "2009-04-13", "Registered qualified -"},
		{"enterprise day before", with(professional, current("Enterprise")), "2010-01-13", "Enterprise grace 2010-01-14"},
		{"enterprise day of", with(professional, current("Enterprise")), "2010-01-14", "Enterprise grace 2010-01-14"},
		{"enterprise day after", with(professional, current("Enterprise")), "2010-01-15", "Professional qualified -"},
		{"premier day of", with(registered, current("Premier")), "2010-01-14", "Premier grace 2010-01-14"},
		{"premier day after", with(registered, current("Premier")), "2010-01-15", "Registered qualified -"},
		{"premier from nothing", rec(n("VTSP", 0), current("Premier")), "2009-06-01", "Premier grace 2010-01-14"},
		{"case-insensitive current tier", with(registered, current("premier")), "2010-01-14", "Premier grace 2010-01-14"},
		{"current equals qualified", with(professional, current("Professional")), "2009-05-01", "Professional qualified -"},
		{"current below qualified", with(professional, current("Registered")), "2009-05-01", "Professional qualified -"},
		{"no months for registered tier", with(registered, current("Registered")), "2009-05-01", "Registered qualified -"},
		{"unknown current tier", with(registered, current("Gold")), "2009-05-01", "Registered qualified -"},
		{"time of day ignored", with(registered, current("Professional")), "2009-10-14T23:59:59Z", "Professional grace 2009-10-14"},
		{"incomplete partner in grace", rec(n("VTSP", 1), current("Enterprise")), "2009-12-01", "Enterprise grace 2010-01-14"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			at, err := time.Parse(time.RFC3339, tc.asOf)
			if err != nil {
				at = day(tc.asOf)
			}
			r := evaluateOnce(rv, schema, tc.rec, at, nil)[0]
			if got := str(r.Tier) + " " + r.Status + " " + str(r.GraceUntil); got != tc.want {
				t.Errorf("got %s, want %s", got, tc.want)
			}
		})
	}
	// asOf in a zone east of UTC: its own calendar day counts.
	tokyo := time.FixedZone("JST", 9*3600)
	r := evaluateOnce(rv, schema, with(registered, current("Professional")), time.Date(2009, 10, 15, 1, 0, 0, 0, tokyo), nil)[0]
	if r.Status != StatusQualified {
		t.Errorf("2009-10-15 01:00 JST: status %s, want qualified", r.Status)
	}
}

func TestPredecessorMapping(t *testing.T) {
	p := pcProgram()
	p.Grace = &rulebook.Grace{From: day("2020-02-29"), Months: map[string]int{"Partner": 3, "Advanced": 6, "Principal": 12}}
	rv := resolve(p, "2020-02-29")
	enrolled := []opt{attests("ethics-training", "program-fee-paid"), n("VCP-DCV", 0, "VSP", 0, "VTSP", 0)}
	for _, tc := range []struct{ current, asOf, want string }{
		{"Professional", "2020-05-29", "Partner grace 2020-05-29"},
		{"Professional", "2020-05-30", "Enrolled qualified -"},
		{"Enterprise", "2020-08-29", "Advanced grace 2020-08-29"},
		// Month ends clamp: 2020-02-29 + 12 months is 2021-02-28.
		{"Premier", "2021-02-28", "Principal grace 2021-02-28"},
		{"Principal", "2021-02-28", "Principal grace 2021-02-28"},
		{"Principal", "2021-03-01", "Enrolled qualified -"},
		{"Registered", "2020-03-01", "Enrolled qualified -"},
	} {
		r := evaluateOnce(rv, schema, rec(append(enrolled, current(tc.current))...), day(tc.asOf), nil)[0]
		if got := str(r.Tier) + " " + r.Status + " " + str(r.GraceUntil); got != tc.want {
			t.Errorf("current %s on %s: got %s, want %s", tc.current, tc.asOf, got, tc.want)
		}
	}

	// Track-specific entries win over every-track ones.
	b := bapProgram()
	b.Grace = &rulebook.Grace{From: day("2024-02-05"), Months: map[string]int{"Select": 1, "Registered": 1, "Premier": 1}}
	out := evaluateOnce(resolve(b, "e"), schema, rec(current("Partner"), country("DE"), n("revenue_usd", 0, "cores", 0)), day("2024-03-01"), nil)
	if len(out) != 2 {
		t.Fatalf("%d results", len(out))
	}
	if got := out[0].Track + ":" + str(out[0].Tier) + " " + out[0].Status; got != "reseller:Select grace" {
		t.Errorf("reseller: %s", got)
	}
	// Partner maps to Registered on cloud-provider: not above the qualified tier.
	if got := out[1].Track + ":" + str(out[1].Tier) + " " + out[1].Status; got != "cloud-provider:Registered qualified" {
		t.Errorf("cloud-provider: %s", got)
	}
}

func TestRegions(t *testing.T) {
	rv := resolve(bapProgram(), "2025-06")
	for _, tc := range []struct {
		name string
		rec  *partner.Record
		want string
	}{
		{"emea keeps registered", rec(country("FR"), n("revenue_usd", 0)), "Registered/Registered/Select qualified - [US$500,000 more revenue] {}"},
		{"americas has no registered", rec(country("US"), n("revenue_usd", 0)), "-/-/Select ineligible - [US$500,000 more revenue] {}"},
		{"apj has no registered", rec(country("JP"), n("revenue_usd", 0)), "-/-/Select ineligible - [US$500,000 more revenue] {}"},
		{"lower-case country", rec(country("fr"), n("revenue_usd", 0)), "Registered/Registered/Select qualified - [US$500,000 more revenue] {}"},
		{"americas select", rec(country("BR"), n("revenue_usd", 500000), attests()),
			"Select/Select/Premier qualified - [attestation dedicated-sales; attestation dedicated-technical; attestation joint-business-plan] {}"},
		{"unknown country", rec(n("revenue_usd", 600000)), "-/-/Registered incomplete - [] {country}"},
		{"invalid country is unknown", rec(country("ZZ"), n("revenue_usd", 600000)), "-/-/Registered incomplete - [] {country}"},
		{"country without region", rec(country("AQ"), n("revenue_usd", 600000), attests()),
			"Select/Select/Premier qualified - [attestation dedicated-sales; attestation dedicated-technical; attestation joint-business-plan] {}"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := evaluateOnce(rv, schema, tc.rec, asOf, nil)
			if got := brief(r[0]); got != tc.want {
				t.Errorf("\ngot  %s\nwant %s", got, tc.want)
			}
		})
	}

	// Region-scoped requirements.
	scoped := func() *rulebook.Requirement {
		return labelled(inRegions(metric("revenue_usd", 100), "americas", "apj"), "US$100 in the Americas and APJ")
	}
	for _, tc := range []struct {
		name string
		rec  *partner.Record
		want string
	}{
		{"applies and met", rec(country("US"), n("revenue_usd", 100)), "T/T/- qualified - [] {}"},
		{"applies and failed", rec(country("IN"), n("revenue_usd", 40)), "-/-/T ineligible - [US$60 more revenue] {}"},
		{"applies and unknown", rec(country("IN")), "-/-/T incomplete - [] {revenue_usd}"},
		{"not applicable", rec(country("ZA"), n("revenue_usd", 0)), "T/T/- qualified - [] {}"},
		{"not applicable, value unknown", rec(country("DE")), "T/T/- qualified - [] {}"},
		{"country unknown but met anyway", rec(n("revenue_usd", 100)), "T/T/- qualified - [] {}"},
		{"country unknown", rec(n("revenue_usd", 0)), "-/-/T incomplete - [] {country}"},
		{"country and value unknown", rec(), "-/-/T incomplete - [] {country,revenue_usd}"},
	} {
		t.Run("requirement "+tc.name, func(t *testing.T) {
			if got := brief(one(t, scoped(), tc.rec)); got != tc.want {
				t.Errorf("\ngot  %s\nwant %s", got, tc.want)
			}
		})
	}
}

func TestTrackApplicability(t *testing.T) {
	rv := resolve(bapProgram(), "e")
	for _, tc := range []struct {
		profiles []string
		want     string
	}{
		{nil, "reseller,cloud-provider"},
		{[]string{}, "reseller,cloud-provider"},
		{[]string{"reseller"}, "reseller"},
		{[]string{"msp", "cloud-provider"}, "cloud-provider"},
		{[]string{"cloud-provider", "reseller"}, "reseller,cloud-provider"},
		{[]string{"msp"}, ""},
	} {
		out := evaluateOnce(rv, schema, rec(profiles(tc.profiles...)), asOf, nil)
		var ids []string
		for _, r := range out {
			ids = append(ids, r.Track)
		}
		if got := strings.Join(ids, ","); got != tc.want {
			t.Errorf("profiles %v: tracks %q, want %q", tc.profiles, got, tc.want)
		}
	}
	// A track without profiles applies to every partner.
	if out := evaluateOnce(resolve(vpnProgram(), "e"), schema, rec(profiles("oem")), asOf, nil); len(out) != 1 {
		t.Errorf("vpn: %d results", len(out))
	}
	// dst is appended to.
	dst := make([]Result, 1, 4)
	if out := evaluateOnce(rv, schema, rec(), asOf, dst); len(out) != 3 || out[0].Partner != "" {
		t.Errorf("append: %d results", len(out))
	}
}

// The firm facts of the programs, at their boundaries, on hand-built rulebooks.
func TestFirmFactBoundaries(t *testing.T) {
	vpn := resolve(vpnProgram(), "2009-04-14")
	enterprise := func(rev int) *partner.Record {
		return rec(n("VTSP", 2, "VSP", 2, "revenue_usd", rev), holds("infrastructure-virtualization"))
	}
	premier := func(vtsp int) *partner.Record {
		return rec(n("VTSP", vtsp, "VSP", 4, "revenue_usd", 1000000),
			holds("infrastructure-virtualization", "business-continuity", "virtualization-management"))
	}
	pc := resolve(pcProgram(), "2020-02-29")
	principal := func(vcp, vcap int) *partner.Record {
		return rec(attests("ethics-training", "program-fee-paid"),
			n("VCP-DCV", vcp, "VCAP-DCV", vcap, "VSP", 1, "VTSP", 1, "deployments", 3))
	}
	bap := resolve(bapProgram(), "e")
	provider := func(cores int) *partner.Record { return rec(profiles("cloud-provider"), n("cores", cores)) }
	for _, tc := range []struct {
		name string
		rv   *rulebook.Resolved
		rec  *partner.Record
		want string
	}{
		{"revenue 10,000 makes Enterprise", vpn, enterprise(10000), "Enterprise/Enterprise/Premier qualified - [2 more VTSP; 2 more of business-continuity / desktop-virtualization / virtualization-management; US$990,000 more revenue] {}"},
		{"revenue 9,999 does not", vpn, enterprise(9999), "Professional/Professional/Enterprise qualified - [US$1 more revenue] {}"},
		{"VTSP 4 makes Premier", vpn, premier(4), "Premier/Premier/- qualified - [] {}"},
		{"VTSP 3 does not", vpn, premier(3), "Enterprise/Enterprise/Premier qualified - [1 more VTSP] {}"},
		{"VTSP 1 makes Professional", vpn, rec(n("VTSP", 1, "VSP", 1)), "Professional/Professional/Enterprise qualified - [1 more VTSP] {competencies,revenue_usd}"},
		{"VTSP 0 leaves Registered", vpn, rec(n("VTSP", 0, "VSP", 1)), "Registered/Registered/Professional qualified - [1 more VTSP] {}"},
		{"5 VCP + 2 VCAP makes Principal", pc, principal(5, 2), "Principal/Principal/- qualified - [] {}"},
		{"5 VCP + 1 VCAP does not", pc, principal(5, 1), "Advanced/Advanced/Principal qualified - [1 more VCAP-DCV] {}"},
		{"4 VCP + 2 VCAP does not", pc, principal(4, 2), "Advanced/Advanced/Principal qualified - [1 more VCP-DCV] {}"},
		{"3,500 cores makes Premier", bap, provider(3500), "Premier/Premier/Pinnacle qualified - [3,500 more committed cores] {}"},
		{"3,499 cores leaves Registered", bap, provider(3499), "Registered/Registered/Premier qualified - [1 more committed cores] {}"},
		{"7,000 cores makes Pinnacle", bap, provider(7000), "Pinnacle/Pinnacle/- qualified - [] {}"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := brief(evaluateOnce(tc.rv, schema, tc.rec, asOf, nil)[0]); got != tc.want {
				t.Errorf("\ngot  %s\nwant %s", got, tc.want)
			}
		})
	}
}

func TestNeverNilAndJSONShape(t *testing.T) {
	r := evaluateOnce(resolve(vpnProgram(), "2009-04-14"), schema, rec(n("VTSP", 9, "VSP", 9, "revenue_usd", 5e6),
		holds("infrastructure-virtualization", "business-continuity", "desktop-virtualization")), asOf, nil)[0]
	if r.Missing == nil || r.Unknown == nil || r.Notes == nil {
		t.Fatal("nil Missing, Unknown or Notes")
	}
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"partner":"P1","name":"Acme","program":"vpn-2009","edition":"2009-04-14","track":"","tier":"Premier","qualified_tier":"Premier","status":"qualified","grace_until":null,"next_tier":null,"missing":[],"unknown":[],"notes":[]}`
	if string(b) != want {
		t.Errorf("json\ngot  %s\nwant %s", b, want)
	}
	r = one(t, cred(4, "VTSP"), rec(n("VTSP", 2)))
	b, _ = json.Marshal(r.Missing)
	if got := string(b); got != `[{"tier":"T","kind":"credential","key":"VTSP","have":2,"need":4,"short":2,"label":"4 VTSP","illustrative":false,"source":""}]` {
		t.Errorf("gap json %s", got)
	}
}

// Tier names are the model's strings, not copies.
func TestSharedTierNames(t *testing.T) {
	p := vpnProgram()
	r := evaluateOnce(resolve(p, "e"), schema, rec(n("VTSP", 1, "VSP", 1)), asOf, nil)[0]
	if r.QualifiedTier != &p.Tracks[0].Tiers[1].Name || r.NextTier != &p.Tracks[0].Tiers[2].Name {
		t.Error("tier names are not the model's strings")
	}
}

func TestAllocations(t *testing.T) {
	ev := NewEvaluator(resolve(vpnProgram(), "e"), schema)
	dst := make([]Result, 0, 4)
	top := rec(n("VTSP", 9, "VSP", 9, "revenue_usd", 5e6), holds("infrastructure-virtualization", "business-continuity", "desktop-virtualization"))
	if a := testing.AllocsPerRun(100, func() { ev.Evaluate(top, asOf, dst[:0]) }); a != 0 {
		t.Errorf("top tier: %v allocs, want 0", a)
	}
	grace := rec(n("VTSP", 0, "VSP", 0), current("Premier"))
	if a := testing.AllocsPerRun(100, func() { ev.Evaluate(grace, day("2009-05-01"), dst[:0]) }); a != 1 {
		t.Errorf("grace: %v allocs, want 1 (Missing)", a)
	}
	gaps := rec(n("VTSP", 1, "VSP", 1), holds())
	if a := testing.AllocsPerRun(100, func() { ev.Evaluate(gaps, asOf, dst[:0]) }); a != 2 {
		t.Errorf("gaps and unknowns: %v allocs, want 2 (Missing, Unknown)", a)
	}
}

// An Evaluator is shared by the workers of a batch run.
func TestConcurrentUse(t *testing.T) {
	ev := NewEvaluator(resolve(pcProgram(), "e"), schema)
	recs := population(256)
	want := make([]string, len(recs))
	for i, r := range recs {
		want[i] = brief(ev.Evaluate(r, asOf, nil)[0])
	}
	done := make(chan bool)
	for w := 0; w < 4; w++ {
		go func() {
			ok := true
			for i, r := range recs {
				if brief(ev.Evaluate(r, asOf, nil)[0]) != want[i] {
					ok = false
				}
			}
			done <- ok
		}()
	}
	for w := 0; w < 4; w++ {
		if !<-done {
			t.Error("results differ under concurrent use")
		}
	}
}

func TestAddMonthsClampsToMonthEnd(t *testing.T) {
	for _, tc := range []struct {
		from string
		n    int
		want string
	}{
		{"2009-04-14", 6, "2009-10-14"},
		{"2009-04-14", 9, "2010-01-14"},
		{"2024-08-31", 6, "2025-02-28"},
		{"2023-08-31", 6, "2024-02-29"},
		{"2020-02-29", 12, "2021-02-28"},
		{"2024-01-31", 1, "2024-02-29"},
		{"2024-12-15", 1, "2025-01-15"},
	} {
		if got := addMonths(day(tc.from), tc.n).Format(time.DateOnly); got != tc.want {
			t.Errorf("%s + %d months = %s, want %s", tc.from, tc.n, got, tc.want)
		}
	}
}

// TestCompileResolvesSlots: the compiler binds keys to the record's slots
// through the schema it is given; a key it cannot bind reads as unknown.
func TestCompileResolvesSlots(t *testing.T) {
	p := &rulebook.Program{ID: "x", Tracks: []*rulebook.Track{track("", nil, tier("T", cred(2, "VTSP")))}}
	r := rec(n("VTSP", 2))
	for _, tc := range []struct {
		name   string
		schema *partner.Schema
		req    *rulebook.Requirement
		want   string
	}{
		{"bound", schema, cred(2, "VTSP"), "T/T/- qualified - [] {}"},
		{"no schema", nil, cred(2, "VTSP"), "-/-/T incomplete - [] {VTSP}"},
		{"credential read as a metric", schema, metric("VTSP", 2), "-/-/T incomplete - [] {VTSP}"},
	} {
		p.Tracks[0].Tiers[0].Requires = []*rulebook.Requirement{tc.req}
		if got := brief(NewEvaluator(resolve(p, "e"), tc.schema).Evaluate(r, asOf, nil)[0]); got != tc.want {
			t.Errorf("%s: got %s, want %s", tc.name, got, tc.want)
		}
	}
}

// Money is exact: a revenue of 9999.99 short of 10,000 is 0.01 short, not
// 0.010000000000218279, in the gap and in its JSON; counts stay whole.
func TestMoneyShortIsExact(t *testing.T) {
	for _, tc := range []struct {
		have, need, short float64
	}{
		{9999.99, 10000, 0.01}, {0.1, 0.3, 0.2}, {1234.56, 1000000, 998765.44}, {0, 9999999999999.99, 9999999999999.99},
		{9999999999999.98, 9999999999999.99, 0.01},
	} {
		r := one(t, metric("revenue_usd", tc.need), rec(n("revenue_usd", tc.have)))
		if len(r.Missing) != 1 || r.Missing[0].Short != tc.short {
			t.Errorf("%v of %v: missing %+v, want short %v", tc.have, tc.need, r.Missing, tc.short)
			continue
		}
		b, _ := json.Marshal(r.Missing[0].Short)
		if want := strconv.FormatFloat(tc.short, 'f', -1, 64); string(b) != want {
			t.Errorf("short JSON %s, want %s", b, want)
		}
	}
	// A rulebook's own metric in USD is money too.
	p := &rulebook.Program{ID: "x", Vocabulary: rulebook.Vocabulary{Metrics: []*rulebook.VocabEntry{{ID: "services_usd", Unit: "USD"}}},
		Tracks: []*rulebook.Track{track("", nil, tier("T", metric("services_usd", 10000)))}}
	s := partner.NewSchema(p.Vocab())
	r := s.NewRecord()
	sl, _ := s.Slot("services_usd")
	r.Nums[sl] = 9999.99
	if g := evaluateOnce(resolve(p, "e1"), s, r, asOf, nil)[0].Missing; len(g) != 1 || g[0].Short != 0.01 {
		t.Errorf("services_usd gap %+v", g)
	}
}

// Gaps carry the vocabulary's labels as their Noun (pkg/report words them):
// a competency's, a derived competency's, a set's (ids where unlabelled), an
// attestation's; "" where the vocabulary gives none.
func TestGapNounsAreLabels(t *testing.T) {
	p := &rulebook.Program{ID: "x", Vocabulary: rulebook.Vocabulary{
		Competencies: []*rulebook.VocabEntry{{ID: "a", Label: "Alpha"}, {ID: "b"}},
		Attestations: []*rulebook.VocabEntry{{ID: "joint-business-plan", Label: "joint business plan with Broadcom"}},
	}, Derived: []*rulebook.Derived{{ID: "d", Label: "Delta Competency"}}}
	p.Tracks = []*rulebook.Track{track("", nil, tier("T", comp("a"), comp("b"), comps(2, "a", "b", "d"),
		attest("joint-business-plan"), attest("smb-practice")))}
	p.Derived[0].Requires = cred(1, "VTSP")
	got := evaluateOnce(resolve(p, "e1"), schema, rec(holds(), attests(), n("VTSP", 0)), asOf, nil)[0].Missing
	var nouns []string
	for _, g := range got {
		nouns = append(nouns, g.Kind+"="+g.Noun)
	}
	want := "competency=Alpha|competency=|competencies=Alpha / b / Delta Competency|attestation=joint business plan with Broadcom|attestation="
	if strings.Join(nouns, "|") != want {
		t.Errorf("nouns\n got %s\nwant %s", strings.Join(nouns, "|"), want)
	}
}

// A tier with without: is judged on its effective set: reachable with
// the tier below failed, and not carrying what it leaves out.
func TestWithout(t *testing.T) {
	volume := labelled(anyOf(metric("cloud_points", 3600), metric("deployments", 3)), "volume")
	volume.ID = "volume"
	principal := tier("Principal", labelled(cred(5, "VCP-DCV"), "5 VCP"), labelled(metric("tier_credits", 1000000), "credits"))
	principal.Without = []string{"volume"}
	p := &rulebook.Program{ID: "x", Tracks: []*rulebook.Track{track("", nil,
		tier("Enrolled", attest("program-fee-paid")),
		tier("Advanced", volume),
		principal)}}
	rv := resolve(p, "e")
	for _, tc := range []struct {
		name string
		rec  *partner.Record
		want string
	}{
		{"principal without the volume", rec(attests("program-fee-paid"), n("cloud_points", 0, "deployments", 0, "VCP-DCV", 5, "tier_credits", 1000000)),
			"Principal/Principal/- qualified - [] {}"},
		{"principal with the volume", rec(attests("program-fee-paid"), n("cloud_points", 0, "deployments", 3, "VCP-DCV", 5, "tier_credits", 1000000)),
			"Principal/Principal/- qualified - [] {}"},
		{"principal needs what it carries", rec(attests(), n("cloud_points", 0, "deployments", 3, "VCP-DCV", 5, "tier_credits", 1000000)),
			"-/-/Enrolled ineligible - [attestation program-fee-paid] {}"},
		{"one credit short", rec(attests("program-fee-paid"), n("cloud_points", 0, "deployments", 3, "VCP-DCV", 5, "tier_credits", 999999)),
			"Advanced/Advanced/Principal qualified - [1 more tier credits] {}"},
		{"advanced failed, principal short", rec(attests("program-fee-paid"), n("cloud_points", 0, "deployments", 0, "VCP-DCV", 5, "tier_credits", 999999)),
			"Enrolled/Enrolled/Advanced qualified - [one of: 3,600 more cloud points or 3 more deployments] {}"},
		{"next tier undecided", rec(attests("program-fee-paid"), n("cloud_points", 0, "deployments", 3, "VCP-DCV", 5)),
			"Advanced/Advanced/Principal incomplete - [] {tier_credits}"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := brief(evaluateOnce(rv, schema, tc.rec, asOf, nil)[0]); got != tc.want {
				t.Errorf("\ngot  %s\nwant %s", got, tc.want)
			}
		})
	}
}

// A current tier read through a mapping the rulebook calls illustrative
// says so when it gives grace.
func TestIllustrativeMappingNote(t *testing.T) {
	b := bapProgram()
	b.Grace = &rulebook.Grace{From: day("2024-02-05"), Months: map[string]int{"Select": 1}}
	r := evaluateOnce(resolve(b, "e"), schema, rec(current("Partner"), country("DE"), profiles("reseller"), n("revenue_usd", 0)), day("2024-03-01"), nil)[0]
	want := `current_tier "Partner" was read as Select through the mapping from partner-connect-2020, which the rulebook marks illustrative`
	if r.Status != StatusGrace || len(r.Notes) != 1 || r.Notes[0] != want {
		t.Errorf("status %s, notes %q", r.Status, r.Notes)
	}
	// Through the tier's own name: no note.
	r = evaluateOnce(resolve(b, "e"), schema, rec(current("Select"), country("DE"), profiles("reseller"), n("revenue_usd", 0)), day("2024-03-01"), nil)[0]
	if r.Status != StatusGrace || len(r.Notes) != 0 {
		t.Errorf("own name: status %s, notes %q", r.Status, r.Notes)
	}
}

// Ineligible notes where no edition explains a missing tier, and a held
// tier reached through an illustrative mapping.
func TestNotes(t *testing.T) {
	rv := resolve(bapProgram(), "e")
	for _, tc := range []struct {
		name string
		rec  *partner.Record
		want []string
	}{
		{"tier not offered in the region", rec(profiles("reseller"), country("US"), n("revenue_usd", 0)),
			[]string{"Registered does not exist on track reseller in the Americas (only in EMEA)", "no tier: Select needs revenue_usd >= 500000"}},
		{"country in no region", rec(profiles("reseller"), country("AQ"), n("revenue_usd", 0)),
			[]string{"Registered exists on track reseller only in EMEA", "no tier: Select needs revenue_usd >= 500000"}},
		{"qualified: no note", rec(profiles("reseller"), country("FR"), n("revenue_usd", 0)), nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := evaluateOnce(rv, schema, tc.rec, asOf, nil)[0]
			if strings.Join(r.Notes, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("notes %q\nwant %q", r.Notes, tc.want)
			}
		})
	}

	// A dropped tier held through an illustrative mapping: both notes.
	p := bapProgram()
	p.Editions = []*rulebook.Edition{{ID: "e2", Label: "no more Registered", Effective: day("2025-01-01"),
		Changes: []*rulebook.Change{{Track: ptr("cloud-provider"), Tier: "Registered", DropTier: true, HeldUntil: day("2025-03-31")}}}}
	rv2 := p.At(day("2025-01-01"))
	r := evaluateOnce(rv2, schema, rec(profiles("cloud-provider"), country("DE"), current("Partner"), n("cores", 0)), day("2025-03-31"), nil)[0]
	want := []string{"Registered is held until 2025-03-31: it was dropped on 2025-01-01 (edition e2: no more Registered)",
		`current_tier "Partner" was read as Registered through the mapping from partner-connect-2020, which the rulebook marks illustrative`}
	if r.Status != StatusGrace || str(r.Tier) != "Registered" || strings.Join(r.Notes, "\n") != strings.Join(want, "\n") {
		t.Errorf("held through a mapping: %s %s %q", str(r.Tier), r.Status, r.Notes)
	}
	r = evaluateOnce(rv2, schema, rec(profiles("cloud-provider"), country("DE"), current("Partner"), n("cores", 0)), day("2025-04-01"), nil)[0]
	if r.Status != StatusIneligible || len(r.Notes) != 2 || !strings.HasPrefix(r.Notes[0], "Registered was dropped on 2025-01-01") {
		t.Errorf("after held_until: %s %q", r.Status, r.Notes)
	}
}

func ptr(s string) *string { return &s }
