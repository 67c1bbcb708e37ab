package engine

import (
	"cmp"
	"fmt"
	"math"
	"math/bits"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	"github.com/tiercalc/tiercalc/pkg/partner"
	"github.com/tiercalc/tiercalc/pkg/rulebook"
)

// NewEvaluator compiles rv for records read with schema s: the compiler
// resolves credential and metric keys to the record's slots, so a rulebook
// is bound to the run's record format here and never by writing into its
// model. A key s lacks (or holds as the other numeric kind, which a
// rulebook.Set refuses when it loads) reads as unknown; so does every
// credential and metric when s is nil.
func NewEvaluator(rv *rulebook.Resolved, s *partner.Schema) *Evaluator {
	p := rv.Program
	if p == nil {
		p = &rulebook.Program{}
	}
	c := compiler{rv: rv, prog: p, schema: s, index: map[*rulebook.Derived]int{}, byID: map[string]*rulebook.Derived{},
		vids: map[string]int{"": 0}, names: map[string]*string{}} // slot 0 is never judged: see state.eval
	e := &Evaluator{program: p.ID, edition: rv.Edition, seq: evaluators.Add(1)}
	for _, d := range p.Derived {
		c.byID[d.ID] = d
	}
	for _, d := range p.Derived {
		c.derivedIndex(d)
	}
	for _, t := range rv.Tracks {
		e.tracks = append(e.tracks, c.track(t))
	}
	e.derived = c.derived
	e.vids = len(c.vids)
	e.tracksText = tracksText(p.ID, rv.Tracks)
	e.nameAliases()
	e.shareClasses()
	e.shareNotes()
	return e
}

func (c *compiler) track(t *rulebook.Track) ctrack {
	ct := ctrack{id: t.ID, profiles: t.Profiles}
	for i, tier := range t.Tiers {
		ct.tiers = append(ct.tiers, c.tier(tier))
		ct.aliases = append(ct.aliases, alias{name: tier.Name, tier: i})
	}
	if t.HasWithout() {
		c.effective(&ct, t)
	}
	for _, r := range t.Retired {
		ct.retired = append(ct.retired, compileRetirement(t, r))
		if r.Dropped {
			ct.gone = append(ct.gone, alias{name: r.Tier.Name, tier: len(ct.retired) - 1})
		}
	}
	if m := c.prog.Predecessor; m != nil {
		for _, tm := range m.Tiers { // this track's own entries first
			if tm.Track != "" && tm.Track == t.ID {
				c.alias(&ct, t, tm)
			}
		}
		for _, tm := range m.Tiers {
			if tm.Track == "" {
				c.alias(&ct, t, tm)
			}
		}
	}
	ct.ineligible = ineligibleNotes(t, &ct)
	ct.keptUntil = keptUntil(&ct)
	return ct
}

// keptUntil is ct.keptUntil: the last day of the grace windows of its tiers
// and of its retirements' held_until.
func keptUntil(ct *ctrack) int {
	last := math.MinInt
	for i := range ct.tiers {
		if t := &ct.tiers[i]; t.graceMonths > 0 {
			last = max(last, t.graceDay)
		}
	}
	for i := range ct.retired {
		if r := &ct.retired[i]; r.held != "" {
			last = max(last, r.heldDay)
		}
	}
	return last
}

// effective compiles each tier's effective set (rulebook.Track.Effective)
// out of the tiers' compiled requirements.
func (c *compiler) effective(ct *ctrack, t *rulebook.Track) {
	ct.slow = true
	at := map[*rulebook.Requirement]int{}
	for i, tier := range t.Tiers {
		for k, r := range tier.Requires {
			at[r] = len(ct.reqs)
			ct.reqs = append(ct.reqs, effReq{owner: i, n: ct.tiers[i].reqs[k]})
		}
	}
	for i := range t.Tiers {
		for _, r := range t.Effective(i) {
			ct.tiers[i].eff = append(ct.tiers[i].eff, at[r])
		}
	}
	ct.masked = len(ct.reqs) <= maxMasked
	if !ct.masked {
		return
	}
	for k, r := range ct.reqs {
		ct.tiers[r.owner].owned |= 1 << k
	}
	for i := range ct.tiers {
		for _, k := range ct.tiers[i].eff {
			ct.tiers[i].effMask |= 1 << k
		}
	}
	if len(ct.tiers) > 0 && !ct.tiers[0].scoped {
		ct.floor = ct.tiers[0].owned
		for i := range ct.tiers {
			ct.floor &= ct.tiers[i].effMask
		}
		if ct.floor != 0 {
			ct.floorVid = c.floorSlot(ct)
		}
	}
}

// floorSlot gives ct's floor its verdict slot: the slot of an earlier
// track's floor of the same requirements (as sameAs sees them, regions
// included: the floor's verdict is what state.eval gives each of them),
// else a new one. The verdict of a set does not depend on its order, so
// the key lists the requirements by slot.
func (c *compiler) floorSlot(ct *ctrack) int {
	var reqs []*node
	for rest := ct.floor; rest != 0; rest &= rest - 1 {
		reqs = append(reqs, ct.reqs[bits.TrailingZeros64(rest)].n)
	}
	slices.SortFunc(reqs, func(a, b *node) int { return cmp.Compare(a.vid, b.vid) })
	b := []byte("floor")
	for _, n := range reqs {
		b = fmt.Appendf(b, "|%d:%t:%d", n.vid, n.scoped, n.mask)
	}
	key := string(b)
	vid, ok := c.vids[key]
	if !ok {
		vid = len(c.vids)
		c.vids[key] = vid
	}
	return vid
}

// tier compiles a tier of the edition; its name is the model's string, so
// every result that names it shares it, and tiers of one name on several
// tracks share the first one's: the encoders copy a cell they wrote for a
// string at the same address (pkg/report).
func (c *compiler) tier(tier *rulebook.Tier) ctier {
	name, ok := c.names[tier.Name]
	if !ok {
		name = &tier.Name
		c.names[tier.Name] = name
	}
	cti := ctier{name: name, scoped: len(tier.Regions) > 0, mask: regionMask(tier.Regions)}
	for _, r := range tier.Requires {
		cti.reqs = append(cti.reqs, c.compile(r))
	}
	if g := c.prog.Grace; g != nil && g.Months[tier.Name] > 0 {
		until := addMonths(g.From, g.Months[tier.Name])
		cti.graceMonths = g.Months[tier.Name]
		cti.graceUntil = until.Format(time.DateOnly)
		cti.graceDay = dayNum(until)
		cti.graceStart = dayNum(g.From)
	}
	return cti
}

// evaluators counts the evaluators made (Evaluator.seq).
var evaluators atomic.Uint32

type compiler struct {
	rv      *rulebook.Resolved
	schema  *partner.Schema
	ints    []int  // where slot lists are carved from, a chunk at a time
	nodes   []node // where nodes are carved from, likewise
	prog    *rulebook.Program
	index   map[*rulebook.Derived]int
	byID    map[string]*rulebook.Derived
	derived []*node
	busy    []bool             // derived being compiled: a reference back to it is a cycle
	vids    map[string]int     // verdict slot of each distinct judgement (sameAs)
	names   map[string]*string // tier names, each once (tier)
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
		n = c.newNode()
		*n = node{ops: allOps, eval: allOps.eval, der: -1} // requires nothing: always held
		c.judge(n)
	}
	c.derived[i] = n
	c.busy[i] = false
	return i
}

// compile compiles r: the part every kind shares, then the kind's own.
func (c *compiler) compile(r *rulebook.Requirement) *node {
	ops := kinds[r.Kind]
	if ops == nil {
		ops = noKind
	}
	n := c.newNode()
	*n = node{req: r, ops: ops, eval: ops.eval, scoped: len(r.Regions) > 0, mask: regionMask(r.Regions),
		min: r.Min, keys: r.Keys, der: -1, gapKind: ops.gapKind, gapKey: strings.Join(r.Keys, "|")}
	if len(r.Keys) > 0 {
		n.key = r.Keys[0]
	}
	ops.compile(c, n, r)
	n.illus = r.Illustrative
	for _, it := range n.items {
		n.illus = n.illus || it.illus
	}
	if n.der >= 0 && c.derived[n.der] != nil {
		n.illus = n.illus || c.derived[n.der].illus
	}
	for _, d := range n.dref {
		if d >= 0 && c.derived[d] != nil {
			n.illus = n.illus || c.derived[d].illus
		}
	}
	c.judge(n)
	return n
}

// newNode returns a zero node next to the ones compiled before it: a
// record's evaluation walks them, and nodes side by side share cache
// lines and pages instead of sitting wherever the heap put them.
func (c *compiler) newNode() *node {
	if len(c.nodes) == 0 {
		c.nodes = make([]node, 64)
	}
	n := &c.nodes[0]
	c.nodes = c.nodes[1:]
	return n
}

// judge gives n its verdict slot: the slot of an earlier node that judges
// the same thing, else a new one.
func (c *compiler) judge(n *node) {
	key := n.sameAs()
	vid, ok := c.vids[key]
	if !ok {
		vid = len(c.vids)
		c.vids[key] = vid
	}
	n.vid = vid
	if !n.scoped {
		n.fast = vid
	}
}

// sameAs is what n's verdict, regions aside (state.evalKind), depends on
// besides the record: its kind, keys and minimum, the derived competencies
// they name (a reference back to one being compiled reads the record's
// list instead), and for a group each item's verdict slot and regions.
// Two nodes with the same sameAs always get the same verdict.
func (n *node) sameAs() string {
	b := fmt.Appendf(nil, "%p|%v|%q|%d|%v", n.ops, n.min, n.keys, n.der, n.dref)
	for _, it := range n.items {
		b = fmt.Appendf(b, "|%d:%t:%d", it.vid, it.scoped, it.mask)
	}
	return string(b)
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

// competencyLabel is the vocabulary's label of competency id, or the
// derived competency's; "" when neither gives one.
func (c *compiler) competencyLabel(id string) string {
	if v := vocab(c.prog.Vocabulary.Competencies, id); v != nil && v.Label != "" {
		return v.Label
	}
	if d := c.byID[id]; d != nil {
		return d.Label
	}
	return ""
}

func vocab(list []*rulebook.VocabEntry, id string) *rulebook.VocabEntry {
	for _, v := range list {
		if v.ID == id {
			return v
		}
	}
	return nil
}

// alias adds tm, a predecessor tier mapped onto a tier of t (or onto one
// an edition dropped), to ct's aliases.
func (c *compiler) alias(ct *ctrack, t *rulebook.Track, tm *rulebook.TierMap) {
	var notes []string
	if m := c.prog.Predecessor; m.Illustrative {
		notes = []string{fmt.Sprintf("current_tier %q was read as %s through the mapping from %s, which the rulebook marks illustrative",
			tm.From, tm.To, m.Program)}
	}
	if to := t.Rank(tm.To); to >= 0 {
		ct.aliases = append(ct.aliases, alias{name: tm.From, tier: to, notes: notes})
		return
	}
	for _, g := range ct.gone {
		if g.name == tm.To && len(g.notes) == 0 && g.name != tm.From {
			ct.gone = append(ct.gone, alias{name: tm.From, tier: g.tier, notes: notes})
			return
		}
	}
}
