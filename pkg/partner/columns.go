package partner

import (
	"errors"
	"strconv"
	"strings"
)

// How a CRM or PRM export's columns meet the record's fields: a mapping
// from the export's names ("Account Name=name"), extra columns ignored on
// request, and title rows above the header skipped (--skip-rows N) or
// pointed out in a hint.

// ParseColumnMap reads mapping entries "Column Name=field" (--map, and the
// config file's columns: section) into a map from the column name, in
// lower case, to the field's canonical name. A later entry for the same
// column wins.
func ParseColumnMap(entries []string, s *Schema) (map[string]string, error) {
	if len(entries) == 0 {
		return nil, nil
	}
	if s == nil {
		s = NewSchema()
	}
	b := newBuilder("", s, ReadOptions{}, false)
	out := make(map[string]string, len(entries))
	for _, e := range entries {
		i := strings.LastIndexByte(e, '=')
		if i < 0 {
			return nil, errors.New("column mapping " + quote(e) + ": want COLUMN=FIELD, e.g. \"Account Name=name\"")
		}
		col, name := strings.TrimSpace(e[:i]), strings.TrimSpace(e[i+1:])
		if col == "" {
			return nil, errors.New("column mapping " + quote(e) + ": no column name before =")
		}
		f := b.lookup(name)
		if f == nil {
			msg := "column mapping " + quote(e) + ": no field " + quote(name)
			if h := hintFor(name, s.FieldNames(), "fields"); h != "" {
				msg += " (" + h + ")"
			}
			return nil, errors.New(msg)
		}
		out[strings.ToLower(col)] = f.name
	}
	return out, nil
}

// column returns the field name a header cell stands for: its mapping, or
// the name itself.
func (o *ExportOptions) column(name string) string {
	if f, ok := o.Map[strings.ToLower(name)]; ok {
		return f
	}
	return name
}

// headerLike reports whether a row names at least two fields, or the id:
// a header, not a title row or a record.
func (b *builder) headerLike(row []string) bool {
	n := 0
	for _, h := range row {
		if f := b.lookup(b.opt.column(strings.TrimSpace(h))); f != nil {
			if f.kind == kID {
				return true
			}
			n++
		}
	}
	return n >= 2
}

// titleRowsHint turns "no known column names" into a hint naming the line
// a header seems to be on, from the rows next() gives (at most 20); err
// when there is none or err is another error.
func titleRowsHint(err error, b *builder, next func() ([]string, int, bool)) error {
	var he *HeaderError
	if !errors.As(err, &he) || !strings.HasPrefix(he.Msg, "no known column names") {
		return err
	}
	for range 20 {
		row, line, ok := next()
		if !ok {
			break
		}
		if b.headerLike(row) {
			he.Msg = "no known column names on line " + strconv.Itoa(he.Line) + ": the header seems to be on line " + strconv.Itoa(line)
			he.Hint = "pass --skip-rows " + strconv.Itoa(line-1) + " to skip the title rows above it"
			return he
		}
	}
	if len(b.opt.Map) == 0 {
		he.Hint += "; a CRM export's own column names are mapped with --map \"Account Name=name\""
	}
	return he
}

// csvRows reads the rows after the header for titleRowsHint.
func (c *csvReader) csvRows() ([]string, int, bool) {
	row, err := c.sc.next()
	if err != nil {
		return nil, 0, false
	}
	return row.fields, row.line, true
}

// truncatedErr rejects a short last row the input ends inside of (no line
// end after it): a file cut short, not cells that hold the delimiter.
func (c *csvReader) truncatedErr(n int, line int) *RecordError {
	if !c.sc.eof || n >= len(c.cols) {
		return nil
	}
	return &RecordError{File: c.b.file, Line: line,
		Msg:  "the input ends inside this row (" + strconv.Itoa(n) + " of " + strconv.Itoa(len(c.cols)) + " fields, no line end): the file looks truncated",
		Hint: "the export, copy or download was cut short; fetch or export the file again"}
}
