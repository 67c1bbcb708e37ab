package engine

import "slices"

// Tracks of a program often state the same tier: Partner Connect's five
// solution paths all enter at Enrolled (the ethics training and the
// program fee) and all reach Advanced through the same volume routes. A
// partner then lacks the same things on each track, and the result of
// every such track would carve and fill the same Missing and Unknown again.
// The compiler gives each tier a share class (ctier.share): tiers of one
// class yield the same gaps and unknown keys for any record, so a record's
// results share one Missing and one Unknown per class, computed once.

// shareClasses gives every tier of e's tracks its share class and sets
// e.shares to their number.
func (e *Evaluator) shareClasses() {
	var firsts []*ctier // the first tier of each class
	for i := range e.tracks {
		for j := range e.tracks[i].tiers {
			t := &e.tracks[i].tiers[j]
			t.share = firstAlike(&firsts, t, tiersAlike)
		}
	}
	e.shares = len(firsts)
}

// firstAlike returns the index in *firsts of the first value alike x,
// appending x when there is none.
func firstAlike[T any](firsts *[]T, x T, alike func(a, b T) bool) int {
	k := slices.IndexFunc(*firsts, func(f T) bool { return alike(f, x) })
	if k < 0 {
		k = len(*firsts)
		*firsts = append(*firsts, x)
	}
	return k
}

// tiersAlike reports whether state.missing and state.unknowns give the
// same for tiers a and b whatever the record: the same name (each gap
// names it), the same regions, and requirements alike one by one.
func tiersAlike(a, b *ctier) bool {
	return *a.name == *b.name && a.scoped == b.scoped && a.mask == b.mask && slices.EqualFunc(a.reqs, b.reqs, nodesAlike)
}

// nodesAlike reports whether a and b are the same compiled requirement
// but for the rulebook entry each came from, whose label and source are
// all that reaches a gap: then they get the same verdict (one verdict
// slot), the same gaps and the same unknown keys for every record.
func nodesAlike(a, b *node) bool {
	return a == b || sameJudgement(a, b) && sameWording(a, b) && slices.EqualFunc(a.items, b.items, nodesAlike)
}

// sameJudgement compares what a node's verdict and gap amounts depend on.
func sameJudgement(a, b *node) bool {
	return a.ops == b.ops && a.vid == b.vid && a.scoped == b.scoped && a.mask == b.mask &&
		a.min == b.min && a.der == b.der && a.key == b.key && a.cents == b.cents && a.expands == b.expands &&
		slices.Equal(a.slots, b.slots) && slices.Equal(a.keys, b.keys) && slices.Equal(a.dref, b.dref)
}

// sameWording compares what a node's gaps say.
func sameWording(a, b *node) bool {
	if (a.req == nil) != (b.req == nil) || a.req != nil && (a.req.Label != b.req.Label || a.req.Source != b.req.Source) {
		return false
	}
	return a.illus == b.illus && a.gapKind == b.gapKind && a.gapKey == b.gapKey && a.unit == b.unit && a.noun == b.noun &&
		a.anyKey == b.anyKey && a.anyLabel == b.anyLabel && a.anyFixed == b.anyFixed
}

// shared is what the results of one record share for one share class:
// valid while gen is the state's.
type shared struct {
	gen     uint64
	missing []Gap
	unknown []string
}

// gapsOf is tier t's Missing and Unknown for the record: those of the
// first track that needed its class.
func (s *state) gapsOf(t *ctier) ([]Gap, []string) {
	sh := &s.shared[t.share]
	if sh.gen != s.gen {
		// Field by field: a struct assignment copies through the
		// collector's bulk write barrier.
		sh.gen = s.gen
		sh.missing = s.missing(t)
		sh.unknown = s.unknowns(t)
	}
	return sh.missing, sh.unknown
}

// shareNotes makes the tracks' ineligible notes of the same words one
// slice: Partner Connect's tracks all say what Enrolled needs, and results
// that share their notes as well as their gaps are copied whole by the
// encoders (pkg/report).
func (e *Evaluator) shareNotes() {
	var firsts [][]string
	for i := range e.tracks {
		for v := range e.tracks[i].ineligible {
			for k, notes := range e.tracks[i].ineligible[v] {
				if notes == nil {
					continue
				}
				e.tracks[i].ineligible[v][k] = firsts[firstAlike(&firsts, notes, slices.Equal)]
			}
		}
	}
}
