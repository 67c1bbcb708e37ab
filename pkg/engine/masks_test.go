package engine

import (
	"testing"

	"github.com/tiercalc/tiercalc/pkg/partner"
	"github.com/tiercalc/tiercalc/pkg/region"
	"github.com/tiercalc/tiercalc/pkg/rulebook"
)

// regionalWithoutProgram has a track with without: whose tiers and
// requirements are limited to regions, so that a requirement's tier may
// not exist for the partner, or may not as far as an unknown country
// tells.
func regionalWithoutProgram() *rulebook.Program {
	volume := labelled(anyOf(metric("cloud_points", 3600), inRegions(metric("deployments", 3), region.EMEA)), "volume")
	volume.ID = "volume"
	top := regionalTier("Top", []string{region.Americas, region.EMEA},
		labelled(cred(5, "VCP-DCV"), "5 VCP"), inRegions(attest("joint-business-plan"), region.APJ, region.EMEA))
	top.Without = []string{"volume"}
	return &rulebook.Program{ID: "x", Tracks: []*rulebook.Track{track("", nil,
		tier("Base", attest("program-fee-paid")),
		regionalTier("Mid", []string{region.EMEA, region.APJ}, volume, metric("tier_credits", 1000)),
		top,
		tier("Summit", metric("revenue_usd", 100000)))}}
}

// pcWithoutEthicsProgram is pcWithoutProgram whose Principal also leaves
// out Enrolled's ethics training.
func pcWithoutEthicsProgram() *rulebook.Program {
	p := pcWithoutProgram()
	tiers := p.Tracks[0].Tiers
	tiers[0].Requires[0].ID = "ethics"
	tiers[3].Without = append(tiers[3].Without, "ethics")
	return p
}

// The bit sets judge every tier of a track with without: as the walk over
// its effective set does: on tracks whose tiers exist everywhere, and on
// one whose tiers and requirements are regional, for partners in every
// region, in none, and of unknown country.
func TestMaskedTiersAsWalked(t *testing.T) {
	set, synthetic := shippedPopulation(t, 600, 7)
	countries := []string{"FR", "US", "JP", "AQ", ""}
	for i, r := range synthetic {
		r.Country = countries[i%len(countries)]
	}
	handMade := population(600)
	for i, r := range handMade {
		r.Country = countries[i%len(countries)]
	}
	cases := []struct {
		rv   *rulebook.Resolved
		s    *partner.Schema
		recs []*partner.Record
	}{
		{resolve(pcWithoutProgram(), "e"), schema, handMade},
		{resolve(regionalWithoutProgram(), "e"), schema, handMade},
		// Principal also leaves out one of Enrolled's attestations: the
		// floor is then part of the lowest tier.
		{resolve(pcWithoutEthicsProgram(), "e"), set.Schema(), synthetic},
		{set.Get("partner-connect-2020").At(day("2026-12-01")), set.Schema(), synthetic},
		{set.Get("broadcom-advantage-2024").At(day("2024-06-01")), set.Schema(), synthetic},
	}
	seen := map[string]bool{}
	for _, c := range cases {
		e := NewEvaluator(c.rv, c.s)
		for ti := range e.tracks {
			ct := &e.tracks[ti]
			if !ct.slow {
				continue
			}
			if !ct.masked {
				t.Fatalf("%s track %q: not judged on bit sets", c.rv.Program.ID, ct.id)
			}
			for _, r := range c.recs {
				compareMasked(t, e.newState(r, day("2026-12-01")), ct, seen)
				compareTiers(t, e.newState(r, day("2026-12-01")), e.newState(r, day("2026-12-01")), ct, seen)
			}
		}
	}
	// The cases cover what the bit sets tell apart.
	for _, k := range []string{"absent", "unsure", VerdictMet, VerdictUnmet, VerdictUnknown, "floor unmet", "floor unknown",
		"floor unknown: all of tier 0", "floor unknown: part of tier 0"} {
		if !seen[k] {
			t.Errorf("no case with %s", k)
		}
	}
}

// compareMasked judges every tier of ct for s's partner on bit sets and by
// the walk, and notes in seen what the masks and verdicts held. Tiers are
// judged bottom up, then top down (as effectiveTiers does) on fresh
// masks, so that requirements are judged in another order.
func compareMasked(t *testing.T, s *state, ct *ctrack, seen map[string]bool) {
	t.Helper()
	up, down := s.reqMasks(ct), s.reqMasks(ct)
	seen["absent"] = seen["absent"] || up.absent != 0
	seen["unsure"] = seen["unsure"] || up.unsure != 0
	n := len(ct.tiers)
	for j := range 2 * n {
		m, i := &up, j
		if j >= n {
			m, i = &down, 2*n-1-j
		}
		got, want := m.tier(s, ct, i), s.effective(ct, i)
		seen[verdictName(want)] = true
		if got != want {
			t.Errorf("%s track %q tier %s, partner %s in %q: bit sets say %s, the walk %s",
				s.e.program, ct.id, *ct.tiers[i].name, s.rec.ID, s.rec.Country, verdictName(got), verdictName(want))
		}
	}
}

// compareTiers finds the tier, the next tier and its verdict on ct as
// check does (s: the floor first, then bit sets) and by walking every
// tier's effective set from the top (w), and notes in seen what the floor
// decided.
func compareTiers(t *testing.T, s, w *state, ct *ctrack, seen map[string]bool) {
	t.Helper()
	switch w.floorVerdict(ct) {
	case failed:
		seen["floor unmet"] = true
	case unknown:
		seen["floor unknown"] = true
		// Tier 0's verdict is the floor's when every tier keeps all its
		// requirements, else it is judged on its own.
		if ct.floor == ct.tiers[0].effMask {
			seen["floor unknown: all of tier 0"] = true
		} else {
			seen["floor unknown: part of tier 0"] = true
		}
	}
	q, next, nextV := s.effectiveTiers(ct)
	wq, wnext, wnextV := -1, -1, met
	for i := len(ct.tiers) - 1; i >= 0 && wq < 0; i-- {
		switch v := w.effective(ct, i); {
		case v == met:
			wq = i
		case w.tierExists(&ct.tiers[i]) != failed:
			wnext, wnextV = i, v
		}
	}
	if q != wq || next != wnext || nextV != wnextV {
		t.Errorf("%s track %q, partner %s in %q: tier %d, next %d %s; walked: %d, %d %s",
			s.e.program, ct.id, s.rec.ID, s.rec.Country, q, next, verdictName(nextV), wq, wnext, verdictName(wnextV))
	}
}

// Tracks that start at the same enrolment share the floor's verdict slot,
// and a track whose lowest tier is regional has no floor, hence no slot:
// its requirements limited to regions are still judged where the partner
// is (slot 0, which they read first, stays unjudged).
func TestFloorSlots(t *testing.T) {
	volume := labelled(metric("cloud_points", 3600), "volume")
	volume.ID = "volume"
	regional := track("regional", nil,
		regionalTier("Base", []string{region.EMEA}, attest("program-fee-paid")),
		tier("Mid", volume),
		tier("Top", inRegions(metric("revenue_usd", 100), region.EMEA)))
	regional.Tiers[2].Without = []string{"volume"}
	p := pcWithoutProgram()
	second := pcWithoutProgram().Tracks[0]
	second.ID = "network-virtualization"
	p.Tracks = append(p.Tracks, second, regional)
	e := NewEvaluator(resolve(p, "e"), schema)
	if a, b, c := e.tracks[0].floorVid, e.tracks[1].floorVid, e.tracks[2]; a == 0 || a != b || c.floor != 0 || c.floorVid != 0 {
		t.Fatalf("floor slots %d, %d and %d (floor %b): want one shared slot, and none for a regional lowest tier", a, b, c.floorVid, c.floor)
	}
	r := rec(attests("program-fee-paid"), country("FR"), n("cloud_points", 5000, "revenue_usd", 0))
	enrol := "-/-/Enrolled ineligible - [attestation ethics-training] {}"
	want := []string{enrol, enrol, "Mid/Mid/Top qualified - [US$100 more revenue] {}"}
	for i, res := range e.Evaluate(r, asOf, nil) {
		if got := brief(res); got != want[i] {
			t.Errorf("track %s: got %s, want %s", res.Track, got, want[i])
		}
	}
}
