package partner

import (
	"bufio"
	"bytes"
	"io"
)

// csvScan splits CSV input into rows (RFC 4180, as encoding/csv reads it
// with TrimLeadingSpace) in one pass over the bytes, so a row costs time
// linear in its length and memory bounded by maxRow: a longer row is still
// scanned to its end, to resynchronise, but not kept. encoding/csv takes
// seconds and hundreds of MB on a line of ten million commas and keeps a
// runaway row (an unclosed quote, /dev/zero) whole.
//
// It also notes what encoding/csv cannot tell: the lines a quoted cell
// spans that are shaped like rows (a stray quote folding rows into a cell).
type csvScan struct {
	br   *bufio.Reader
	line int  // the current physical line, 1-based
	col  int  // 1-based byte column of the next byte
	sep  byte // the delimiter: ',' or what ReadOptions.Delimiter says
	need int  // delimiters a row-shaped line holds (columns - 1); 0: no check
	keep int  // fields kept per row; further ones are only counted

	buf     []byte // the row's field bytes
	ends    []int  // end of each kept field in buf
	pos     []csvPos
	fresh   []string  // reused for the row's fields
	spans   []csvSpan // reused for a plain row's fields (lazy rows)
	special [256]bool // bytes that end a run of plain ones
	cur     csvRow
	err     error // a read error (not io.EOF)
	eof     bool
	read    int // bytes read from br so far
}

type csvPos struct{ line, col int }

// csvSpan is where a field of a plain row lies in the row's text, from
// its first byte (blank or not: csvRow.span skips the blanks).
type csvSpan struct{ start, end int32 }

// maxRow bounds the bytes of one CSV row, as maxElem bounds a JSON element.
const maxRow = maxLine

// csvRow is one row as scanned.
type csvRow struct {
	fields []string // the kept fields
	pos    []csvPos // where each kept field starts
	n      int      // fields in the row, kept or not
	line   int      // first line
	off    int      // byte offset of its start in what the scanner read
	end    int      // last line
	long   bool     // over maxRow: fields are not kept
	// a syntax error: the row is rejected at (errLine, errCol)
	errMsg          string
	errLine, errCol int
	unclosed        bool     // a quoted cell ran to the end of the input
	badClose        int      // a quoted cell went wrong on a later line than this one, where it opened
	shaped          []int    // lines inside a quoted cell shaped like rows
	swallowed       []string // unclosed, badClose: the text of each line after the cell's first

	// A lazy row (a plain row read by nextLazy) has its fields as spans
	// of text, and fields and pos nil until materialize: storing a string
	// a field costs a write barrier each while the collector runs, and
	// most cells need no string of their own (csvcells.go). text is the
	// scanner's buffer: valid until the next row is read.
	lazy  bool
	text  []byte
	spans []csvSpan
	s     *csvScan
}

// span is where field i of a lazy row lies in its text, after its
// leading blanks.
func (r *csvRow) span(i int) csvSpan {
	sp := r.spans[i]
	sp.start = int32(skipBlanks(r.text[:sp.end], int(sp.start)))
	return sp
}

// materialize sets a lazy row's fields and pos.
func (r *csvRow) materialize() {
	if !r.lazy {
		return
	}
	s := r.s
	s.fresh, s.pos = s.fresh[:0], s.pos[:0]
	all := string(r.text) // every field's bytes in one allocation
	for i := range r.spans {
		sp := r.span(i)
		s.fresh = append(s.fresh, all[sp.start:sp.end])
		s.pos = append(s.pos, csvPos{r.line, int(sp.start) + 1})
	}
	r.fields, r.pos, r.lazy = s.fresh, s.pos, false
}

var (
	errCSVBareQuote = `bare " in non-quoted-field`
	errCSVQuote     = `extraneous or missing " in quoted-field`
)

func newCSVScan(br *bufio.Reader, sep byte) *csvScan {
	s := &csvScan{br: br, line: 1, col: 1, sep: sep, keep: 1 << 16}
	for _, c := range []byte{sep, '"', '\n', '\r'} {
		s.special[c] = true
	}
	return s
}

// restart scans r from its start, a row's start on line.
func (s *csvScan) restart(r io.Reader, line int) {
	s.br.Reset(r)
	s.line, s.col, s.read = line, 1, 0
	s.err, s.eof = nil, false
}

const (
	sFieldStart = iota
	sUnquoted
	sQuoted
	sQuoteInQuoted // a quote seen inside a quoted field
	sSkip          // after an error: the rest of the line is dropped
)

// next returns the next row that holds anything, or io.EOF.
func (s *csvScan) next() (*csvRow, error) {
	r, err := s.nextLazy()
	if r != nil {
		r.materialize()
	}
	return r, err
}

// nextLazy is next, but a plain row may be lazy (csvRow.field reads it).
func (s *csvScan) nextLazy() (*csvRow, error) {
	for {
		r, err := s.row()
		if err != nil {
			return nil, err
		}
		if r != nil {
			return r, nil
		}
	}
}

// row scans one physical row; nil for an empty line.
func (s *csvScan) row() (*csvRow, error) {
	if s.err != nil {
		return nil, s.err
	}
	if s.eof {
		return nil, io.EOF
	}
	r := &s.cur // reused: a row is read before the next is scanned
	*r = csvRow{line: s.line, off: s.read, shaped: r.shaped[:0]}
	s.buf, s.ends, s.pos = s.buf[:0], s.ends[:0], s.pos[:0]
	p := rowScan{s: s, r: r}
	size := 0 // bytes of the row so far
	for first := true; ; first = false {
		chunk, whole, err := s.readChunk()
		if err != nil {
			return nil, err
		}
		if first {
			if row, done, err := s.begin(r, chunk, whole); done {
				return row, err
			}
		}
		size += len(chunk)
		if size > maxRow && !r.long {
			r.long = true
			s.buf = s.buf[:0]
		}
		if p.scan(chunk) {
			return s.finish(r), nil
		}
		if s.eof {
			return p.atEOF()
		}
	}
}

// readChunk reads up to the next line end (whole: it was reached); a read
// error other than io.EOF is kept, and returned.
func (s *csvScan) readChunk() (chunk []byte, whole bool, err error) {
	chunk, err = s.br.ReadSlice('\n')
	s.read += len(chunk)
	if err != nil && err != bufio.ErrBufferFull {
		if err != io.EOF {
			s.err = err
			return nil, false, err
		}
		s.eof = true
	}
	return chunk, err == nil, nil
}

// begin looks at a row's first chunk: done when it settles the row (the
// end of the input, an empty line, a whole row without quotes).
func (s *csvScan) begin(r *csvRow, chunk []byte, whole bool) (row *csvRow, done bool, err error) {
	switch {
	case len(chunk) == 0 && s.eof:
		return nil, true, io.EOF
	case len(chunk) == 1 && chunk[0] == '\n' || len(chunk) == 2 && chunk[0] == '\r' && chunk[1] == '\n':
		s.line++ // an empty line is no row
		return nil, true, nil
	case whole && bytes.IndexByte(chunk, '"') < 0:
		return s.plain(r, chunk), true, nil
	}
	return nil, false, nil
}

// plain reads a whole row without quotes (nearly every row): what the
// state machine would do, a field at a time. line ends with its LF. The
// row keeps line, which is valid until the next row is read.
func (s *csvScan) plain(r *csvRow, line []byte) *csvRow {
	line = line[:len(line)-1]
	if n := len(line); n > 0 && line[n-1] == '\r' {
		line = line[:n-1]
	}
	s.splitPlain(r, line)
	r.lazy, r.text, r.spans, r.s, r.end = true, line, s.spans, s, s.line
	s.line++
	s.col = 1
	return r
}

// blank is the white space skipped at a field's start, as encoding/csv
// trims it (ASCII only).
func blank(c byte) bool { return c == ' ' || c == '\t' || c == '\v' || c == '\f' || c == '\r' }

// crlf reports whether the CR at chunk[i] ends a line: a LF follows, or
// nothing. The next byte may be past a full buffer: peeked then (the
// chunk is not read after its last byte).
func (s *csvScan) crlf(chunk []byte, i int) bool {
	if i+1 < len(chunk) {
		return chunk[i+1] == '\n'
	}
	if s.eof {
		return true
	}
	p, _ := s.br.Peek(1)
	return len(p) == 0 || p[0] == '\n'
}

// finish makes the kept fields strings, with one allocation.
func (s *csvScan) finish(r *csvRow) *csvRow {
	if r.long {
		return r
	}
	for len(s.ends) < len(s.pos) { // a field cut short by an error
		s.ends = append(s.ends, len(s.buf))
	}
	all := string(s.buf)
	s.fresh = s.fresh[:0]
	prev := 0
	for _, e := range s.ends {
		s.fresh = append(s.fresh, all[prev:e])
		prev = e
	}
	r.fields, r.pos = s.fresh, s.pos
	return r
}
