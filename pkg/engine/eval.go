package engine

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/tiercalc/tiercalc/pkg/partner"
	"github.com/tiercalc/tiercalc/pkg/region"
)

// verdict is a three-valued truth: a requirement is met, failed, or unknown
// because a value it reads is unknown.
type verdict uint8

const (
	failed verdict = iota
	met
	unknown
)

const maxUnknown = 16 // distinct unknown keys kept without allocating

// state is one record's evaluation; it lives in the Arena, or on the heap.
type state struct {
	e      *Evaluator
	rec    *partner.Record
	nums   []float64
	rbit   uint8 // the partner's region bit; 0: no region
	rknown bool  // the country is known
	// seen holds the verdict of each verdict slot (node.vid) judged so far
	// for this record, plus one (0: not judged yet). A record's verdict
	// on a requirement never changes, and judging the tiers, then their
	// gaps, then their unknown keys asks for the same verdicts three or
	// four times: each is computed once. Its array is kept from record
	// to record.
	seen []verdict
	// cur is the record's current_tier as an index in e.tierNames, or
	// curUnresolved, curNone, curFold (state.lookup).
	cur int

	unk  [maxUnknown]string
	nunk int
	more []string // overflow of unk, rarely used
	// lastUnk is the last Unknown list handed out for this record and
	// program, for results that need the same keys.
	lastUnk []string

	arena *Arena // where Missing and Unknown slices come from; nil: the heap

	// shared holds, by share class (ctier.share), the Missing and Unknown
	// of this record's results; an entry is this record's when its gen is
	// gen, which every reset moves on.
	shared []shared
	gen    uint64

	tiers [tierMemos]tierMemo // kept from record to record (resolveTier)

	// asOfDay is dayNum(asOf), kept from record to record while asOf
	// stays the same (a run evaluates every record at one date); dated
	// says it was computed.
	asOf    time.Time
	asOfDay int
	dated   bool
}

// Evaluate appends to dst one Result per track that applies to rec (the
// track names no profiles, the record has none, or they share one), in track
// order.
func (e *Evaluator) Evaluate(rec *partner.Record, asOf time.Time, dst []Result) []Result {
	return e.evaluate(rec, asOf, dst, nil)
}

var statePool = sync.Pool{New: func() any { return new(state) }}

func (e *Evaluator) evaluate(rec *partner.Record, asOf time.Time, dst []Result, a *Arena) []Result {
	// The state lives in the arena when there is one (the batch path), else
	// it comes from a pool: the kinds' functions are called through function
	// values, so a state on evaluate's stack would escape to the heap, one
	// allocation per record.
	var s *state
	if a != nil {
		s = &a.st
	} else {
		s = statePool.Get().(*state)
	}
	s.reset(e, rec, asOf, a)
	n := len(dst)
	for ti := range e.tracks {
		ct := &e.tracks[ti]
		if !applies(ct.profiles, rec.Profiles) {
			continue
		}
		// Field by field into dst's next slot: appending a composite
		// literal builds the result (200 bytes) on the stack and copies
		// it through the collector's bulk write barrier, and a run with
		// several programs makes a handful per record. A reused dst's
		// spare slot holds an old result: every field is set.
		dst = slices.Grow(dst, 1)[:len(dst)+1]
		r := &dst[len(dst)-1]
		r.Partner, r.Name, r.Program, r.Edition, r.Track = rec.ID, rec.Name, e.program, e.edition, ct.id
		r.Tier, r.QualifiedTier, r.Status, r.GraceUntil, r.NextTier = nil, nil, "", nil, nil
		r.Missing, r.Unknown, r.Notes = []Gap{}, []string{}, []string{}
		s.track(ct, r)
	}
	if len(dst) == n {
		dst = append(dst, e.noTrack(rec))
	}
	if a == nil {
		// Every field is set again on the next use; rec, lastUnk and
		// shared are cleared so that the pool keeps neither a record nor
		// a result's gaps or keys alive.
		s.rec, s.nums, s.lastUnk = nil, nil, nil
		clear(s.shared)
		statePool.Put(s)
	}
	return dst
}

// reset readies s for evaluating rec against e, keeping the array of
// s.seen.
func (s *state) reset(e *Evaluator, rec *partner.Record, asOf time.Time, a *Arena) {
	if cap(s.seen) < e.vids {
		s.seen = make([]verdict, e.vids)
	}
	s.seen = s.seen[:e.vids]
	clear(s.seen)
	if cap(s.shared) < e.shares {
		s.shared = make([]shared, e.shares)
	}
	s.shared = s.shared[:e.shares]
	s.gen++
	// Field by field: s.unk, a few hundred bytes, is read only up to
	// s.nunk, which unknowns resets.
	s.e, s.rec, s.nums, s.arena = e, rec, rec.Nums, a
	if !s.dated || asOf != s.asOf {
		s.asOf, s.asOfDay, s.dated = asOf, dayNum(asOf), true
	}
	s.nunk, s.more, s.lastUnk = 0, nil, nil
	s.rknown, s.rbit, s.cur = false, 0, curUnresolved
	if rec.Country != "" && region.Known(rec.Country) {
		s.rknown = true
		s.rbit = regionBit(region.Of(rec.Country))
	}
}

// noTrack is the one result of a partner that no track applies to: no
// partner leaves a report silently.
func (e *Evaluator) noTrack(rec *partner.Record) Result {
	note := fmt.Sprintf("no track applies to this partner's profiles (%s): %s", strings.Join(rec.Profiles, ", "), e.tracksText)
	return Result{Partner: rec.ID, Name: rec.Name, Program: e.program, Edition: e.edition, Status: StatusIneligible,
		Missing: []Gap{}, Unknown: []string{}, Notes: []string{note}}
}

// track fills in r, the result of one track: the highest tier whose
// requirements (and those of every tier below) hold, what the next one
// lacks, and grace for a current tier above it.
func (s *state) track(ct *ctrack, r *Result) {
	var q, next int
	var nextV verdict
	if ct.slow {
		q, next, nextV = s.effectiveTiers(ct)
	} else {
		q, next, nextV = s.cumulativeTiers(ct)
	}
	if q >= 0 {
		r.QualifiedTier = ct.tiers[q].name
		r.Tier = r.QualifiedTier
	}
	if next >= 0 {
		t := &ct.tiers[next]
		r.NextTier = t.name
		r.Missing, r.Unknown = s.gapsOf(t)
	}
	switch {
	case nextV == unknown:
		r.Status = StatusIncomplete
	case q < 0:
		r.Status = StatusIneligible
	default:
		r.Status = StatusQualified
	}
	if s.rec.CurrentTier != "" && s.asOfDay <= ct.keptUntil {
		s.current(ct, q, r)
	}
	if r.Status == StatusIneligible {
		r.Notes = ct.ineligible[s.variant()][next+1]
		if r.Notes == nil {
			r.Notes = []string{}
		}
	}
}

// cumulativeTiers finds, on a track whose tiers are cumulative, the
// highest tier q whose requirements and those of every tier below hold,
// and the next tier with its verdict (failed or unknown): one pass up the
// track, stopping at the first tier that does not hold.
func (s *state) cumulativeTiers(ct *ctrack) (q, next int, nextV verdict) {
	q, next, nextV = -1, -1, met
	for i := range ct.tiers {
		t := &ct.tiers[i]
		v := s.tierExists(t)
		if v == failed {
			continue // the tier does not exist in the partner's region
		}
		if v == met {
			v = s.all(t.reqs)
		}
		if v != met {
			return q, i, v
		}
		q = i
	}
	return q, next, nextV
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

// eval is n's verdict for the partner, n's regions applied. The common
// case, a requirement for every region judged before, is
// small enough to be inlined where eval is called: n.fast is n.vid for
// such a requirement, and slot 0, never judged, for one limited to regions.
func (s *state) eval(n *node) verdict {
	if v := s.seen[n.fast]; v != 0 {
		return v - 1
	}
	return s.evalSlow(n)
}

// evalSlow is eval for a requirement not judged yet, or one that applies
// only in some regions.
//
//go:noinline
func (s *state) evalSlow(n *node) verdict {
	if !n.scoped {
		return s.judge(n)
	}
	if !s.rknown {
		// Met whatever the region: met. Otherwise it depends on where
		// the partner is.
		if s.evalKind(n) == met {
			return met
		}
		return unknown
	}
	if n.mask&s.rbit == 0 {
		return met // does not apply in the partner's region
	}
	return s.evalKind(n)
}

// evalKind is n's verdict, regions aside: judged once per record (small
// enough to be inlined where it is called).
func (s *state) evalKind(n *node) verdict {
	if v := s.seen[n.vid]; v != 0 {
		return v - 1
	}
	return s.judge(n)
}

// judge judges n and remembers the verdict. Not inlined, so that
// evalKind's check is.
//
//go:noinline
func (s *state) judge(n *node) verdict {
	v := n.eval(s, n)
	s.seen[n.vid] = v + 1
	return v
}

func (s *state) num(slot int) float64 {
	if slot < 0 || slot >= len(s.nums) {
		return partner.Unknown
	}
	return s.nums[slot]
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
func (s *state) countGaps(n *node) int { return n.ops.countGaps(s, n) }

// gaps appends the gaps of the failed requirement n: its failed leaves, with
// all-groups and derived competencies expanded and a failed any-group as one
// gap with its alternatives as Options.
func (s *state) gaps(n *node, tier string, out []Gap) []Gap { return n.ops.gaps(s, n, tier, out) }

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
	if s.more != nil { // rare: more than maxUnknown keys
		out := s.newStrings(s.nunk + len(s.more))
		out = append(append(out, s.unk[:s.nunk]...), s.more...)
		sortKeys(out)
		return out
	}
	keys := s.unk[:s.nunk]
	sortKeys(keys)
	// The tracks of a program often lack the same data (Partner
	// Connect's five all need the attestations): such results share
	// one slice, full to capacity as Result.Unknown allows.
	if slices.Equal(keys, s.lastUnk) {
		return s.lastUnk
	}
	s.lastUnk = append(s.newStrings(len(keys)), keys...)
	return s.lastUnk
}

// sortKeys sorts a handful of keys (insertion sort).
func sortKeys(keys []string) {
	for i := 1; i < len(keys); i++ {
		for j := i; j > 0 && keys[j] < keys[j-1]; j-- {
			keys[j], keys[j-1] = keys[j-1], keys[j]
		}
	}
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
	n.ops.collect(s, n, v)
}

func (s *state) addUnknown(key string) {
	if slices.Contains(s.unk[:s.nunk], key) || slices.Contains(s.more, key) {
		return
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
