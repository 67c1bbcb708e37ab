package rulebook

import (
	"maps"
	"slices"
	"strings"
	"time"
)

// derivedCycles reports each cycle among derived competencies once.
func (v *validator) derivedCycles() {
	p := v.p
	byID := map[string]*Derived{}
	for _, d := range p.Derived {
		if _, dup := byID[d.ID]; !dup {
			byID[d.ID] = d
		}
	}
	deps := func(d *Derived) []*Derived {
		var out []*Derived
		if d.Requires == nil {
			return nil
		}
		walk([]*Requirement{d.Requires}, func(r *Requirement) {
			if specOf(r.Kind).names == "competency" {
				for _, k := range r.Keys {
					if x := byID[k]; x != nil {
						out = append(out, x)
					}
				}
			}
		})
		return out
	}
	const (
		white = iota
		grey
		black
	)
	color := map[*Derived]int{}
	var stack []*Derived
	var visit func(d *Derived)
	visit = func(d *Derived) {
		color[d] = grey
		stack = append(stack, d)
		for _, x := range deps(d) {
			switch color[x] {
			case white:
				visit(x)
			case grey:
				i := slices.Index(stack, x)
				var path []string
				for _, s := range stack[i:] {
					path = append(path, s.ID)
				}
				path = append(path, x.ID)
				v.add(x.Pos, "", "derived competencies form a cycle: %s", strings.Join(path, " -> "))
			}
		}
		stack = stack[:len(stack)-1]
		color[d] = black
	}
	for _, d := range p.Derived {
		if color[d] == white {
			visit(d)
		}
	}
}

func (v *validator) tierExists(track, name string) bool {
	for _, t := range v.p.Tracks {
		if (track == "" || t.ID == track) && t.Tier(name) != nil {
			return true
		}
	}
	return false
}

func (v *validator) allTierNames() []string {
	var out []string
	for _, t := range v.p.Tracks {
		out = append(out, tierNames(t)...)
	}
	return out
}

func (v *validator) mapping() {
	m := v.p.Predecessor
	if m == nil {
		return
	}
	if m.Illustrative && m.Note == "" {
		v.add(m.at.of("illustrative", m.Pos), "say in note: why the mapping is by rank only", "illustrative mapping without a note")
	}
	if m.Source != "" && !v.sources[m.Source] {
		v.add(m.at.of("source", m.Pos), v.sourceHint(m.Source), "undefined source %q", m.Source)
	}
	if m.Program != "" && m.Program == v.p.ID {
		v.add(m.at.of("program", m.Pos), "", "a program cannot be its own predecessor")
	}
	seen := map[[2]string]Pos{}
	for _, tm := range m.Tiers {
		if tm.Track != "" && findTrack(v.p.Tracks, tm.Track) == nil {
			v.add(tm.at.of("track", tm.Pos), didYouMean(tm.Track, trackIDs(v.p.Tracks)), "tier mapping: no track %q", tm.Track)
		} else if tm.To != "" && !v.tierExists(tm.Track, tm.To) {
			v.add(tm.at.of("to", tm.Pos), didYouMean(tm.To, v.allTierNames()), "tier mapping: no tier %q in this program", tm.To)
		}
		k := [2]string{tm.From, tm.Track}
		if f, dup := seen[k]; dup {
			v.add(tm.Pos, "", "tier mapping for %q repeated (first at line %d)", tm.From, f.Line)
		}
		seen[k] = tm.Pos
	}
}

func (v *validator) grace() {
	g := v.p.Grace
	if g == nil {
		return
	}
	if g.Source != "" && !v.sources[g.Source] {
		v.add(g.at.of("source", g.Pos), v.sourceHint(g.Source), "undefined source %q", g.Source)
	}
	for _, t := range slices.Sorted(maps.Keys(g.Months)) {
		at := g.at.of("months."+t, g.Pos)
		if !v.tierExists("", t) {
			v.add(at, didYouMean(t, v.allTierNames()), "grace months: no tier %q in this program", t)
		}
		if g.Months[t] < 0 {
			v.add(at, "", "grace months: %d months for %q is negative", g.Months[t], t)
		}
	}
}

// editions checks dates and ids, then applies each edition in turn to a
// copy of the tracks, checking the result as it goes.
func (v *validator) editions() {
	p := v.p
	if !p.Ends.IsZero() && !p.Effective.IsZero() && p.Ends.Before(p.Effective) {
		v.add(p.at.of("ends", p.Pos), "", "program ends (%s) before it is effective (%s)", day(p.Ends), day(p.Effective))
	}
	type idp struct {
		id string
		at Pos
	}
	ids := []idp{{p.BaseEdition(), p.at.of("edition", p.at.of("effective", p.Pos))}}
	for _, e := range p.Editions {
		ids = append(ids, idp{e.ID, e.at.of("id", e.Pos)})
	}
	unique(v, "edition id", ids, func(x idp) (string, Pos) { return x.id, x.at })
	prev := p.Effective
	prevID := "the base edition"
	for _, e := range p.Editions {
		at := e.at.of("effective", e.Pos)
		switch {
		case e.Effective.IsZero():
		case !p.Effective.IsZero() && !e.Effective.After(p.Effective):
			v.add(at, "", "edition %s starts %s, not after the program's effective date %s", e.ID, day(e.Effective), day(p.Effective))
		case !prev.IsZero() && !e.Effective.After(prev):
			v.add(at, "list editions in date order", "edition %s starts %s, not after %s (%s)", e.ID, day(e.Effective), prevID, day(prev))
		case !p.Ends.IsZero() && e.Effective.After(p.Ends):
			v.add(at, "", "edition %s starts %s, after the program ends (%s)", e.ID, day(e.Effective), day(p.Ends))
		}
		if !e.Effective.IsZero() {
			prev, prevID = e.Effective, "edition "+e.ID
		}
		if e.Source != "" && !v.sources[e.Source] {
			v.add(e.at.of("source", e.Pos), v.sourceHint(e.Source), "undefined source %q", e.Source)
		}
	}
	tracks := cloneTracks(p.Tracks)
	for _, e := range p.datedEditions() {
		tracks = applyEdition(tracks, e, func(pr Problem) { v.probs = append(v.probs, pr) })
		v.tracks(tracks, e.ID)
	}
}

func day(t interface{ Format(string) string }) string { return t.Format(time.DateOnly) }
