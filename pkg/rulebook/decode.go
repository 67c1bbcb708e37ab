package rulebook

import (
	"fmt"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// Parse decodes and validates one rulebook file. Decoding is strict: unknown
// keys, wrong types, missing required keys and bad dates are problems, and
// so is everything Validate finds. Every problem is reported at once, as a
// Problems error with file:line:col; the Program is nil then.
//
// Whether the program fits a run's record format is CheckSchema's question
// (a Set asks it); the engine binds keys to slots when it compiles.
func Parse(file string, data []byte) (*Program, error) {
	root, prob := parseYAML(file, data)
	if prob != nil {
		return nil, Problems{*prob}
	}
	d := &decoder{file: file}
	p := d.program(root)
	probs := append(d.probs, p.Validate()...)
	if len(probs) > 0 {
		return nil, probs.sorted()
	}
	p.linkDerived()
	p.source = data
	return p, nil
}

var (
	kindKeys    = formKeys()
	changeVerbs = []string{"add", "remove", "replace", "regions", "drop"}
)

func (d *decoder) program(n *yaml.Node) *Program {
	o := d.object(n, objRulebook, keysOf(objRulebook)...)
	o.require(requiredOf(objRulebook)...)
	p := &Program{
		ID:        o.id("id"),
		Name:      o.str("name"),
		Vendor:    o.str("vendor"),
		Summary:   o.str("summary"),
		Effective: o.date("effective"),
		Edition:   o.str("edition"),
		Ends:      o.date("ends"),
		Pos:       o.at,
		at:        o.fp,
	}
	if p.Edition == "" && !p.Effective.IsZero() {
		p.Edition = p.Effective.Format(time.DateOnly)
	}
	for _, s := range o.seq("sources") {
		so := d.object(s, objSource, keysOf(objSource)...)
		so.require(requiredOf(objSource)...)
		src := &Source{ID: so.str("id"), Title: so.str("title"), URL: so.str("url"), Pos: so.at}
		if so.has("date") {
			src.Date = so.pubDate("date")
		}
		p.Sources = append(p.Sources, src)
	}
	if o.has("vocabulary") {
		p.Vocabulary = d.vocabulary(o.vals["vocabulary"])
	}
	if o.has("predecessor") {
		p.Predecessor = d.mapping(o.vals["predecessor"])
	}
	if o.has("grace") {
		p.Grace = d.grace(o.vals["grace"])
	}
	for _, dn := range o.seq("derived") {
		do := d.object(dn, objDerived, keysOf(objDerived)...)
		do.require(requiredOf(objDerived)...)
		dv := &Derived{ID: do.str("id"), Label: do.str("label"), Pos: do.at}
		if do.has("requires") {
			dv.Requires = d.requirement(do.vals["requires"], "")
		}
		p.Derived = append(p.Derived, dv)
	}
	switch {
	case o.has("tracks") && o.has("tiers"):
		d.add(d.pos(o.keyAt["tiers"]), "a one-track program lists tiers: at the top; a program with tracks lists them inside each track", "rulebook: give either tracks or a top-level tiers, not both")
	case o.has("tracks"):
		for _, tn := range o.seq("tracks") {
			p.Tracks = append(p.Tracks, d.track(tn))
		}
	case o.has("tiers"):
		t := &Track{Pos: o.fp["tiers"], at: fieldPos{}}
		t.Tiers = d.tiers(o.seq("tiers"))
		p.Tracks = []*Track{t}
	case o.ok && !o.typos["tracks"] && !o.typos["tiers"]:
		d.add(o.at, "", "rulebook: missing required key tracks (or tiers, for a program with one track)")
	}
	for _, en := range o.seq("editions") {
		p.Editions = append(p.Editions, d.edition(en))
	}
	return p
}

func (d *decoder) vocabulary(n *yaml.Node) Vocabulary {
	o := d.object(n, objVocabulary, keysOf(objVocabulary)...)
	entries := func(key string) []*VocabEntry {
		var out []*VocabEntry
		for _, en := range o.seq(key) {
			eo := d.object(en, objVocabEntry, keysOf(objVocabEntry)...)
			eo.require(requiredOf(objVocabEntry)...)
			out = append(out, &VocabEntry{ID: eo.str("id"), Label: eo.str("label"), Unit: eo.str("unit"), Pos: eo.at})
		}
		return out
	}
	return Vocabulary{
		Credentials:  entries("credentials"),
		Metrics:      entries("metrics"),
		Competencies: entries("competencies"),
		Attestations: entries("attestations"),
	}
}

func (d *decoder) mapping(n *yaml.Node) *Mapping {
	o := d.object(n, objPredecessor, keysOf(objPredecessor)...)
	o.require(requiredOf(objPredecessor)...)
	m := &Mapping{
		Program:      o.str("program"),
		Illustrative: o.boolean("illustrative"),
		Source:       o.str("source"),
		Note:         o.str("note"),
		Pos:          o.at,
		at:           o.fp,
	}
	for _, tn := range o.seq("tiers") {
		to := d.object(tn, objTierMap, keysOf(objTierMap)...)
		to.require(requiredOf(objTierMap)...)
		m.Tiers = append(m.Tiers, &TierMap{From: to.str("from"), To: to.str("to"), Track: to.str("track"), Pos: to.at, at: to.fp})
	}
	return m
}

func (d *decoder) grace(n *yaml.Node) *Grace {
	o := d.object(n, objGrace, keysOf(objGrace)...)
	o.require(requiredOf(objGrace)...)
	g := &Grace{From: o.date("from"), Source: o.str("source"), Note: o.str("note"), Months: map[string]int{}, Pos: o.at, at: o.fp}
	if mn := o.vals["months"]; mn != nil {
		mo := d.object(mn, "grace months") // keyed by tier name
		for _, tier := range mo.order {
			g.Months[tier] = mo.integer(tier, mo.vals[tier])
			g.at["months."+tier] = d.pos(mo.keyAt[tier])
		}
	}
	return g
}

func (d *decoder) track(n *yaml.Node) *Track {
	o := d.object(n, objTrack, keysOf(objTrack)...)
	o.require(requiredOf(objTrack)...)
	t := &Track{ID: o.str("id"), Label: o.str("label"), Profiles: o.strs("profiles"), Pos: o.at, at: o.fp}
	t.Tiers = d.tiers(o.seq("tiers"))
	return t
}

func (d *decoder) tiers(nodes []*yaml.Node) []*Tier {
	var out []*Tier
	for _, n := range nodes {
		o := d.object(n, objTier, keysOf(objTier)...)
		o.require(requiredOf(objTier)...)
		t := &Tier{Name: o.str("name"), Label: o.str("label"), Regions: o.strs("regions"), Without: o.strs("without"), Pos: o.at, at: o.fp}
		if t.Without != nil && len(t.Without) == 0 {
			d.add(o.fp["without"], "leave without: out to carry over every requirement of the tier below", "without: the list is empty")
		}
		for _, rn := range o.seq("requires") {
			t.Requires = append(t.Requires, d.requirement(rn, ""))
		}
		out = append(out, t)
	}
	return out
}

// requirement decodes one requirement; inherit is the source of the
// enclosing group (or edition), used when the requirement names none.
func (d *decoder) requirement(n *yaml.Node, inherit string) *Requirement {
	o := d.object(n, objRequirement, keysOf(objRequirement)...)
	r := &Requirement{
		ID:           o.str("id"),
		Label:        o.str("label"),
		Source:       o.str("source"),
		Illustrative: o.boolean("illustrative"),
		Note:         o.str("note"),
		Regions:      o.strs("regions"),
		Pos:          o.at,
		at:           o.fp,
	}
	if r.Source == "" {
		r.Source = inherit
	}
	kind, typo := o.oneOf(kindKeys, "requirement has two kinds", "split it into two requirements, or group them under all: or any:")
	if kind == "" {
		if !typo && o.ok {
			d.add(o.at, "", "requirement: missing its kind: one of %s", strings.Join(kindKeys, ", "))
		}
		if o.has("min") {
			o.num("min") // still report a bad value: every problem at once
		}
		return r
	}
	needMin := d.kind(o, kind, r)
	switch {
	case o.has("min") && (needMin || optionalMin(kind)):
		r.Min = o.num("min")
	case o.has("min"):
		d.add(d.pos(o.keyAt["min"]), "", "min does not apply to a %s requirement", kind)
	case needMin && !o.typos["min"]:
		d.add(o.at, "", "requirement: missing required key min (for %s)", kind)
	}
	if r.Kind != KindAny && r.Kind != KindAll {
		if r.Label == "" && !o.has("label") && !o.typos["label"] {
			d.add(o.at, "", "requirement: missing required key label")
		}
		if r.Source == "" && !o.has("source") && !o.typos["source"] {
			d.add(o.at, "add source: with the id of an entry under sources:, or set it on an enclosing any:/all: group", "requirement: missing required key source")
		}
	}
	return r
}

// kind decodes the key that says what r tests (kind, one of kindKeys) as
// kindForms says: its keys or items. It reports whether the kind needs a
// min.
func (d *decoder) kind(o *object, kind string, r *Requirement) (needMin bool) {
	f, ok := formOf(kind)
	if !ok {
		return false
	}
	r.Kind = f.kind
	switch f.shape {
	case formName:
		r.Keys = []string{o.str(kind)}
		r.at["key[0]"] = o.fp[kind]
		if s := r.Keys[0]; s == "" && o.vals[kind].Kind == yaml.ScalarNode {
			d.add(o.fp[kind], "", "%s: expected a name, got an empty string", kind)
		}
	case formNames:
		r.Keys = o.strs(kind)
		for i := range r.Keys {
			r.at[fmt.Sprintf("key[%d]", i)] = o.fp[fmt.Sprintf("%s[%d]", kind, i)]
		}
		if len(r.Keys) == 0 && o.vals[kind].Kind == yaml.SequenceNode {
			d.add(o.fp[kind], "", "%s: the list is empty", kind)
		}
	case formItems:
		for _, c := range o.seq(kind) {
			r.Items = append(r.Items, d.requirement(c, r.Source))
		}
	}
	if f.min == minOptional {
		r.Min = float64(len(r.Keys)) // none given: all of them
	}
	return f.min == minRequired
}

func (d *decoder) edition(n *yaml.Node) *Edition {
	o := d.object(n, objEdition, keysOf(objEdition)...)
	o.require(requiredOf(objEdition)...)
	e := &Edition{ID: o.str("id"), Effective: o.date("effective"), Label: o.str("label"), Source: o.str("source"), Note: o.str("note"), Pos: o.at, at: o.fp}
	if e.ID == "" && !e.Effective.IsZero() {
		e.ID = e.Effective.Format(time.DateOnly)
	}
	for _, cn := range o.seq("changes") {
		e.Changes = append(e.Changes, d.change(cn, e.Source))
	}
	return e
}

func (d *decoder) change(n *yaml.Node, source string) *Change {
	o := d.object(n, objChange, keysOf(objChange)...)
	o.require(requiredOf(objChange)...)
	c := &Change{Tier: o.str("tier"), Pos: o.at, at: o.fp}
	if o.has("track") {
		t := o.str("track")
		c.Track = &t
	}
	verb, typo := o.oneOf(changeVerbs, "change has two edits", "write each edit as its own change")
	switch verb {
	case "add":
		c.Add = d.requirement(o.vals["add"], source)
	case "remove":
		c.Remove = o.str("remove")
	case "replace":
		c.Replace = o.str("replace")
		if !o.has("with") && !o.typos["with"] {
			d.add(o.at, "", "change: replace needs with: (the new requirement)")
		}
	case "regions":
		c.Regions = o.strs("regions")
	case "drop":
		c.DropTier = o.boolean("drop")
		if !c.DropTier {
			d.add(o.fp["drop"], "leave the change out to keep the tier", "drop: only drop: true is meaningful")
		}
	case "":
		if !typo && o.ok {
			d.add(o.at, "", "change: missing its edit: one of %s", strings.Join(changeVerbs, ", "))
		}
	}
	if o.has("held_until") {
		c.HeldUntil = o.date("held_until")
		if verb != "regions" && verb != "drop" {
			d.add(d.pos(o.keyAt["held_until"]), "it says how long partners keep a tier the change takes away", "held_until: goes with regions: or drop: true")
		}
	}
	if o.has("with") {
		if verb != "replace" {
			d.add(d.pos(o.keyAt["with"]), "", "with: goes with replace:")
		} else {
			c.With = d.requirement(o.vals["with"], source)
		}
	}
	return c
}

// optionalMin reports whether kind may be given a min without needing one.
func optionalMin(kind string) bool {
	f, ok := formOf(kind)
	return ok && f.min == minOptional
}
