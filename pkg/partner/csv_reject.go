package partner

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// How the CSV reader rejects rows it could not read: malformed quoting,
// quoted cells that took in lines shaped like rows, unclosed quotes.

// rowErr rejects a row the scanner could not read as CSV: a quoted cell
// never closed, a row over maxRow, or malformed quoting; nil for a row
// that reads.
func (c *csvReader) rowErr(row *csvRow) *RecordError {
	switch {
	case row.unclosed:
		return c.unclosedErr(row)
	case row.long:
		return &RecordError{File: c.b.file, Line: row.line, Msg: fmt.Sprintf("row longer than %d MiB (%s)", maxRow>>20, lineRange(row.line, row.end)), Hint: "each row is one partner record; check for a quote that is never closed"}
	case row.errMsg != "":
		return c.malformedErr(row)
	}
	return nil
}

// malformedErr rejects a row with malformed quoting. When a quoted cell
// took in lines shaped like rows, each is named and counted, and the row
// itself is rejected at its first line.
func (c *csvReader) malformedErr(row *csvRow) *RecordError {
	e := &RecordError{File: c.b.file, Line: row.errLine, Column: row.errCol, Msg: "malformed CSV: " + row.errMsg, Hint: quoteHint(row.errMsg)}
	e.ID = c.rowID(row.fields)
	if row.badClose == 0 || len(row.shaped) == 0 {
		return e
	}
	for _, l := range row.shaped {
		if k := l - row.badClose - 1; l != row.line && k >= 0 {
			text := ""
			if k < len(row.swallowed) {
				text = row.swallowed[k]
			}
			c.pending = append(c.pending, c.swallowedErr(row.badClose, l, text, "which goes wrong on line "+strconv.Itoa(row.errLine)))
		}
	}
	e.Msg += fmt.Sprintf(" on line %d: the quoted cell opened on line %d swallowed %s", row.errLine, row.badClose, lineRange(row.badClose+1, row.errLine))
	e.Line, e.Column = row.line, 0
	return e
}

// lineRange gives "line 3" or "lines 3-7".
func lineRange(from, to int) string {
	if to <= from {
		return "line " + strconv.Itoa(from)
	}
	return "lines " + strconv.Itoa(from) + "-" + strconv.Itoa(to)
}

// warnShaped warns of a quoted cell that took in lines shaped like rows:
// valid CSV, but most often a stray quote that folded rows into one cell.
func (c *csvReader) warnShaped(row *csvRow) {
	if c.b.opt.Warn == nil {
		return
	}
	lines := make([]string, 0, min(len(row.shaped), 10))
	for _, l := range row.shaped[:min(len(row.shaped), 10)] {
		lines = append(lines, strconv.Itoa(l))
	}
	more := ""
	if len(row.shaped) > 10 {
		more = fmt.Sprintf(" and %d more", len(row.shaped)-10)
	}
	c.b.warn(&RecordError{File: c.b.file, Line: row.line, ID: c.rowID(row.fields),
		Msg: fmt.Sprintf("a quoted cell spans %s and holds text shaped like rows on line(s) %s%s: is a quote stray?", lineRange(row.line, row.end), strings.Join(lines, ", "), more)})
}

// unclosedErr rejects a row whose quoted cell runs to the end of the
// input, and queues one rejection for each non-blank line it swallowed, so
// that every line that may have been a record is named and counted.
func (c *csvReader) unclosedErr(row *csvRow) *RecordError {
	b := c.b
	id := c.idColumn()
	e := &RecordError{File: b.file, Line: row.errLine, Hint: closeHint,
		Msg: "malformed CSV: a quoted cell opened on this line is never closed"}
	if row.end > row.errLine {
		e.Msg += fmt.Sprintf(": it swallowed %s, to the end of the input", lineRange(row.errLine+1, row.end))
	}
	if id < len(row.fields)-1 { // not the cell left open
		e.ID = c.rowID(row.fields)
	}
	for k, text := range row.swallowed {
		if strings.TrimSpace(text) != "" {
			c.pending = append(c.pending, c.swallowedErr(row.errLine, row.errLine+1+k, text, "never closed"))
		}
	}
	return e
}

const closeHint = `close the quote; a quote inside a quoted cell is written twice: "say ""hi"""`

// swallowedErr rejects line, which the quoted cell opened on line from took
// in; text is the line (as far as read), for its id.
func (c *csvReader) swallowedErr(from, line int, text, how string) *RecordError {
	e := &RecordError{File: c.b.file, Line: line, Hint: closeHint,
		Msg: fmt.Sprintf("malformed CSV: this line is inside the quoted cell opened on line %d, %s", from, how)}
	if id := c.idColumn(); id >= 0 {
		if cells := strings.Split(text, string(c.sc.sep)); id < len(cells) {
			e.ID = c.idOf(strings.Trim(strings.TrimSpace(cells[id]), `"`))
		}
	}
	return e
}

// rowID returns the id cell of a row for a message, if readable.
func (c *csvReader) rowID(row []string) string {
	if i := c.idColumn(); i >= 0 && i < len(row) {
		return c.idOf(strings.TrimSpace(row[i]))
	}
	return ""
}

func (c *csvReader) idOf(id string) string {
	if id != "" && utf8.ValidString(id) && len(id) <= 200 {
		return printable(id)
	}
	return ""
}

// fieldCountErr rejects a row whose field count is not the header's.
func (c *csvReader) fieldCountErr(row []string, n, line int) *RecordError {
	e := c.truncatedErr(n, line)
	if e == nil {
		e = &RecordError{File: c.b.file, Line: line, Msg: fmt.Sprintf("row has %d fields, the header has %d", n, len(c.cols)), Hint: "quote cells that contain " + DelimiterName(c.sc.sep)}
	}
	e.ID = c.rowID(row)
	return e
}

// cell sets the field of column i from its trimmed value v.
func (c *csvReader) cell(rec *Record, i int, v string) *RecordError {
	b, f := c.b, c.cols[i]
	switch f.kind {
	case kNum:
		e := b.setNum(rec, f, v)
		if e != nil && !utf8.ValidString(v) {
			e.Msg, e.Hint = "invalid UTF-8", "save the file as UTF-8"
		}
		return e
	case kProfiles, kCompetencies, kAttestations:
		return c.list(rec, i, f, v)
	case kID, kName, kCountry, kTier:
		if !utf8.ValidString(v) {
			return fieldErr(f, "invalid UTF-8", "save the file as UTF-8")
		}
		return b.setText(rec, f, v)
	case kIgnore:
		if v != "" {
			return &RecordError{Msg: "value " + quote(v) + " in a column with no header", Hint: "name the column in the header, or remove the value"}
		}
	default: // an ignored unknown column (lenient)
		if !utf8.ValidString(v) {
			return &RecordError{Field: printable(clip(c.names[i])), Msg: "invalid UTF-8", Hint: "save the file as UTF-8"}
		}
	}
	return nil
}

// maxCached bounds the distinct list cells remembered per column.
const maxCached = 512

// list sets a list field from a cell. Exports repeat the same few list
// cells ("reseller;msp") on many rows, so checked lists are cached per
// column and shared between records, which saves most of the work.
func (c *csvReader) list(rec *Record, col int, f *field, v string) *RecordError {
	if v == "" {
		c.b.setList(rec, f, nil)
		return nil
	}
	if c.lists == nil {
		c.lists = make([]map[string][]string, len(c.cols))
	}
	m := c.lists[col]
	if l, ok := m[v]; ok {
		c.b.setList(rec, f, l)
		return nil
	}
	if !utf8.ValidString(v) {
		return fieldErr(f, "invalid UTF-8", "save the file as UTF-8")
	}
	if e := c.b.setListString(rec, f, v); e != nil {
		return e
	}
	if m == nil {
		m = map[string][]string{}
		c.lists[col] = m
	}
	if len(m) < maxCached {
		m[strings.Clone(v)] = getList(rec, f)
	}
	return nil
}

func getList(r *Record, f *field) []string {
	switch f.kind {
	case kProfiles:
		return r.Profiles
	case kCompetencies:
		return r.Competencies
	case kAttestations:
		return r.Attestations
	}
	return nil
}

func (c *csvReader) idColumn() int {
	for i, f := range c.cols {
		if f.kind == kID {
			return i
		}
	}
	return -1
}
