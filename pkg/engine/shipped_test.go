package engine

import (
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tiercalc/tiercalc/pkg/partner"
	"github.com/tiercalc/tiercalc/pkg/rulebook"
	"github.com/tiercalc/tiercalc/rules"
)

// The corrections of the December 2026 audit, on the shipped rulebooks:
// each threshold at its value and one below, each dated change on the day
// before and the day of.

var shipped = sync.OnceValues(func() (*rulebook.Set, error) { return rulebook.LoadFSAs(rules.FS, "rules") })

// shippedEval evaluates rec against the shipped program id as of day.
func shippedEval(t *testing.T, id, asOfDay string, rec *partner.Record) []Result {
	t.Helper()
	set, err := shipped()
	if err != nil {
		t.Fatal(err)
	}
	at := day(asOfDay)
	return NewEvaluator(set.Get(id).At(at), set.Schema()).Evaluate(rec, at, nil)
}

// shippedRec builds a record for the shipped set's schema: nums are
// name/value pairs; lists are "competencies=a;b", "attestations=a;b",
// "profiles=a;b", "country=FR", "current=Registered".
func shippedRec(t *testing.T, fields ...any) *partner.Record {
	t.Helper()
	set, err := shipped()
	if err != nil {
		t.Fatal(err)
	}
	s := set.Schema()
	r := s.NewRecord()
	r.ID, r.Name = "P1", "Acme"
	for i := 0; i < len(fields); i++ {
		k := fields[i].(string)
		if name, val, ok := strings.Cut(k, "="); ok {
			var list []string
			if val != "" {
				list = strings.Split(val, ";")
			} else {
				list = []string{}
			}
			switch name {
			case "competencies":
				r.Competencies = list
			case "attestations":
				r.Attestations = list
			case "profiles":
				r.Profiles = list
			case "country":
				r.Country = val
			case "current":
				r.CurrentTier = val
			default:
				t.Fatalf("unknown field %s", name)
			}
			continue
		}
		slot, ok := s.Slot(k)
		if !ok {
			t.Fatalf("no slot %s", k)
		}
		i++
		r.Nums[slot] = float64(fields[i].(int))
	}
	return r
}

// onTrack returns the result of track id.
func onTrack(t *testing.T, out []Result, track string) Result {
	t.Helper()
	for _, r := range out {
		if r.Track == track {
			return r
		}
	}
	t.Fatalf("no result on track %q in %d results", track, len(out))
	return Result{}
}

func TestShippedBoundaries(t *testing.T) {
	iv, bc, dv, vm := "infrastructure-virtualization", "business-continuity", "desktop-virtualization", "virtualization-management"
	vpnPremier := func(comps ...string) []any {
		return []any{"VTSP", 4, "VSP", 4, "revenue_usd", 1000000, "competencies=" + strings.Join(comps, ";")}
	}
	pc := func(vcp, vcap, credits, deployments int) []any {
		return []any{"attestations=ethics-training;program-fee-paid", "VSP", 1, "VTSP", 1, "VCP-DCV", vcp, "VCAP-DCV", vcap,
			"tier_credits", credits, "cloud_points", 0, "deployments", deployments}
	}
	reseller := func(country string, revenue int, attestations ...string) []any {
		return []any{"profiles=reseller", "country=" + country, "revenue_usd", revenue, "attestations=" + strings.Join(attestations, ";")}
	}
	cloud := func(country string, cores int, attestations ...string) []any {
		return []any{"profiles=cloud-provider", "country=" + country, "cores", cores, "attestations=" + strings.Join(attestations, ";")}
	}
	staff := []string{"dedicated-sales", "dedicated-technical", "joint-business-plan"}
	for _, tc := range []struct {
		name, program, track, asOf string
		rec                        []any
		want                       string
	}{
		// VPN: the 2010 edition from 2010-08-01 (not 2010-07-01).
		{"vpn 2 of 3 on 2010-07-31", "vpn-2009", "", "2010-07-31", vpnPremier(iv, bc, vm),
			"Premier/Premier/- qualified - [] {}"},
		{"vpn 2 of 3 on 2010-08-01", "vpn-2009", "", "2010-08-01", vpnPremier(iv, bc, vm),
			"Enterprise/Enterprise/Premier qualified - [competency desktop-virtualization] {}"},
		{"vpn the three on 2010-08-01", "vpn-2009", "", "2010-08-01", vpnPremier(iv, bc, dv),
			"Premier/Premier/- qualified - [] {}"},
		// Partner Connect Principal: the MSC and its own tier credits.
		{"pc principal at 1,000,000", "partner-connect-2020", "data-center-virtualization", "2021-06-01", pc(5, 2, 1000000, 3),
			"Principal/Principal/- qualified - [] {}"},
		{"pc principal at 999,999", "partner-connect-2020", "data-center-virtualization", "2021-06-01", pc(5, 2, 999999, 3),
			"Advanced/Advanced/Principal qualified - [1 more tier credits] {}"},
		{"pc principal without Advanced's other routes", "partner-connect-2020", "data-center-virtualization", "2021-06-01", pc(5, 2, 1000000, 0),
			"Principal/Principal/- qualified - [] {}"},
		{"pc msc short", "partner-connect-2020", "data-center-virtualization", "2021-06-01", pc(5, 1, 1000000, 0),
			"Advanced/Advanced/Principal qualified - [1 more VCAP-DCV] {}"},
		// Broadcom resellers, base edition: illustrative revenue bars.
		{"reseller 500,000", "broadcom-advantage-2024", "reseller", "2024-06-01", reseller("US", 500000),
			"Select/Select/Premier qualified - [US$1,500,000 more revenue] {}"},
		{"reseller 499,999", "broadcom-advantage-2024", "reseller", "2024-06-01", reseller("US", 499999),
			"Registered/Registered/Select qualified - [US$1 more revenue] {}"},
		{"reseller 2,000,000", "broadcom-advantage-2024", "reseller", "2024-06-01", reseller("US", 2000000),
			"Premier/Premier/Pinnacle qualified - [US$3,000,000 more revenue] {}"},
		{"reseller 1,999,999", "broadcom-advantage-2024", "reseller", "2024-06-01", reseller("US", 1999999),
			"Select/Select/Premier qualified - [US$1 more revenue] {}"},
		{"reseller 5,000,000", "broadcom-advantage-2024", "reseller", "2024-06-01", reseller("US", 5000000),
			"Pinnacle/Pinnacle/- qualified - [] {}"},
		{"reseller 4,999,999", "broadcom-advantage-2024", "reseller", "2024-06-01", reseller("US", 4999999),
			"Premier/Premier/Pinnacle qualified - [US$1 more revenue] {}"},
		// 2025-06-01: documented criteria in the Americas and APJ, Europe unchanged.
		{"US 5M on 2025-05-31", "broadcom-advantage-2024", "reseller", "2025-05-31", reseller("US", 5000000),
			"Pinnacle/Pinnacle/- qualified - [] {}"},
		{"US 5M on 2025-06-01", "broadcom-advantage-2024", "reseller", "2025-06-01", reseller("US", 5000000),
			"Select/Select/Premier qualified - [attestation dedicated-sales; attestation dedicated-technical; attestation joint-business-plan] {}"},
		{"US staff and plan on 2025-06-01", "broadcom-advantage-2024", "reseller", "2025-06-01", reseller("US", 500000, staff...),
			"Premier/Premier/Pinnacle qualified - [one of: attestation expert-advantage or attestation smb-practice] {}"},
		{"US Select bar stays", "broadcom-advantage-2024", "reseller", "2025-06-01", reseller("US", 499999, staff...),
			"-/-/Select ineligible - [US$1 more revenue] {}"},
		{"US staff on 2025-05-31", "broadcom-advantage-2024", "reseller", "2025-05-31", reseller("US", 500000, staff...),
			"Select/Select/Premier qualified - [US$1,500,000 more revenue] {}"},
		{"FR 5M on 2025-06-01", "broadcom-advantage-2024", "reseller", "2025-06-01", reseller("FR", 5000000),
			"Pinnacle/Pinnacle/- qualified - [] {}"},
		{"FR staff on 2025-06-01", "broadcom-advantage-2024", "reseller", "2025-06-01", reseller("FR", 1999999, staff...),
			"Select/Select/Premier qualified - [US$1 more revenue] {}"},
		{"FR 100k keeps Registered", "broadcom-advantage-2024", "reseller", "2025-08-01", reseller("FR", 100000),
			"Registered/Registered/Select qualified - [US$400,000 more revenue] {}"},
		// Cloud providers: Registered needs a white-label agreement; the
		// route closes on 2025-10-31; a sovereignty exemption in EMEA.
		{"cloud white-label", "broadcom-advantage-2024", "cloud-provider", "2025-10-31", cloud("US", 3499, "white-label-agreement"),
			"Registered/Registered/Premier qualified - [1 more committed cores] {}"},
		{"cloud no white-label", "broadcom-advantage-2024", "cloud-provider", "2025-10-31", cloud("US", 3499),
			"-/-/Registered ineligible - [attestation white-label-agreement] {}"},
		{"cloud white-label on 2025-11-01", "broadcom-advantage-2024", "cloud-provider", "2025-11-01", cloud("US", 3499, "white-label-agreement"),
			"-/-/Premier ineligible - [1 more committed cores] {}"},
		{"cloud 3,500 on 2025-11-01", "broadcom-advantage-2024", "cloud-provider", "2025-11-01", cloud("US", 3500),
			"Premier/Premier/Pinnacle qualified - [3,500 more committed cores] {}"},
		{"cloud 3,500 needs no white-label", "broadcom-advantage-2024", "cloud-provider", "2025-06-01", cloud("US", 3500),
			"Premier/Premier/Pinnacle qualified - [3,500 more committed cores] {}"},
		{"cloud 7,000", "broadcom-advantage-2024", "cloud-provider", "2025-11-01", cloud("US", 7000),
			"Pinnacle/Pinnacle/- qualified - [] {}"},
		{"cloud 6,999", "broadcom-advantage-2024", "cloud-provider", "2025-11-01", cloud("US", 6999),
			"Premier/Premier/Pinnacle qualified - [1 more committed cores] {}"},
		{"sovereign FR", "broadcom-advantage-2024", "cloud-provider", "2025-11-01", cloud("FR", 0, "sovereign-exemption"),
			"Premier/Premier/Pinnacle qualified - [7,000 more committed cores] {}"},
		{"sovereign US", "broadcom-advantage-2024", "cloud-provider", "2025-11-01", cloud("US", 0, "sovereign-exemption"),
			"-/-/Premier ineligible - [3,500 more committed cores] {}"},
		{"sovereign unknown country", "broadcom-advantage-2024", "cloud-provider", "2025-11-01",
			[]any{"profiles=cloud-provider", "cores", 0, "attestations=sovereign-exemption"}, "-/-/Premier incomplete - [] {country}"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := onTrack(t, shippedEval(t, tc.program, tc.asOf, shippedRec(t, tc.rec...)), tc.track)
			if got := brief(r); got != tc.want {
				t.Errorf("\ngot  %s\nwant %s", got, tc.want)
			}
			if r.Status == StatusIneligible && len(r.Notes) == 0 {
				t.Error("an ineligible result without a note")
			}
		})
	}
}

// Registered is retired for resellers in the Americas and APJ on
// 2025-06-01 and held to 2025-07-31; the white-label route is dropped on
// 2025-11-01, not held.
func TestShippedRetiredTiers(t *testing.T) {
	usRegistered := []any{"profiles=reseller", "country=US", "revenue_usd", 100000, "current=Registered"}
	for _, tc := range []struct {
		name, asOf string
		rec        []any
		track      string
		want       string
		notes      []string
	}{
		{"day before the edition", "2025-05-31", usRegistered, "reseller", "Registered/Registered/Select qualified -", nil},
		{"day of the edition", "2025-06-01", usRegistered, "reseller", "Registered/-/Select grace 2025-07-31",
			[]string{"Registered is held until 2025-07-31: it was retired for resellers in the Americas on 2025-06-01 (edition 2025-06-01)"}},
		{"last day held", "2025-07-31", usRegistered, "reseller", "Registered/-/Select grace 2025-07-31",
			[]string{"Registered is held until 2025-07-31: it was retired for resellers in the Americas on 2025-06-01 (edition 2025-06-01)"}},
		{"day after", "2025-08-01", usRegistered, "reseller", "-/-/Select ineligible -",
			[]string{"Registered was retired for resellers in the Americas on 2025-06-01 (edition 2025-06-01)",
				"no tier: Select needs US$500,000 VMware revenue a year"}},
		{"not holding it", "2025-06-01", []any{"profiles=reseller", "country=JP", "revenue_usd", 100000}, "reseller", "-/-/Select ineligible -",
			[]string{"Registered was retired for resellers in Asia-Pacific/Japan on 2025-06-01 (edition 2025-06-01)",
				"no tier: Select needs US$500,000 VMware revenue a year"}},
		{"held below what it qualifies for", "2025-06-01", []any{"profiles=reseller", "country=US", "revenue_usd", 600000, "attestations=", "current=Registered"},
			"reseller", "Select/Select/Premier qualified -", nil},
		{"white-label dropped", "2025-11-01", []any{"profiles=cloud-provider", "country=US", "cores", 3499, "attestations=white-label-agreement", "current=Registered"},
			"cloud-provider", "-/-/Premier ineligible -",
			[]string{"Registered was dropped on 2025-11-01 (edition 2025-11-01: White-label route closed; a cloud provider without 3,500 committed cores has no tier)",
				"no tier: Premier needs 3,500 committed cores (or, in EMEA, a data-sovereignty exemption)"}},
		{"lowest tier unmet", "2025-10-31", []any{"profiles=cloud-provider", "country=US", "cores", 100, "attestations="},
			"cloud-provider", "-/-/Registered ineligible -",
			[]string{"no tier: Registered needs white-label agreement with a primary provider"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := onTrack(t, shippedEval(t, "broadcom-advantage-2024", tc.asOf, shippedRec(t, tc.rec...)), tc.track)
			got := str(r.Tier) + "/" + str(r.QualifiedTier) + "/" + str(r.NextTier) + " " + r.Status + " " + str(r.GraceUntil)
			if got != tc.want {
				t.Errorf("\ngot  %s\nwant %s", got, tc.want)
			}
			if strings.Join(r.Notes, "\n") != strings.Join(tc.notes, "\n") {
				t.Errorf("notes\ngot  %q\nwant %q", r.Notes, tc.notes)
			}
		})
	}
}

func TestShippedProgramFacts(t *testing.T) {
	set, err := shipped()
	if err != nil {
		t.Fatal(err)
	}
	if got := set.Get("partner-connect-2020").Ends.Format(time.DateOnly); got != "2024-02-05" {
		t.Errorf("partner-connect-2020 ends %s, want 2024-02-05", got)
	}
	vpn := set.Get("vpn-2009")
	if e := vpn.At(day("2010-07-31")).Edition; e != "2009-04-14" {
		t.Errorf("vpn-2009 on 2010-07-31: edition %s", e)
	}
	if e := vpn.At(day("2010-08-01")).Edition; e != "2010-08" {
		t.Errorf("vpn-2009 on 2010-08-01: edition %s", e)
	}
	// Every requirement cites a source its rulebook defines.
	for _, p := range set.Programs() {
		rvs := []*rulebook.Resolved{p.At(p.Effective)}
		for _, e := range p.Editions {
			rvs = append(rvs, p.At(e.Effective))
		}
		for _, rv := range rvs {
			for _, tr := range rv.Tracks {
				for _, tier := range tr.Tiers {
					var check func(rs []*rulebook.Requirement)
					check = func(rs []*rulebook.Requirement) {
						for _, r := range rs {
							if (r.Kind != rulebook.KindAny && r.Kind != rulebook.KindAll) && p.Source(r.Source) == nil {
								t.Errorf("%s %s %s/%s: requirement %q cites %q", p.ID, rv.Edition, tr.ID, tier.Name, r.Label, r.Source)
							}
							check(r.Items)
						}
					}
					check(tier.Requires)
				}
			}
		}
	}
}

// Every track of Partner Connect applies to a distributor; a partner whose
// profiles no track names gets one ineligible result with a note.
func TestNoTrackApplies(t *testing.T) {
	out := shippedEval(t, "partner-connect-2020", "2021-06-01", shippedRec(t, "profiles=distributor"))
	if len(out) != 5 {
		t.Errorf("distributor on partner-connect-2020: %d results, want 5", len(out))
	}
	p := &rulebook.Program{ID: "x", Tracks: []*rulebook.Track{
		track("reseller", []string{"reseller", "distributor"}, tier("A")),
		track("cloud", []string{"cloud-provider"}, tier("A"))}}
	out = evaluateOnce(resolve(p, "e"), schema, rec(profiles("msp", "oem")), asOf, nil)
	if len(out) != 1 {
		t.Fatalf("%d results, want 1", len(out))
	}
	r := out[0]
	if got := brief(r); got != "-/-/- ineligible - [] {}" || r.Track != "" || r.Program != "x" || r.Edition != "e" {
		t.Errorf("result %s, track %q", got, r.Track)
	}
	want := "no track applies to this partner's profiles (msp, oem): the tracks of x are reseller (profiles reseller, distributor) and cloud (profiles cloud-provider)"
	if len(r.Notes) != 1 || r.Notes[0] != want {
		t.Errorf("notes %q\nwant %q", r.Notes, want)
	}
}
