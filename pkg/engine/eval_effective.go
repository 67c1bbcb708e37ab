package engine

// Tracks whose tiers leave out requirements of the tiers below (without:).

// effectiveTiers is cumulativeTiers for a track where a tier leaves out
// requirements of the tiers below: q is the highest tier whose effective
// set holds, next the first tier above it that exists for the partner.
// Since q's set holds, only next's own requirements can fail, so missing
// and unknowns read them alone.
func (s *state) effectiveTiers(ct *ctrack) (q, next int, nextV verdict) {
	q, next, nextV = -1, -1, met
	// Tiers share requirements: each is evaluated once, and a tier that
	// carries a failed one fails on its cached verdict.
	var cache verdicts
	var vs [16]verdict
	for i := range ct.tiers {
		v := s.effective(ct, i, &cache)
		if v == met {
			q = i
		}
		if i < len(vs) {
			vs[i] = v
		}
	}
	for i := q + 1; i < len(ct.tiers); i++ {
		if s.tierExists(&ct.tiers[i]) == failed {
			continue
		}
		if i < len(vs) {
			return q, i, vs[i]
		}
		return q, i, s.effective(ct, i, &cache)
	}
	return q, next, nextV
}

// verdicts caches the verdicts of a slow track's requirements, by index
// in ctrack.reqs (0: not yet evaluated, else the verdict plus one).
type verdicts [64]uint8

// effective is the verdict of tier i's effective set. A requirement
// carried from a lower tier counts where that tier exists: like
// cumulativeTiers, which skips a tier that does not.
func (s *state) effective(ct *ctrack, i int, cache *verdicts) verdict {
	t := &ct.tiers[i]
	v := s.tierExists(t)
	if v == failed {
		return failed
	}
	for _, k := range t.eff {
		e := &ct.reqs[k]
		var ev verdict
		switch {
		case k >= len(cache):
			ev = s.eval(e.n)
		case cache[k] != 0:
			ev = verdict(cache[k] - 1)
		default:
			ev = s.eval(e.n)
			cache[k] = uint8(ev) + 1
		}
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
