package engine

import "github.com/tiercalc/tiercalc/pkg/rulebook"

// An all-group: every item holds. Its gaps are those of its failed items,
// flattened.
func init() {
	register(rulebook.KindAll, allOps)
}

var allOps = &kindOps{
	gapKind: kindAll,
	compile: func(c *compiler, n *node, r *rulebook.Requirement) {
		n.items = c.compileItems(r.Items)
		n.expands = true
	},
	eval: func(s *state, n *node) verdict { return s.all(n.items) },
	gaps: func(s *state, n *node, tier string, out []Gap) []Gap {
		for _, it := range n.items {
			if s.eval(it) == failed {
				out = s.gaps(it, tier, out)
			}
		}
		return out
	},
	countGaps: func(s *state, n *node) int {
		c := 0
		for _, it := range n.items {
			if s.eval(it) == failed {
				c += s.countGaps(it)
			}
		}
		return c
	},
	// A failed all-group is still searched: its unknown items are
	// undecided requirements of the tier.
	collect: func(s *state, n *node, _ verdict) {
		for _, it := range n.items {
			s.collect(it)
		}
	},
}

func (c *compiler) compileItems(items []*rulebook.Requirement) []*node {
	var out []*node
	for _, it := range items {
		out = append(out, c.compile(it))
	}
	return out
}
