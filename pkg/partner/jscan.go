package partner

import (
	"encoding/json"
)

// jscan walks a JSON value. It needs no syntax errors of its own: given a
// value known to be well-formed (by jsonValid) it reads it; given any other
// it still never reads out of bounds, and sets bad unless every byte it
// went over was well-formed JSON in its place. So a walk that ends with bad
// unset and at the end of the value has checked the syntax as jsonValid
// would (FuzzJSONOnePass holds them to it), and a record needs only the one
// pass (decodeJSON).
type jscan struct {
	b     []byte
	i     int
	errAt int  // see jsonValue
	bad   bool // something not shown well-formed was met
}

func (s *jscan) peek() byte {
	if s.i < len(s.b) {
		return s.b[s.i]
	}
	return 0
}

func (s *jscan) ws() {
	for s.i < len(s.b) {
		switch s.b[s.i] {
		case ' ', '\t', '\r', '\n':
			s.i++
		default:
			return
		}
	}
}

// str reads the string at s (which starts with '"').
func (s *jscan) str() string { return string(s.strRaw()) }

// strRaw reads the string at s (which starts with '"') and returns its
// contents: a slice of the input when it has no escapes (valid until the
// input buffer is reused), else a new unescaped copy.
func (s *jscan) strRaw() []byte {
	start := s.i + 1
	// The plain run first: records' strings are short and seldom hold an
	// escape, so one loop that stops at either beats strEnd followed by
	// a search for a backslash (5% of a JSON run's CPU).
	end := start
	for end < len(s.b) && strPlain[s.b[end]] {
		end++
	}
	if end == len(s.b) || s.b[end] != '\\' {
		s.bad = s.bad || end == len(s.b) || s.b[end] != '"'
		s.i = end + 1
		return s.b[start:end]
	}
	end, _ = strEnd(s.b, end, false)
	s.bad = s.bad || quickStr(s.b, start) != end+1
	s.i = end + 1
	var v string
	if end < len(s.b) {
		json.Unmarshal(s.b[start-1:end+1], &v)
	}
	return []byte(v)
}

// literalRaw reads a number, true, false or null.
func (s *jscan) literalRaw() []byte {
	start := s.i
	for s.i < len(s.b) {
		switch s.b[s.i] {
		case ',', '}', ']', ' ', '\t', '\r', '\n', ':':
			s.bad = s.bad || !quickLiteral(s.b[start:s.i])
			return s.b[start:s.i]
		}
		s.i++
	}
	s.bad = s.bad || !quickLiteral(s.b[start:s.i])
	return s.b[start:s.i]
}

// skip consumes one value of any kind.
func (s *jscan) skip() {
	s.ws()
	if end := quickValue(s.b, s.i); end >= 0 {
		s.i = end
		return
	}
	s.bad = true
	depth := 0
	for s.i < len(s.b) {
		switch s.b[s.i] {
		case '"':
			s.skipStr()
			if depth == 0 {
				return
			}
			continue
		case '{', '[':
			depth++
		case '}', ']':
			depth--
			if depth <= 0 {
				s.i++
				return
			}
		case ' ', '\t', '\r', '\n', ',', ':':
		default:
			if depth == 0 {
				s.literalRaw()
				return
			}
		}
		s.i++
	}
}

func (s *jscan) skipStr() {
	end, _ := strEnd(s.b, s.i+1, false)
	s.i = min(end+1, len(s.b))
}

// strEnd is the one scanner of JSON string contents. It returns the offset
// of the '"' that closes the string whose contents go on at b[i], or len(b)
// when b ends first. escaped says b[i] follows a backslash that ended the
// previous piece of input; pending says b ends on such a backslash, for the
// next call.
//
// A raw line break ends a string too: JSON strings cannot hold one, so it
// means a stray quote opened the string, and ending it there keeps the
// damage to the element it is in (rejected as malformed) instead of
// running on to the next quote, however many records away.
func strEnd(b []byte, i int, escaped bool) (end int, pending bool) {
	if escaped {
		i++
	}
	for i < len(b) {
		for i < len(b) && strRun[b[i]] {
			i++
		}
		if i >= len(b) {
			break
		}
		if b[i] != '\\' {
			return i, false // '"' or '\n'
		}
		i += 2
	}
	return len(b), i > len(b)
}

// strRun marks the bytes strEnd passes over: all but '"', '\\' and '\n'.
// One load a byte beats three comparisons (the array splitter runs it
// over every string of the input).
var strRun = func() (t [256]bool) {
	for c := range t {
		t[c] = c != '"' && c != '\\' && c != '\n'
	}
	return t
}()
