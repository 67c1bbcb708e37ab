package partner

import "bytes"

// What JSON records repeat, read for less: exports write the same few
// lists, tiers and countries on many records, and plain whole numbers.

// jsonText sets id, name, country or current_tier from a trimmed string
// value. Ids and names share text blocks (keepText); a tier or a country
// read before costs no string of its own.
func (b *builder) jsonText(r *Record, f *field, v []byte) *RecordError {
	switch f.kind {
	case kID:
		r.ID = b.keepText(v)
		return nil
	case kName:
		r.Name = b.keepText(v)
		return nil
	case kTier:
		if b.quickTier(r, v) {
			return nil
		}
	case kCountry:
		if quickCountry(r, v) {
			return nil
		}
		return b.setCountry(r, f, string(v))
	}
	return b.setText(r, f, string(v))
}

// jsonListCached reads the list at s (which starts with '[') into list
// field f, taking it from b.lists when the same bytes were read before.
// JSON lists end at their first ']' unless a string holds one, and the
// bytes up to that ']' are only ever cached as a whole well-formed list:
// so when they are found, the value is that list, checked, and the
// syntax is as good as when it was first read.
func (b *builder) jsonListCached(r *Record, f *field, s *jscan) *RecordError {
	m := b.lists[f.kind-kProfiles]
	if n := bytes.IndexByte(s.b[s.i:], ']'); n >= 0 && m != nil {
		if l, ok := m[string(s.b[s.i:s.i+n+1])]; ok {
			b.setList(r, f, l)
			s.i += n + 1
			return nil
		}
	}
	start, bad := s.i, s.bad
	if e := b.jsonList(r, f, s); e != nil || bad || s.bad {
		return e
	}
	if m == nil {
		m = map[string][]string{}
		b.lists[f.kind-kProfiles] = m
	}
	if len(m) < maxCached {
		m[string(s.b[start:s.i])] = getList(r, f)
	}
	return nil
}

// plainIntAt reads a plain whole number (as plainInt) at b[i] that JSON
// ends there: followed by a ',', '}', ']' or a blank. It returns the
// value and the offset after it; ok false leaves the number to the full
// path (a sign, a fraction, an exponent, a leading zero, more digits).
func plainIntAt(b []byte, i int) (x float64, end int, ok bool) {
	n := uint64(0)
	j := i
	for j < len(b) && j-i < plainDigits && b[j]-'0' <= 9 {
		n = n*10 + uint64(b[j]-'0')
		j++
	}
	if j == i || j == len(b) || (b[i] == '0' && j > i+1) {
		return 0, i, false
	}
	switch b[j] {
	case ',', '}', ']', ' ', '\t', '\r', '\n':
		return float64(n), j, true
	}
	return 0, i, false
}
