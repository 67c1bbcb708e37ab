package engine

import (
	"strings"

	"github.com/tiercalc/tiercalc/pkg/partner"
	"github.com/tiercalc/tiercalc/pkg/rulebook"
)

// A credential requirement: the partner's certified people, summed over
// the keys, reach Min.
func init() {
	register(rulebook.KindCredential, &kindOps{
		gapKind: kindCredential,
		compile: func(c *compiler, n *node, r *rulebook.Requirement) {
			n.slots = c.slots(r, true)
			n.gapKey = strings.Join(r.Keys, "+")
			n.noun = strings.Join(r.Keys, "/")
			n.unit = "people"
			if v := vocab(c.prog.Vocabulary.Credentials, n.key); v != nil && v.Unit != "" {
				n.unit = v.Unit
			}
		},
		eval: func(s *state, n *node) verdict {
			sum, unk := s.sum(n)
			if sum >= n.min {
				return met
			}
			if unk {
				return unknown
			}
			return failed
		},
		gaps: func(s *state, n *node, tier string, out []Gap) []Gap {
			have, _ := s.sum(n)
			return append(out, s.leafGap(n, tier, have, n.min))
		},
		countGaps: oneGap,
		collect: func(s *state, n *node, _ verdict) {
			for i, sl := range n.slots {
				if partner.IsUnknown(s.num(sl)) {
					s.addUnknown(n.keys[i])
				}
			}
		},
	})
}

// sum adds the known counts of a credential requirement's keys.
func (s *state) sum(n *node) (sum float64, unk bool) {
	for _, sl := range n.slots {
		v := s.num(sl)
		if partner.IsUnknown(v) {
			unk = true
			continue
		}
		sum += v
	}
	return sum, unk
}
