package rulebook

import (
	"os"
	"reflect"
	"slices"
	"testing"
)

func shippedSet(t *testing.T) *Set {
	t.Helper()
	s, err := LoadFSAs(os.DirFS("../../rules"), "")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func hasEntry(es []DiffEntry, want DiffEntry) bool {
	for _, e := range es {
		if e.Track == want.Track && e.FromTier == want.FromTier && e.ToTier == want.ToTier &&
			e.Kind == want.Kind && e.Key == want.Key && e.Field == want.Field &&
			reflect.DeepEqual(e.Old, want.Old) && reflect.DeepEqual(e.New, want.New) {
			return true
		}
	}
	return false
}

// rule is a leaf's rule text, "" for none.
func rule(l *Leaf) string {
	if l == nil {
		return ""
	}
	return RuleText(l.Req)
}

// hasRules reports whether es has a change of kind on key between tiers
// from and to whose leaves read old and new.
func hasRules(es []DiffEntry, track, from, to, kind, key, old, new string) bool {
	for _, e := range es {
		if e.Track == track && e.FromTier == from && e.ToTier == to && e.Kind == kind && e.Key == key &&
			rule(e.A) == old && rule(e.B) == new {
			return true
		}
	}
	return false
}

func TestDiffAcrossGenerations(t *testing.T) {
	s := shippedSet(t)
	a := s.Get("vpn-2009").At(day0("2011-01-01"))
	b := s.Get("partner-connect-2020").At(day0("2021-01-01"))
	got := Diff(a, b)
	const dcv = "data-center-virtualization"
	for _, want := range []DiffEntry{
		{Track: dcv, ToTier: "Enrolled", Kind: DiffTierAdded},
		{Track: dcv, FromTier: "Registered", Kind: DiffTierRemoved},
		{Track: dcv, FromTier: "Professional", ToTier: "Partner", Kind: DiffTierRenamed, Field: FieldName, Old: "Professional", New: "Partner"},
		{Track: dcv, FromTier: "Enterprise", ToTier: "Advanced", Kind: DiffThreshold, Key: "VTSP", Field: FieldMin, Old: 2.0, New: 1.0},
		{Track: dcv, FromTier: "Premier", ToTier: "Principal", Kind: DiffThreshold, Key: "VTSP", Field: FieldMin, Old: 4.0, New: 1.0},
	} {
		if !hasEntry(got, want) {
			t.Errorf("diff lacks %+v", want)
		}
	}
	for _, c := range []struct{ track, from, to, kind, key, old, new string }{
		{dcv, "Premier", "Principal", DiffThreshold, "VTSP", "VTSP >= 4", "VTSP >= 1"},
		{"network-virtualization", "Premier", "Principal", DiffReqAdded, "VCAP-NV", "", "VCAP-NV >= 2"},
		{"network-virtualization", "Enterprise", "Advanced", DiffReqRemoved, "revenue_usd", "revenue_usd >= 10000", ""},
	} {
		if !hasRules(got, c.track, c.from, c.to, c.kind, c.key, c.old, c.new) {
			t.Errorf("diff lacks %+v", c)
		}
	}
	// An added requirement's new value is the requirement as data.
	for _, e := range got {
		if e.Kind == DiffReqAdded && e.Key == "VCAP-NV" && e.ToTier == "Principal" {
			v, ok := e.New.(ReqValue)
			if !ok || v.Kind != "credential" || v.Min == nil || *v.Min != 2 || v.Regions == nil || e.Old != nil {
				t.Errorf("VCAP-NV added: old %#v new %#v", e.Old, e.New)
			}
		}
	}
}

func TestDiffOfEditions(t *testing.T) {
	s := shippedSet(t)
	vpn := s.Get("vpn-2009")
	if got := Diff(vpn.At(day0("2010-06-30")), vpn.At(day0("2010-06-30"))); len(got) != 0 {
		t.Errorf("an edition against itself: %+v", got)
	}
	if got := Diff(vpn.At(day0("2010-07-31")), vpn.At(day0("2009-06-01"))); len(got) != 0 {
		t.Errorf("2010-07-31 is still the base edition: %+v", got)
	}
	got := Diff(vpn.At(day0("2010-07-31")), vpn.At(day0("2010-08-01")))
	if !hasRules(got, "", "Premier", "Premier", DiffReqRemoved, "business-continuity|desktop-virtualization|virtualization-management",
		"2 of {business-continuity, desktop-virtualization, virtualization-management}", "") ||
		!hasRules(got, "", "Premier", "Premier", DiffReqAdded, "desktop-virtualization", "", "competency desktop-virtualization") {
		t.Errorf("2010-08 diff: %+v", got)
	}
	bc := s.Get("broadcom-advantage-2024")
	got = Diff(bc.At(day0("2025-05-31")), bc.At(day0("2025-06-01")))
	if !hasEntry(got, DiffEntry{Track: "reseller", FromTier: "Registered", ToTier: "Registered", Kind: DiffTierRegions,
		Field: FieldRegions, Old: []string{}, New: []string{"emea"}}) {
		t.Errorf("2025-06-01 diff lacks the Registered regions: %+v", got)
	}
	for _, tier := range []string{"Premier", "Pinnacle"} {
		key := map[string]string{"Premier": "dedicated-sales", "Pinnacle": "joint-business-plan"}[tier]
		if !hasRules(got, "reseller", tier, tier, DiffReqAdded, key, "", "attestation "+key) {
			t.Errorf("2025-06-01 diff lacks %s at %s: %+v", key, tier, got)
		}
	}
	got = Diff(bc.At(day0("2025-10-31")), bc.At(day0("2025-11-01")))
	if !hasEntry(got, DiffEntry{Track: "cloud-provider", FromTier: "Registered", Kind: DiffTierRemoved}) {
		t.Errorf("2025-11-01 diff lacks the cloud Registered removal: %+v", got)
	}
}

// A requirement that becomes EMEA-only is a change (it was none before),
// and so is one inside an all-group whose regions change.
func TestDiffRequirementRegions(t *testing.T) {
	s := shippedSet(t)
	a := s.Get("vpn-2009").At(day0("2011-01-01"))
	b := s.Get("vpn-2009").At(day0("2011-01-01"))
	// Copy B's tracks down to the requirement that changes.
	tb := *b.Tracks[0]
	tb.Tiers = append([]*Tier{}, tb.Tiers...)
	premier := *tb.Tiers[3]
	premier.Requires = append([]*Requirement{}, premier.Requires...)
	i := slices.IndexFunc(premier.Requires, func(r *Requirement) bool { return r.Kind == KindCredential })
	vtsp := *premier.Requires[i]
	vtsp.Regions = []string{"emea"}
	premier.Requires[i] = &vtsp
	tb.Tiers[3] = &premier
	bb := *b
	bb.Tracks = []*Track{&tb}
	got := Diff(a, &bb)
	if len(got) != 1 || !hasEntry(got, DiffEntry{FromTier: "Premier", ToTier: "Premier", Kind: DiffReqRegions,
		Key: "VTSP", Field: FieldRegions, Old: []string{}, New: []string{"emea"}}) {
		t.Errorf("got %+v", got)
	}
	// The same regions on an all-group around it reach the leaf.
	vtsp.Regions = nil
	premier.Requires[i] = &Requirement{Kind: KindAll, Items: []*Requirement{&vtsp}, Regions: []string{"emea", "apj"}}
	got = Diff(a, &bb)
	if !hasEntry(got, DiffEntry{FromTier: "Premier", ToTier: "Premier", Kind: DiffReqRegions,
		Key: "VTSP", Field: FieldRegions, Old: []string{}, New: []string{"apj", "emea"}}) {
		t.Errorf("group regions: got %+v", got)
	}
}

// Between two dates of one program, each change names the edition that
// made it.
func TestDatedDiffNamesTheEdition(t *testing.T) {
	bc := shippedSet(t).Get("broadcom-advantage-2024")
	got := DatedDiff(bc.At(day0("2024-06-01")), bc.At(day0("2025-12-01")))
	if len(got) == 0 {
		t.Fatal("no change between 2024 and late 2025")
	}
	seen := map[string]bool{}
	for _, e := range got {
		if e.Edition == "" {
			t.Errorf("no edition for %+v", e)
		}
		seen[e.Edition] = true
		if e.Track == "reseller" && e.FromTier == "Registered" && e.Kind == DiffTierRegions && e.Edition != "2025-06-01" {
			t.Errorf("the reseller Registered regions change names %q", e.Edition)
		}
		if e.Track == "cloud-provider" && e.Kind == DiffTierRemoved && e.FromTier == "Registered" && e.Edition != "2025-11-01" {
			t.Errorf("the cloud Registered removal names %q", e.Edition)
		}
	}
	if !seen["2025-06-01"] || !seen["2025-11-01"] {
		t.Errorf("editions named: %v", seen)
	}
	// Across programs, no edition is named.
	s := shippedSet(t)
	for _, e := range DatedDiff(s.Get("vpn-2009").At(day0("2011-01-01")), s.Get("partner-connect-2020").At(day0("2021-01-01"))) {
		if e.Edition != "" {
			t.Fatalf("edition across programs: %+v", e)
		}
	}
}
