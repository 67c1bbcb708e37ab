package partner

import "strings"

// jsonKey is a key as written and what it resolved to; raw, when set, is
// the key's quoted bytes with the ':' after them, as the input had them.
type jsonKey struct {
	name string
	f    *field
	raw  string
}

// maxKeys and maxKeyLen bound the keys remembered by position
// (jsonField), so that odd records cannot make the memory grow.
const maxKeys, maxKeyLen = 64, 64

// jsonKey reads the key and ':' at s (which starts with '"') and resolves
// it, returning the key's field (nil if unknown) and the key, valid until
// the input is reused. Exports write every record's keys alike and in the
// same order, so the bytes of the key read at the same position in the
// last record are tried first: when the input holds them, the key is that
// one and well-formed, and neither a scan of its string nor a lookup is
// needed (together 15% of an NDJSON run's CPU).
func (b *builder) jsonKey(s *jscan) (*field, []byte) {
	n := b.keyN
	if n < len(b.keys) {
		k := &b.keys[n]
		if k.raw != "" && litAt(s.b, s.i, k.raw) {
			b.keyN++
			key := s.b[s.i+1 : s.i+len(k.raw)-2]
			s.i += len(k.raw)
			return k.f, key
		}
	}
	at, bad := s.i, s.bad
	key := s.strRaw()
	// plain: the key's bytes are the input's, quoted, with ':' right after.
	plain := !s.bad && s.i == at+len(key)+2 && s.i < len(s.b) && s.b[s.i] == ':'
	s.ws()
	if s.peek() == ':' {
		s.i++
	} else {
		s.bad = true
	}
	raw := ""
	if plain && !bad {
		raw = string(s.b[at:s.i])
	}
	return b.jsonField(key, raw), key
}

// jsonField resolves the next key of the record being built, raw being
// its bytes as jsonKey remembers them ("" if they are not to be). Equal
// names at the same position skip the two map lookups (and the
// lower-casing of a name spelled otherwise), which were 12% of a JSON
// run's CPU.
func (b *builder) jsonField(key []byte, raw string) *field {
	n := b.keyN
	b.keyN++
	if n < len(b.keys) && b.keys[n].name == string(key) {
		if raw != "" && b.keys[n].raw == "" { // remembered names are short enough
			b.keys[n].raw = raw
		}
		return b.keys[n].f
	}
	f, ok := b.exact[string(key)]
	if !ok {
		f = b.lower[strings.ToLower(string(key))]
	}
	switch {
	case len(key) > maxKeyLen:
	case n < len(b.keys):
		b.keys[n] = jsonKey{string(key), f, raw}
	case n == len(b.keys) && n < maxKeys:
		b.keys = append(b.keys, jsonKey{string(key), f, raw})
	}
	return f
}
