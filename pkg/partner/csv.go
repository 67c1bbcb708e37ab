package partner

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// FormatCSV is comma-separated values with a header row. It has no
// signature, so piped input no other format claims is read as CSV.
var FormatCSV = register(formatSpec{
	name: "csv", exts: []string{".csv"},
	desc: "comma-separated values, a header row naming the columns",
	open: func(r io.Reader, file string, s *Schema, opt ReadOptions) (Reader, error) {
		c, err := newCSVReader(r, file, s, opt)
		if err != nil {
			return nil, err
		}
		return c, nil
	},
})

// csvReader reads a header row, then one record per row. Columns are
// resolved to fields once, from the header.
type csvReader struct {
	b     *builder
	br    *bufio.Reader // under cr
	cr    *csv.Reader
	cols  []*field              // per column; skipField for ignored (lenient) columns
	names []string              // trimmed header names, for messages
	lists []map[string][]string // per list column: recent cells -> list
	done  bool
	err   error
}

var (
	skipField  = &field{kind: kUnknown, name: ""}
	emptyField = &field{kind: kIgnore, name: ""}
)

func newCSVReader(r io.Reader, file string, s *Schema, opt ReadOptions) (*csvReader, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	if p, _ := br.Peek(3); bytes.Equal(p, bom) {
		br.Discard(3)
	}
	cr := csv.NewReader(br)
	cr.ReuseRecord = true
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	c := &csvReader{b: newBuilder(file, s, opt, false), br: br, cr: cr}
	var hdr []string
	for {
		row, err := cr.Read()
		if err == io.EOF {
			c.done = true // empty file: no records
			return c, nil
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, &HeaderError{File: file, Line: pe.Line, Column: pe.Column, Msg: "unreadable header: " + pe.Err.Error(), Hint: quoteHint(pe.Err)}
			}
			return nil, fmt.Errorf("%s: %w", file, err)
		}
		if !blankRow(row) {
			hdr = row
			break
		}
	}
	if err := c.header(hdr); err != nil {
		return nil, err
	}
	return c, nil
}

// header maps columns to fields and reports the first header problem.
func (c *csvReader) header(hdr []string) error {
	b := c.b
	c.cols = make([]*field, len(hdr))
	c.names = make([]string, len(hdr))
	at := make([]int, len(b.fields)) // field -> 1 + column
	known := 0
	var first error
	fail := func(e *HeaderError) {
		if first == nil {
			first = e
		}
	}
	var unknown *HeaderError // the first unknown column's error, for all
	var unknownNames, unknownHints []string
	for i, h := range hdr {
		line, col := c.cr.FieldPos(i)
		name := strings.TrimSpace(h)
		c.names[i] = name
		if !utf8.ValidString(name) {
			fail(&HeaderError{File: b.file, Line: line, Column: col, Field: strings.ToValidUTF8(clip(name), "\uFFFD"), Msg: "invalid UTF-8", Hint: "save the file as UTF-8"})
			c.cols[i] = skipField
			continue
		}
		if name == "" {
			c.cols[i] = emptyField
			continue
		}
		f := b.lookup(name)
		if f == nil {
			if e := b.unknownKey(name, "column", line, col); e != nil {
				if unknown == nil {
					unknown = &HeaderError{File: e.File, Line: e.Line, Column: e.Column, Field: clip(name), Msg: e.Msg, Hint: e.Hint}
					fail(unknown)
				}
				unknownNames = append(unknownNames, quote(name))
				if strings.HasPrefix(e.Hint, "did you mean") {
					unknownHints = append(unknownHints, quote(name)+": "+e.Hint)
				}
			}
			c.cols[i] = skipField
			continue
		}
		known++
		if at[f.idx] != 0 {
			fail(&HeaderError{File: b.file, Line: line, Column: col, Field: name, Msg: "duplicate column (also column " + strconv.Itoa(at[f.idx]) + ")", Hint: "column names match case-insensitively; keep one " + f.name + " column"})
			c.cols[i] = skipField
			continue
		}
		at[f.idx] = i + 1
		c.cols[i] = f
	}
	if len(unknownNames) > 1 {
		unknown.Field = ""
		unknown.Msg = "unknown columns " + listCapped(unknownNames, 10)
		if len(unknownHints) > 0 {
			unknown.Hint = listCappedSep(unknownHints, 10, "; ")
		}
	}
	if known == 0 {
		line, _ := c.cr.FieldPos(0)
		return &HeaderError{File: b.file, Line: line, Msg: "no known column names: the first row must be a header", Hint: "start the file with a header row such as id,name,country,profiles,VTSP,revenue_usd"}
	}
	if first != nil {
		return first
	}
	if at[b.exact["id"].idx] == 0 {
		line, _ := c.cr.FieldPos(0)
		return &HeaderError{File: b.file, Line: line, Field: "id", Msg: "no id column", Hint: "every record needs an id; add an id column"}
	}
	return nil
}

// listCapped joins up to n items with ", ", saying how many more there are.
func listCapped(items []string, n int) string { return listCappedSep(items, n, ", ") }

func listCappedSep(items []string, n int, sep string) string {
	if len(items) <= n {
		return strings.Join(items, sep)
	}
	return strings.Join(items[:n], sep) + sep + "and " + strconv.Itoa(len(items)-n) + " more"
}

func blankRow(row []string) bool {
	for _, v := range row {
		if strings.TrimSpace(v) != "" {
			return false
		}
	}
	return true
}

func quoteHint(err error) string {
	switch {
	case errors.Is(err, csv.ErrBareQuote):
		return `quote the whole cell when it holds a quote, and double the quotes inside: "say ""hi"""`
	case errors.Is(err, csv.ErrQuote):
		return "a quoted cell must end with a quote right before the comma or line end"
	}
	return ""
}

// Next returns the next row's record.
func (c *csvReader) Next() (*Record, error) {
	if c.err != nil {
		return nil, c.err
	}
	if c.done {
		return nil, io.EOF
	}
	b := c.b
	for {
		row, err := c.cr.Read()
		if err != nil {
			if err == io.EOF {
				c.done = true
				return nil, io.EOF
			}
			var pe *csv.ParseError
			if errors.As(err, &pe) && (errors.Is(pe.Err, csv.ErrQuote) || errors.Is(pe.Err, csv.ErrBareQuote) || errors.Is(pe.Err, csv.ErrFieldCount)) {
				return nil, c.parseErr(pe, row)
			}
			c.err = fmt.Errorf("%s: %w", b.file, err)
			return nil, c.err
		}
		line, _ := c.cr.FieldPos(0)
		if len(row) != len(c.cols) {
			if blankRow(row) {
				continue
			}
			return nil, c.fieldCountErr(row, line)
		}
		rec := b.newRecord(line)
		var first *RecordError
		for i, v := range row {
			if e := c.cell(rec, i, strings.TrimSpace(v)); e != nil && first == nil {
				e.Line, e.Column = c.cr.FieldPos(i)
				first = e
			}
		}
		if first == nil && rec.ID == "" && blankRow(row) {
			continue
		}
		if e := b.finish(rec, first); e != nil {
			return nil, e
		}
		return rec, nil
	}
}

// fieldCountErr rejects a row whose field count is not the header's.
func (c *csvReader) fieldCountErr(row []string, line int) *RecordError {
	e := &RecordError{File: c.b.file, Line: line, Msg: fmt.Sprintf("row has %d fields, the header has %d", len(row), len(c.cols)), Hint: "quote cells that contain commas"}
	if i := c.idColumn(); i >= 0 && i < len(row) {
		if id := strings.TrimSpace(row[i]); utf8.ValidString(id) && len(id) <= 200 {
			e.ID = printable(id)
		}
	}
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

// parseErr rejects a row encoding/csv could not parse; row holds the
// fields read before the error.
func (c *csvReader) parseErr(pe *csv.ParseError, row []string) *RecordError {
	b := c.b
	e := &RecordError{File: b.file, Line: pe.Line, Column: pe.Column, Msg: "malformed CSV: " + pe.Err.Error(), Hint: quoteHint(pe.Err)}
	if _, err := c.br.Peek(1); errors.Is(pe.Err, csv.ErrQuote) && pe.StartLine != pe.Line && err == io.EOF {
		// A quote opened and never closed: the rest of the input went
		// into the cell. Name the line where the cell began.
		e.Line, e.Column = pe.StartLine, 0
		if k := len(row); k > 0 {
			l, _ := c.cr.FieldPos(k - 1)
			e.Line = l + strings.Count(row[k-1], "\n")
		}
		e.Msg = fmt.Sprintf("malformed CSV: a quoted cell opened on this line is never closed (the input ends at line %d)", pe.Line)
		e.Hint = "close the quote; a quote inside a quoted cell is written twice: \"say \"\"hi\"\"\""
	}
	if i := c.idColumn(); i >= 0 && i < len(row) {
		if id := strings.TrimSpace(row[i]); id != "" && utf8.ValidString(id) && len(id) <= 200 {
			e.ID = printable(id)
		}
	}
	return e
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
