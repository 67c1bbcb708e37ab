package engine

import (
	"slices"
	"strings"

	"github.com/tiercalc/tiercalc/pkg/partner"
)

// The tier a partner holds on the day: its current tier kept through a
// grace window or a retirement held to a date.

// variant is the partner's region variant, for notes.
func (s *state) variant() int {
	switch {
	case !s.rknown:
		return variantUnknown
	case s.rbit == bitAmericas:
		return variantAmericas
	case s.rbit == bitEMEA:
		return variantEMEA
	case s.rbit == bitAPJ:
		return variantAPJ
	}
	return variantNone
}

// current applies grace for the partner's current tier when it is above
// q: its grace window, or the held_until of the edition that took it away
// from the partner.
func (s *state) current(ct *ctrack, q int, r *Result) {
	if c, a := s.currentTier(ct); c >= 0 {
		if c <= q {
			return
		}
		t := &ct.tiers[c]
		if s.tierExists(t) == failed {
			if v := s.variant(); v != variantUnknown {
				s.hold(ct.retirement(*t.name, v), v, a, r)
			}
			return
		}
		if s.grace(t, r) && a != nil && a.notes != nil {
			r.Notes = a.notes
		}
		return
	}
	if g, a := s.dropped(ct); g != nil && g.pos > q {
		s.hold(g, s.variant(), a, r)
	}
}

// hold keeps the partner at the tier rt took away while rt's held_until
// has not passed.
func (s *state) hold(rt *cretire, v int, a *alias, r *Result) {
	if rt == nil || rt.held == "" {
		return
	}
	if s.asOfDay > rt.heldDay {
		return
	}
	r.Tier, r.Status, r.GraceUntil = rt.name, StatusGrace, &rt.held
	if n := rt.heldNotes[v]; n != nil {
		r.Notes = n
	}
	if a != nil && a.notes != nil { // rare: allocating is fine
		r.Notes = append(slices.Clip(r.Notes), a.notes...)
	}
}

// tierExists is met when tier t exists for the partner, failed when it
// does not exist in the partner's region, unknown when that region is.
func (s *state) tierExists(t *ctier) verdict {
	switch {
	case !t.scoped:
		return met
	case !s.rknown:
		return unknown
	case t.mask&s.rbit == 0:
		return failed
	}
	return met
}

// grace keeps the partner at current tier t, above what it qualifies for,
// while t's grace window is open on asOf.
func (s *state) grace(t *ctier, r *Result) bool {
	if t.graceMonths <= 0 || s.tierExists(t) == failed {
		return false
	}
	if s.asOfDay >= t.graceStart && s.asOfDay <= t.graceDay {
		r.Tier = t.name
		r.Status = StatusGrace
		r.GraceUntil = &t.graceUntil
		return true
	}
	return false
}

// applies reports whether a track naming profiles applies to a partner with
// has.
func applies(profiles, has []string) bool {
	if len(profiles) == 0 || len(has) == 0 {
		return true
	}
	for _, p := range profiles {
		if partner.Has(has, p) {
			return true
		}
	}
	return false
}

// currentTier returns the index in ct.tiers of the tier the record's
// current_tier names, and its alias; -1 when it names none of ct's tiers.
func (s *state) currentTier(ct *ctrack) (int, *alias) {
	if a := s.lookup(ct.aliases, ct.named); a != nil {
		return a.tier, a
	}
	return -1, nil
}

// dropped returns the retirement of the dropped tier the record's
// current_tier names, or nil.
func (s *state) dropped(ct *ctrack) (*cretire, *alias) {
	if a := s.lookup(ct.gone, ct.goneNamed); a != nil {
		return &ct.retired[a.tier], a
	}
	return nil, nil
}

// Values of state.cur besides an index in Evaluator.tierNames.
const (
	curUnresolved = -1 // not looked up yet for this record
	curNone       = -2 // no alias of any track is spelled so, even ignoring case
	curFold       = -3 // an alias matches ignoring case only: each track looks
)

// lookup is find(list, current_tier) for list, an alias list of a track,
// and named, what find gives in list for each of Evaluator.tierNames. The
// record's current_tier is looked up among the evaluator's names once,
// not once per track and list.
func (s *state) lookup(list []alias, named []int) *alias {
	if s.cur == curUnresolved {
		s.cur = s.resolveTier()
	}
	k := -1
	switch {
	case s.cur >= 0:
		k = named[s.cur]
	case s.cur == curFold:
		k = find(list, s.rec.CurrentTier)
	}
	if k < 0 {
		return nil
	}
	return &list[k]
}

// tierMemo is one answer of Evaluator.resolveTier kept by a state: a
// run's current_tier values are a handful of names, each looked up by
// every program for every record, and one a program does not name (a
// predecessor's tier) is compared with each of its names ignoring case.
type tierMemo struct {
	e    *Evaluator
	name string // a copy: the record's string may live in a reused buffer
	cur  int
}

const tierMemos = 32 // a power of two

// resolveTier is s.e.resolveTier(s.rec.CurrentTier), from s.tiers when
// it was asked before (a two-way cache: a collision only costs a look-up).
func (s *state) resolveTier() int {
	name := s.rec.CurrentTier
	h := uint(s.e.seq)*17 + uint(len(name))*31
	if name != "" {
		h += uint(name[0])*7 + uint(name[len(name)-1])
	}
	// Two slots a key (h and its neighbour), so that two names that
	// collide do not evict each other record after record.
	m, n := &s.tiers[h%tierMemos], &s.tiers[(h^1)%tierMemos]
	switch {
	case m.e == s.e && m.name == name:
		return m.cur
	case n.e == s.e && n.name == name:
		return n.cur
	case m.e != nil && n.e == nil:
		m = n
	}
	*m = tierMemo{e: s.e, name: strings.Clone(name), cur: s.e.resolveTier(name)}
	return m.cur
}

// resolveTier is the index of name in e.tierNames, or curNone or curFold.
func (e *Evaluator) resolveTier(name string) int {
	if i := slices.Index(e.tierNames, name); i >= 0 {
		return i
	}
	for _, n := range e.tierNames {
		if strings.EqualFold(n, name) {
			return curFold
		}
	}
	return curNone
}

// nameAliases fills in e.tierNames, every name an alias list of a track
// holds, and each track's named and goneNamed: what find gives for each
// name in its aliases and in its gone list.
func (e *Evaluator) nameAliases() {
	for _, ct := range e.tracks {
		for _, a := range slices.Concat(ct.aliases, ct.gone) {
			if !slices.Contains(e.tierNames, a.name) {
				e.tierNames = append(e.tierNames, a.name)
			}
		}
	}
	for i := range e.tracks {
		ct := &e.tracks[i]
		ct.named, ct.goneNamed = indexNames(ct.aliases, e.tierNames), indexNames(ct.gone, e.tierNames)
	}
}

// indexNames gives for each of names its index in list (find), or -1.
func indexNames(list []alias, names []string) []int {
	out := make([]int, len(names))
	for i, name := range names {
		out[i] = find(list, name)
	}
	return out
}

// find returns the index of the alias named name exactly, else ignoring
// case, or -1.
func find(list []alias, name string) int {
	for i := range list {
		if list[i].name == name {
			return i
		}
	}
	for i := range list {
		if strings.EqualFold(list[i].name, name) {
			return i
		}
	}
	return -1
}
