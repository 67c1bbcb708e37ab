package engine

import (
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

// Evaluate appends to dst one Result per track of rv that applies to rec, as
// of asOf, rec having been read with schema s. It compiles rv on every call:
// batch callers should build one Evaluator with NewEvaluator and reuse it.
func Evaluate(rv *rulebook.Resolved, s *partner.Schema, rec *partner.Record, asOf time.Time, dst []Result) []Result {
	return NewEvaluator(rv, s).Evaluate(rec, asOf, dst)
}

// NewEvaluator compiles rv for records read with schema s: the compiler
// resolves credential and metric keys to the record's slots, so a rulebook
// is bound to the run's record format here and never by writing into its
// model. A key s lacks (or holds as the other numeric kind, which a
// rulebook.Set refuses when it loads) reads as unknown; so does every
// credential and metric when s is nil.
func NewEvaluator(rv *rulebook.Resolved, s *partner.Schema) *Evaluator {
	c := compiler{rv: rv, schema: s, index: map[*rulebook.Derived]int{}, byID: map[string]*rulebook.Derived{}}
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
	schema  *partner.Schema
	ints    []int // where slot lists are carved from, a chunk at a time
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
		n = &node{ops: allOps, der: -1} // requires nothing: always held
	}
	c.derived[i] = n
	c.busy[i] = false
	return i
}

// slots resolves the keys of r, a credential (credential set) or metric
// requirement, to the record's numeric slots, -1 where the schema has none
// of that kind.
func (c *compiler) slots(r *rulebook.Requirement, credential bool) []int {
	if len(c.ints) < len(r.Keys) {
		c.ints = make([]int, max(64, len(r.Keys)))
	}
	out := c.ints[:len(r.Keys):len(r.Keys)]
	c.ints = c.ints[len(r.Keys):]
	for i, k := range r.Keys {
		out[i] = -1
		if c.schema == nil {
			continue
		}
		if slot, ok := c.schema.Slot(k); ok && c.schema.IsCredential(slot) == credential {
			out[i] = slot
		}
	}
	return out
}

func vocab(list []*rulebook.VocabEntry, id string) *rulebook.VocabEntry {
	for _, v := range list {
		if v.ID == id {
			return v
		}
	}
	return nil
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
