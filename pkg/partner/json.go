package partner

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// jsonReader streams a JSON array of objects element by element with a
// json.Decoder. A top-level stream of objects ({...} {...}) is read the same
// way. Lines come from a lineTracker under the decoder.
type jsonReader struct {
	b     *builder
	src   *lineTracker
	br    *bufio.Reader
	dec   *json.Decoder
	base  int64 // bytes consumed before the decoder started
	state int
	raw   json.RawMessage
	err   error
}

const (
	jsonStart = iota
	jsonArray
	jsonStream
	jsonDone
)

func newJSONReader(r io.Reader, file string, s *Schema, opt ReadOptions) *jsonReader {
	t := &lineTracker{r: r, lastNL: -1}
	return &jsonReader{b: newBuilder(file, s, opt, true), src: t, br: bufio.NewReaderSize(t, 64<<10)}
}

func (j *jsonReader) fatal(off int64, msg string) error {
	line, col := j.src.pos(off)
	j.err = fmt.Errorf("%s:%d:%d: %s", j.b.file, line, col, msg)
	j.state = jsonDone
	return j.err
}

// decodeErr turns a decoder error into a fatal error with a position.
// json.Decoder's SyntaxError.Offset is exact for Token but not for Decode
// (it counts only the bytes Decode scanned), so for Decode the failing value,
// which is still buffered from its start, is scanned again on its own.
func (j *jsonReader) decodeErr(err error, token bool) error {
	var se *json.SyntaxError
	switch {
	case errors.As(err, &se) && token:
		return j.fatal(j.base+se.Offset, "malformed JSON: "+se.Error())
	case errors.As(err, &se):
		off := j.base + j.dec.InputOffset()
		buf, _ := io.ReadAll(j.dec.Buffered())
		var se2 *json.SyntaxError
		if err := json.NewDecoder(bytes.NewReader(buf)).Decode(new(json.RawMessage)); errors.As(err, &se2) {
			off += max(se2.Offset-1, 0)
			se = se2
		}
		return j.fatal(off, "malformed JSON: "+se.Error())
	case err == io.EOF || errors.Is(err, io.ErrUnexpectedEOF):
		return j.fatal(j.base+j.dec.InputOffset(), "malformed JSON: unexpected end of input")
	}
	j.err = fmt.Errorf("%s: %w", j.b.file, err)
	j.state = jsonDone
	return j.err
}

func (j *jsonReader) start() error {
	if p, _ := j.br.Peek(3); bytes.Equal(p, bom) {
		j.br.Discard(3)
		j.base += 3
	}
	for {
		c, err := j.br.ReadByte()
		if err == io.EOF {
			j.state = jsonDone // empty input: no records
			return nil
		}
		if err != nil {
			j.err = fmt.Errorf("%s: %w", j.b.file, err)
			return j.err
		}
		if c == ' ' || c == '\t' || c == '\r' || c == '\n' {
			j.base++
			continue
		}
		j.br.UnreadByte()
		j.dec = json.NewDecoder(j.br)
		switch c {
		case '[':
			if _, err := j.dec.Token(); err != nil {
				return j.decodeErr(err, true)
			}
			j.state = jsonArray
		case '{':
			j.state = jsonStream
		default:
			return j.fatal(j.base, "expected a JSON array of partner records")
		}
		return nil
	}
}

// Next returns the next element's record.
func (j *jsonReader) Next() (*Record, error) {
	if j.err != nil {
		return nil, j.err
	}
	if j.state == jsonStart {
		if err := j.start(); err != nil {
			return nil, err
		}
	}
	switch j.state {
	case jsonDone:
		return nil, io.EOF
	case jsonArray:
		if !j.dec.More() {
			tok, err := j.dec.Token()
			if err != nil {
				return nil, j.decodeErr(err, true)
			}
			if tok != json.Delim(']') {
				return nil, j.fatal(j.base+j.dec.InputOffset()-1, fmt.Sprintf("malformed JSON: unexpected %v", tok))
			}
			if _, err := j.dec.Token(); err != io.EOF {
				return nil, j.fatal(j.base+j.dec.InputOffset(), "data after the JSON array")
			}
			j.state = jsonDone
			return nil, io.EOF
		}
	}
	if err := j.dec.Decode(&j.raw); err != nil {
		if err == io.EOF && j.state == jsonStream {
			j.state = jsonDone
			return nil, io.EOF
		}
		return nil, j.decodeErr(err, false)
	}
	start := j.base + j.dec.InputOffset() - int64(len(j.raw))
	line, _ := j.src.pos(start)
	return j.b.fromJSON(j.raw, line)
}

// lineTracker counts the newlines a decoder reads so that the line of any
// offset at or after the last one asked about is found in O(1) amortised.
type lineTracker struct {
	r      io.Reader
	n      int64   // bytes read
	nls    []int64 // offsets of newlines; nls[head:] not yet passed
	head   int
	line   int   // newlines passed
	lastNL int64 // offset of the last newline passed, -1 at first
}

func (t *lineTracker) Read(p []byte) (int, error) {
	n, err := t.r.Read(p)
	for i := 0; i < n; {
		k := bytes.IndexByte(p[i:n], '\n')
		if k < 0 {
			break
		}
		t.nls = append(t.nls, t.n+int64(i+k))
		i += k + 1
	}
	t.n += int64(n)
	return n, err
}

// pos returns the 1-based line and byte column of offset off.
func (t *lineTracker) pos(off int64) (line, col int) {
	k := t.head
	for k < len(t.nls) && t.nls[k] < off {
		k++
	}
	if k > t.head {
		t.lastNL = t.nls[k-1]
		t.line += k - t.head
		t.head = k
	}
	if t.head > 1024 && 2*t.head > len(t.nls) { // compact, amortised O(1)
		t.nls = t.nls[:copy(t.nls, t.nls[t.head:])]
		t.head = 0
	}
	return t.line + 1, int(max(off-t.lastNL, 1))
}

// fromJSON builds a record from one well-formed JSON value (an element of
// the array, or an NDJSON line) starting on line.
func (b *builder) fromJSON(raw []byte, line int) (*Record, error) {
	s := jscan{b: raw}
	s.ws()
	if s.i >= len(s.b) || s.b[s.i] != '{' {
		b.index++
		kind := "nothing"
		if s.i < len(s.b) {
			kind = jsonKind(s.b[s.i])
		}
		return nil, &RecordError{File: b.file, Line: line, Msg: "expected an object, got " + kind, Hint: "each partner record is a JSON object"}
	}
	if !utf8.Valid(raw) {
		b.index++
		return nil, &RecordError{File: b.file, Line: line, Msg: "invalid UTF-8", Hint: "save the file as UTF-8"}
	}
	r := b.newRecord(line)
	var first *RecordError
	lineAt := func(at int) int { return line + bytes.Count(raw[:at], []byte{'\n'}) }
	keep := func(e *RecordError, at int) {
		if e != nil && first == nil {
			if e.Line == 0 {
				e.Line = lineAt(at)
			}
			first = e
		}
	}
	s.object(func(key []byte, at int) {
		f := b.lookupBytes(key)
		if f == nil {
			if !b.ignoring(string(key)) {
				keep(b.unknownKey(string(key), "key", lineAt(at), 0), at)
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
			keep(b.jsonGroup(r, f, &s, keep, lineAt), at)
		default:
			keep(b.jsonValue(r, f, &s), at)
		}
	})
	return b.result(r, first)
}

// result finishes a record built by a JSON or YAML decoder.
func (b *builder) result(r *Record, first *RecordError) (*Record, error) {
	if e := b.finish(r, first); e != nil {
		return nil, e
	}
	return r, nil
}

// jsonGroup reads credentials: {...} or metrics: {...}.
func (b *builder) jsonGroup(r *Record, g *field, s *jscan, keep func(*RecordError, int), lineAt func(int) int) *RecordError {
	switch s.peek() {
	case 'n':
		s.skip()
		return nil
	case '{':
	default:
		e := fieldErr(g, "expected an object, got "+jsonKind(s.peek()), "")
		s.skip()
		return e
	}
	s.object(func(key []byte, at int) {
		f := b.lookupBytes(key)
		if f == nil {
			if !b.ignoring(string(key)) {
				keep(b.unknownKey(string(key), "key", lineAt(at), 0), at)
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
		keep(b.jsonValue(r, f, s), at)
	})
	return nil
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
func (b *builder) jsonValue(r *Record, f *field, s *jscan) *RecordError {
	start := s.i
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
					e = fieldErr(f, "expected a list of strings, got a list with a "+jsonKind(s.peek()), "")
					break
				}
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
	b []byte
	i int
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
