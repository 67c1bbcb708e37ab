package partner

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// FormatJSON is a JSON array of record objects.
var FormatJSON = register(formatSpec{
	name: "json", exts: []string{".json"},
	desc:  "a JSON array of record objects",
	sniff: func(peek []byte) bool { return len(peek) > 0 && peek[0] == '[' },
	open: func(r io.Reader, file string, s *Schema, opt ReadOptions) (Reader, error) {
		return newJSONReader(r, file, s, opt), nil
	},
})

// maxElem bounds one element of a JSON array (or of a stream of objects) so
// that one runaway element cannot exhaust memory; a longer element is
// rejected as a record and skipped without being held.
const maxElem = maxLine

// maxStack bounds the bracket kinds remembered while finding an element's
// end; deeper levels are only counted.
const maxStack = 1 << 20

// jsonReader streams a JSON array of objects element by element. A
// top-level stream of objects ({...} {...}) is read the same way.
//
// It finds each element's bytes itself, tracking only depth and string
// state, then checks and decodes the element on its own: a syntax error is
// contained in its element, reported as a *RecordError, and reading goes on
// with the next element. When the structure between elements is broken (a
// missing comma, stray characters) one error is reported there and reading
// resumes at the next element.
type jsonReader struct {
	b   *builder
	r   io.Reader
	buf []byte // buf[:end] holds the input from offset base on
	pos int    // next unread byte in buf
	end int

	base int64 // input offset of buf[0]
	rerr error // from r: io.EOF at the end of input

	// Lines are counted up to input offset lnOff.
	lnOff  int64
	line   int   // 1-based line of lnOff
	lastNL int64 // offset of the last '\n' before lnOff, -1 if none

	state int
	stack []byte // open brackets of the element being scanned
	err   error
}

const (
	jsonStart  = iota
	jsonFirst  // after '[': an element or ']'
	jsonValue  // after ',': an element
	jsonComma  // after an element: ',' or ']'
	jsonStream // a stream of top-level values
	jsonAfter  // after the closing ']': nothing more
	jsonDone
)

func newJSONReader(r io.Reader, file string, s *Schema, opt ReadOptions) *jsonReader {
	return &jsonReader{b: newBuilder(file, s, opt, true), r: r, buf: make([]byte, 64<<10), line: 1, lastNL: -1}
}

// posAt returns the 1-based line and byte column of buf[i]. Positions must
// be asked in input order: lines are counted once.
func (j *jsonReader) posAt(i int) (line, col int) {
	lo := int(j.lnOff - j.base)
	if lo < i {
		seg := j.buf[lo:i]
		if n := bytes.Count(seg, []byte{'\n'}); n > 0 {
			j.line += n
			j.lastNL = j.base + int64(lo+bytes.LastIndexByte(seg, '\n'))
		}
		j.lnOff = j.base + int64(i)
	}
	return j.line, int(j.base + int64(i) - j.lastNL)
}

// more reads more input, dropping buf[:keep] first (the buffer grows when
// nothing can be dropped). It returns by how much indices into buf moved
// down, and false when the input has ended (or failed).
func (j *jsonReader) more(keep int) (shift int, ok bool) {
	if j.rerr != nil {
		return 0, false
	}
	if keep > 0 {
		if j.lnOff < j.base+int64(keep) {
			j.posAt(keep)
		}
		j.end = copy(j.buf, j.buf[keep:j.end])
		j.base += int64(keep)
		j.pos = max(j.pos-keep, 0)
	}
	if j.end == len(j.buf) {
		nb := make([]byte, min(2*len(j.buf), maxElem+64<<10))
		copy(nb, j.buf[:j.end])
		j.buf = nb
	}
	for range 100 {
		n, err := j.r.Read(j.buf[j.end:])
		j.end += n
		if err != nil {
			j.rerr = err
		}
		if n > 0 {
			return keep, true
		}
		if err != nil {
			return keep, false
		}
	}
	j.rerr = io.ErrNoProgress
	return keep, false
}

// peek skips blanks and returns the next byte; false at the end of input.
func (j *jsonReader) peek() (byte, bool) {
	for {
		for j.pos < j.end {
			switch c := j.buf[j.pos]; c {
			case ' ', '\t', '\r', '\n':
				j.pos++
			default:
				return c, true
			}
		}
		if _, ok := j.more(j.pos); !ok {
			return 0, false
		}
	}
}

func (j *jsonReader) fatalAt(i int, msg string) error {
	line, col := j.posAt(i)
	j.err = fmt.Errorf("%s:%d:%d: %s", j.b.file, line, col, msg)
	j.state = jsonDone
	return j.err
}

// recErrAt rejects what is at buf[i] (not a record's field).
func (j *jsonReader) recErrAt(i int, msg, hint string) *RecordError {
	line, col := j.posAt(i)
	j.b.index++
	return &RecordError{File: j.b.file, Line: line, Column: col, Msg: msg, Hint: hint}
}

// atEOF ends the input: a read error, or the end of input where the state
// allows it.
func (j *jsonReader) atEOF() (*Record, error) {
	if j.rerr != io.EOF {
		j.err = fmt.Errorf("%s: %w", j.b.file, j.rerr)
		j.state = jsonDone
		return nil, j.err
	}
	switch j.state {
	case jsonFirst, jsonValue, jsonComma:
		return nil, j.fatalAt(j.end, "malformed JSON: unexpected end of input")
	}
	j.state = jsonDone
	return nil, io.EOF
}

func isValueStart(c byte) bool {
	switch c {
	case '{', '[', '"', '-', 't', 'f', 'n':
		return true
	}
	return c >= '0' && c <= '9'
}

// charDesc names a byte for a message.
func charDesc(c byte) string {
	switch {
	case c == '\'':
		return `'\''`
	case c > ' ' && c < 0x7f:
		return "'" + string(rune(c)) + "'"
	}
	return fmt.Sprintf("byte 0x%02X", c)
}

// Next returns the next element's record.
func (j *jsonReader) Next() (*Record, error) {
	if j.err != nil {
		return nil, j.err
	}
	if j.state == jsonDone {
		return nil, io.EOF
	}
	for {
		if j.state == jsonStart && j.end-j.pos < 3 && j.rerr == nil {
			if _, ok := j.more(j.pos); ok {
				continue
			}
		}
		if j.state == jsonStart && bytes.HasPrefix(j.buf[j.pos:j.end], bom) {
			j.pos += 3
		}
		c, ok := j.peek()
		if !ok {
			return j.atEOF()
		}
		switch j.state {
		case jsonStart:
			switch c {
			case '[':
				j.pos++
				j.state = jsonFirst
			case '{':
				j.state = jsonStream
			default:
				return nil, j.fatalAt(j.pos, "expected a JSON array of partner records")
			}
		case jsonFirst, jsonValue:
			switch c {
			case ']':
				if j.state == jsonValue {
					e := j.recErrAt(j.pos, "malformed JSON: invalid character ']' after ','", "remove the comma after the last element")
					j.pos++
					j.state = jsonAfter
					return nil, e
				}
				j.pos++
				j.state = jsonAfter
			case ',':
				e := j.recErrAt(j.pos, "malformed JSON: invalid character ',' looking for beginning of value", "remove the extra comma")
				j.pos++
				j.state = jsonValue
				return nil, e
			case '}', ':':
				e := j.recErrAt(j.pos, "malformed JSON: invalid character "+charDesc(c)+" looking for beginning of value", "")
				j.pos++
				j.resync()
				return nil, e
			default:
				j.state = jsonComma
				return j.element()
			}
		case jsonComma:
			switch {
			case c == ',':
				j.pos++
				j.state = jsonValue
			case c == ']':
				j.pos++
				j.state = jsonAfter
			case isValueStart(c):
				j.state = jsonValue // read it next
				return nil, j.recErrAt(j.pos, "malformed JSON: missing ',' before this element", "separate the elements of the array with commas")
			default:
				e := j.recErrAt(j.pos, "malformed JSON: invalid character "+charDesc(c)+" after array element", "separate the elements of the array with commas")
				j.resync()
				return nil, e
			}
		case jsonStream:
			if isValueStart(c) {
				return j.element()
			}
			e := j.recErrAt(j.pos, "malformed JSON: invalid character "+charDesc(c)+" after top-level value", "give one JSON array of records, or objects one after the other")
			j.pos++
			j.resync()
			return nil, e
		case jsonAfter:
			return nil, j.fatalAt(j.pos, "data after the JSON array")
		}
	}
}

// resync skips to the next '{' (the likely start of the next record) or,
// in an array, to its closing ']'. Strings on the way are skipped whole.
func (j *jsonReader) resync() {
	inStr, esc := false, false
	for {
		for ; j.pos < j.end; j.pos++ {
			c := j.buf[j.pos]
			switch {
			case inStr:
				switch {
				case esc:
					esc = false
				case c == '\\':
					esc = true
				case c == '"':
					inStr = false
				}
			case c == '"':
				inStr = true
			case c == '{':
				if j.state != jsonStream {
					j.state = jsonValue
				}
				return
			case c == ']' && j.state != jsonStream:
				j.pos++
				j.state = jsonAfter
				return
			}
		}
		if _, ok := j.more(j.pos); !ok {
			return
		}
	}
}

// element reads the value at j.pos as one record.
func (j *jsonReader) element() (*Record, error) {
	line, col := j.posAt(j.pos)
	s, e, skipped, eof := j.scan()
	j.pos = e
	skipped = skipped || e-s > maxElem
	switch {
	case eof:
		return nil, j.fatalAt(j.end, "malformed JSON: unexpected end of input")
	case skipped:
		j.b.index++
		return nil, &RecordError{File: j.b.file, Line: line, Column: col, Msg: "element longer than " + strconv.Itoa(maxElem>>20) + " MiB", Hint: "each partner record is a small JSON object"}
	}
	raw := j.buf[s:e]
	if !json.Valid(raw) {
		j.b.index++
		return nil, jsonSyntaxErr(j.b.file, raw, line, col)
	}
	return j.b.fromJSON(raw, line, col)
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

// scan finds the end of the value at j.pos: buf[s:e] on return. A nested
// value ends at the bracket that closes its first one (a mismatched bracket
// closes up to its match; in an array, a ']' with no match ends the element
// before it); a string at its closing quote; anything else at the next
// delimiter. skipped: the value was longer than maxElem and was dropped on
// the way; eof: the input ended inside it.
func (j *jsonReader) scan() (s, e int, skipped, eof bool) {
	s = j.pos
	i := s
	depth := 0
	inStr, esc, literal := false, false, false
	stack := j.stack[:0]
	defer func() { j.stack = stack[:0] }()
	switch j.buf[i] {
	case '"':
		inStr = true
		i++
	case '{', '[':
	default:
		literal = true
	}
	inArray := j.state != jsonStream
	for {
		buf := j.buf[:j.end]
		for ; i < len(buf); i++ {
			c := buf[i]
			if inStr {
				switch {
				case esc:
					esc = false
				case c == '\\':
					esc = true
				case c == '"':
					inStr = false
					if depth == 0 {
						return s, i + 1, skipped, false
					}
				}
				continue
			}
			if literal {
				switch c {
				case ',', ']', '}', '[', '{', '"', ':', ' ', '\t', '\r', '\n':
					return s, i, skipped, false
				}
				continue
			}
			switch c {
			case '"':
				inStr = true
			case '{', '[':
				depth++
				if len(stack) < maxStack {
					stack = append(stack, c)
				}
			case '}', ']':
				if depth > len(stack) {
					depth--
					break
				}
				want := byte('{')
				if c == ']' {
					want = '['
				}
				if stack[depth-1] == want {
					depth--
					stack = stack[:depth]
				} else if k := bytes.LastIndexByte(stack, want); k >= 0 {
					depth = k
					stack = stack[:k]
				} else if c == ']' && inArray {
					return s, i, skipped, false // the array's own ']'
				} else {
					continue // a stray closer: the element is malformed
				}
				if depth == 0 {
					return s, i + 1, skipped, false
				}
			}
		}
		keep := s
		if skipped || i-s > maxElem {
			skipped, keep = true, i
		}
		shift, ok := j.more(keep)
		i -= shift
		s -= shift
		if !ok {
			return max(s, 0), i, skipped, !literal
		}
	}
}

// fromJSON builds a record from one well-formed JSON value (an element of
// the array, or an NDJSON line) starting at line:col.
func (b *builder) fromJSON(raw []byte, line, col int) (*Record, error) {
	s := jscan{b: raw}
	s.ws()
	if s.i >= len(s.b) || s.b[s.i] != '{' {
		b.index++
		kind := "nothing"
		if s.i < len(s.b) {
			kind = jsonKind(s.b[s.i])
		}
		l, c := posIn(raw, s.i, line, col)
		return nil, &RecordError{File: b.file, Line: l, Column: c, Msg: "expected an object, got " + kind, Hint: "each partner record is a JSON object"}
	}
	if !utf8.Valid(raw) {
		b.index++
		l, c := posIn(raw, invalidUTF8At(raw), line, col)
		return nil, &RecordError{File: b.file, Line: l, Column: c, Msg: "invalid UTF-8", Hint: "save the file as UTF-8"}
	}
	r := b.newRecord(line)
	b.col = col
	var first *RecordError
	// keep keeps the record's first error, placed at raw[at] unless it
	// has a position.
	keep := func(e *RecordError, at int) {
		if e != nil && first == nil {
			if e.Line == 0 {
				e.Line, e.Column = posIn(raw, at, line, col)
			}
			first = e
		}
	}
	s.object(func(key []byte, at int) {
		f := b.lookupBytes(key)
		if f == nil {
			if !b.ignoring(string(key)) {
				l, c := posIn(raw, at, line, col)
				keep(b.unknownKey(string(key), "key", l, c), at)
			}
			s.skip()
			return
		}
		if !b.mark(f) {
			keep(&RecordError{Field: f.name, Msg: "duplicate key", Hint: "give each field once, flat or under credentials: / metrics:"}, at)
			s.skip()
			return
		}
		switch f.kind {
		case kGroupCredentials, kGroupMetrics:
			b.jsonGroup(r, f, &s, keep, func(at int) (int, int) { return posIn(raw, at, line, col) })
		default:
			e := b.jsonValue(r, f, &s)
			keep(e, s.errAt)
		}
	})
	return b.result(r, first)
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

// result finishes a record built by a JSON or YAML decoder.
func (b *builder) result(r *Record, first *RecordError) (*Record, error) {
	if e := b.finish(r, first); e != nil {
		return nil, e
	}
	return r, nil
}

// jsonGroup reads credentials: {...} or metrics: {...}, passing each
// error to keep with the offset it concerns.
func (b *builder) jsonGroup(r *Record, g *field, s *jscan, keep func(*RecordError, int), pos func(int) (int, int)) {
	switch s.peek() {
	case 'n':
		s.skip()
		return
	case '{':
	default:
		at := s.i
		e := fieldErr(g, "expected an object, got "+jsonKind(s.peek()), "")
		s.skip()
		keep(e, at)
		return
	}
	s.object(func(key []byte, at int) {
		f := b.lookupBytes(key)
		if f == nil {
			if !b.ignoring(string(key)) {
				l, c := pos(at)
				keep(b.unknownKey(string(key), "key", l, c), at)
			}
			s.skip()
			return
		}
		if e := groupMismatch(g, f); e != nil {
			keep(e, at)
			s.skip()
			return
		}
		if !b.mark(f) {
			keep(&RecordError{Field: f.name, Msg: "duplicate key", Hint: "give each field once, flat or under credentials: / metrics:"}, at)
			s.skip()
			return
		}
		e := b.jsonValue(r, f, s)
		keep(e, s.errAt)
	})
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
			e = b.setNum(r, f, string(s.literalRaw()))
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
			items := b.scratch[:0]
			s.i++
			for {
				s.ws()
				if s.peek() == ']' {
					s.i++
					break
				}
				if s.peek() != '"' {
					s.errAt = s.i
					e = fieldErr(f, "expected a list of strings, got a list holding "+jsonKind(s.peek()), "")
					break
				}
				s.errAt = s.i
				if v := bytes.TrimSpace(s.strRaw()); len(v) > 0 {
					var it string
					if it, e = b.knownItem(f, v); e != nil {
						break
					}
					items = append(items, it)
				}
				s.ws()
				if s.peek() == ',' {
					s.i++
				}
			}
			b.scratch = items
			if e == nil {
				e = b.commitList(r, f, items, true)
			}
		default:
			e = fieldErr(f, "expected a list of strings, got "+jsonKind(c), "")
		}
	default: // text
		switch {
		case c == '"' && f.kind == kCountry:
			e = b.setCountry(r, f, string(bytes.TrimSpace(s.strRaw())))
		case c == '"':
			e = b.setText(r, f, string(bytes.TrimSpace(s.strRaw())))
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

// jscan walks a JSON value already known to be well-formed (checked by
// json.Decoder or json.Valid), so it needs no syntax errors of its own; it
// still never reads out of bounds.
type jscan struct {
	b     []byte
	i     int
	errAt int // see jsonValue
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

// object calls fn for each key with s at the key's value (after ':'); fn
// must consume the value and not keep key. at is the key's offset.
func (s *jscan) object(fn func(key []byte, at int)) {
	s.ws()
	if s.peek() != '{' {
		s.skip()
		return
	}
	s.i++
	for {
		s.ws()
		switch s.peek() {
		case '"':
		case '}':
			s.i++
			return
		case ',':
			s.i++
			continue
		default:
			return // not reached for well-formed input
		}
		at := s.i
		key := s.strRaw()
		s.ws()
		if s.peek() == ':' {
			s.i++
		}
		s.ws()
		fn(key, at)
	}
}

// str reads the string at s (which starts with '"').
func (s *jscan) str() string { return string(s.strRaw()) }

// strRaw reads the string at s (which starts with '"') and returns its
// contents: a slice of the input when it has no escapes (valid until the
// input buffer is reused), else a new unescaped copy.
func (s *jscan) strRaw() []byte {
	start := s.i + 1
	esc := false
	i := start
	for ; i < len(s.b); i++ {
		if c := s.b[i]; c == '\\' {
			esc = true
			i++
		} else if c == '"' {
			break
		}
	}
	end := min(i, len(s.b))
	s.i = end + 1
	if !esc {
		return s.b[start:end]
	}
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
			return s.b[start:s.i]
		}
		s.i++
	}
	return s.b[start:s.i]
}

// skip consumes one value of any kind.
func (s *jscan) skip() {
	s.ws()
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
	for s.i++; s.i < len(s.b); s.i++ {
		if c := s.b[s.i]; c == '\\' {
			s.i++
		} else if c == '"' {
			s.i++
			return
		}
	}
}
