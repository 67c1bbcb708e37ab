// Package plan finds the cheapest set of actions that takes a partner to a
// target tier: which credentials, competencies, attestations and metric
// units to add, priced by a costs file (money + days x day rate), with lead
// time as a constraint only. Items the costs file does not price are not
// plannable: they are listed apart as blocking and the rest is planned.
//
// The planner works over a list of requirements to satisfy (Effective gives
// a tier's), so a rulebook rule that changes which requirements a tier
// inherits changes one function. It is exact: every any-of alternative and
// every choice of members of an N-of set is tried (a met alternative ends
// the search for its group), and each resulting conjunction of thresholds is
// solved exactly per key, several requirements on one key combining as the
// highest level needed.
package plan

import (
	"math"
	"slices"
	"strings"
	"sync"

	"github.com/tiercalc/tiercalc/pkg/partner"
	"github.com/tiercalc/tiercalc/pkg/region"
	"github.com/tiercalc/tiercalc/pkg/rulebook"
)

// Action is one thing a plan does: Add more units of an item.
type Action struct {
	Kind  string  `json:"kind"`
	Key   string  `json:"key"`
	Have  float64 `json:"have"`
	Add   float64 `json:"add"`
	Days  int64   `json:"-"` // hundredths of a day, for all units
	Money int64   `json:"-"` // cents, for all units
	Lead  int     `json:"lead_days"`
	// Illustrative is true when the item's cost is an assumption.
	Illustrative bool `json:"illustrative"`
}

// Blocker is a gap the costs file does not price: it cannot be planned.
type Blocker struct {
	Kind  string  `json:"kind"`
	Key   string  `json:"key"`
	Have  float64 `json:"have"`
	Need  float64 `json:"need"`
	Short float64 `json:"short"`
}

// Option is one way to the target: its actions, what blocks it, and totals.
type Option struct {
	Actions  []Action
	Blocking []Blocker
	Cost     int64 // hundredths of a cent: money + days x day rate
	Days     int64 // hundredths of a day
	Money    int64 // cents
	Lead     int   // days: the longest lead time of its actions
	Late     bool  // its lead time does not fit the limit
}

// CostCents is the option's objective in cents, rounded half up.
func (o *Option) CostCents() int64 { return (o.Cost + 50) / 100 }

// Result is a plan: the cheapest option first, then up to two cheaper-next
// options that differ from it in which items they act on.
type Result struct {
	Options []Option
	// Assumed lists the unknown values planned as zero (or empty), and
	// "country" when region-scoped requirements were planned as applying.
	Assumed []string
}

// Planner plans for one program under one costs table, for records of one
// schema. It is immutable and safe for concurrent use.
type Planner struct {
	costs   *Costs
	schema  *partner.Schema
	derived map[string]*rulebook.Requirement
	implies []int // slot -> slot a unit also adds to (VCAP-X -> VCP-X); -1: none
	slotKey []string
	cost    []*Cost   // per slot: credential or metric cost; nil: not plannable
	pool    sync.Pool // *search: one plan's scratch, reused
	notes   map[string]string
}

// unknownNote is the note of a plan that assumed key's unknown value.
func (p *Planner) unknownNote(key string) string {
	if n, ok := p.notes[key]; ok {
		return n
	}
	return unknownNote(key)
}

func unknownNote(key string) string { return "The value of " + key + " is unknown: planned as none." }

// NewPlanner prepares planning for program p's requirements.
func NewPlanner(c *Costs, s *partner.Schema, p *rulebook.Program) *Planner {
	pl := &Planner{costs: c, schema: s, derived: map[string]*rulebook.Requirement{}}
	if p != nil {
		for _, d := range p.Derived {
			pl.derived[d.ID] = d.Requires
		}
	}
	names := s.NumFields()
	pl.slotKey = names
	pl.implies = make([]int, len(names))
	pl.cost = make([]*Cost, len(names))
	for i, n := range names {
		pl.implies[i] = -1
		kind := KindMetric
		if s.IsCredential(i) {
			kind = KindCredential
			if rest, ok := strings.CutPrefix(n, "VCAP-"); ok {
				if j, ok := s.Slot("VCP-" + rest); ok {
					pl.implies[i] = j
				}
			}
		}
		pl.cost[i] = c.Lookup(kind, n)
	}
	pl.notes = map[string]string{}
	for _, k := range append(slices.Clone(names), "competencies", "attestations") {
		pl.notes[k] = unknownNote(k)
	}
	return pl
}

// Effective returns the requirements a partner must meet to hold tier
// target of t: the tier's effective set (rulebook.Track.Effective: every
// tier up to it, less what a tier leaves out with without:), less the
// requirements of tiers that do not exist in the partner's region (every
// tier counts when the region is unknown, "").
func Effective(t *rulebook.Track, target int, reg string) []*rulebook.Requirement {
	if target >= len(t.Tiers) {
		target = len(t.Tiers) - 1
	}
	out := t.Effective(target)
	for i := 0; i <= target; i++ {
		tier := t.Tiers[i]
		if reg != "" && len(tier.Regions) > 0 && !slices.Contains(tier.Regions, reg) {
			out = slices.DeleteFunc(out, func(r *rulebook.Requirement) bool { return slices.Contains(tier.Requires, r) })
		}
	}
	return out
}

// TierExists reports whether tier exists in region reg ("" unknown: yes).
func TierExists(tier *rulebook.Tier, reg string) bool {
	return reg == "" || len(tier.Regions) == 0 || slices.Contains(tier.Regions, reg)
}

// Qualified returns the index of the highest tier of t whose requirements,
// and those of every tier below that exists in region reg, rec meets as it
// is (unknown values count as unmet); -1 for none.
func (p *Planner) Qualified(t *rulebook.Track, rec *partner.Record, reg string) int {
	v := &view{p: p, rec: rec, region: reg, regionKnown: reg != ""}
	q := -1
	for i, tier := range t.Tiers {
		if !TierExists(tier, reg) {
			continue
		}
		for _, r := range tier.Requires {
			if !v.met(r, 0) {
				return q
			}
		}
		q = i
	}
	return q
}

// Options tune a plan.
type Options struct {
	LeadLimit int // days; < 0: no limit
	Options   int // how many options to return (1 to 3; 0 means 3)
}

// Plan returns the cheapest ways for rec to meet every one of reqs.
func (p *Planner) Plan(reqs []*rulebook.Requirement, rec *partner.Record, o Options) *Result {
	res := &Result{}
	p.planInto(reqs, rec, o, res)
	return res
}

// planInto is Plan writing into res, reusing its Options' room.
func (p *Planner) planInto(reqs []*rulebook.Requirement, rec *partner.Record, o Options, res *Result) {
	s, _ := p.pool.Get().(*search)
	if s == nil {
		s = &search{p: p}
	}
	s.reset()
	v := &s.view
	v.p, v.rec = p, rec
	if rec.Country != "" && region.Known(rec.Country) {
		v.region = region.Of(rec.Country)
		v.regionKnown = true
	}
	root := s.newConj()
	for _, r := range reqs {
		v.compile(r, root, 0)
	}
	s.limit, s.want = o.LeadLimit, o.Options
	if s.want <= 0 || s.want > 3 {
		s.want = 3
	}
	s.run(root)
	res.Assumed = v.assumed
	res.Options = res.Options[:0]
	for _, b := range s.best {
		res.Options = append(res.Options, b.opt)
	}
	v.assumed = nil // handed out with res
	v.rec = nil
	p.pool.Put(s)
}

// view reads a record for planning: unknown numbers are zero, unknown
// lists empty, each noted in assumed.
type view struct {
	s           *search // arena of conj, disj and slots
	p           *Planner
	rec         *partner.Record
	region      string
	regionKnown bool
	assumed     []string
}

func (v *view) assume(key string) {
	if !slices.Contains(v.assumed, key) {
		v.assumed = append(v.assumed, key)
	}
}

func (v *view) num(slot int) float64 {
	if slot < 0 || slot >= len(v.rec.Nums) || partner.IsUnknown(v.rec.Nums[slot]) {
		if slot >= 0 && slot < len(v.p.slotKey) {
			v.assume(v.p.slotKey[slot])
		}
		return 0
	}
	return v.rec.Nums[slot]
}

func (v *view) slot(key string) int {
	if i, ok := v.p.schema.Slot(key); ok {
		return i
	}
	return -1
}

func (v *view) applies(r *rulebook.Requirement) bool {
	if len(r.Regions) == 0 {
		return true
	}
	if !v.regionKnown {
		v.assume("country")
		return true
	}
	return slices.Contains(r.Regions, v.region)
}

// offered reports whether it, an alternative of an any-group, is open to
// the partner: an alternative limited to regions the partner is known not
// to be in is no option (as the engine judges it), not one met for free.
func (v *view) offered(it *rulebook.Requirement) bool {
	return len(it.Regions) == 0 || !v.regionKnown || slices.Contains(it.Regions, v.region)
}

func (v *view) listed(list []string, name, key string) bool {
	if list == nil {
		v.assume(name)
		return false
	}
	return partner.Has(list, key)
}

// holds reports whether the partner holds competency id.
func (v *view) holds(id string, depth int) bool {
	if d := v.p.derived[id]; d != nil {
		return depth < maxDepth && v.met(d, depth+1)
	}
	return v.listed(v.rec.Competencies, "competencies", id)
}

const maxDepth = 8

// met reports whether requirement r holds for the record as it is.
func (v *view) met(r *rulebook.Requirement, depth int) bool {
	if !v.applies(r) {
		return true
	}
	switch r.Kind {
	case rulebook.KindCredential:
		sum := 0.0
		for _, k := range r.Keys {
			sum += v.num(v.slot(k))
		}
		return sum >= r.Min
	case rulebook.KindMetric:
		return v.num(v.slot(r.Keys[0])) >= r.Min
	case rulebook.KindAttestation:
		return v.listed(v.rec.Attestations, "attestations", r.Keys[0])
	case rulebook.KindCompetency:
		return v.holds(r.Keys[0], depth)
	case rulebook.KindCompetencySet:
		held := 0
		for _, k := range r.Keys {
			if v.holds(k, depth) {
				held++
			}
		}
		return float64(held) >= setMin(r)
	case rulebook.KindAny:
		for _, it := range r.Items {
			if v.offered(it) && v.met(it, depth) {
				return true
			}
		}
		return false
	case rulebook.KindAll:
		for _, it := range r.Items {
			if !v.met(it, depth) {
				return false
			}
		}
		return true
	}
	return false
}

func setMin(r *rulebook.Requirement) float64 {
	if r.Min <= 0 {
		return float64(len(r.Keys))
	}
	return r.Min
}

// An atom is one unmet condition: a threshold on the sum of numeric slots,
// or an item (competency, attestation) to get.
type atom struct {
	slots []int
	min   float64
	kind  string // KindCompetency or KindAttestation for items
	key   string
}

// conj is a set of conditions that must all hold; each disj in ors needs
// one of its alternatives.
type conj struct {
	atoms []atom
	ors   []*disj
}

type disj struct{ alts []*conj }

// compile adds what r needs, beyond what the record already meets, to c.
func (v *view) compile(r *rulebook.Requirement, c *conj, depth int) {
	if depth > maxDepth || v.met(r, depth) {
		return
	}
	switch r.Kind {
	case rulebook.KindCredential, rulebook.KindMetric:
		n := len(v.s.slotBuf)
		for _, k := range r.Keys {
			v.s.slotBuf = append(v.s.slotBuf, v.slot(k))
		}
		c.atoms = append(c.atoms, atom{min: r.Min, slots: v.s.slotBuf[n:len(v.s.slotBuf):len(v.s.slotBuf)]})
	case rulebook.KindAttestation:
		c.atoms = append(c.atoms, atom{kind: KindAttestation, key: r.Keys[0]})
	case rulebook.KindCompetency:
		v.competency(r.Keys[0], c, depth)
	case rulebook.KindCompetencySet:
		var open []string
		need := int(math.Ceil(setMin(r)))
		for _, k := range r.Keys {
			if v.holds(k, depth) {
				need--
			} else {
				open = append(open, k)
			}
		}
		d := v.s.newDisj()
		combos(open, need, func(pick []string) {
			alt := v.s.newConj()
			for _, k := range pick {
				v.competency(k, alt, depth)
			}
			d.alts = append(d.alts, alt)
		})
		c.ors = append(c.ors, d)
	case rulebook.KindAny:
		d := v.s.newDisj()
		for _, it := range r.Items {
			if !v.offered(it) {
				continue
			}
			alt := v.s.newConj()
			v.compile(it, alt, depth)
			d.alts = append(d.alts, alt)
		}
		c.ors = append(c.ors, d)
	case rulebook.KindAll:
		for _, it := range r.Items {
			v.compile(it, c, depth)
		}
	}
}

func (v *view) competency(id string, c *conj, depth int) {
	if d := v.p.derived[id]; d != nil {
		v.compile(d, c, depth+1)
		return
	}
	if !v.holds(id, depth) {
		c.atoms = append(c.atoms, atom{kind: KindCompetency, key: id})
	}
}

// combos calls f with every choice of n of items, in order.
func combos(items []string, n int, f func([]string)) {
	if n > len(items) {
		n = len(items) // cannot be met: plan every member, the rest stays short
	}
	pick := make([]string, 0, n)
	var rec func(i int)
	rec = func(i int) {
		if len(pick) == n {
			f(pick) // f does not keep pick
			return
		}
		for j := i; j <= len(items)-(n-len(pick)); j++ {
			pick = append(pick, items[j])
			rec(j + 1)
			pick = pick[:len(pick)-1]
		}
	}
	rec(0)
}
