package engine

import (
	"github.com/tiercalc/tiercalc/pkg/partner"
	"github.com/tiercalc/tiercalc/pkg/rulebook"
)

// A metric requirement: the partner's value of one metric reaches Min.
func init() {
	register(rulebook.KindMetric, &kindOps{
		gapKind: kindMetric,
		compile: func(c *compiler, n *node, r *rulebook.Requirement) {
			n.slots = c.slots(r, false)
			n.unit, n.noun = builtinMetric(n.key)
			if v := vocab(c.prog.Vocabulary.Metrics, n.key); v != nil {
				if v.Unit != "" {
					n.unit = v.Unit
				}
				if v.Label != "" {
					n.noun = v.Label
				}
			}
			n.cents = partner.IsCurrency(n.unit)
			if sl := n.slots[0]; sl >= 0 && c.schema.Precision(sl) == partner.Cents {
				n.cents = true
			}
		},
		eval: func(s *state, n *node) verdict {
			v := s.num(n.slots[0])
			if partner.IsUnknown(v) {
				return unknown
			}
			if v >= n.min {
				return met
			}
			return failed
		},
		gaps: func(s *state, n *node, tier string, out []Gap) []Gap {
			return append(out, s.leafGap(n, tier, s.num(n.slots[0]), n.min))
		},
		countGaps: oneGap,
		collect: func(s *state, n *node, _ verdict) {
			if partner.IsUnknown(s.num(n.slots[0])) {
				s.addUnknown(n.key)
			}
		},
	})
}

// builtinMetric gives the unit and label of the contract's metrics, for rulebooks
// whose vocabulary does not restate them.
func builtinMetric(id string) (unit, label string) {
	switch id {
	case "revenue_usd":
		return "USD", "revenue"
	case "tier_credits":
		return "credits", "tier credits"
	case "cores":
		return "cores", "committed cores"
	case "cloud_points":
		return "points", "cloud points"
	case "deployments":
		return "deployments", "deployments"
	case "customer_references":
		return "references", "customer references"
	}
	return "", id
}
