package engine

import (
	"github.com/tiercalc/tiercalc/pkg/partner"
	"github.com/tiercalc/tiercalc/pkg/rulebook"
)

// An attestation requirement: the partner attests one statement. A record
// without an attestation list leaves every attestation unknown.
func init() {
	register(rulebook.KindAttestation, &kindOps{
		gapKind: kindAttestation,
		compile: func(c *compiler, n *node, _ *rulebook.Requirement) {
			if v := vocab(c.prog.Vocabulary.Attestations, n.key); v != nil {
				n.noun = v.Label
			}
		},
		eval: func(s *state, n *node) verdict {
			if s.rec.Attestations == nil {
				return unknown
			}
			if partner.Has(s.rec.Attestations, n.key) {
				return met
			}
			return failed
		},
		gaps: func(s *state, n *node, tier string, out []Gap) []Gap {
			return append(out, s.leafGap(n, tier, 0, 1))
		},
		countGaps: oneGap,
		collect: func(s *state, _ *node, _ verdict) {
			if s.rec.Attestations == nil {
				s.addUnknown(keyAttestations)
			}
		},
	})
}
