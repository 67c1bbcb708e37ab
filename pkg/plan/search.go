package plan

import (
	"math"
	"slices"
	"strings"
)

// search walks every choice of alternatives and keeps the cheapest option
// of each distinct structure (the set of items acted on).
type search struct {
	p     *Planner
	view  view
	v     *view
	limit int
	want  int
	best  []ranked // sorted, at most want, distinct structures

	// Scratch reused by every leaf: most leaves are dearer than what is
	// kept, and are dropped before their actions are copied out.
	actions []Action
	items   []atom
	sums    []atom
	cons    []con
	live    []con
	vars    []int
	singles []int

	// Per plan: the stack of atoms and of pending groups of walk, and the
	// arenas of the compiled structure (reset, not freed, between plans).
	stack   []atom
	segs    [][]*disj
	conjs   [][]conj
	nconj   int
	disjs   [][]disj
	ndisj   int
	slotBuf []int
}

const arenaChunk = 64

// reset readies s for another plan, keeping its buffers.
func (s *search) reset() {
	s.view = view{s: s}
	s.v = &s.view
	clear(s.best)
	s.best = s.best[:0]
	s.nconj, s.ndisj = 0, 0
	s.slotBuf = s.slotBuf[:0]
}

func (s *search) newConj() *conj {
	i, j := s.nconj/arenaChunk, s.nconj%arenaChunk
	if i == len(s.conjs) {
		s.conjs = append(s.conjs, make([]conj, arenaChunk))
	}
	s.nconj++
	c := &s.conjs[i][j]
	clear(c.atoms)
	clear(c.ors)
	c.atoms, c.ors = c.atoms[:0], c.ors[:0]
	return c
}

func (s *search) newDisj() *disj {
	i, j := s.ndisj/arenaChunk, s.ndisj%arenaChunk
	if i == len(s.disjs) {
		s.disjs = append(s.disjs, make([]disj, arenaChunk))
	}
	s.ndisj++
	d := &s.disjs[i][j]
	clear(d.alts)
	d.alts = d.alts[:0]
	return d
}

// con is a threshold on the sum of the counts of slots.
type con struct {
	slots []int
	min   float64
}

type ranked struct {
	opt Option
}

// better orders options: fewer blockers, then fitting the lead-time limit,
// then cheaper, then fewer days.
func better(a, b *Option) bool {
	if len(a.Blocking) != len(b.Blocking) {
		return len(a.Blocking) < len(b.Blocking)
	}
	if a.Late != b.Late {
		return !a.Late
	}
	if a.Cost != b.Cost {
		return a.Cost < b.Cost
	}
	return a.Days < b.Days
}

func (s *search) run(root *conj) {
	atoms := append(s.stack[:0], root.atoms...)
	s.segs = append(s.segs[:0], root.ors)
	s.walk(atoms)
	clear(s.segs)
	s.segs = s.segs[:0]
}

// walk picks an alternative for the first pending group, recursively; with
// none pending it solves the conditions gathered. The pending groups are
// s.segs read from the top down: the first group of the top non-empty
// segment is next, and an alternative's own groups are pushed as a new
// segment, so that they come before the rest.
func (s *search) walk(atoms []atom) {
	if cap(atoms) > cap(s.stack) {
		s.stack = atoms[:0] // keep the grown stack for the next plans
	}
	n := len(s.segs)
	top := n - 1
	for top >= 0 && len(s.segs[top]) == 0 {
		top--
	}
	if top < 0 {
		if o, ok := s.solve(atoms); ok {
			s.keep(o)
		}
		return
	}
	seg := s.segs[top]
	d := seg[0]
	for _, alt := range d.alts {
		s.segs = s.segs[:top+1]
		s.segs[top] = seg[1:]
		if len(alt.ors) > 0 {
			s.segs = append(s.segs, alt.ors)
		}
		// atoms is a stack: each alternative writes past the caller's
		// part only, so siblings may overwrite each other's.
		s.walk(append(atoms, alt.atoms...))
	}
	if len(d.alts) == 0 {
		s.segs = s.segs[:top+1]
		s.segs[top] = seg[1:]
		s.walk(atoms)
	}
	// Leave s.segs as found: the caller reads it again.
	s.segs = s.segs[:n]
	s.segs[top] = seg
	for i := top + 1; i < n; i++ {
		s.segs[i] = nil
	}
}

func (s *search) keep(o Option) {
	for i := range s.best {
		if sameStructure(&s.best[i].opt, &o) {
			if better(&o, &s.best[i].opt) {
				s.best = slices.Delete(s.best, i, i+1)
				break
			}
			return
		}
	}
	i := 0
	for i < len(s.best) && !better(&o, &s.best[i].opt) {
		i++
	}
	if i >= s.want {
		return
	}
	s.best = slices.Insert(s.best, i, ranked{o})
	if len(s.best) > s.want {
		s.best = s.best[:s.want]
	}
}

// sameStructure reports whether a and b act on the same items, in the same
// order, and are blocked by the same keys: options of one structure.
func sameStructure(a, b *Option) bool {
	if len(a.Actions) != len(b.Actions) || len(a.Blocking) != len(b.Blocking) {
		return false
	}
	for i := range a.Actions {
		if a.Actions[i].Kind != b.Actions[i].Kind || a.Actions[i].Key != b.Actions[i].Key {
			return false
		}
	}
	for i := range a.Blocking {
		if a.Blocking[i].Key != b.Blocking[i].Key {
			return false
		}
	}
	return true
}

// solve prices one conjunction of conditions: items are bought once, and
// the numeric thresholds are met at the least cost, each key at the
// highest level any condition needs.
func (s *search) solve(atoms []atom) (Option, bool) {
	var o Option
	p := s.p
	items, sums := s.items[:0], s.sums[:0] // sums: thresholds on several slots
	s.actions = s.actions[:0]
	defer func() { s.items, s.sums = items[:0], sums[:0] }()
	var needBuf [8]level
	need := needBuf[:0]
	for _, a := range atoms {
		switch {
		case a.kind != "":
			if !slices.ContainsFunc(items, func(b atom) bool { return b.kind == a.kind && b.key == a.key }) {
				items = append(items, a)
			}
		case len(a.slots) == 1:
			need = raise(need, a.slots[0], a.min)
		default:
			sums = append(sums, a)
		}
	}
	slices.SortFunc(items, func(a, b atom) int {
		// as kind+":"+key: no kind is a prefix of another
		if c := strings.Compare(a.kind, b.kind); c != 0 {
			return c
		}
		return strings.Compare(a.key, b.key)
	})
	for _, it := range items {
		c := p.costs.Lookup(it.kind, it.key)
		if c == nil {
			o.Blocking = append(o.Blocking, Blocker{Kind: it.kind, Key: it.key, Have: 0, Need: 1, Short: 1})
			continue
		}
		s.add(&o, Action{Kind: it.kind, Key: it.key, Add: 1}, c, 1)
	}
	adds := s.numeric(need, sums, &o)
	slices.SortFunc(adds, func(a, b level) int { return strings.Compare(p.slotKey[a.slot], p.slotKey[b.slot]) })
	for _, l := range adds {
		k := l.slot
		kind := KindMetric
		if p.schema.IsCredential(k) {
			kind = KindCredential
		}
		s.add(&o, Action{Kind: kind, Key: p.slotKey[k], Have: s.v.num(k), Add: l.n}, p.cost[k], l.n)
	}
	slices.SortFunc(o.Blocking, func(a, b Blocker) int { return strings.Compare(a.Key, b.Key) })
	o.Late = s.limit >= 0 && o.Lead > s.limit
	if len(s.best) >= s.want && !better(&o, &s.best[len(s.best)-1].opt) {
		return o, false // cannot be kept: its actions are never copied
	}
	o.Actions = slices.Clone(s.actions)
	return o, true
}

func (s *search) add(o *Option, a Action, c *Cost, n float64) {
	a.Days = scale(c.Days, n)
	a.Money = scale(c.Money, n)
	a.Lead = c.LeadDays
	a.Illustrative = c.Illustrative
	s.actions = append(s.actions, a)
	o.Days += a.Days
	o.Money += a.Money
	o.Cost += a.Money*100 + a.Days*s.p.costs.DayRate
	o.Lead = max(o.Lead, a.Lead)
}

// scale is x times n, rounded to the unit of x (n is whole but for metric
// amounts with cents).
func scale(x int64, n float64) int64 {
	if n == math.Trunc(n) {
		return x * int64(n)
	}
	return int64(math.Round(float64(x) * n))
}
