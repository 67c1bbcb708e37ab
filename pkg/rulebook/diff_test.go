package rulebook

import (
	"os"
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
			e.Change == want.Change && e.Key == want.Key && e.Old == want.Old && e.New == want.New {
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
	for _, want := range []DiffEntry{
		{Track: "data-center-virtualization", ToTier: "Enrolled", Change: DiffTierAdded},
		{Track: "data-center-virtualization", FromTier: "Registered", Change: DiffTierRemoved},
		{Track: "data-center-virtualization", FromTier: "Professional", ToTier: "Partner", Change: DiffTierRenamed},
		{Track: "data-center-virtualization", FromTier: "Enterprise", ToTier: "Advanced", Change: DiffThreshold, Key: "VTSP", Old: "VTSP >= 2", New: "VTSP >= 1"},
		{Track: "data-center-virtualization", FromTier: "Premier", ToTier: "Principal", Change: DiffThreshold, Key: "VTSP", Old: "VTSP >= 4", New: "VTSP >= 1"},
		{Track: "network-virtualization", FromTier: "Premier", ToTier: "Principal", Change: DiffReqAdded, Key: "VCAP-NV", New: "VCAP-NV >= 2"},
		{Track: "network-virtualization", FromTier: "Enterprise", ToTier: "Advanced", Change: DiffReqRemoved, Key: "revenue_usd", Old: "revenue_usd >= 10000"},
	} {
		if !hasEntry(got, want) {
			t.Errorf("diff lacks %+v", want)
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
	for _, want := range []DiffEntry{
		{FromTier: "Premier", ToTier: "Premier", Change: DiffReqRemoved, Key: "business-continuity|desktop-virtualization|virtualization-management",
			Old: "2 of {business-continuity, desktop-virtualization, virtualization-management}"},
		{FromTier: "Premier", ToTier: "Premier", Change: DiffReqAdded, Key: "desktop-virtualization", New: "competency desktop-virtualization"},
	} {
		if !hasEntry(got, want) {
			t.Errorf("diff lacks %+v in %+v", want, got)
		}
	}
	bc := s.Get("broadcom-advantage-2024")
	got = Diff(bc.At(day0("2025-05-31")), bc.At(day0("2025-06-01")))
	for _, want := range []DiffEntry{
		{Track: "reseller", FromTier: "Registered", ToTier: "Registered", Change: DiffTierRegions, Key: "regions", Old: "all regions", New: "emea"},
		{Track: "reseller", FromTier: "Premier", ToTier: "Premier", Change: DiffReqAdded, Key: "dedicated-sales", New: "attestation dedicated-sales"},
		{Track: "reseller", FromTier: "Pinnacle", ToTier: "Pinnacle", Change: DiffReqAdded, Key: "joint-business-plan", New: "attestation joint-business-plan"},
	} {
		if !hasEntry(got, want) {
			t.Errorf("2025-06-01 diff lacks %+v in %+v", want, got)
		}
	}
	got = Diff(bc.At(day0("2025-10-31")), bc.At(day0("2025-11-01")))
	if !hasEntry(got, DiffEntry{Track: "cloud-provider", FromTier: "Registered", Change: DiffTierRemoved}) {
		t.Errorf("2025-11-01 diff lacks the cloud Registered removal: %+v", got)
	}
}
