package engine

import (
	"strings"

	"github.com/tiercalc/tiercalc/pkg/rulebook"
)

// A competency set: the partner holds at least Min of the keys (every one
// when Min is 0), each listed or derived as for a competency requirement.
func init() {
	register(rulebook.KindCompetencySet, &kindOps{
		gapKind: kindCompetencies,
		compile: func(c *compiler, n *node, r *rulebook.Requirement) {
			labels := make([]string, len(r.Keys))
			for i, k := range r.Keys {
				if labels[i] = c.competencyLabel(k); labels[i] == "" {
					labels[i] = k
				}
			}
			n.noun = strings.Join(labels, " / ")
			if n.min <= 0 {
				n.min = float64(len(r.Keys))
			}
			n.dref = make([]int, len(r.Keys))
			for i, k := range r.Keys {
				n.dref[i] = -1
				if d := c.byID[k]; d != nil {
					n.dref[i] = c.derivedIndex(d)
				}
			}
		},
		eval: func(s *state, n *node) verdict {
			held, unk := s.count(n)
			if held >= n.min {
				return met
			}
			if held+unk >= n.min {
				return unknown
			}
			return failed
		},
		gaps: func(s *state, n *node, tier string, out []Gap) []Gap {
			held, _ := s.count(n)
			return append(out, s.leafGap(n, tier, held, n.min))
		},
		countGaps: oneGap,
		collect: func(s *state, n *node, _ verdict) {
			// Only a set its region scope alone does not decide names
			// what its members need.
			if s.evalKind(n) == unknown {
				for i, k := range n.keys {
					s.collectHolds(k, n.dref[i])
				}
			}
		},
	})
}

// count counts the competencies of a set the partner holds, and those it
// may hold.
func (s *state) count(n *node) (held, unk float64) {
	for i, k := range n.keys {
		switch s.holds(k, n.dref[i]) {
		case met:
			held++
		case unknown:
			unk++
		}
	}
	return held, unk
}
