package partner

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// FormatCSV is comma-separated values with a header row. It has no
// signature, so piped input no other format claims is read as CSV.
var FormatCSV = register(formatSpec{
	name: "csv", aliases: []string{"tsv"}, exts: []string{".csv", ".tsv", ".txt"},
	desc: "comma-, semicolon- or tab-separated values, a header row naming the columns",
	open: func(r io.Reader, file string, s *Schema, opt ReadOptions) (Reader, error) {
		c, err := newCSVReader(r, file, s, opt)
		if err != nil {
			return nil, err
		}
		if c.done || serialReading {
			return c, nil
		}
		return readChunks(c.b, c.sc.br, c.sc.line, func(emit func(item)) chunkParser { return c.fork(emit) }), nil
	},
})

// csvReader reads a header row, then one record per row. Columns are
// resolved to fields once, from the header.
type csvReader struct {
	b       *builder
	sc      *csvScan
	row     *csvRow
	cols    []*field              // per column; skipField for ignored (lenient) columns
	names   []string              // trimmed header names, for messages
	lists   []map[string][]string // per list column: recent cells -> list
	pending []*RecordError        // rejections still to return (an unclosed quote's lines)
	plan    *cellPlan             // built by cellPlan on the first plain row
	done    bool
	err     error

	// A chunk of the input parsed in parallel (see chunks.go): partial
	// when more input follows, and where its last row started when it
	// ended inside a quoted cell (dirtyOff -1 otherwise).
	partial             bool
	dirtyOff, dirtyLine int
}

// fork returns a reader of chunks of c's input, past its header.
func (c *csvReader) fork(emit func(item)) *csvReader {
	sc := *c.sc // the scanner's settings; its buffers are its own
	sc.br = bufio.NewReaderSize(nil, 64<<10)
	sc.buf, sc.ends, sc.pos, sc.fresh, sc.spans, sc.cur = nil, nil, nil, nil, nil, csvRow{}
	return &csvReader{b: c.b.fork(emit), sc: &sc, cols: c.cols, names: c.names}
}

func (c *csvReader) start(r io.Reader, line int, last bool) {
	c.sc.restart(r, line)
	c.partial, c.dirtyOff = !last, -1
	c.pending, c.done, c.err = nil, false, nil
	c.b.warned = nil // given once per chunk here, once per input by the reader
}

func (c *csvReader) col() int { return 0 }

func (c *csvReader) dirty() (off, line int) { return c.dirtyOff, c.dirtyLine }

var (
	skipField  = &field{kind: kUnknown, name: ""}
	emptyField = &field{kind: kIgnore, name: ""}
)

func newCSVReader(r io.Reader, file string, s *Schema, opt ReadOptions) (*csvReader, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	if p, _ := br.Peek(3); bytes.Equal(p, bom) {
		br.Discard(3)
	}
	sep := opt.Delimiter
	if sep == 0 {
		sep = ','
	}
	c := &csvReader{b: newBuilder(file, s, opt, false), sc: newCSVScan(br, sep)}
	var hdr []string
	for {
		row, err := c.sc.next()
		if err == io.EOF {
			c.done = true // empty file: no records
			return c, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", file, err)
		}
		if row.line <= opt.SkipRows {
			continue // --skip-rows: a title row
		}
		switch {
		case row.long:
			return nil, &HeaderError{File: file, Line: row.line, Msg: "unreadable header: longer than " + strconv.Itoa(maxRow>>20) + " MiB"}
		case row.unclosed:
			return nil, &HeaderError{File: file, Line: row.errLine, Msg: "unreadable header: a quoted cell is never closed", Hint: quoteHint(errCSVQuote)}
		case row.errMsg != "":
			return nil, &HeaderError{File: file, Line: row.errLine, Column: row.errCol, Msg: "unreadable header: " + row.errMsg, Hint: quoteHint(row.errMsg)}
		case row.n > len(row.fields):
			return nil, &HeaderError{File: file, Line: row.line, Msg: fmt.Sprintf("unreadable header: more than %d columns", len(row.fields))}
		}
		if !blankRow(row.fields) {
			c.row = row
			hdr = row.fields
			break
		}
	}
	if err := c.header(hdr); err != nil {
		return nil, headerHint(err, c.b, "line", c.csvRows)
	}
	c.sc.keep = len(c.cols) + 1 // a longer row is rejected: its count is enough
	c.sc.need = len(c.cols) - 1
	return c, nil
}

// fieldPos returns where field i of the current row starts.
func (c *csvReader) fieldPos(i int) (line, col int) {
	if r := c.row; r.lazy {
		return r.line, int(r.span(i).start) + 1
	}
	p := c.row.pos[i]
	return p.line, p.col
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
		line, col := c.fieldPos(i)
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
		f := b.lookup(b.opt.column(name))
		if f == nil && b.opt.IgnoreColumns {
			c.cols[i] = skipField // --ignore-columns
			continue
		}
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
		line := c.row.line
		return &HeaderError{File: b.file, Line: line, Msg: "no known column names: the first row must be a header", Hint: "start the file with a header row such as id,name,country,profiles,VTSP,revenue_usd"}
	}
	if first != nil {
		return first
	}
	if at[b.exact["id"].idx] == 0 {
		line := c.row.line
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

func quoteHint(msg string) string {
	switch msg {
	case errCSVBareQuote:
		return `quote the whole cell when it holds a quote, and double the quotes inside: "say ""hi"""`
	case errCSVQuote:
		return "a quoted cell must end with a quote right before the comma or line end"
	}
	return ""
}

// Next returns the next row's record.
func (c *csvReader) Next() (*Record, error) {
	if c.err != nil {
		return nil, c.err
	}
	if len(c.pending) > 0 {
		e := c.pending[0]
		c.pending = c.pending[1:]
		return nil, e
	}
	if c.done {
		return nil, io.EOF
	}
	b := c.b
	for {
		row, err := c.sc.nextLazy()
		if err != nil {
			if err == io.EOF {
				c.done = true
				return nil, io.EOF
			}
			c.err = fmt.Errorf("%s: %w", b.file, err)
			return nil, c.err
		}
		c.row = row
		if row.unclosed && c.partial {
			// the chunk ends inside a quoted cell: the reader parses
			// this row again with the next chunk
			c.dirtyOff, c.dirtyLine, c.done = row.off, row.line, true
			return nil, io.EOF
		}
		if len(row.shaped) > 0 && !row.unclosed && row.badClose == 0 {
			c.warnShaped(row)
		}
		if e := c.rowErr(row); e != nil {
			return nil, e
		}
		line := row.line
		if row.n != len(c.cols) {
			row.materialize()
			if row.n == len(row.fields) && blankRow(row.fields) {
				continue
			}
			return nil, c.fieldCountErr(row.fields, row.n, line)
		}
		rec := b.newRecord(line)
		first := c.rowCells(rec, row)
		if first == nil && rec.ID == "" {
			if row.materialize(); blankRow(row.fields) {
				continue
			}
		}
		if e := b.finish(rec, first); e != nil {
			return nil, e
		}
		return rec, nil
	}
}

// cells sets rec's fields from a row's cells; the first cell's problem,
// placed at its line and column, or nil.
func (c *csvReader) cells(rec *Record, fields []string) *RecordError {
	var first *RecordError
	for i, v := range fields {
		if e := c.cellAt(rec, i, v); e != nil && first == nil {
			first = e
		}
	}
	return first
}

// rowCells is cells for a row as scanned, lazy or not.
func (c *csvReader) rowCells(rec *Record, row *csvRow) *RecordError {
	if !row.lazy {
		return c.cells(rec, row.fields)
	}
	return c.plainCells(rec, row)
}

// cellAt sets the field of column i from cell v; its problem, placed.
func (c *csvReader) cellAt(rec *Record, i int, v string) *RecordError {
	e := c.cell(rec, i, trimCell(v))
	if e != nil {
		e.Line, e.Column = c.fieldPos(i)
	}
	return e
}

// trimCell is strings.TrimSpace for a cell, skipping the call for the
// usual cell that neither starts nor ends with a space: ASCII letters,
// digits and punctuation at both ends (a byte from 0x80 may start a
// Unicode space, so it takes the full path).
func trimCell(v string) string {
	if v == "" || edgeByte(v[0]) && edgeByte(v[len(v)-1]) {
		return v
	}
	return strings.TrimSpace(v)
}

// edgeByte reports whether c is no white space, in any encoding TrimSpace
// knows: printable ASCII other than the space.
func edgeByte(c byte) bool { return c > ' ' && c < 0x7f }
