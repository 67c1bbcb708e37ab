package engine

import "math/bits"

// Tracks whose tiers leave out requirements of the tiers below (without:).

// effectiveTiers is cumulativeTiers for a track where a tier leaves out
// requirements of the tiers below: q is the highest tier whose effective
// set holds, next the first tier above it that exists for the partner.
// Since q's set holds, only next's own requirements can fail, so missing
// and unknowns read them alone.
func (s *state) effectiveTiers(ct *ctrack) (q, next int, nextV verdict) {
	q, next, nextV = -1, -1, met
	switch s.floorVerdict(ct) {
	case failed:
		return -1, 0, failed
	case unknown:
		// No tier holds, and the lowest, which exists everywhere, is
		// next: its verdict is that of its own requirements, which are
		// the floor's when every tier keeps them all (Partner
		// Connect's enrolment).
		if ct.floor == ct.tiers[0].effMask {
			return -1, 0, unknown
		}
		return -1, 0, s.effective(ct, 0)
	}
	var m reqMasks
	if ct.masked {
		m = s.reqMasks(ct)
	}
	// From the top down: the first tier that holds is q, and the verdict
	// of the one above it that exists is already known.
	for i := len(ct.tiers) - 1; i >= 0; i-- {
		var v verdict
		if ct.masked {
			v = m.tier(s, ct, i)
		} else {
			v = s.effective(ct, i)
		}
		if v == met {
			return i, next, nextV
		}
		if s.tierExists(&ct.tiers[i]) != failed {
			next, nextV = i, v
		}
	}
	return q, next, nextV
}

// floorVerdict is the verdict of ct.floor's requirements together. When
// one fails, no tier holds and the lowest, which exists everywhere, is next
// and failed. When one is unknown (and none fails), no tier holds either:
// every tier's effective set keeps it, stated by a tier that exists, so
// each tier is failed or undecided. Most partners that miss a tier miss
// the lowest (Partner Connect's enrolment, often on unknown attestations),
// and this finds it without walking the tiers from the top. The verdict is
// kept in the floor's slot of s.seen, for the other tracks of the same
// floor. A track without a floor has no slot either (slot 0 is never
// judged: see state.eval).
func (s *state) floorVerdict(ct *ctrack) verdict {
	if ct.floor == 0 {
		return met
	}
	if v := s.seen[ct.floorVid]; v != 0 {
		return v - 1
	}
	v := met
	for rest := ct.floor; rest != 0 && v != failed; rest &= rest - 1 {
		switch s.eval(ct.reqs[bits.TrailingZeros64(rest)].n) {
		case failed:
			v = failed
		case unknown:
			v = unknown
		}
	}
	s.seen[ct.floorVid] = v + 1
	return v
}

// maxMasked is how many requirements a track may have for its tiers to be
// judged on bit sets (reqMasks).
const maxMasked = 64

// reqMasks are a record's verdicts on the requirements of a track with
// without: (bit k stands for ctrack.reqs[k]), so that a tier's verdict is
// a few operations on its effective set (ctier.effMask) instead of a walk
// over it. A requirement is judged when a tier first needs it.
type reqMasks struct {
	known  uint64 // judged
	open   uint64 // judged and not met
	failed uint64 // judged and failed
	absent uint64 // stated by a tier that does not exist for the partner
	unsure uint64 // stated by a tier that may not: the region is unknown
}

func (s *state) reqMasks(ct *ctrack) reqMasks {
	var m reqMasks
	for i := range ct.tiers {
		switch s.tierExists(&ct.tiers[i]) {
		case failed:
			m.absent |= ct.tiers[i].owned
		case unknown:
			m.unsure |= ct.tiers[i].owned
		}
	}
	return m
}

// tier is effective(ct, i) read off the masks: a requirement of a tier
// that does not exist is left out; one of a tier below that may not exist
// is undecided rather than failed. The requirements not judged yet are
// judged lowest tier first, up to the first that fails the tier.
func (m *reqMasks) tier(s *state, ct *ctrack, i int) verdict {
	t := &ct.tiers[i]
	v := s.tierExists(t)
	if v == failed {
		return failed
	}
	decisive := ^(m.unsure &^ t.owned) // a failure here fails the tier
	if t.effMask&m.failed&^m.absent&decisive != 0 {
		return failed // on a requirement a tier above failed on: judge no more
	}
	for rest := t.effMask &^ m.absent &^ m.known; rest != 0; rest &= rest - 1 {
		k := bits.TrailingZeros64(rest)
		bit := uint64(1) << k
		m.known |= bit
		switch s.eval(ct.reqs[k].n) {
		case failed:
			m.open |= bit
			m.failed |= bit
			if bit&decisive != 0 {
				return failed
			}
		case unknown:
			m.open |= bit
		}
	}
	open := t.effMask & m.open &^ m.absent
	if open&m.failed&decisive != 0 {
		return failed
	}
	if open != 0 {
		return unknown
	}
	return v
}

// effective is the verdict of tier i's effective set. A requirement
// carried from a lower tier counts where that tier exists: like
// cumulativeTiers, which skips a tier that does not. Tiers share
// requirements: each is judged once (state.eval), and a tier that carries
// a failed one fails on its remembered verdict.
func (s *state) effective(ct *ctrack, i int) verdict {
	t := &ct.tiers[i]
	v := s.tierExists(t)
	if v == failed {
		return failed
	}
	for _, k := range t.eff {
		e := &ct.reqs[k]
		ev := s.eval(e.n)
		if ev == met {
			continue
		}
		if e.owner != i {
			switch s.tierExists(&ct.tiers[e.owner]) {
			case failed:
				continue
			case unknown:
				ev = unknown
			}
		}
		if ev == failed {
			return failed
		}
		v = unknown
	}
	return v
}
