package engine

// Explaining one track's grace decision and one requirement node, and the
// small helpers that word verdicts, regions and dates for a trace.

import (
	"strings"
	"time"

	"github.com/tiercalc/tiercalc/pkg/region"
	"github.com/tiercalc/tiercalc/pkg/rulebook"
)

// explainGrace says why the current tier was or was not held above q; r
// is the result after the engine's current.
func (s *state) explainGrace(ct *ctrack, q int, r *Result) *GraceExplanation {
	g := &GraceExplanation{CurrentTier: s.rec.CurrentTier, Applied: r.Status == StatusGrace}
	held := func(rt *cretire) {
		if rt == nil {
			g.Why = g.Tier + " was retired for the partner's region"
			return
		}
		g.Until = rt.held
		g.Why = strings.TrimSpace(rt.why[s.variant()])
		if g.Why == "" {
			g.Why = g.Tier + " was retired"
		}
		switch {
		case g.Applied:
			g.Why += "; held until " + rt.held
		case rt.held == "":
			g.Why += "; not held"
		default:
			g.Why += "; held until " + rt.held + ", which has passed"
		}
	}
	c, a := s.currentTier(ct)
	if c < 0 {
		if rt, a := s.dropped(ct); rt != nil {
			g.Tier, g.Mapped = *rt.name, a != nil && a.name != *rt.name
			if rt.pos <= q {
				g.Why = "qualifies at or above the rank of the dropped tier " + g.Tier + ": no hold needed"
				return g
			}
			held(rt)
			return g
		}
		g.Why = "current tier " + s.rec.CurrentTier + " is no tier of this track, nor mapped onto one"
		return g
	}
	t := &ct.tiers[c]
	g.Tier = *t.name
	g.Mapped = a != nil && a.name != g.Tier
	if t.graceMonths > 0 {
		g.Months, g.From, g.Until = t.graceMonths, dayString(t.graceStart), t.graceUntil
	}
	switch {
	case c <= q:
		g.Why = "qualifies for " + *ct.tiers[q].name + ", at or above the current tier: no grace needed"
	case s.tierExists(t) == failed:
		g.Months, g.From = 0, ""
		if s.variant() == variantUnknown {
			g.Why = g.Tier + " does not exist in the partner's region"
			return g
		}
		held(ct.retirement(g.Tier, s.variant()))
	case t.graceMonths <= 0:
		g.Why = "the program grants no grace period for " + g.Tier
	case s.asOfDay < t.graceStart:
		g.Why = "the grace window opens on " + g.From
	case s.asOfDay > t.graceDay:
		g.Why = "the grace window closed: its last day was " + g.Until
	default:
		g.Why = "holds " + g.Tier + " in grace until " + g.Until + " while it qualifies for " + orNoTier(r.QualifiedTier)
	}
	return g
}

// explain explains requirement n: its verdict through the same eval as
// Evaluate, its numbers through its kind's gap function, its members.
func (s *state) explain(n *node) Explained {
	v := s.eval(n)
	x := Explained{Kind: n.gapKind, Keys: n.keys, Verdict: verdictName(v), Illustrative: n.illus, Applies: true, Unit: n.unit}
	if r := n.req; r != nil {
		x.ID, x.Label, x.Source, x.Note, x.Regions = r.ID, r.Label, r.Source, r.Note, r.Regions
		x.Rule = rulebook.RuleText(r)
	}
	if n.scoped && s.rknown && n.mask&s.rbit == 0 {
		x.Applies = false
	}
	switch {
	case len(n.items) > 0:
		for _, it := range n.items {
			ix := s.explain(it)
			if ix.Verdict == VerdictMet && n.gapKind == kindAny {
				x.Counted = append(x.Counted, orString(ix.Label, ix.Rule))
			}
			x.Items = append(x.Items, ix)
		}
	case n.der >= 0:
		x.Derived = n.key
		x.Items = []Explained{s.explain(s.e.derived[n.der])}
	case n.dref != nil:
		for i, k := range n.keys {
			mv := s.holds(k, n.dref[i])
			one := 1.0
			m := Explained{Kind: kindCompetency, Keys: []string{k}, Rule: "competency " + k, Label: "competency " + k,
				Verdict: verdictName(mv), Applies: true, Need: &one}
			if mv != unknown {
				have := 0.0
				if mv == met {
					have = 1
					x.Counted = append(x.Counted, k)
				}
				short := one - have
				m.Have, m.Short = &have, &short
			}
			if n.dref[i] >= 0 {
				m.Derived = k
				m.Items = []Explained{s.explain(s.e.derived[n.dref[i]])}
			}
			x.Items = append(x.Items, m)
		}
		s.measure(n, v, &x)
	default:
		s.measure(n, v, &x)
	}
	if v != met {
		s.nunk, s.more = 0, nil
		s.collect(n)
		x.Unknown = append(append([]string{}, s.unk[:s.nunk]...), s.more...)
	}
	return x
}

// measure sets the have, need and short of leaf n from its kind's gap
// function, which computes them for a leaf whatever its verdict (a met
// yes/no leaf reads as having what it needs).
func (s *state) measure(n *node, v verdict, x *Explained) {
	g := n.ops.gaps(s, n, "", nil)
	if len(g) != 1 {
		return
	}
	need := g[0].Need
	x.Need = &need
	if !x.Applies || v == unknown {
		return
	}
	have, short := g[0].Have, g[0].Short
	if v == met {
		have, short = max(have, need), 0
	}
	x.Have, x.Short = &have, &short
}

func verdictName(v verdict) string {
	switch v {
	case met:
		return VerdictMet
	case unknown:
		return VerdictUnknown
	}
	return VerdictUnmet
}

// maskNames are the region names of a region mask.
func maskNames(mask uint8) []string {
	var out []string
	for _, r := range region.Names() {
		if mask&regionBit(r) != 0 {
			out = append(out, r)
		}
	}
	return out
}

// dayString is the YYYY-MM-DD of a dayNum.
func dayString(d int) string {
	return time.Date(d/512, time.Month(d%512/32), d%32, 0, 0, 0, 0, time.UTC).Format(time.DateOnly)
}

func orNoTier(t *string) string {
	if t == nil {
		return "no tier"
	}
	return *t
}

func orString(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
