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
	name := s.rec.CurrentTier
	if c, a := ct.current(name); c >= 0 {
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
	if g, a := ct.dropped(name); g != nil && g.pos > q {
		s.hold(g, s.variant(), a, r)
	}
}

// hold keeps the partner at the tier rt took away while rt's held_until
// has not passed.
func (s *state) hold(rt *cretire, v int, a *alias, r *Result) {
	if rt == nil || rt.held == "" {
		return
	}
	if s.asOfDay < 0 {
		s.asOfDay = dayNum(s.asOf)
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
	if s.asOfDay < 0 {
		s.asOfDay = dayNum(s.asOf)
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

// current returns the index of the tier a record's current_tier names, -1
// when it names none of this track's tiers.
func (ct *ctrack) current(name string) (int, *alias) {
	if a := find(ct.aliases, name); a != nil {
		return a.tier, a
	}
	return -1, nil
}

// dropped returns the retirement of the dropped tier a record's
// current_tier names, or nil.
func (ct *ctrack) dropped(name string) (*cretire, *alias) {
	if a := find(ct.gone, name); a != nil {
		return &ct.retired[a.tier], a
	}
	return nil, nil
}

// find returns the alias named name exactly, else ignoring case, or nil.
func find(list []alias, name string) *alias {
	for i := range list {
		if list[i].name == name {
			return &list[i]
		}
	}
	for i := range list {
		if strings.EqualFold(list[i].name, name) {
			return &list[i]
		}
	}
	return nil
}
