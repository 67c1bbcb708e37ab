package engine

import (
	"strings"

	"github.com/tiercalc/tiercalc/pkg/rulebook"
)

// An any-group: at least one item holds. A failed one is one gap whose
// Options are its alternatives.
func init() {
	register(rulebook.KindAny, &kindOps{
		gapKind: kindAny,
		compile: func(c *compiler, n *node, r *rulebook.Requirement) {
			n.items = c.compileItems(r.Items)
			n.expands = true
			n.fixAnyGap()
		},
		eval: func(s *state, n *node) verdict {
			v := failed
			for _, it := range n.items {
				switch s.option(it) {
				case met:
					return met
				case unknown:
					v = unknown
				}
			}
			return v
		},
		gaps: func(s *state, n *node, tier string, out []Gap) []Gap {
			return append(out, s.anyGap(n, tier))
		},
		countGaps: oneGap,
		// A failed any-group has no unknown alternative. An alternative
		// limited to some regions needs the country when it is unknown,
		// even when the partner meets it (it is not an option elsewhere).
		collect: func(s *state, n *node, v verdict) {
			if v == unknown {
				for _, it := range n.items {
					if it.scoped && !s.rknown {
						s.addUnknown(keyCountry)
					}
					if s.offered(it) {
						s.collect(it)
					}
				}
			}
		},
	})
}

// option is the verdict of it, an alternative of an any-group. An
// alternative limited to regions the partner is not in is none (failed),
// not met as a requirement that does not apply would be; one the partner
// meets while its region is unknown is undecided.
func (s *state) option(it *node) verdict {
	switch {
	case !it.scoped:
		return s.evalKind(it)
	case !s.rknown:
		if v := s.evalKind(it); v != met {
			return v
		}
		return unknown
	case it.mask&s.rbit == 0:
		return failed
	}
	return s.evalKind(it)
}

// offered reports whether alternative it is open to the partner: not
// limited to regions the partner is known not to be in.
func (s *state) offered(it *node) bool {
	return !it.scoped || !s.rknown || it.mask&s.rbit != 0
}

// fixAnyGap precomputes the key and label of any-group n's gap when none of
// its alternatives can expand into several gaps or a gap keyed by what
// failed (all-groups, any-groups, derived competencies) or be left out for
// the partner's region: they are then
// what state.anyGap would join for every partner.
func (n *node) fixAnyGap() {
	keys := make([]string, len(n.items))
	labels := make([]string, len(n.items))
	for i, it := range n.items {
		if it.expands || it.scoped {
			return
		}
		keys[i], labels[i] = it.gapKey, it.req.Label
	}
	n.anyKey, n.anyLabel, n.anyFixed = strings.Join(keys, "|"), strings.Join(labels, " or "), true
}

// anyGap is the gap of a failed any-group: each alternative as an option (an
// alternative with several failed leaves as an "all" gap holding them).
func (s *state) anyGap(n *node, tier string) Gap {
	g := Gap{Tier: tier, Kind: kindAny, Need: 1, Short: 1, Label: n.req.Label, Illustrative: n.illus, Source: n.req.Source}
	g.Options = s.newGaps(len(n.items))
	if n.anyFixed {
		// Every alternative is a leaf, failed: one gap each, as the loop
		// below would build them, under the precomputed key and label.
		for _, it := range n.items {
			g.Options = s.gaps(it, tier, g.Options)
		}
		g.Key = n.anyKey
		if g.Label == "" {
			g.Label = n.anyLabel
		}
		return g
	}
	// keys and labels only feed strings.Join: on the stack unless the
	// group is unusually large.
	var kbuf, lbuf [8]string
	keys, labels := kbuf[:0], lbuf[:0]
	for _, it := range n.items {
		if !s.offered(it) {
			continue
		}
		// it failed (or the group would not have): countGaps is the
		// number of its gaps.
		sub := s.gaps(it, tier, s.newGaps(s.countGaps(it)))
		var o Gap
		switch len(sub) {
		case 0:
			continue
		case 1:
			o = sub[0]
		default:
			o = allGap(it, tier, sub)
		}
		g.Options = append(g.Options, o)
		keys = append(keys, o.Key)
		labels = append(labels, o.Label)
	}
	if len(g.Options) == 1 && len(n.items) > 1 {
		// The partner's region leaves one alternative: that is the gap.
		return g.Options[0]
	}
	g.Key = strings.Join(keys, "|")
	if g.Label == "" {
		g.Label = strings.Join(labels, " or ")
	}
	return g
}

// allGap is the option of an alternative that failed on several leaves:
// one "all" gap holding them, keyed by their keys joined "+".
func allGap(it *node, tier string, sub []Gap) Gap {
	o := Gap{Tier: tier, Kind: kindAll, Need: 1, Short: 1, Label: it.req.Label, Illustrative: it.illus, Source: it.req.Source, Options: sub}
	var kbuf, lbuf [8]string
	ks, ls := kbuf[:0], lbuf[:0]
	for _, x := range sub {
		ks, ls = append(ks, x.Key), append(ls, x.Label)
	}
	o.Key = strings.Join(ks, "+")
	if o.Label == "" {
		o.Label = strings.Join(ls, " and ")
	}
	return o
}
