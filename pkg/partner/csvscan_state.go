package partner

import (
	"io"
	"strings"
)

// The state machine of csvScan.row: one method per state, for rows that
// hold quotes (plain reads the others).

// rowScan is the state of the row being scanned by the state machine.
type rowScan struct {
	s          *csvScan
	r          *csvRow
	state      int
	lineDelims int  // delimiters on the current physical line
	closing    bool // a quoted cell that spans lines closed on this line
	cellLine   int  // the open quoted cell's first line
	cellStart  int  // and its start in buf
	cellTotal  int  // delimiters in the quoted cell
}

// What a byte does to the row (step).
const (
	stepNext = iota // on to the next byte, a column further
	stepEnd         // the row ended
	stepLine        // a line ended inside a quoted cell
)

// scan runs the bytes of chunk (one physical line or part of one)
// through the state machine; true when the row ended.
func (p *rowScan) scan(chunk []byte) bool {
	s := p.s
	for i := 0; i < len(chunk); i++ {
		if p.state == sUnquoted || p.state == sQuoted {
			// a run of plain bytes, copied at once
			j := i
			for j < len(chunk) && !s.special[chunk[j]] {
				j++
			}
			if j > i {
				if !p.r.long && len(s.ends) < s.keep {
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
		if c == '\r' && s.crlf(chunk, i) {
			continue // CRLF reads as LF; a final CR is dropped
		}
		if c == s.sep {
			p.lineDelims++
		}
		switch p.step(c) {
		case stepEnd:
			return true
		case stepLine:
			continue // the column starts again at 1
		}
		s.col++
	}
	return false
}

func (p *rowScan) step(c byte) int {
	switch p.state {
	case sFieldStart:
		return p.fieldStart(c)
	case sUnquoted:
		return p.unquoted(c)
	case sQuoted:
		return p.quoted(c)
	case sQuoteInQuoted:
		return p.quoteInQuoted(c)
	}
	if c == '\n' { // sSkip: the rest of the line is dropped
		p.newline()
		return stepEnd
	}
	return stepNext
}

func (p *rowScan) fieldStart(c byte) int {
	s := p.s
	switch c {
	case s.sep: // before blanks: the separator may be a tab
		p.startField()
		p.endField()
	case ' ', '\t', '\v', '\f', '\r': // blank
	case '"':
		p.startField()
		p.state = sQuoted
		p.cellLine, p.cellStart, p.cellTotal = s.line, len(s.buf), 0
	case '\n':
		if p.r.n > 0 { // after a delimiter: an empty last field
			p.startField()
			p.endField()
		}
		p.newline()
		return stepEnd
	default:
		p.startField()
		p.add(c)
		p.state = sUnquoted
	}
	return stepNext
}

func (p *rowScan) unquoted(c byte) int {
	s := p.s
	switch c {
	case s.sep:
		p.endField()
		p.state = sFieldStart
	case '\n':
		p.endField()
		p.newline()
		return stepEnd
	case '"':
		p.fail(errCSVBareQuote, s.line, s.col)
	default:
		p.add(c)
	}
	return stepNext
}

func (p *rowScan) quoted(c byte) int {
	switch c {
	case '"':
		p.state = sQuoteInQuoted
	case '\n':
		p.add(c)
		p.newline()
		return stepLine
	default:
		if c == p.s.sep {
			p.cellTotal++
		}
		p.add(c)
	}
	return stepNext
}

func (p *rowScan) quoteInQuoted(c byte) int {
	s := p.s
	switch c {
	case '"':
		p.add(c)
		p.state = sQuoted
	case s.sep:
		p.closing = p.cellLine != s.line
		p.endField()
		p.state = sFieldStart
	case '\n':
		p.closing = p.cellLine != s.line
		p.endField()
		p.newline()
		return stepEnd
	default:
		p.fail(errCSVQuote, s.line, s.col-1)
		if p.cellLine != s.line {
			// the cell took in whole lines before going wrong
			p.r.badClose = p.cellLine
			p.swallow()
		}
	}
	return stepNext
}

// atEOF ends the row where the input ended without a line end.
func (p *rowScan) atEOF() (*csvRow, error) {
	s, r := p.s, p.r
	switch p.state {
	case sQuoted:
		r.unclosed = true
		p.swallow()
		r.errLine, r.errCol = p.cellLine, 0
	case sUnquoted, sQuoteInQuoted:
		p.endField()
	case sFieldStart:
		if r.n > 0 {
			p.startField()
			p.endField()
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

// swallow keeps the lines after the first of the open quoted cell.
func (p *rowScan) swallow() {
	s := p.s
	if !p.r.long && len(s.ends) < len(s.pos) {
		p.r.swallowed = strings.Split(string(s.buf[p.cellStart:]), "\n")[1:]
	}
}

func (p *rowScan) startField() {
	s := p.s
	p.r.n++
	if len(s.ends) < s.keep {
		s.pos = append(s.pos, csvPos{s.line, s.col})
	}
}

func (p *rowScan) endField() {
	s := p.s
	if len(s.ends) < len(s.pos) {
		s.ends = append(s.ends, len(s.buf))
	}
}

func (p *rowScan) add(c byte) {
	s := p.s
	if !p.r.long && len(s.ends) < s.keep {
		s.buf = append(s.buf, c)
	}
}

func (p *rowScan) fail(msg string, line, col int) {
	if p.r.errMsg == "" {
		p.r.errMsg, p.r.errLine, p.r.errCol = msg, line, col
	}
	p.state = sSkip
}

// newline ends a physical line, noting it when it is shaped like a row
// inside a quoted cell.
func (p *rowScan) newline() {
	s, r := p.s, p.r
	if p.shapedLine() {
		r.shaped = append(r.shaped, s.line)
	}
	r.end = s.line
	s.line++
	s.col = 1
	p.lineDelims, p.closing = 0, false
}

func (p *rowScan) shapedLine() bool {
	s, r := p.s, p.r
	if s.need == 0 || p.lineDelims < s.need {
		return false
	}
	if p.state == sQuoted && s.line != p.cellLine {
		return true
	}
	if p.closing && p.cellTotal >= s.need {
		// A stray quote closed on a later row holds the rest of its
		// own row and the start of that row: a row's delimiters.
		return true
	}
	return p.state == sSkip && r.badClose > 0 && s.line == r.errLine // the line where the cell went wrong
}
