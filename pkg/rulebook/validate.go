package rulebook

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/tiercalc/tiercalc/pkg/partner"
)

// regionIDs are the regions a tier or requirement may be limited to
// (pkg/region maps countries onto them).
var regionIDs = []string{"americas", "emea", "apj"}

// Validate checks what decoding cannot: duplicate ids, references to
// undefined sources and names, derived-competency cycles, editions that do
// not apply or are out of order, tiers less strict than the tiers below
// them and tiers that can never be reached. A name is defined when it is
// built in (pkg/partner's tables) or listed in the program's vocabulary;
// competencies are never built in, so they must be in the vocabulary or
// derived. Parse calls Validate; a Program built in code may call it too.
func (p *Program) Validate() Problems {
	v := &validator{p: p, sources: map[string]bool{}, said: map[string]bool{}}
	for _, s := range p.Sources {
		v.sources[s.ID] = true
	}
	v.names()
	v.base()
	v.derivedCycles()
	v.mapping()
	v.grace()
	v.editions()
	return v.probs.sorted()
}

type validator struct {
	p       *Program
	said    map[string]bool // pos+message of each track problem, so editions do not repeat them
	probs   Problems
	sources map[string]bool
	defined map[string][]string // what kindSpec.names names -> the names defined
}

func (v *validator) add(at Pos, hint, format string, args ...any) {
	v.probs = append(v.probs, Problem{Pos: at, Msg: fmt.Sprintf(format, args...), Hint: hint})
}

// unique reports each repeated id among items.
func unique[T any](v *validator, what string, items []T, id func(T) (string, Pos)) {
	first := map[string]Pos{}
	for _, it := range items {
		s, at := id(it)
		if s == "" {
			continue
		}
		if f, dup := first[s]; dup {
			v.add(at, "", "%s %q repeated (first at line %d)", what, s, f.Line)
			continue
		}
		first[s] = at
	}
}

func vocabID(e *VocabEntry) (string, Pos) { return e.ID, e.Pos }

// names checks sources and vocabulary, and gathers the defined names.
func (v *validator) names() {
	p := v.p
	unique(v, "source", p.Sources, func(s *Source) (string, Pos) { return s.ID, s.Pos })
	voc := p.Vocabulary
	unique(v, "vocabulary credential", voc.Credentials, vocabID)
	unique(v, "vocabulary metric", voc.Metrics, vocabID)
	unique(v, "vocabulary competency", voc.Competencies, vocabID)
	unique(v, "vocabulary attestation", voc.Attestations, vocabID)
	ids := func(es []*VocabEntry) []string {
		out := make([]string, len(es))
		for i, e := range es {
			out[i] = e.ID
		}
		return out
	}
	comps := ids(voc.Competencies)
	for _, d := range p.Derived {
		comps = append(comps, d.ID)
	}
	v.defined = map[string][]string{
		"credential":  append(slices.Clone(partner.Credentials), ids(voc.Credentials)...),
		"metric":      append(slices.Clone(partner.Metrics), ids(voc.Metrics)...),
		"attestation": append(slices.Clone(partner.Attestations), ids(voc.Attestations)...),
		"competency":  comps,
	}
	// A numeric name is a credential or a metric, never both: the record
	// keeps one slot per name.
	for _, e := range voc.Credentials {
		if slices.Contains(partner.Metrics, e.ID) || slices.Contains(ids(voc.Metrics), e.ID) {
			v.add(e.Pos, "", "vocabulary credential %q is also a metric", e.ID)
		}
	}
	for _, e := range voc.Metrics {
		if slices.Contains(partner.Credentials, e.ID) {
			v.add(e.Pos, "", "vocabulary metric %q is a built-in credential", e.ID)
		}
	}
}

// base checks the program as written: ids, tracks and the base edition.
func (v *validator) base() {
	p := v.p
	unique(v, "derived competency", p.Derived, func(d *Derived) (string, Pos) { return d.ID, d.Pos })
	unique(v, "track", p.Tracks, func(t *Track) (string, Pos) { return t.ID, t.Pos })
	var all []*Requirement
	for _, d := range p.Derived {
		if d.Requires != nil {
			all = append(all, d.Requires)
		}
	}
	for _, t := range p.Tracks {
		unique(v, "tier", t.Tiers, func(x *Tier) (string, Pos) { return x.Name, x.Pos })
		for i, pr := range t.Profiles {
			if !slices.Contains(partner.Profiles, pr) {
				v.add(t.at.of(fmt.Sprintf("profiles[%d]", i), t.Pos), didYouMean(pr, partner.Profiles), "track %q: unknown profile %q (known: %s)", t.ID, pr, strings.Join(partner.Profiles, ", "))
			}
		}
		for _, tier := range t.Tiers {
			v.regions(tier.Regions, tier.at, tier.Pos)
			all = append(all, tier.Requires...)
		}
	}
	for _, e := range p.Editions {
		for _, c := range e.Changes {
			v.regions(c.Regions, c.at, c.Pos)
			if c.Add != nil {
				v.requirements([]*Requirement{c.Add})
			}
			if c.With != nil {
				v.requirements([]*Requirement{c.With})
			}
		}
	}
	v.requirements(all)
	var flat []*Requirement
	walk(all, func(r *Requirement) { flat = append(flat, r) })
	unique(v, "requirement id", flat, func(r *Requirement) (string, Pos) { return r.ID, r.at.of("id", r.Pos) })
	for _, d := range p.Derived {
		if d.Requires == nil {
			continue
		}
		if why, at := v.never(d.Requires, map[*Derived]bool{d: true}); why != "" {
			v.add(at, "", "derived competency %q can never be held: %s", d.ID, why)
		}
	}
	v.tracks(p.Tracks, "")
}

func walk(rs []*Requirement, fn func(*Requirement)) {
	for _, r := range rs {
		fn(r)
		walk(r.Items, fn)
	}
}

func (v *validator) regions(rs []string, at fieldPos, def Pos) {
	for i, r := range rs {
		if !slices.Contains(regionIDs, r) {
			v.add(at.of(fmt.Sprintf("regions[%d]", i), def), didYouMean(r, regionIDs), "unknown region %q (known: %s)", r, strings.Join(regionIDs, ", "))
		}
	}
}

// requirements checks each requirement (and those it groups) on its own.
func (v *validator) requirements(rs []*Requirement) {
	walk(rs, func(r *Requirement) {
		if _, written := r.at["source"]; written && !v.sources[r.Source] {
			v.add(r.at.of("source", r.Pos), v.sourceHint(r.Source), "undefined source %q", r.Source)
		}
		if r.Illustrative && r.Note == "" {
			v.add(r.at.of("illustrative", r.Pos), "say in note: what the illustrative value assumes", "illustrative requirement without a note")
		}
		v.regions(r.Regions, r.at, r.Pos)
		for i, k := range r.Keys {
			v.key(r, i, k)
		}
		counts := specOf(r.Kind).counts
		switch {
		case r.Min < 0:
			v.add(r.at.of("min", r.Pos), "", "min %g is negative", r.Min)
		case counts != "" && r.Min != math.Trunc(r.Min):
			v.add(r.at.of("min", r.Pos), "", "min %g is not a whole number (it counts %s)", r.Min, counts)
		}
		if counts != "" {
			seen := map[string]bool{}
			for i, k := range r.Keys {
				if seen[k] {
					v.add(r.at.of(fmt.Sprintf("key[%d]", i), r.Pos), "", "%q listed twice", k)
				}
				seen[k] = true
			}
		}
	})
}

func (v *validator) sourceHint(s string) string {
	if h := didYouMean(s, slices.Sorted(maps.Keys(v.sources))); h != "" {
		return h
	}
	return "list it under sources: with an id and a title"
}

// key checks that the i-th key of r names something defined for its kind.
func (v *validator) key(r *Requirement, i int, k string) {
	spec := specOf(r.Kind)
	if k == "" || spec.names == "" {
		return
	}
	defined := v.defined[spec.names]
	if slices.Contains(defined, k) {
		return
	}
	hint := didYouMean(k, defined)
	switch {
	case hint != "":
	case spec.other != "" && slices.Contains(v.defined[spec.other], k):
		hint = fmt.Sprintf("%s is a %s: write %s: %s", k, spec.other, spec.other, k)
	case spec.undefined != "":
		hint = spec.undefined
	default:
		hint = fmt.Sprintf("list it under vocabulary: %s:", spec.section)
	}
	v.add(r.at.of(fmt.Sprintf("key[%d]", i), r.Pos), hint, "undefined %s %q", spec.names, k)
}

// tracks checks one edition's tracks (after edition, "" for the base):
// requirement ids unique within a track, tiers at least as strict as those
// below, every tier reachable.
func (v *validator) tracks(ts []*Track, edition string) {
	after := ""
	if edition != "" {
		after = " after edition " + edition
	}
	for _, t := range ts {
		if edition != "" {
			var flat []*Requirement
			for _, tier := range t.Tiers {
				walk(tier.Requires, func(r *Requirement) { flat = append(flat, r) })
			}
			unique(v, "requirement id (in track "+quote(t.ID)+after+")", flat, func(r *Requirement) (string, Pos) { return r.ID, r.at.of("id", r.Pos) })
		}
		// The strictest threshold for each key over the tiers below.
		type floor struct {
			min  float64
			tier string
		}
		below := map[string]floor{}
		unreachable := ""
		for _, tier := range t.Tiers {
			mins := map[string]*Requirement{}
			thresholds(tier.Requires, mins)
			for _, k := range slices.Sorted(maps.Keys(mins)) {
				r := mins[k]
				if f, ok := below[k]; ok && r.Min < f.min {
					v.once(r.at.of("min", r.Pos), fmt.Sprintf("raise it to at least %g, or remove it: tiers are cumulative", f.min), after,
						fmt.Sprintf("tier %q requires %s >= %g, less than the %g of tier %q below it", tier.Name, displayKey(k), r.Min, f.min, f.tier))
				}
			}
			if len(tier.Regions) == 0 {
				for k, r := range mins {
					if f, ok := below[k]; !ok || r.Min > f.min {
						below[k] = floor{r.Min, tier.Name}
					}
				}
			}
			if unreachable != "" {
				continue // reported once, at the first unreachable tier
			}
			for _, r := range tier.Requires {
				if why, at := v.never(r, map[*Derived]bool{}); why != "" {
					unreachable = tier.Name
					v.once(at, "", after, fmt.Sprintf("tier %q can never be reached: %s", tier.Name, why))
					break
				}
			}
		}
	}
}

// once reports a problem of a track unless an earlier edition (or the base)
// already had it at the same place; after names the edition.
func (v *validator) once(at Pos, hint, after, msg string) {
	key := at.String() + "\x00" + msg
	if v.said[key] {
		return
	}
	v.said[key] = true
	v.add(at, hint, "%s%s", msg, after)
}

func quote(s string) string { return fmt.Sprintf("%q", s) }

// thresholds gathers, by key, the strictest numeric requirement a tier
// always imposes: top level and inside all: groups, not inside any: (an
// alternative) nor when limited to some regions.
func thresholds(rs []*Requirement, out map[string]*Requirement) {
	for _, r := range rs {
		if len(r.Regions) > 0 {
			continue
		}
		spec := specOf(r.Kind)
		if spec.all {
			thresholds(r.Items, out)
			continue
		}
		if spec.threshold == nil {
			continue
		}
		k := spec.threshold(r)
		if prev, ok := out[k]; !ok || r.Min > prev.Min {
			out[k] = r
		}
	}
}

func displayKey(k string) string {
	_, after, _ := strings.Cut(k, " ")
	return after
}

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
