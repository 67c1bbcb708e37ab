package partner

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
)

// FormatJSON is a JSON array of record objects.
var FormatJSON = register(formatSpec{
	name: "json", exts: []string{".json"},
	desc:  "a JSON array of record objects",
	sniff: func(peek []byte) bool { return len(peek) > 0 && peek[0] == '[' },
	open: func(r io.Reader, file string, s *Schema, opt ReadOptions) (Reader, error) {
		j := newJSONReader(r, file, s, opt)
		if serialReading {
			return j, nil
		}
		return readJSONParallel(j), nil
	},
})

// maxElem bounds one element of a JSON array (or of a stream of objects) so
// that one runaway element cannot exhaust memory; a longer element is
// rejected as a record and skipped without being held.
const maxElem = maxLine

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
	b      *builder
	r      io.Reader
	buf    []byte // buf[:end] holds the input from offset base on
	broken bool   // the last element scanned was cut at a line break (a stray quote)
	pos    int    // next unread byte in buf
	end    int

	base int64 // input offset of buf[0]
	rerr error // from r: io.EOF at the end of input

	// Lines are counted up to input offset lnOff.
	lnOff  int64
	line   int   // 1-based line of lnOff
	lastNL int64 // offset of the last '\n' before lnOff, -1 if none

	state int
	stack []byte // open brackets of the element being scanned
	skel  skel   // the last well-formed element's skeleton (jsonskel.go)
	err   error

	// take, when set, receives each element's bytes (valid until the
	// next call) with its position, to be decoded elsewhere (jsonpar.go);
	// Next then returns no records.
	take func(raw []byte, line, col int)
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

func (j *jsonReader) fatalAt(i int, msg string) error {
	line, col := j.posAt(i)
	j.err = fmt.Errorf("%s:%d:%d: %s", j.b.file, line, col, msg)
	j.state = jsonDone
	return j.err
}

// recErrAt rejects what is at buf[i] (not a record's field).
func (j *jsonReader) recErrAt(i int, msg, hint string) *RecordError {
	line, col := j.posAt(i)
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
			if r, err := j.atElement(c); r != nil || err != nil {
				return r, err
			}
		case jsonComma:
			if err := j.afterElement(c); err != nil {
				return nil, err
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

// atElement reads what stands where an array element is due (c, at
// j.pos): the element's record, a *RecordError, or neither when the array
// ended.
func (j *jsonReader) atElement(c byte) (*Record, error) {
	switch c {
	case ']':
		afterComma := j.state == jsonValue
		j.pos++
		j.state = jsonAfter
		if afterComma {
			return nil, j.recErrAt(j.pos-1, "malformed JSON: invalid character ']' after ','", "remove the comma after the last element")
		}
		return nil, nil
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
	}
	j.state = jsonComma
	return j.element()
}

// afterElement reads what follows an array element (c, at j.pos): a comma
// or the closing ']', else a *RecordError.
func (j *jsonReader) afterElement(c byte) error {
	switch {
	case c == ',':
		j.pos++
		j.state = jsonValue
	case c == ']':
		j.pos++
		j.state = jsonAfter
	case isValueStart(c):
		// The element is rejected, not read: a rejection stands for one
		// record, so records in = records out + rejections.
		e := j.recErrAt(j.pos, "malformed JSON: missing ',' before this element", "separate the elements of the array with commas")
		_, j.pos, _, _ = j.scan()
		return e
	default:
		e := j.recErrAt(j.pos, "malformed JSON: invalid character "+charDesc(c)+" after array element", "separate the elements of the array with commas")
		j.resync()
		return e
	}
	return nil
}

// resync skips to the next '{' (the likely start of the next record) or,
// in an array, to its closing ']'. Strings on the way are skipped whole.
func (j *jsonReader) resync() {
	inStr, esc := false, false
	for {
		for ; j.pos < j.end; j.pos++ {
			if inStr {
				if j.pos, esc = strEnd(j.buf[:j.end], j.pos, esc); j.pos == j.end {
					break
				}
				inStr = false
				continue
			}
			switch c := j.buf[j.pos]; {
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
		return nil, &RecordError{File: j.b.file, Line: line, Column: col, Msg: "element longer than " + strconv.Itoa(maxElem>>20) + " MiB", Hint: "each partner record is a small JSON object"}
	}
	var rec *Record
	var err error
	if j.take != nil {
		j.take(j.buf[s:e], line, col)
	} else {
		rec, err = j.b.decodeJSON(j.buf[s:e], line, col)
	}
	if j.broken { // cut at a line break by a stray quote, so malformed
		j.broken = false
		j.resync()
	}
	return rec, err
}
