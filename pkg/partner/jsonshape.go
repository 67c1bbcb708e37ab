package partner

import "bytes"

// The shape of the records of an export: every record spells the same
// keys in the same order, with the same blanks and brackets between its
// values, and differs only in the values. So once a record has been
// walked in full, the next is read as that record's bytes between values
// (its literals, compared whole) and its values (read by their field's
// kind), with no key resolved, no blank skipped and no bracket counted:
// about a third of a JSON record's reading.
//
// A literal is the bytes from the end of one value to the start of the
// next, keys and brackets included: when a record holds the same bytes
// there, they mean what they meant in the record the shape was taken from
// (the same keys in the same groups, claimed without error, well-formed in
// that place). The values of keys that are ignored are part of the
// literals for the same reason. A record the
// shape does not fit, anywhere, is walked in full, from its start, into a
// record made blank again; its walk then gives the shape for the next.

// jshape is the shape of the last record walked in full.
type jshape struct {
	text string // the literals, one after another, the closing one last
	segs []jseg // per value: where its literal ends in text, and its field
}

// jseg is one value of a shape. While a walk records the shape, from and
// to are the literal's offsets in the record; in a shape, to is where the
// literal ends in text.
type jseg struct {
	from, to int
	f        *field
}

// shapeStart reports whether a value starting with c is one the shape
// reads for field kind k: a plain string for text, a whole number, a
// list.
func shapeStart(k fieldKind, c byte) bool {
	switch k {
	case kNum:
		return c >= '0' && c <= '9'
	case kProfiles, kCompetencies, kAttestations:
		return c == '['
	}
	return c == '"'
}

// backoff spaces out the tries of a shortcut (a shape, a skeleton) that
// keeps missing: after n misses in a row, up to 2^n-1 (at most maxWait)
// are skipped before the next try; a hit ends it.
type backoff struct{ wait, miss int }

// maxWait bounds the tries a backoff skips.
const maxWait = 63

// skip reports whether this try is to be skipped.
func (o *backoff) skip() bool {
	if o.wait > 0 {
		o.wait--
		return true
	}
	return false
}

func (o *backoff) hit() { o.miss = 0 }

func (o *backoff) missed() {
	o.miss = min(2*o.miss+1, maxWait)
	o.wait = o.miss
}

// litAt reports whether b holds lit at i.
func litAt[T string | []byte](b []byte, i int, lit T) bool {
	return len(b)-i >= len(lit) && string(b[i:i+len(lit)]) == string(lit)
}

// byShape reads raw, a record starting with '{', into r by the shape and
// reports whether the shape fitted the whole record. When it did not, r
// is blank again. Records that keep not fitting (exports whose records
// differ in their keys) are tried less and less often.
func (b *builder) byShape(r *Record, raw []byte) bool {
	sh := &b.shape
	if sh.segs == nil || b.shapeTries.skip() {
		return false
	}
	if b.fitShape(r, raw) {
		b.shapeTries.hit()
		return true
	}
	b.shapeTries.missed()
	nums, line := r.Nums, r.Line
	*r = Record{Nums: nums, Line: line}
	for i := range nums {
		nums[i] = Unknown
	}
	return false
}

func (b *builder) fitShape(r *Record, raw []byte) bool {
	sh := &b.shape
	s := &b.walk.s
	*s = jscan{b: raw}
	from := 0
	for k := range sh.segs {
		g := &sh.segs[k]
		lit := sh.text[from:g.to]
		from = g.to
		if !litAt(raw, s.i, lit) {
			return false
		}
		s.i += len(lit)
		if !b.shapeValue(r, g.f, s) {
			return false
		}
	}
	lit := sh.text[from:]
	return litAt(raw, s.i, lit) && quickWS(raw, s.i+len(lit)) == len(raw)
}

// shapeValue reads the value at s into field f as jsonValue would, and
// reports whether it could: false for a value of another kind, one that
// needs more than the quick path (an escape, a fraction), or an error.
func (b *builder) shapeValue(r *Record, f *field, s *jscan) bool {
	c := s.peek()
	if c == 'n' { // null: the field stays unknown
		ok := litAt(s.b, s.i, "null")
		s.i += 4
		return ok
	}
	switch f.kind {
	case kNum:
		if b.opt.DecimalComma {
			return false
		}
		x, end, ok := plainIntAt(s.b, s.i)
		r.Nums[f.slot], s.i = x, end
		return ok
	case kProfiles, kCompetencies, kAttestations:
		return c == '[' && b.jsonListCached(r, f, s) == nil && !s.bad
	}
	if c != '"' {
		return false
	}
	start := s.i + 1
	end := start
	for end < len(s.b) && strPlain[s.b[end]] {
		end++
	}
	if end == len(s.b) || s.b[end] != '"' {
		return false
	}
	s.i = end + 1
	return b.jsonText(r, f, bytes.TrimSpace(s.b[start:end])) == nil
}

// recordShape notes, in a full walk, that the value of f starts at s:
// its literal is what came since the previous value's end. A value the
// shape could not read leaves no shape. null is a value like the others,
// so that a record where a field is unknown fits the shape of one where
// it is known, and the other way round.
func (b *builder) recordShape(w *jwalk, f *field) {
	if c := w.s.peek(); c == 'n' || shapeStart(f.kind, c) {
		b.segs = append(b.segs, jseg{from: w.last, to: w.s.i, f: f})
	} else {
		w.noShape = true
	}
}

// keepShape makes the shape the walk of raw recorded, which ended at
// end, the builder's: unchanged when it is the same.
func (b *builder) keepShape(raw []byte, w *jwalk, end int) {
	sh := &b.shape
	same := len(sh.segs) == len(b.segs)
	at := 0
	for k := 0; same && k < len(b.segs); k++ {
		g, h := &b.segs[k], &sh.segs[k]
		lit := raw[g.from:g.to]
		same = g.f == h.f && h.to-at == len(lit) && sh.text[at:h.to] == string(lit)
		at = h.to
	}
	if same && sh.text[at:] == string(raw[w.last:end]) {
		return
	}
	var text []byte
	segs := make([]jseg, len(b.segs))
	for k, g := range b.segs {
		text = append(text, raw[g.from:g.to]...)
		segs[k] = jseg{to: len(text), f: g.f}
	}
	text = append(text, raw[w.last:end]...)
	*sh = jshape{text: string(text), segs: segs}
}
