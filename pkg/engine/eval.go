package engine

import (
	"strings"
	"time"

	"github.com/tiercalc/tiercalc/pkg/partner"
	"github.com/tiercalc/tiercalc/pkg/region"
	"github.com/tiercalc/tiercalc/pkg/rulebook"
)

// verdict is a three-valued truth: a requirement is met, failed, or unknown
// because a value it reads is unknown.
type verdict uint8

const (
	failed verdict = iota
	met
	unknown
)

const (
	memoSize   = 32 // derived competencies memoized per record
	maxUnknown = 16 // distinct unknown keys kept without allocating
)

// state is one record's evaluation; it lives on the stack.
type state struct {
	e      *Evaluator
	rec    *partner.Record
	nums   []float64
	rbit   uint8 // the partner's region bit; 0: no region
	rknown bool  // the country is known
	memo   [memoSize]verdict

	unk  [maxUnknown]string
	nunk int
	more []string // overflow of unk, rarely used

	arena *Arena // where Missing and Unknown slices come from; nil: the heap
}

// Evaluate appends to dst one Result per track that applies to rec (the
// track names no profiles, the record has none, or they share one), in track
// order.
func (e *Evaluator) Evaluate(rec *partner.Record, asOf time.Time, dst []Result) []Result {
	return e.evaluate(rec, asOf, dst, nil)
}

func (e *Evaluator) evaluate(rec *partner.Record, asOf time.Time, dst []Result, a *Arena) []Result {
	s := state{e: e, rec: rec, nums: rec.Nums, arena: a}
	if rec.Country != "" && region.Known(rec.Country) {
		s.rknown = true
		s.rbit = regionBit(region.Of(rec.Country))
	}
	asOfDay := -1
	for ti := range e.tracks {
		ct := &e.tracks[ti]
		if !applies(ct.profiles, rec.Profiles) {
			continue
		}
		dst = append(dst, Result{
			Partner: rec.ID, Name: rec.Name, Program: e.program, Edition: e.edition, Track: ct.id,
			Missing: []Gap{}, Unknown: []string{},
		})
		r := &dst[len(dst)-1]

		q, next, nextV := -1, -1, met
		for i := range ct.tiers {
			t := &ct.tiers[i]
			v := met
			if t.scoped {
				if !s.rknown {
					v = unknown
				} else if t.mask&s.rbit == 0 {
					continue // the tier does not exist in the partner's region
				}
			}
			if v == met {
				v = s.all(t.reqs)
			}
			if v != met {
				next, nextV = i, v
				break
			}
			q = i
		}
		if q >= 0 {
			r.QualifiedTier = ct.tiers[q].name
			r.Tier = r.QualifiedTier
		}
		if next >= 0 {
			t := &ct.tiers[next]
			r.NextTier = t.name
			r.Missing = s.missing(t)
			r.Unknown = s.unknowns(t)
		}
		switch {
		case nextV == unknown:
			r.Status = StatusIncomplete
		case q < 0:
			r.Status = StatusIneligible
		default:
			r.Status = StatusQualified
		}

		if rec.CurrentTier != "" {
			if c := ct.current(rec.CurrentTier); c > q {
				t := &ct.tiers[c]
				if t.graceMonths > 0 && (!t.scoped || !s.rknown || t.mask&s.rbit != 0) {
					if asOfDay < 0 {
						asOfDay = dayNum(asOf)
					}
					if asOfDay >= t.graceStart && asOfDay <= t.graceDay {
						r.Tier = t.name
						r.Status = StatusGrace
						r.GraceUntil = &t.graceUntil
					}
				}
			}
		}
	}
	return dst
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
func (ct *ctrack) current(name string) int {
	for _, a := range ct.aliases {
		if a.name == name {
			return a.tier
		}
	}
	for _, a := range ct.aliases {
		if strings.EqualFold(a.name, name) {
			return a.tier
		}
	}
	return -1
}

// all is the verdict of a list of requirements that must all hold.
func (s *state) all(reqs []*node) verdict {
	v := met
	for _, n := range reqs {
		switch s.eval(n) {
		case failed:
			return failed
		case unknown:
			v = unknown
		}
	}
	return v
}

func (s *state) eval(n *node) verdict {
	if n.scoped {
		if !s.rknown {
			// Met whatever the region: met. Otherwise it depends on
			// where the partner is.
			if s.evalKind(n) == met {
				return met
			}
			return unknown
		}
		if n.mask&s.rbit == 0 {
			return met // does not apply in the partner's region
		}
	}
	return s.evalKind(n)
}

func (s *state) evalKind(n *node) verdict {
	switch n.kind {
	case rulebook.KindCredential:
		sum, unk := s.sum(n)
		if sum >= n.min {
			return met
		}
		if unk {
			return unknown
		}
		return failed
	case rulebook.KindMetric:
		v := s.num(n.slots[0])
		if partner.IsUnknown(v) {
			return unknown
		}
		if v >= n.min {
			return met
		}
		return failed
	case rulebook.KindCompetency:
		return s.holds(n.key, n.der)
	case rulebook.KindCompetencySet:
		held, unk := s.count(n)
		if held >= n.min {
			return met
		}
		if held+unk >= n.min {
			return unknown
		}
		return failed
	case rulebook.KindAttestation:
		if s.rec.Attestations == nil {
			return unknown
		}
		if partner.Has(s.rec.Attestations, n.key) {
			return met
		}
		return failed
	case rulebook.KindAny:
		v := failed
		for _, it := range n.items {
			switch s.eval(it) {
			case met:
				return met
			case unknown:
				v = unknown
			}
		}
		return v
	case rulebook.KindAll:
		return s.all(n.items)
	}
	return failed
}

func (s *state) num(slot int) float64 {
	if slot < 0 || slot >= len(s.nums) {
		return partner.Unknown
	}
	return s.nums[slot]
}

// sum adds the known counts of a credential requirement's keys.
func (s *state) sum(n *node) (sum float64, unk bool) {
	for _, sl := range n.slots {
		v := s.num(sl)
		if partner.IsUnknown(v) {
			unk = true
			continue
		}
		sum += v
	}
	return sum, unk
}

// count counts the competencies of a set the partner holds, and those it
// may hold.
func (s *state) count(n *node) (held, unk float64) {
	for i, k := range n.keys {
		switch s.holds(k, n.dref[i]) {
		case met:
			held++
		case unknown:
			unk++
		}
	}
	return held, unk
}

// holds reports whether the partner holds competency id: for a derived
// competency (d >= 0), its requirement met, whatever the record lists (a
// record cannot claim a competency the program earns through certified
// people: PROGRAMS.md, Partner Connect); otherwise listed in the record.
func (s *state) holds(id string, d int) verdict {
	if d >= 0 {
		return s.derived(d)
	}
	comps := s.rec.Competencies
	if comps == nil {
		return unknown
	}
	if partner.Has(comps, id) {
		return met
	}
	return failed
}

func (s *state) derived(d int) verdict {
	if d >= memoSize {
		return s.eval(s.e.derived[d])
	}
	if m := s.memo[d]; m != 0 {
		return m - 1
	}
	v := s.eval(s.e.derived[d])
	s.memo[d] = v + 1
	return v
}

// missing lists the failed requirements of tier t, flattened into gaps, in
// a slice of the exact size (counted first: cheaper than growing one).
func (s *state) missing(t *ctier) []Gap {
	c := 0
	for _, n := range t.reqs {
		if s.eval(n) == failed {
			c += s.countGaps(n)
		}
	}
	if c == 0 {
		return []Gap{}
	}
	out := s.newGaps(c)
	for _, n := range t.reqs {
		if s.eval(n) == failed {
			out = s.gaps(n, *t.name, out)
		}
	}
	return out
}

// countGaps is len(s.gaps(n, ...)) for the failed requirement n.
func (s *state) countGaps(n *node) int {
	switch n.kind {
	case rulebook.KindAll:
		c := 0
		for _, it := range n.items {
			if s.eval(it) == failed {
				c += s.countGaps(it)
			}
		}
		return c
	case rulebook.KindCompetency:
		if n.der >= 0 {
			return s.countGaps(s.e.derived[n.der])
		}
	}
	return 1
}

// gaps appends the gaps of the failed requirement n: its failed leaves, with
// all-groups and derived competencies expanded and a failed any-group as one
// gap with its alternatives as Options.
func (s *state) gaps(n *node, tier string, out []Gap) []Gap {
	switch n.kind {
	case rulebook.KindAll:
		for _, it := range n.items {
			if s.eval(it) == failed {
				out = s.gaps(it, tier, out)
			}
		}
		return out
	case rulebook.KindAny:
		return append(out, s.anyGap(n, tier))
	case rulebook.KindCompetency:
		if n.der >= 0 {
			return s.gaps(s.e.derived[n.der], tier, out)
		}
	}
	g := Gap{Tier: tier, Kind: n.gapKind, Key: n.gapKey, Need: 1, Short: 1, Label: n.req.Label,
		Unit: n.unit, Noun: n.noun}
	switch n.kind {
	case rulebook.KindCredential:
		g.Have, _ = s.sum(n)
		g.Need = n.min
	case rulebook.KindMetric:
		g.Have = s.num(n.slots[0])
		g.Need = n.min
	case rulebook.KindCompetencySet:
		g.Have, _ = s.count(n)
		g.Need = n.min
	}
	g.Short = g.Need - g.Have
	return append(out, g)
}

// anyGap is the gap of a failed any-group: each alternative as an option (an
// alternative with several failed leaves as an "all" gap holding them).
func (s *state) anyGap(n *node, tier string) Gap {
	g := Gap{Tier: tier, Kind: kindAny, Need: 1, Short: 1, Label: n.req.Label}
	g.Options = s.newGaps(len(n.items))
	if n.anyFixed {
		// Every alternative is a leaf, failed: one gap each, as the loop
		// below would build them, under the precomputed key and label.
		for _, it := range n.items {
			g.Options = s.gaps(it, tier, g.Options)
		}
		g.Key = n.anyKey
		if g.Label == "" {
			g.Label = n.anyLabel
		}
		return g
	}
	// keys and labels only feed strings.Join: on the stack unless the
	// group is unusually large.
	var kbuf, lbuf [8]string
	keys, labels := kbuf[:0], lbuf[:0]
	for _, it := range n.items {
		// it failed (or the group would not have): countGaps is the
		// number of its gaps.
		sub := s.gaps(it, tier, s.newGaps(s.countGaps(it)))
		var o Gap
		switch len(sub) {
		case 0:
			continue
		case 1:
			o = sub[0]
		default:
			o = Gap{Tier: tier, Kind: kindAll, Need: 1, Short: 1, Label: it.req.Label, Options: sub}
			var kbuf, lbuf [8]string
			ks, ls := kbuf[:0], lbuf[:0]
			for _, x := range sub {
				ks, ls = append(ks, x.Key), append(ls, x.Label)
			}
			o.Key = strings.Join(ks, "+")
			if o.Label == "" {
				o.Label = strings.Join(ls, " and ")
			}
		}
		g.Options = append(g.Options, o)
		keys = append(keys, o.Key)
		labels = append(labels, o.Label)
	}
	g.Key = strings.Join(keys, "|")
	if g.Label == "" {
		g.Label = strings.Join(labels, " or ")
	}
	return g
}

// unknowns returns the sorted data keys the unknown requirements of tier t
// need, even when t fails on something else.
func (s *state) unknowns(t *ctier) []string {
	s.nunk, s.more = 0, nil
	if t.scoped && !s.rknown {
		s.addUnknown(keyCountry)
	}
	for _, n := range t.reqs {
		s.collect(n)
	}
	if s.nunk == 0 {
		return []string{}
	}
	out := s.newStrings(s.nunk + len(s.more))
	out = append(out, s.unk[:s.nunk]...)
	out = append(out, s.more...)
	for i := 1; i < len(out); i++ { // insertion sort: a handful of keys
		for j := i; j > 0 && out[j] < out[j-1]; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// collect adds the keys of the unknown values requirement n reads, unless n
// is met. All-groups are searched even when they failed; a failed any-group
// has no unknown alternative.
func (s *state) collect(n *node) {
	v := s.eval(n)
	if v == met {
		return
	}
	if n.scoped && !s.rknown {
		s.addUnknown(keyCountry)
	}
	switch n.kind {
	case rulebook.KindCredential:
		for i, sl := range n.slots {
			if partner.IsUnknown(s.num(sl)) {
				s.addUnknown(n.keys[i])
			}
		}
	case rulebook.KindMetric:
		if partner.IsUnknown(s.num(n.slots[0])) {
			s.addUnknown(n.key)
		}
	case rulebook.KindCompetency:
		s.collectHolds(n.key, n.der)
	case rulebook.KindCompetencySet:
		if s.evalKind(n) == unknown {
			for i, k := range n.keys {
				s.collectHolds(k, n.dref[i])
			}
		}
	case rulebook.KindAttestation:
		if s.rec.Attestations == nil {
			s.addUnknown(keyAttestations)
		}
	case rulebook.KindAny:
		if v == unknown {
			for _, it := range n.items {
				s.collect(it)
			}
		}
	case rulebook.KindAll:
		for _, it := range n.items {
			s.collect(it)
		}
	}
}

// collectHolds names the data that would decide holds(id, d).
func (s *state) collectHolds(id string, d int) {
	comps := s.rec.Competencies
	switch {
	case d >= 0:
		s.collect(s.e.derived[d])
	case comps == nil:
		s.addUnknown(keyCompetencies)
	}
}

func (s *state) addUnknown(key string) {
	for _, k := range s.unk[:s.nunk] {
		if k == key {
			return
		}
	}
	for _, k := range s.more {
		if k == key {
			return
		}
	}
	if s.nunk < maxUnknown {
		s.unk[s.nunk] = key
		s.nunk++
		return
	}
	s.more = append(s.more, key)
}

// newGaps returns an empty slice with room for n gaps, from the arena when
// the caller gave one.
func (s *state) newGaps(n int) []Gap {
	if s.arena != nil {
		return s.arena.gaps.take(n)
	}
	return make([]Gap, 0, n)
}

// newStrings is newGaps for the keys of Unknown.
func (s *state) newStrings(n int) []string {
	if s.arena != nil {
		return s.arena.strs.take(n)
	}
	return make([]string, 0, n)
}
