package engine

import (
	"github.com/tiercalc/tiercalc/pkg/partner"
	"github.com/tiercalc/tiercalc/pkg/rulebook"
)

// A competency requirement: the partner holds one competency, listed in the
// record or, for one the program derives, by meeting its requirement. The
// gaps of a derived competency are those of its requirement.
func init() {
	register(rulebook.KindCompetency, &kindOps{
		gapKind: kindCompetency,
		compile: func(c *compiler, n *node, r *rulebook.Requirement) {
			n.noun = c.competencyLabel(n.key)
			if d := c.byID[n.key]; d != nil {
				n.der = c.derivedIndex(d)
			}
			n.expands = n.der >= 0
		},
		eval: func(s *state, n *node) verdict { return s.holds(n.key, n.der) },
		gaps: func(s *state, n *node, tier string, out []Gap) []Gap {
			if n.der >= 0 {
				return s.gaps(s.e.derived[n.der], tier, out)
			}
			return append(out, s.leafGap(n, tier, 0, 1))
		},
		countGaps: func(s *state, n *node) int {
			if n.der >= 0 {
				return s.countGaps(s.e.derived[n.der])
			}
			return 1
		},
		collect: func(s *state, n *node, _ verdict) { s.collectHolds(n.key, n.der) },
	})
}

// holds reports whether the partner holds competency id: for a derived
// competency (d >= 0), its requirement met, whatever the record lists (a
// record cannot claim a competency the program earns through certified
// people: Partner Connect); otherwise listed in the record.
func (s *state) holds(id string, d int) verdict {
	if d >= 0 {
		return s.derived(d)
	}
	comps := s.rec.Competencies
	if comps == nil {
		return unknown
	}
	if partner.Has(comps, id) {
		return met
	}
	return failed
}

// derived is the verdict of derived competency d (judged once per record,
// as every requirement is: a program's tiers test the same derived
// competencies again and again).
func (s *state) derived(d int) verdict { return s.eval(s.e.derived[d]) }

// collectHolds names the data that would decide holds(id, d).
func (s *state) collectHolds(id string, d int) {
	comps := s.rec.Competencies
	switch {
	case d >= 0:
		s.collect(s.e.derived[d])
	case comps == nil:
		s.addUnknown(keyCompetencies)
	}
}
