package rulebook

import (
	"github.com/tiercalc/tiercalc/pkg/region"

	"fmt"
	"maps"
	"math"
	"slices"
	"strings"

	"github.com/tiercalc/tiercalc/pkg/partner"
)

// regionIDs are the regions a tier or requirement may be limited to
// (pkg/region maps countries onto them).
var regionIDs = region.Names()

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
	schema  *partner.Schema     // the program's record format, for min; built on first use
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
		v.min(r)
		counts := specOf(r.Kind).counts
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

// min checks r's threshold against what a record may hold: the one place
// thresholds are checked. A threshold no record can reach (1e308), or
// written more finely than the field is (cents of a cent), is a mistake;
// partner.CheckValue holds records and thresholds to the same bounds.
func (v *validator) min(r *Requirement) {
	spec := specOf(r.Kind)
	at := r.at.of("min", r.Pos)
	switch {
	case r.Min < 0:
		v.add(at, "", "min %g is negative", r.Min)
	case spec.counts != "" && r.Min != math.Trunc(r.Min):
		v.add(at, "", "min %g is not a whole number (it counts %s)", r.Min, spec.counts)
	case spec.numeric || spec.counts != "":
		prec := partner.Whole
		if spec.numeric && !spec.credential && len(r.Keys) == 1 {
			if v.schema == nil {
				v.schema = partner.NewSchema(v.p.Vocab())
			}
			if slot, ok := v.schema.Slot(r.Keys[0]); ok {
				prec = v.schema.Precision(slot)
			}
		}
		if msg, hint := partner.CheckValue(r.Min, prec); msg != "" {
			v.add(at, hint, "min %g is beyond what a record may hold: %s", r.Min, msg)
		}
	}
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
