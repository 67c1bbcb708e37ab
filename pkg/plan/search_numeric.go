package plan

import (
	"math"
	"slices"
	"strings"
)

// numeric returns how many units of each slot to add so that every
// single-slot level in need and every sum in sums is met, at least cost.
// Shortfalls no priced slot can close are added to o.Blocking.
func (s *search) numeric(need []level, sums []atom, o *Option) []level {
	p, v := s.p, s.v
	var adds []level
	// Constraints as (slots, min); a slot's count also grows with the
	// units of the slots that imply it.
	cons := s.cons[:0]
	if cap(s.singles) < len(need) {
		s.singles = make([]int, len(need))
	}
	singles := s.singles[:len(need)]
	for i, l := range need {
		if l.slot < 0 {
			continue
		}
		singles[i] = l.slot
		cons = append(cons, con{singles[i : i+1 : i+1], l.n})
	}
	for _, a := range sums {
		cons = append(cons, con{a.slots, a.min})
	}
	slices.SortFunc(cons, func(a, b con) int { return strings.Compare(p.slotKey[a.slots[0]], p.slotKey[b.slots[0]]) })
	// vars: priced slots that can help some constraint.
	vars := s.vars[:0]
	var live []con
	defer func() { s.cons, s.live, s.vars = cons[:0], live[:0], vars[:0] }()
	helps := func(x int, c con) bool {
		return slices.Contains(c.slots, x) || (p.implies[x] >= 0 && slices.Contains(c.slots, p.implies[x]))
	}
	have := func(c con) float64 {
		sum := 0.0
		for _, k := range c.slots {
			if k >= 0 {
				sum += v.num(k)
			}
		}
		return sum
	}
	live = s.live[:0]
	for _, c := range cons {
		if have(c) >= c.min {
			continue
		}
		ok := false
		for _, k := range c.slots {
			if k >= 0 && p.cost[k] != nil {
				ok = true
			}
		}
		for x := range p.implies {
			if p.cost[x] != nil && p.implies[x] >= 0 && slices.Contains(c.slots, p.implies[x]) {
				ok = true
			}
		}
		if !ok {
			h := have(c)
			o.Blocking = append(o.Blocking, Blocker{Kind: s.kindOf(c.slots[0]), Key: s.keyOf(c.slots), Have: h, Need: c.min, Short: c.min - h})
			continue
		}
		live = append(live, c)
	}
	// Metrics are never summed with other keys: each at its level.
	live = slices.DeleteFunc(live, func(c con) bool {
		k := c.slots[0]
		if len(c.slots) > 1 || p.schema.IsCredential(k) {
			return false
		}
		adds = append(adds, level{k, c.min - v.num(k)})
		return true
	})
	for x := range p.implies {
		if p.cost[x] == nil {
			continue
		}
		for _, c := range live {
			if helps(x, c) {
				vars = append(vars, x)
				break
			}
		}
	}
	if len(vars) == 0 {
		return adds
	}
	// Fast path: every constraint on one slot, no slot implying another
	// in play: each slot at its level.
	simple := true
	for _, c := range live {
		if len(c.slots) > 1 || !slices.Contains(vars, c.slots[0]) {
			simple = false
		}
	}
	for _, x := range vars {
		if p.implies[x] >= 0 && slices.ContainsFunc(live, func(c con) bool { return slices.Contains(c.slots, p.implies[x]) }) {
			simple = false
		}
	}
	if simple {
		for _, c := range live {
			k := c.slots[0]
			d := c.min - v.num(k)
			if p.schema.IsCredential(k) {
				d = math.Ceil(d)
			}
			adds = append(adds, level{k, d})
		}
		return adds
	}
	// Exact search over the credential units: small counts of people.
	// Each var ranges up to the largest shortfall of a constraint it helps.
	ub := make([]int, len(vars))
	for i, x := range vars {
		for _, c := range live {
			if helps(x, c) {
				ub[i] = max(ub[i], int(math.Ceil(c.min-have(c))))
			}
		}
	}
	unit := make([]int64, len(vars))
	for i, x := range vars {
		unit[i] = s.p.costs.objective(p.cost[x])
	}
	cur := make([]int, len(vars))
	bestCost := int64(math.MaxInt64)
	var best []int
	count := func(k int) float64 {
		n := v.num(k)
		for i, x := range vars {
			if x == k || p.implies[x] == k {
				n += float64(cur[i])
			}
		}
		return n
	}
	feasible := func() bool {
		for _, c := range live {
			sum := 0.0
			for _, k := range c.slots {
				if k >= 0 {
					sum += count(k)
				}
			}
			if sum < c.min {
				return false
			}
		}
		return true
	}
	var rec func(i int, cost int64)
	rec = func(i int, cost int64) {
		if cost > bestCost {
			return
		}
		if i == len(vars) {
			if feasible() && (cost < bestCost || best == nil) {
				bestCost = cost
				best = slices.Clone(cur)
			}
			return
		}
		for n := 0; n <= ub[i]; n++ {
			cur[i] = n
			rec(i+1, cost+int64(n)*unit[i])
		}
		cur[i] = 0
	}
	rec(0, 0)
	for i, x := range vars {
		if best != nil && best[i] > 0 {
			adds = append(adds, level{x, float64(best[i])})
		}
	}
	return adds
}

func (s *search) kindOf(slot int) string {
	if slot >= 0 && s.p.schema.IsCredential(slot) {
		return KindCredential
	}
	return KindMetric
}

func (s *search) keyOf(slots []int) string {
	var names []string
	for _, k := range slots {
		if k >= 0 {
			names = append(names, s.p.slotKey[k])
		}
	}
	return strings.Join(names, "+")
}

// level is a number for one slot: a level to reach, or units to add.
type level struct {
	slot int
	n    float64
}

// raise sets slot's level in ls to at least n: several requirements on one
// key combine as the highest level needed.
func raise(ls []level, slot int, n float64) []level {
	for i := range ls {
		if ls[i].slot == slot {
			ls[i].n = max(ls[i].n, n)
			return ls
		}
	}
	return append(ls, level{slot, n})
}
