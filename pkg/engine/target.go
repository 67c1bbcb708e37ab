package engine

import (
	"slices"
	"time"

	"github.com/tiercalc/tiercalc/pkg/partner"
)

// EvaluateTo is Evaluate with each result's Missing and Unknown towards
// tier instead of the next tier (check --to), on the tracks that have a
// tier of that name; the other results are Evaluate's. Missing lists every
// failed requirement of tier and of the tiers below it (tiers are
// cumulative), each gap with Tier set to tier; Unknown the keys their
// undecided requirements need. Both are empty when the partner already
// qualifies for tier. Status, NextTier and the rest stay Evaluate's. A
// tier that does not exist in the partner's region has no gaps, and a note
// says so.
func (e *Evaluator) EvaluateTo(rec *partner.Record, asOf time.Time, tier string, dst []Result) []Result {
	start := len(dst)
	dst = e.Evaluate(rec, asOf, dst)
	var s *state
	for i := start; i < len(dst); i++ {
		r := &dst[i]
		ct := e.track(r.Track)
		ti := -1
		if ct != nil {
			ti = slices.IndexFunc(ct.tiers, func(t ctier) bool { return *t.name == tier })
		}
		if ti < 0 {
			continue
		}
		if s == nil {
			s = e.newState(rec, asOf)
		}
		if s.tierExists(&ct.tiers[ti]) == failed {
			r.Missing, r.Unknown = []Gap{}, []string{}
			r.Notes = append(r.Notes, tier+" does not exist in the partner's region")
			continue
		}
		r.Missing, r.Unknown = s.towards(ct, ti)
	}
	return dst
}

// towards is the gaps and unknown keys of tier ti's effective set: the
// requirements of ti and of every tier below it that exists for the
// partner, less those a tier leaves out (without:).
func (s *state) towards(ct *ctrack, ti int) ([]Gap, []string) {
	name := *ct.tiers[ti].name
	gaps := []Gap{}
	s.nunk, s.more = 0, nil
	take := func(n *node) {
		if s.eval(n) == failed {
			gaps = s.gaps(n, name, gaps)
		}
		s.collect(n)
	}
	if ct.slow {
		if s.tierExists(&ct.tiers[ti]) == unknown {
			s.addUnknown(keyCountry)
		}
		for _, k := range ct.tiers[ti].eff {
			e := &ct.reqs[k]
			switch s.tierExists(&ct.tiers[e.owner]) {
			case failed:
				continue
			case unknown:
				s.addUnknown(keyCountry)
			}
			take(e.n)
		}
	} else {
		for j := 0; j <= ti; j++ {
			t := &ct.tiers[j]
			switch s.tierExists(t) {
			case failed:
				continue
			case unknown:
				s.addUnknown(keyCountry)
			}
			for _, n := range t.reqs {
				take(n)
			}
		}
	}
	unk := append(append([]string{}, s.unk[:s.nunk]...), s.more...)
	slices.Sort(unk)
	return subsume(gaps), unk
}

// subsume drops a gap that another gap on the same kind and key needs as
// much or more of (2 VTSP at Enterprise, 4 at Premier: the 4 is the gap), so
// that requirements of several tiers on one key read as the highest level
// needed, never as a sum. Any-of gaps are kept as they are.
func subsume(gaps []Gap) []Gap {
	out := make([]Gap, 0, len(gaps))
	for i, g := range gaps {
		covered := false
		for j, h := range gaps {
			if i != j && g.Kind != kindAny && h.Kind == g.Kind && h.Key == g.Key &&
				(h.Need > g.Need || (h.Need == g.Need && j < i)) {
				covered = true
				break
			}
		}
		if !covered {
			out = append(out, g)
		}
	}
	return out
}

func (e *Evaluator) track(id string) *ctrack {
	for i := range e.tracks {
		if e.tracks[i].id == id {
			return &e.tracks[i]
		}
	}
	return nil
}
