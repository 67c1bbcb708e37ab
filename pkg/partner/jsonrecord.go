package partner

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"unicode/utf8"

	"github.com/go-json-experiment/json/jsontext"
)

// validOpts make jsontext check what json.Valid checks (RFC 8259 syntax)
// and no more: invalid UTF-8 is named later, with its position, by
// fromJSON, and a duplicate key is a record error of its own.
var validOpts = []jsontext.Options{jsontext.AllowInvalidUTF8(true), jsontext.AllowDuplicateNames(true)}

// jsonValid reports whether raw is one well-formed JSON value, exactly as
// json.Valid does (FuzzJSONValid holds them to it): quickValid shows most
// records well-formed, and jsontext (about 2.4 times json.Valid's speed on
// partner records) decides the rest. A value it refuses is described by
// jsonSyntaxErr, which asks encoding/json, so messages stay as they were.
func jsonValid(raw []byte) bool {
	return quickValid(raw) || jsontext.Value(raw).IsValid(validOpts...)
}

// jsonSyntaxErr describes the syntax error in raw, a value starting at
// line:col.
func jsonSyntaxErr(file string, raw []byte, line, col int) *RecordError {
	e := &RecordError{File: file, Line: line, Column: col, Msg: "malformed JSON"}
	var se *json.SyntaxError
	err := json.Unmarshal(raw, new(json.RawMessage))
	switch {
	case errors.As(err, &se) && strings.HasPrefix(se.Error(), "unexpected end"):
		e.Msg = "malformed JSON: unexpected end of the record"
		e.Hint = "a } or ] is missing: close each object with } and each list with ]"
	case errors.As(err, &se):
		at := int(min(max(se.Offset-1, 0), int64(len(raw))))
		e.Line, e.Column = posIn(raw, at, line, col)
		e.Msg = "malformed JSON: " + se.Error()
		if at < len(raw) {
			switch raw[at] {
			case 'N', 'I':
				e.Hint = "JSON has no NaN or Infinity; give null for an unknown value"
			case '\'':
				e.Hint = "JSON strings take double quotes"
			}
		}
	}
	return e
}

// posIn returns the line and column of raw[at], raw starting at line:col.
func posIn(raw []byte, at, line, col int) (int, int) {
	seg := raw[:at]
	n := bytes.Count(seg, []byte{'\n'})
	if n == 0 {
		return line, col + at
	}
	return line + n, at - bytes.LastIndexByte(seg, '\n')
}

// decodeJSON builds a record from one JSON value (an element of the
// array, or an NDJSON line) starting at line:col, or rejects it.
func (b *builder) decodeJSON(raw []byte, line, col int) (*Record, error) {
	return b.decodeJSONHint(raw, line, col, "")
}

// decodeJSONHint is decodeJSON giving a syntax error without a hint of
// its own the hint given.
//
// Most records are read in one pass: onePass, whose walk checks the syntax
// too. Only when it cannot vouch for the record (malformed or odd: deep,
// not an object, not UTF-8) is the syntax checked first, then the record
// read as before, so every rejection keeps its message and position.
func (b *builder) decodeJSONHint(raw []byte, line, col int, hint string) (*Record, error) {
	if rec, err, ok := b.onePass(raw, line, col); ok {
		return rec, err
	}
	if !jsonValid(raw) {
		e := jsonSyntaxErr(b.file, raw, line, col)
		if e.Hint == "" {
			e.Hint = hint
		}
		return nil, e
	}
	return b.fromJSON(raw, line, col)
}

// onePass reads a record whose walk shows it well-formed (ok), at no cost
// but a record's memory otherwise. It is not tried in lenient mode, where
// an unknown key warns before the walk could be refused.
func (b *builder) onePass(raw []byte, line, col int) (rec *Record, err error, ok bool) {
	if b.opt.Lenient || len(raw) == 0 || raw[0] != '{' || !utf8.Valid(raw) {
		return nil, nil, false
	}
	r := b.newRecord(line)
	b.col = col
	if b.byShape(r, raw) {
		rec, err = b.result(r, nil)
		return rec, err, true
	}
	s, first := b.walkJSON(r, raw, line, col)
	if s.bad || quickWS(raw, s.i) != len(raw) {
		return nil, nil, false
	}
	if first == nil && !b.walk.noShape {
		b.keepShape(raw, &b.walk, s.i)
	}
	rec, err = b.result(r, first)
	return rec, err, true
}

// fromJSON builds a record from one well-formed JSON value (an element of
// the array, or an NDJSON line) starting at line:col.
func (b *builder) fromJSON(raw []byte, line, col int) (*Record, error) {
	s := jscan{b: raw}
	s.ws()
	if s.i >= len(s.b) || s.b[s.i] != '{' {
		kind := "nothing"
		if s.i < len(s.b) {
			kind = jsonKind(s.b[s.i])
		}
		l, c := posIn(raw, s.i, line, col)
		return nil, &RecordError{File: b.file, Line: l, Column: c, Msg: "expected an object, got " + kind, Hint: "each partner record is a JSON object"}
	}
	if !utf8.Valid(raw) {
		l, c := posIn(raw, invalidUTF8At(raw), line, col)
		return nil, &RecordError{File: b.file, Line: l, Column: c, Msg: "invalid UTF-8", Hint: "save the file as UTF-8"}
	}
	r := b.newRecord(line)
	_, first := b.walkJSON(r, raw, line, col)
	return b.result(r, first)
}

// jwalk is the walk of one record: the scan, where the record starts
// and its first error. The builder keeps one (b.walk), so that a record
// costs no allocation for it.
type jwalk struct {
	s         jscan
	line, col int
	first     *RecordError
	// the shape being recorded (jsonshape.go): where the last value
	// ended, and whether a value left the record without a shape
	last    int
	noShape bool
}

// keep keeps the record's first error, placed at raw[at] unless it has a
// position.
func (w *jwalk) keep(e *RecordError, at int) {
	if e != nil && w.first == nil {
		if e.Line == 0 {
			e.Line, e.Column = w.pos(at)
		}
		w.first = e
	}
}

// pos turns an offset in the record into a line and column.
func (w *jwalk) pos(at int) (int, int) { return posIn(w.s.b, at, w.line, w.col) }

// walkJSON reads the object raw into r, a new record, returning the scan
// (valid until the next walk) and the record's first error. The walk
// records the record's shape (jsonshape.go) in b.segs and b.walk.
func (b *builder) walkJSON(r *Record, raw []byte, line, col int) (*jscan, *RecordError) {
	w := &b.walk
	*w = jwalk{s: jscan{b: raw}, line: line, col: col}
	b.col = col
	b.keyN = 0
	b.segs = b.segs[:0]
	b.jsonObject(r, nil, w)
	return &w.s, w.first
}

// invalidUTF8At returns the offset of the first invalid UTF-8 sequence in
// b (len(b) if none).
func invalidUTF8At(b []byte) int {
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return len(b)
}

// jsonGroup reads credentials: {...} or metrics: {...}.
func (b *builder) jsonGroup(r *Record, g *field, w *jwalk) {
	s := &w.s
	switch s.peek() {
	case 'n':
		s.skip()
		return
	case '{':
	default:
		at := s.i
		e := fieldErr(g, "expected an object, got "+jsonKind(s.peek()), "")
		s.skip()
		w.keep(e, at)
		return
	}
	b.jsonObject(r, g, w)
}

// jsonObject reads the keys of the object at w's scan into r: the
// record's own (g nil) or those of the group g. Each error goes to w.keep
// with the offset it concerns. The scan sets s.bad unless the object is
// well-formed, as jscan's own walks do.
func (b *builder) jsonObject(r *Record, g *field, w *jwalk) {
	s := &w.s
	s.ws()
	if s.peek() != '{' {
		s.skip()
		return
	}
	s.i++
	due := byte('{') // what was last: '{', ',' or '"' (a member)
	for {
		s.ws()
		switch s.peek() {
		case '"':
			s.bad = s.bad || due == '"'
		case '}':
			s.bad = s.bad || due == ','
			s.i++
			return
		case ',':
			s.bad = s.bad || due != '"'
			due = ','
			s.i++
			continue
		default:
			s.bad = true
			return // not reached for well-formed input
		}
		at := s.i
		f, key := b.jsonKey(s)
		s.ws()
		b.jsonMember(r, g, f, key, at, w)
		due = '"'
	}
}

// jsonMember reads the value of key (resolved to f, nil if unknown) at
// w's scan into r; at is the key's offset.
func (b *builder) jsonMember(r *Record, g, f *field, key []byte, at int, w *jwalk) {
	s := &w.s
	if f == nil {
		if !b.ignoring(string(key)) {
			l, c := w.pos(at)
			w.keep(b.unknownKey(string(key), "key", l, c), at)
		}
		s.skip()
		return
	}
	if e := b.claim(g, f); e != nil {
		w.keep(e, at)
		s.skip()
		return
	}
	if f.kind == kGroupCredentials || f.kind == kGroupMetrics {
		b.jsonGroup(r, f, w)
		return
	}
	n := len(b.segs)
	b.recordShape(w, f)
	w.keep(b.jsonValue(r, f, s), s.errAt)
	if len(b.segs) > n {
		w.last = s.i
	}
}

func groupMismatch(g, f *field) *RecordError {
	switch {
	case f.kind != kNum:
		return &RecordError{Field: f.name, Msg: "not a credential or metric; cannot be under " + g.name, Hint: "give " + f.name + " at the top level of the record"}
	case g.kind == kGroupCredentials && !f.cred:
		return &RecordError{Field: f.name, Msg: "a metric, not a credential", Hint: "put it under metrics: or at the top level"}
	case g.kind == kGroupMetrics && f.cred:
		return &RecordError{Field: f.name, Msg: "a credential, not a metric", Hint: "put it under credentials: or at the top level"}
	}
	return nil
}

// jsonValue reads the value at s into field f. On error the value is still
// consumed.
//
// s.errAt is left at the offset an error concerns: the value, or the list
// item at fault.
func (b *builder) jsonValue(r *Record, f *field, s *jscan) *RecordError {
	start := s.i
	s.errAt = start
	c := s.peek()
	var e *RecordError
	switch f.kind {
	case kNum:
		switch {
		case c == '"':
			e = b.setNum(r, f, string(bytes.TrimSpace(s.strRaw())))
		case c == 'n':
			s.skip()
		case c == '-' || (c >= '0' && c <= '9'):
			if x, end, ok := plainIntAt(s.b, s.i); ok && !b.opt.DecimalComma {
				r.Nums[f.slot] = x // what setNum makes of it, without a string
				s.i = end
				break
			}
			lit := s.literalRaw()
			if x, ok := plainInt(lit); ok && !b.opt.DecimalComma {
				r.Nums[f.slot] = x // what setNum makes of it, without a string
			} else {
				e = b.setNum(r, f, string(lit))
			}
		default:
			e = fieldErr(f, "expected a number, got "+jsonKind(c), "")
		}
	case kProfiles, kCompetencies, kAttestations:
		switch c {
		case '"':
			e = b.setListString(r, f, strings.TrimSpace(s.str()))
		case 'n':
			s.skip()
		case '[':
			e = b.jsonListCached(r, f, s)
		default:
			e = fieldErr(f, "expected a list of strings, got "+jsonKind(c), "")
		}
	default: // text
		switch {
		case c == '"':
			e = b.jsonText(r, f, bytes.TrimSpace(s.strRaw()))
		case c == 'n':
			s.skip()
		case (f.kind == kID || f.kind == kName) && (c == '-' || (c >= '0' && c <= '9')):
			e = b.setText(r, f, string(s.literalRaw()))
		default:
			e = fieldErr(f, "expected a string, got "+jsonKind(c), "")
		}
	}
	if e != nil {
		s.i = start
		s.skip()
	}
	return e
}

// jsonList reads a list of strings at s into list field f, leaving s.errAt
// at the item at fault.
func (b *builder) jsonList(r *Record, f *field, s *jscan) *RecordError {
	items := b.scratch[:0]
	defer func() { b.scratch = items }()
	s.i++
	comma := false // an item is due, after a ','
	for {
		s.ws()
		switch s.peek() {
		case ']':
			s.bad = s.bad || comma
			s.i++
			return b.commitList(r, f, items, true)
		case '"': // an item, read below
		default:
			s.errAt = s.i
			return fieldErr(f, "expected a list of strings, got a list holding "+jsonKind(s.peek()), "")
		}
		s.errAt = s.i
		if v := bytes.TrimSpace(s.strRaw()); len(v) > 0 {
			it, e := b.knownItem(f, v)
			if e != nil {
				return e
			}
			items = append(items, it)
		}
		s.ws()
		comma = s.peek() == ','
		switch {
		case comma:
			s.i++
		case s.peek() != ']':
			s.bad = true
		}
	}
}

func jsonKind(c byte) string {
	switch c {
	case '"':
		return "a string"
	case '{':
		return "an object"
	case '[':
		return "a list"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	}
	return "a number"
}
