package partner

import (
	"bufio"
	"io"
	"strings"
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
	special [256]bool // bytes that end a run of plain ones
	cur     csvRow
	err     error // a read error (not io.EOF)
	eof     bool
}

type csvPos struct{ line, col int }

// maxRow bounds the bytes of one CSV row, as maxElem bounds a JSON element.
const maxRow = maxLine

// csvRow is one row as scanned.
type csvRow struct {
	fields []string // the kept fields
	pos    []csvPos // where each kept field starts
	n      int      // fields in the row, kept or not
	line   int      // first line
	end    int      // last line
	long   bool     // over maxRow: fields are not kept
	// a syntax error: the row is rejected at (errLine, errCol)
	errMsg          string
	errLine, errCol int
	unclosed        bool     // a quoted cell ran to the end of the input
	badClose        int      // a quoted cell went wrong on a later line than this one, where it opened
	shaped          []int    // lines inside a quoted cell shaped like rows
	swallowed       []string // unclosed, badClose: the text of each line after the cell's first
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

const (
	sFieldStart = iota
	sUnquoted
	sQuoted
	sQuoteInQuoted // a quote seen inside a quoted field
	sSkip          // after an error: the rest of the line is dropped
)

// next returns the next row that holds anything, or io.EOF.
func (s *csvScan) next() (*csvRow, error) {
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
	*r = csvRow{line: s.line, shaped: r.shaped[:0]}
	s.buf, s.ends, s.pos = s.buf[:0], s.ends[:0], s.pos[:0]
	state := sFieldStart
	size := 0                   // bytes of the row so far
	lineDelims := 0             // on the current physical line
	closing := false            // a quoted cell that spans lines closed on this line
	cellLine, cellStart := 0, 0 // the open quoted cell's first line and start in buf
	cellTotal := 0              // delimiters in the quoted cell
	startField := func() {
		r.n++
		if len(s.ends) < s.keep {
			s.pos = append(s.pos, csvPos{s.line, s.col})
		}
	}
	endField := func() {
		if len(s.ends) < len(s.pos) {
			s.ends = append(s.ends, len(s.buf))
		}
	}
	add := func(c byte) {
		if !r.long && len(s.ends) < s.keep {
			s.buf = append(s.buf, c)
		}
	}
	fail := func(msg string, line, col int) {
		if r.errMsg == "" {
			r.errMsg, r.errLine, r.errCol = msg, line, col
		}
		state = sSkip
	}
	// newline ends a physical line; it reports whether the row ends too.
	newline := func() bool {
		inCell := state == sQuoted
		if inCell && s.line != cellLine && s.need > 0 && lineDelims >= s.need {
			r.shaped = append(r.shaped, s.line)
		} else if closing && s.need > 0 && cellTotal >= s.need && lineDelims >= s.need {
			// A stray quote closed on a later row holds the rest of its
			// own row and the start of that row: a row's delimiters.
			r.shaped = append(r.shaped, s.line)
		} else if state == sSkip && r.badClose > 0 && s.line == r.errLine && s.need > 0 && lineDelims >= s.need {
			r.shaped = append(r.shaped, s.line) // the line where the cell went wrong
		}
		r.end = s.line
		s.line++
		s.col = 1
		lineDelims, closing = 0, false
		return !inCell
	}
	first := true
	for {
		chunk, err := s.br.ReadSlice('\n')
		if err != nil && err != bufio.ErrBufferFull {
			if err != io.EOF {
				s.err = err
				return nil, err
			}
			s.eof = true
		}
		if first && len(chunk) == 0 && s.eof {
			return nil, io.EOF
		}
		if first && (len(chunk) == 1 && chunk[0] == '\n' || len(chunk) == 2 && chunk[0] == '\r' && chunk[1] == '\n') {
			s.line++ // an empty line is no row
			return nil, nil
		}
		first = false
		size += len(chunk)
		if size > maxRow && !r.long {
			r.long = true
			s.buf = s.buf[:0]
		}
		for i := 0; i < len(chunk); i++ {
			if state == sUnquoted || state == sQuoted {
				// a run of plain bytes, copied at once
				j := i
				for j < len(chunk) && !s.special[chunk[j]] {
					j++
				}
				if j > i {
					if !r.long && len(s.ends) < s.keep {
						s.buf = append(s.buf, chunk[i:j]...)
					}
					s.col += j - i
					i = j
					if i == len(chunk) {
						break
					}
				}
			}
			c := chunk[i]
			if c == '\r' && (i+1 < len(chunk) && chunk[i+1] == '\n' || i+1 == len(chunk) && s.eof) {
				continue // CRLF reads as LF; a final CR is dropped
			}
			if c == s.sep {
				lineDelims++
			}
			switch state {
			case sFieldStart:
				switch c {
				case s.sep: // before blanks: the separator may be a tab
					startField()
					endField()
				case ' ', '\t':
					s.col++
					continue
				case '"':
					startField()
					state = sQuoted
					cellLine, cellStart, cellTotal = s.line, len(s.buf), 0
				case '\n':
					if r.n > 0 { // after a delimiter: an empty last field
						startField()
						endField()
					}
					newline()
					return s.finish(r), nil
				default:
					startField()
					add(c)
					state = sUnquoted
				}
			case sUnquoted:
				switch c {
				case s.sep:
					endField()
					state = sFieldStart
				case '\n':
					endField()
					newline()
					return s.finish(r), nil
				case '"':
					fail(errCSVBareQuote, s.line, s.col)
				default:
					add(c)
				}
			case sQuoted:
				switch c {
				case '"':
					state = sQuoteInQuoted
				case '\n':
					add(c)
					newline()
					continue // the column starts again at 1
				default:
					if c == s.sep {
						cellTotal++
					}
					add(c)
				}
			case sQuoteInQuoted:
				switch c {
				case '"':
					add(c)
					state = sQuoted
				case s.sep:
					closing = cellLine != s.line
					endField()
					state = sFieldStart
				case '\n':
					closing = cellLine != s.line
					endField()
					newline()
					return s.finish(r), nil
				default:
					fail(errCSVQuote, s.line, s.col-1)
					if cellLine != s.line {
						// the cell took in whole lines before going wrong
						r.badClose = cellLine
						if !r.long && len(s.ends) < len(s.pos) {
							r.swallowed = strings.Split(string(s.buf[cellStart:]), "\n")[1:]
						}
					}
				}
			case sSkip:
				if c == '\n' {
					newline()
					return s.finish(r), nil
				}
			}
			s.col++
		}
		if s.eof {
			break
		}
	}
	// the input ended without a line end
	switch state {
	case sQuoted:
		r.unclosed = true
		if !r.long && len(s.ends) < len(s.pos) {
			r.swallowed = strings.Split(string(s.buf[cellStart:]), "\n")[1:]
		}
		r.errLine, r.errCol = cellLine, 0
	case sUnquoted, sQuoteInQuoted:
		endField()
	case sFieldStart:
		if r.n > 0 {
			startField()
			endField()
		}
	}
	r.end = s.line
	if s.col == 1 && r.end > r.line {
		r.end-- // the input ends with a line end
	}
	if r.n == 0 && r.errMsg == "" && !r.unclosed {
		return nil, io.EOF
	}
	return s.finish(r), nil
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
