package engine

import (
	"strings"
	"time"

	"github.com/tiercalc/tiercalc/pkg/partner"
	"github.com/tiercalc/tiercalc/pkg/region"
	"github.com/tiercalc/tiercalc/pkg/rulebook"
)

// Evaluator is a compiled rulebook edition.
type Evaluator struct {
	rv      *rulebook.Resolved
	program string
	edition string
	tracks  []ctrack
	derived []*node // compiled requirement of each derived competency
}

// ctrack is a compiled track.
type ctrack struct {
	id       string
	profiles []string
	tiers    []ctier
	// aliases resolves a record's current_tier: the track's own tier names
	// first, then the predecessor mapping's entries for this track, then
	// those for every track.
	aliases []alias
}

type alias struct {
	name string
	tier int
}

// ctier is a compiled tier.
type ctier struct {
	name   *string // the model's string, shared by every result
	scoped bool    // exists only in the regions of mask
	mask   uint8
	reqs   []*node

	graceMonths int
	graceUntil  string // YYYY-MM-DD
	graceDay    int    // dayNum of graceUntil
	graceStart  int    // dayNum of Grace.From: no grace before the window opens
}

// node is a compiled requirement.
type node struct {
	req    *rulebook.Requirement
	kind   rulebook.Kind
	scoped bool // applies only in the regions of mask
	mask   uint8
	min    float64
	key    string   // Keys[0]
	keys   []string // Keys
	slots  []int    // credential, metric: Record.Nums index per key, -1 unbound
	dref   []int    // competency set: derived index per key, or -1
	der    int      // competency: derived index, -1 none, cyclic
	items  []*node  // any, all

	gapKind string
	gapKey  string
	unit    string
	noun    string

	// anyKey and anyLabel are the Key and the Label of an any-group's gap
	// when every alternative is a leaf (fixed: the gap's own key and
	// label), precomputed so that the gap costs no strings.Join; anyFixed
	// says they are set.
	anyKey, anyLabel string
	anyFixed         bool
}

const cyclic = -2 // a derived competency that requires itself: never held

// Region bits.
const (
	bitAmericas uint8 = 1 << iota
	bitEMEA
	bitAPJ
)

func regionBit(name string) uint8 {
	switch name {
	case region.Americas:
		return bitAmericas
	case region.EMEA:
		return bitEMEA
	case region.APJ:
		return bitAPJ
	}
	return 0
}

func regionMask(names []string) uint8 {
	var m uint8
	for _, n := range names {
		m |= regionBit(n)
	}
	return m
}

// Gap kinds.
const (
	kindCredential   = "credential"
	kindCompetency   = "competency"
	kindCompetencies = "competencies"
	kindMetric       = "metric"
	kindAttestation  = "attestation"
	kindAny          = "any"
	kindAll          = "all"
)

// Keys named in Result.Unknown besides credential and metric ids.
const (
	keyCompetencies = "competencies"
	keyAttestations = "attestations"
	keyCountry      = "country"
)

// Evaluate appends to dst one Result per track of rv that applies to rec, as
// of asOf. It compiles rv on every call: batch callers should build one
// Evaluator with NewEvaluator and reuse it.
func Evaluate(rv *rulebook.Resolved, rec *partner.Record, asOf time.Time, dst []Result) []Result {
	return NewEvaluator(rv).Evaluate(rec, asOf, dst)
}

// NewEvaluator compiles rv. The requirements of rv must have been bound to
// the run's partner.Schema (Slots, Derived); a credential or metric without a
// slot reads as unknown.
func NewEvaluator(rv *rulebook.Resolved) *Evaluator {
	c := compiler{rv: rv, index: map[*rulebook.Derived]int{}, byID: map[string]*rulebook.Derived{}}
	e := &Evaluator{rv: rv, edition: rv.Edition}
	p := rv.Program
	if p == nil {
		p = &rulebook.Program{}
	}
	e.program = p.ID
	c.prog = p
	for _, d := range p.Derived {
		c.byID[d.ID] = d
	}
	for _, d := range p.Derived {
		c.derivedIndex(d)
	}
	for _, t := range rv.Tracks {
		ct := ctrack{id: t.ID, profiles: t.Profiles}
		for i, tier := range t.Tiers {
			cti := ctier{name: &t.Tiers[i].Name, scoped: len(tier.Regions) > 0, mask: regionMask(tier.Regions)}
			for _, r := range tier.Requires {
				n := c.compile(r)
				cti.reqs = append(cti.reqs, n)
			}
			if g := p.Grace; g != nil && g.Months[tier.Name] > 0 {
				until := addMonths(g.From, g.Months[tier.Name])
				cti.graceMonths = g.Months[tier.Name]
				cti.graceUntil = until.Format(time.DateOnly)
				cti.graceDay = dayNum(until)
				cti.graceStart = dayNum(g.From)
			}
			ct.tiers = append(ct.tiers, cti)
			ct.aliases = append(ct.aliases, alias{tier.Name, i})
		}
		if m := p.Predecessor; m != nil {
			for _, tm := range m.Tiers { // this track's own entries first
				if tm.Track != "" && tm.Track == t.ID {
					ct.aliases = c.alias(ct.aliases, t, tm)
				}
			}
			for _, tm := range m.Tiers {
				if tm.Track == "" {
					ct.aliases = c.alias(ct.aliases, t, tm)
				}
			}
		}
		e.tracks = append(e.tracks, ct)
	}
	e.derived = c.derived
	return e
}

func (c *compiler) alias(list []alias, t *rulebook.Track, tm *rulebook.TierMap) []alias {
	if to := t.Rank(tm.To); to >= 0 {
		list = append(list, alias{tm.From, to})
	}
	return list
}

// Resolved returns the rulebook edition e was compiled from.
func (e *Evaluator) Resolved() *rulebook.Resolved { return e.rv }

type compiler struct {
	rv      *rulebook.Resolved
	prog    *rulebook.Program
	index   map[*rulebook.Derived]int
	byID    map[string]*rulebook.Derived
	derived []*node
	busy    []bool // derived being compiled: a reference back to it is a cycle
}

// derivedIndex returns d's index in e.derived, compiling it on first use, or
// cyclic when d is being compiled (it requires itself).
func (c *compiler) derivedIndex(d *rulebook.Derived) int {
	if i, ok := c.index[d]; ok {
		if c.busy[i] {
			return cyclic
		}
		return i
	}
	i := len(c.derived)
	c.index[d] = i
	c.derived = append(c.derived, nil)
	c.busy = append(c.busy, true)
	var n *node
	if d.Requires != nil {
		n = c.compile(d.Requires)
	} else {
		n = &node{kind: rulebook.KindAll, der: -1} // requires nothing: always held
	}
	c.derived[i] = n
	c.busy[i] = false
	return i
}

func (c *compiler) compile(r *rulebook.Requirement) *node {
	n := &node{req: r, kind: r.Kind, scoped: len(r.Regions) > 0, mask: regionMask(r.Regions),
		min: r.Min, keys: r.Keys, der: -1, gapKey: strings.Join(r.Keys, "|")}
	if len(r.Keys) > 0 {
		n.key = r.Keys[0]
	}
	switch r.Kind {
	case rulebook.KindCredential:
		n.slots = c.slots(r)
		n.gapKind, n.gapKey = kindCredential, strings.Join(r.Keys, "+")
		n.noun = strings.Join(r.Keys, "/")
		n.unit = "people"
		if v := vocab(c.prog.Vocabulary.Credentials, n.key); v != nil && v.Unit != "" {
			n.unit = v.Unit
		}
	case rulebook.KindMetric:
		n.slots = c.slots(r)
		n.gapKind = kindMetric
		n.unit, n.noun = builtinMetric(n.key)
		if v := vocab(c.prog.Vocabulary.Metrics, n.key); v != nil {
			if v.Unit != "" {
				n.unit = v.Unit
			}
			if v.Label != "" {
				n.noun = v.Label
			}
		}
	case rulebook.KindCompetency:
		n.gapKind, n.noun = kindCompetency, n.key
		d := r.Derived
		if d == nil {
			d = c.byID[n.key]
		}
		if d != nil {
			n.der = c.derivedIndex(d)
		}
	case rulebook.KindCompetencySet:
		n.gapKind, n.noun = kindCompetencies, strings.Join(r.Keys, " / ")
		if n.min <= 0 {
			n.min = float64(len(r.Keys))
		}
		n.dref = make([]int, len(r.Keys))
		for i, k := range r.Keys {
			n.dref[i] = -1
			if d := c.byID[k]; d != nil {
				n.dref[i] = c.derivedIndex(d)
			}
		}
	case rulebook.KindAttestation:
		n.gapKind, n.noun = kindAttestation, n.key
	case rulebook.KindAny, rulebook.KindAll:
		n.gapKind = kindAny
		if r.Kind == rulebook.KindAll {
			n.gapKind = kindAll
		}
		for _, it := range r.Items {
			n.items = append(n.items, c.compile(it))
		}
		if r.Kind == rulebook.KindAny {
			n.fixAnyGap()
		}
	}
	return n
}

// fixAnyGap precomputes the key and label of any-group n's gap when none of
// its alternatives can expand into several gaps or a gap keyed by what
// failed (all-groups, any-groups, derived competencies): they are then
// what state.anyGap would join for every partner.
func (n *node) fixAnyGap() {
	keys := make([]string, len(n.items))
	labels := make([]string, len(n.items))
	for i, it := range n.items {
		switch {
		case it.kind == rulebook.KindAll, it.kind == rulebook.KindAny,
			it.kind == rulebook.KindCompetency && it.der >= 0:
			return
		}
		keys[i], labels[i] = it.gapKey, it.req.Label
	}
	n.anyKey, n.anyLabel, n.anyFixed = strings.Join(keys, "|"), strings.Join(labels, " or "), true
}

// slots returns r's bound slots, or -1 for each key when r was not bound.
func (c *compiler) slots(r *rulebook.Requirement) []int {
	if len(r.Slots) == len(r.Keys) {
		return r.Slots
	}
	s := make([]int, len(r.Keys))
	for i := range s {
		s[i] = -1
	}
	return s
}

func vocab(list []*rulebook.VocabEntry, id string) *rulebook.VocabEntry {
	for _, v := range list {
		if v.ID == id {
			return v
		}
	}
	return nil
}

// builtinMetric gives the unit and label of SPEC.md's metrics, for rulebooks
// whose vocabulary does not restate them.
func builtinMetric(id string) (unit, label string) {
	switch id {
	case "revenue_usd":
		return "USD", "revenue"
	case "tier_credits":
		return "credits", "tier credits"
	case "cores":
		return "cores", "committed cores"
	case "cloud_points":
		return "points", "cloud points"
	case "deployments":
		return "deployments", "deployments"
	case "customer_references":
		return "references", "customer references"
	}
	return "", id
}

// dayNum orders calendar days: a < b iff day a is before day b.
func dayNum(t time.Time) int {
	y, m, d := t.Date()
	return y*512 + int(m)*32 + d
}

// addMonths is t plus n calendar months, clamped to the end of the target
// month: six months from 31 August is the last day of February, not
// 3 March as time.AddDate's normalisation would give.
func addMonths(t time.Time, n int) time.Time {
	y, m, d := t.Date()
	first := time.Date(y, m+time.Month(n), 1, 0, 0, 0, 0, t.Location())
	last := first.AddDate(0, 1, -1).Day()
	return time.Date(first.Year(), first.Month(), min(d, last), 0, 0, 0, 0, t.Location())
}
