package report

import (
	"unsafe"

	"github.com/tiercalc/tiercalc/pkg/engine"
)

// csvRows remembers, for the partner being written, where the cells from
// tier to notes of each of its rows are in the output. The tracks of a
// program mostly end alike: when a partner lacks Partner Connect's
// enrolment, its five rows differ in the track alone. The engine then
// hands out one tier name string and one Missing, Unknown and Notes slice
// for all five (engine.Result), so a row whose values are the very same
// (the same addresses and lengths) as an earlier row's copies that row's
// bytes instead of wording its gaps again.
//
// The comparison is exact: the encoder lives for one call over results
// its caller holds and does not change, so the same address and length
// are the same strings and the same gaps (see csvRowEncoder.classify).
// Nothing is compared by value or hash.
type csvRows struct {
	n    int
	rows [csvRowsMax]csvRow
}

// csvRowsMax is how many distinct row ends of one partner are kept: a
// partner has a row per program and track, and ends beyond these are
// encoded as they come.
const csvRowsMax = 8

// A csvRow is where the end of a row (tier to notes, with the line's end)
// was written: b[off:off+size] of the call's buffer; res is the result
// it was written from.
type csvRow struct {
	res       *engine.Result
	off, size int
}

// find returns the row of the partner that ends as r does, or nil.
func (c *csvRows) find(r *engine.Result) *csvRow {
	for i := range c.rows[:c.n] {
		if sameEnd(c.rows[i].res, r) {
			return &c.rows[i]
		}
	}
	return nil
}

// sameEnd reports whether a and b hold, from tier to notes, the very same
// strings and slices: the same addresses and lengths.
func sameEnd(a, b *engine.Result) bool {
	return sameSlice(a.Missing, b.Missing) && a.NextTier == b.NextTier && a.Tier == b.Tier &&
		a.QualifiedTier == b.QualifiedTier && a.GraceUntil == b.GraceUntil && keyOf(a.Status) == keyOf(b.Status) &&
		sameSlice(a.Unknown, b.Unknown) && sameSlice(a.Notes, b.Notes)
}

func sameSlice[T any](a, b []T) bool {
	return len(a) == len(b) && unsafe.SliceData(a) == unsafe.SliceData(b)
}

// add remembers that the end of r's row is b[off:off+size].
func (c *csvRows) add(r *engine.Result, off, size int) {
	if c.n < csvRowsMax {
		c.rows[c.n] = csvRow{res: r, off: off, size: size}
		c.n++
	}
}

// A csvHead is where the program, edition and track cells of a row were
// written in the call's buffer: b[off:off+size]. A program's rows have a
// few such heads, met again partner after partner; the same addresses and
// lengths are the same strings (see csvRows), so a head found here is
// copied.
type csvHead struct {
	key       csvHeadKey
	off, size int
	// end is the end of the last row under this head without gaps: see
	// csvEnd.
	end csvEnd
}

// A csvHeadKey is the program, edition and track strings of a head.
type csvHeadKey struct{ program, edition, track csvKey }

func headKeyOf(r *engine.Result) csvHeadKey {
	return csvHeadKey{program: keyOf(r.Program), edition: keyOf(r.Edition), track: keyOf(r.Track)}
}

// is reports whether k and o are the same strings, field by field: the
// track first, which tells a program's heads apart (comparing the structs
// whole calls memequal).
func (k *csvHeadKey) is(o *csvHeadKey) bool {
	return k.track == o.track && k.program == o.program && k.edition == o.edition
}

// csvHeads is how many heads an encoder keeps: a row per program and
// track of a partner, so a few programs' tracks.
const csvHeads = 16

// csvHeadRing holds the heads met so far, in the order first met. A
// partner's rows come in the same order of programs and tracks partner
// after partner, so the head a row needs is most often the one after the
// last found: the search starts there, and a hit costs one comparison.
type csvHeadRing struct {
	heads [csvHeads]csvHead
	n     int // heads held
	last  int // index of the last head found or added
}

// find returns the head of k's strings, or nil.
func (r *csvHeadRing) find(k csvHeadKey) *csvHead {
	j := r.last
	for range r.n {
		if j++; j >= r.n {
			j = 0
		}
		h := &r.heads[j]
		if h.key.is(&k) {
			r.last = j
			return h
		}
	}
	return nil
}

// add remembers that the cells of k are b[off:off+size], in place of the
// head after the last found when the ring is full, and returns its slot.
func (r *csvHeadRing) add(k csvHeadKey, off, size int) *csvHead {
	j := r.n
	if r.n < csvHeads {
		r.n++
	} else if j = r.last + 1; j >= csvHeads {
		j = 0
	}
	h := &r.heads[j]
	h.key, h.off, h.size, h.end = k, off, size, csvEnd{}
	r.last = j
	return h
}

// headCells appends r's program, edition and track cells, each followed by
// a comma, and returns the head they were copied from or written as: h,
// the head of r's strings found, or nil when there is none yet.
func (e *csvRowEncoder) headCells(b []byte, r *engine.Result, h *csvHead) ([]byte, *csvHead) {
	if h != nil {
		return append(b, b[h.off:h.off+h.size]...), h
	}
	off := len(b)
	b = e.midCells(b, &segKey{s: [segMax]string{r.Program, r.Edition, r.Track}, n: csvHeadCells, kind: segHead})
	return b, e.heads.add(headKeyOf(r), off, len(b)-off)
}

// A csvEnd is where a row without gaps was written from its head on
// (program to notes, with the line's end): b[off:off+size]. Partner after
// partner, the rows of one program and track often end alike (Partner
// Connect's partners mostly lack their enrolment's data), in strings the
// rulebook gives every result: a row whose tier, qualified tier, status,
// grace date, next tier, unknown keys and notes are the very same strings
// (addresses and lengths, as csvRows compares) as the last such row of
// its head copies its bytes, head included. The row's unknown keys and notes are other
// slices of the same strings, so they are compared string by string.
type csvEnd struct {
	tier, qualified, grace, next *string
	status                       csvKey
	unknown, notes               []string
	off, size                    int
}

// same reports whether r, a result without gaps, ends as the row of c.
func (c *csvEnd) same(r *engine.Result) bool {
	return c.size > 0 && c.tier == r.Tier && c.next == r.NextTier && c.qualified == r.QualifiedTier &&
		c.grace == r.GraceUntil && c.status == keyOf(r.Status) &&
		sameStrings(c.unknown, r.Unknown) && sameStrings(c.notes, r.Notes)
}

// sameStrings reports whether a and b hold the very same strings.
func sameStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if keyOf(a[i]) != keyOf(b[i]) {
			return false
		}
	}
	return true
}

// set remembers that r's row, a result without gaps, is b[off:off+size]
// from its head on.
func (c *csvEnd) set(r *engine.Result, off, size int) {
	*c = csvEnd{tier: r.Tier, qualified: r.QualifiedTier, grace: r.GraceUntil, next: r.NextTier,
		status: keyOf(r.Status), unknown: r.Unknown, notes: r.Notes, off: off, size: size}
}
