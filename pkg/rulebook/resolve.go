package rulebook

import (
	"cmp"
	"fmt"
	"slices"
	"time"
)

// At returns the edition of the program in force on asOf's calendar day:
// the latest edition whose Effective is on or before that day, or the base
// edition when there is none (also before the program's own effective
// date). The tracks are deep copies with every change up to that edition
// applied; the Program is never modified.
func (p *Program) At(asOf time.Time) *Resolved {
	y, m, d := asOf.Date()
	day := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	r := &Resolved{Program: p, Edition: p.BaseEdition(), Effective: p.Effective, Tracks: cloneTracks(p.Tracks)}
	for _, e := range p.datedEditions() {
		if e.Effective.After(day) {
			break
		}
		r.Tracks = applyEdition(r.Tracks, e, nil)
		r.Edition, r.Effective = e.ID, e.Effective
	}
	return r
}

// Ended reports whether the program had ended by asOf's calendar day. Ends
// is the last day the program is in force: it has ended the day after.
func (p *Program) Ended(asOf time.Time) bool {
	if p.Ends.IsZero() {
		return false
	}
	y, m, d := asOf.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC).After(p.Ends)
}

// datedEditions returns the later editions in date order. Validate reports
// editions written out of order; this keeps At right regardless.
func (p *Program) datedEditions() []*Edition {
	if slices.IsSortedFunc(p.Editions, byEffective) {
		return p.Editions
	}
	es := slices.Clone(p.Editions)
	slices.SortStableFunc(es, byEffective)
	return es
}

func byEffective(a, b *Edition) int { return a.Effective.Compare(b.Effective) }

// BaseEdition is the id of the base edition: Program.Edition, or the
// effective date as YYYY-MM-DD.
func (p *Program) BaseEdition() string {
	if p.Edition != "" {
		return p.Edition
	}
	return p.Effective.Format(time.DateOnly)
}

// EditionList returns every edition in date order, the base edition first
// (as an Edition with no changes, at the program's position), for
// `rules list`.
func (p *Program) EditionList() []*Edition {
	base := &Edition{ID: p.BaseEdition(), Label: "base edition", Effective: p.Effective, Pos: p.Pos}
	return append([]*Edition{base}, p.datedEditions()...)
}

// Source returns the source with the given id, or nil.
func (p *Program) Source(id string) *Source {
	for _, s := range p.Sources {
		if s.ID == id {
			return s
		}
	}
	return nil
}

// DerivedCompetency returns the derived competency with the given id, or nil.
func (p *Program) DerivedCompetency(id string) *Derived {
	for _, d := range p.Derived {
		if d.ID == id {
			return d
		}
	}
	return nil
}

// MapTier maps a predecessor program's tier name onto this program's, on one
// track: an entry for that track first, then one for every track.
func (p *Program) MapTier(track, from string) (string, bool) {
	if p.Predecessor == nil {
		return "", false
	}
	for _, pass := range []string{track, ""} {
		for _, m := range p.Predecessor.Tiers {
			if m.From == from && m.Track == pass {
				return m.To, true
			}
		}
	}
	return "", false
}

// Track returns the resolved track with the given id, or nil.
func (r *Resolved) Track(id string) *Track { return findTrack(r.Tracks, id) }

// Tier returns the track's tier with the given name, or nil.
func (t *Track) Tier(name string) *Tier {
	if i := t.Rank(name); i >= 0 {
		return t.Tiers[i]
	}
	return nil
}

// Rank returns the index of the named tier (0 lowest), or -1 when the
// track is nil or has no such tier.
func (t *Track) Rank(name string) int {
	if t == nil {
		return -1
	}
	return slices.IndexFunc(t.Tiers, func(x *Tier) bool { return x.Name == name })
}

func findTrack(ts []*Track, id string) *Track {
	for _, t := range ts {
		if t.ID == id {
			return t
		}
	}
	return nil
}

func cloneTracks(ts []*Track) []*Track {
	out := make([]*Track, len(ts))
	for i, t := range ts {
		c := *t
		c.Profiles = slices.Clone(t.Profiles)
		c.Retired = slices.Clone(t.Retired)
		c.Tiers = make([]*Tier, len(t.Tiers))
		for j, tier := range t.Tiers {
			c.Tiers[j] = tier.clone()
		}
		out[i] = &c
	}
	return out
}

func (t *Tier) clone() *Tier {
	c := *t
	c.Regions = slices.Clone(t.Regions)
	c.Without = slices.Clone(t.Without)
	c.Requires = cloneReqs(t.Requires)
	return &c
}

func cloneReqs(rs []*Requirement) []*Requirement {
	if rs == nil {
		return nil
	}
	out := make([]*Requirement, len(rs))
	for i, r := range rs {
		out[i] = r.clone()
	}
	return out
}

// clone deep-copies r; Derived competencies stay shared (editions never
// change them).
func (r *Requirement) clone() *Requirement {
	c := *r
	c.Keys = slices.Clone(r.Keys)
	c.Regions = slices.Clone(r.Regions)
	c.Items = cloneReqs(r.Items)
	return &c
}

// applyEdition applies e's changes to tracks, which the caller owns (deep
// copies). bad, when not nil, hears of each change that cannot apply.
func applyEdition(tracks []*Track, e *Edition, bad func(Problem)) []*Track {
	if bad == nil {
		bad = func(Problem) {}
	}
	for _, c := range e.Changes {
		applyChange(tracks, e, c, bad)
	}
	return tracks
}

func applyChange(tracks []*Track, e *Edition, c *Change, bad func(Problem)) {
	targets := changeTargets(tracks, e, c, bad)
	if len(targets) == 0 {
		return
	}
	found := false
	for _, tg := range targets {
		found = applyToTarget(tg, e, c, bad) || found
	}
	if id := cmp.Or(c.Remove, c.Replace); id != "" && (c.Remove != "" || c.With != nil) && !found {
		key := "remove"
		if c.Replace != "" {
			key = "replace"
		}
		bad(Problem{Pos: c.at.of(key, c.Pos), Msg: fmt.Sprintf("edition %s: tier %q has no requirement %q", e.ID, c.Tier, id)})
	}
}

// changeTarget is a tier a change applies to, with its track.
type changeTarget struct {
	track *Track
	tier  *Tier
}

// changeTargets finds the tiers change c of edition e applies to: c.Tier
// of c.Track, or of every track that has it. None, reported, when the
// track or tier is missing.
func changeTargets(tracks []*Track, e *Edition, c *Change, bad func(Problem)) []changeTarget {
	if c.Track != nil {
		t := findTrack(tracks, *c.Track)
		if t == nil {
			bad(Problem{Pos: c.at.of("track", c.Pos), Msg: fmt.Sprintf("edition %s: no track %q", e.ID, *c.Track), Hint: didYouMean(*c.Track, trackIDs(tracks))})
			return nil
		}
		tier := t.Tier(c.Tier)
		if tier == nil {
			bad(Problem{Pos: c.at.of("tier", c.Pos), Msg: fmt.Sprintf("edition %s: track %q has no tier %q", e.ID, t.ID, c.Tier), Hint: didYouMean(c.Tier, tierNames(t))})
			return nil
		}
		return []changeTarget{{t, tier}}
	}
	var targets []changeTarget
	for _, t := range tracks {
		if tier := t.Tier(c.Tier); tier != nil {
			targets = append(targets, changeTarget{t, tier})
		}
	}
	if len(targets) == 0 {
		var names []string
		for _, t := range tracks {
			names = append(names, tierNames(t)...)
		}
		bad(Problem{Pos: c.at.of("tier", c.Pos), Msg: fmt.Sprintf("edition %s: no track has a tier %q (dropped by an earlier edition?)", e.ID, c.Tier), Hint: didYouMean(c.Tier, names)})
	}
	return targets
}

// applyToTarget applies change c of edition e to one tier; true when the
// requirement it removes or replaces was there.
func applyToTarget(tg changeTarget, e *Edition, c *Change, bad func(Problem)) bool {
	switch {
	case c.Add != nil:
		tg.tier.Requires = append(tg.tier.Requires, c.Add.clone())
	case c.Remove != "":
		var ok bool
		tg.tier.Requires, ok = editReq(tg.tier.Requires, c.Remove, nil)
		if ok {
			forget(tg.track, tg.tier, []*Requirement{{ID: c.Remove}})
		}
		return ok
	case c.Replace != "" && c.With != nil:
		var ok bool
		tg.tier.Requires, ok = editReq(tg.tier.Requires, c.Replace, c.With)
		return ok
	case c.Regions != nil:
		retire(tg.track, tg.tier, e, c, bad)
		tg.tier.Regions = slices.Clone(c.Regions)
	case c.DropTier:
		retire(tg.track, tg.tier, e, c, bad)
		forget(tg.track, tg.tier, tg.tier.Requires)
		tg.track.Tiers = slices.DeleteFunc(tg.track.Tiers, func(x *Tier) bool { return x == tg.tier })
	}
	return false
}

// retire records in t.Retired that change c of edition e takes tier away
// from some regions (a regions: change) or every partner (drop:). A
// held_until on a change that takes the tier from no region is reported.
func retire(t *Track, tier *Tier, e *Edition, c *Change, bad func(Problem)) {
	r := &Retirement{Tier: tier.clone(), Edition: e, Dropped: c.DropTier, HeldUntil: c.HeldUntil, Below: tierNames(t)[:t.Rank(tier.Name)]}
	if !c.DropTier {
		had := tier.Regions
		if len(had) == 0 {
			had = regionIDs
		}
		for _, reg := range had {
			if !slices.Contains(c.Regions, reg) {
				r.Taken = append(r.Taken, reg)
			}
		}
		r.Kept = slices.Clone(c.Regions)
		if len(r.Taken) == 0 {
			if !c.HeldUntil.IsZero() {
				bad(Problem{Pos: c.at.of("held_until", c.Pos), Msg: fmt.Sprintf("edition %s: held_until: tier %q is taken from no region (it existed in %s)", e.ID, tier.Name, regionText(tier.Regions))})
			}
			return
		}
	}
	if !c.HeldUntil.IsZero() && c.HeldUntil.Before(e.Effective) {
		bad(Problem{Pos: c.at.of("held_until", c.Pos), Msg: fmt.Sprintf("edition %s: held_until %s is before the edition starts (%s)", e.ID, day(c.HeldUntil), day(e.Effective))})
	}
	t.Retired = append(t.Retired, r)
}

// forget takes the ids of reqs, requirements of tier that an edition
// removes, out of the without: lists of the tiers above it: what is gone
// need not be left out.
func forget(t *Track, tier *Tier, reqs []*Requirement) {
	i := t.Rank(tier.Name)
	if i < 0 {
		return
	}
	for _, above := range t.Tiers[i+1:] {
		if above.Without == nil {
			continue
		}
		above.Without = slices.DeleteFunc(above.Without, func(id string) bool {
			return slices.ContainsFunc(reqs, func(r *Requirement) bool { return r.ID == id })
		})
		if len(above.Without) == 0 {
			above.Without = nil
		}
	}
}

// Effective returns the requirements a partner must meet to hold tier i of
// t: those of the tier below, minus the ids tier i lists in without:, plus
// its own (top-level requirements, lowest tier's first).
func (t *Track) Effective(i int) []*Requirement {
	var out []*Requirement
	for _, tier := range t.Tiers[:i+1] {
		if len(tier.Without) > 0 {
			out = slices.DeleteFunc(out, func(r *Requirement) bool { return r.ID != "" && slices.Contains(tier.Without, r.ID) })
		}
		out = append(out, tier.Requires...)
	}
	return out
}

// HasWithout reports whether a tier of t leaves out requirements of the
// tiers below (t's tiers are then not simply cumulative).
func (t *Track) HasWithout() bool {
	return slices.ContainsFunc(t.Tiers, func(x *Tier) bool { return len(x.Without) > 0 })
}

// editReq removes (with nil) or replaces the requirement with the given id,
// wherever it is in rs, groups included. rs is owned by the caller.
func editReq(rs []*Requirement, id string, with *Requirement) ([]*Requirement, bool) {
	found := false
	out := rs[:0]
	for _, r := range rs {
		switch {
		case r.ID == id && with == nil:
			found = true
			continue
		case r.ID == id:
			found = true
			r = with.clone()
		default:
			var ok bool
			r.Items, ok = editReq(r.Items, id, with)
			found = found || ok
		}
		out = append(out, r)
	}
	return out, found
}

func trackIDs(ts []*Track) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = t.ID
	}
	return out
}

func tierNames(t *Track) []string {
	out := make([]string, len(t.Tiers))
	for i, x := range t.Tiers {
		out[i] = x.Name
	}
	return out
}
