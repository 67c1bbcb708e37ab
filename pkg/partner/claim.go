package partner

import (
	"io"
	"io/fs"
)

// The duplicate-id claim of a run of items (a chunk's, or a JSON batch's),
// in input order: the first occurrence of an id is the one kept, the
// later ones are rejected naming it. Claiming a whole run at once, not
// record by record as they are handed out, lets the probes' cache misses
// overlap (see idSet.claim).

// idDup is the claim's verdict on a record's id when it was seen before.
type idDup struct {
	first int  // the first occurrence's running line (see IDs); 0: new id
	odd   bool // the first occurrence was written oddly
}

// claim claims the ids of the records among items, from an input whose
// line base is base, and leaves each duplicate's verdict in its item. It
// stops at a fatal error: the input ends there, and the ids after it must
// not be claimed (a later input may hold them).
//
// A probe's first slot is nearly always a cache miss (the tables are
// megabytes, the hashes random), and one add waits for its miss before
// the next begins. So the items go in groups: touching the first slot of
// every probe in a group first lets those misses overlap, and the adds
// that follow find their slots in the cache.
func (ids *IDs) claim(items []item, base int) {
	for from := 0; from < len(items); from += claimGroup {
		group := items[from:min(from+claimGroup, len(items))]
		n, last := 0, 0
		for i := range group {
			it := &group[i]
			if _, ok := it.err.(*RecordError); it.err != nil && !ok {
				break // fatal
			}
			n = i + 1
			if it.claims() {
				last = it.rec.Line
			}
		}
		if last != 0 {
			ids.last = max(ids.last, base+last)
			ids.set.claim(group[:n], base)
		}
		if n < len(group) {
			return
		}
	}
}

// claim claims, in order, the ids of a group's records.
func (s *idSet) claim(group []item, base int) {
	s.touched ^= s.touch(group)
	for i := range group {
		it := &group[i]
		if !it.claims() {
			continue
		}
		if first, odd, added := s.add(it.id.hash, it.id.key, base+it.rec.Line, it.id.odd); !added {
			it.dup = idDup{first: first, odd: odd}
		}
	}
}

// claimGroup is the items whose first slots are touched together: about
// as many misses as a core keeps in flight.
const claimGroup = 16

// claims says whether it has an id to claim: a record not rejected.
func (it *item) claims() bool { return it.err == nil && it.rec != nil }

// touch reads the first slot of every probe group's ids will make, and
// returns their xor so that the reads are not dropped as unused. A table
// that grows on the way only makes a touch miss the mark.
func (s *idSet) touch(group []item) uint64 {
	var x uint64
	for i := range group {
		it := &group[i]
		if !it.claims() {
			continue
		}
		t := &s.shards[it.id.hash>>58]
		if size := uint64(len(t.slots)); size > 0 {
			x ^= t.slots[t.home(s.fp(it.id.hash), size)]
		}
	}
	return x
}

// maxReserve caps the ids reserved from an estimate: a file whose first
// rows are much shorter than the rest would otherwise reserve room for
// ids that never come. 2,000,000 ids are some 20 MB of slots.
const maxReserve = 2_000_000

// reserveIDs sizes the id set for the records the input holds, estimated
// from its size and the bytes a record takes in its first chunk (n bytes
// that gave items), up to maxReserve; it acts once an input.
func (p *parReader) reserveIDs(n int, items []item) {
	if p.sized {
		return
	}
	p.sized = true
	size := p.b.opt.size
	if size == 0 || p.b.opt.UniqueIDs || n == 0 {
		return
	}
	recs := 0
	for _, it := range items {
		if it.rec != nil {
			recs++
		}
	}
	p.b.ids.reserve(int(min(size*int64(recs)/int64(n), maxReserve)))
}

// inputSize is r's size when it is a regular file (an estimate for a
// compressed one, on the low side), else 0.
func inputSize(r io.Reader) int64 {
	f, ok := r.(interface{ Stat() (fs.FileInfo, error) })
	if !ok {
		return 0
	}
	st, err := f.Stat()
	if err != nil || !st.Mode().IsRegular() {
		return 0
	}
	return st.Size()
}
