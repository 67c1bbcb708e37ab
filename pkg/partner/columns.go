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
// lower case, to the field name. A later entry for the same column wins.
// Whether each field exists is checked against the run's schema when an
// input is opened (checkColumnMap).
func ParseColumnMap(entries []string) (map[string]string, error) {
	if len(entries) == 0 {
		return nil, nil
	}
	out := make(map[string]string, len(entries))
	for _, e := range entries {
		i := strings.LastIndexByte(e, '=')
		if i < 0 {
			return nil, errors.New("column mapping " + quote(e) + ": want COLUMN=FIELD, e.g. \"Account Name=name\"")
		}
		col, name := strings.TrimSpace(e[:i]), strings.TrimSpace(e[i+1:])
		if col == "" || name == "" {
			return nil, errors.New("column mapping " + quote(e) + ": want COLUMN=FIELD, e.g. \"Account Name=name\"")
		}
		out[strings.ToLower(col)] = name
	}
	return out, nil
}

// checkColumnMap refuses a mapping to a name that is no field.
func checkColumnMap(file string, s *Schema, opt ReadOptions) error {
	if len(opt.Map) == 0 {
		return nil
	}
	b := newBuilder(file, s, ReadOptions{}, false)
	for col, name := range opt.Map {
		if b.lookup(name) == nil {
			return &HeaderError{File: file, Msg: "column mapping " + quote(col+"="+name) + ": no field " + quote(name),
				Hint: hintFor(name, s.FieldNames(), "fields")}
		}
	}
	return nil
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

// headerHint adds to a header error what a CRM export needs: for "no
// known column names", the line (unit: "line", or "row" in a sheet) a
// header seems to be on, from the rows next gives (at most 20); for
// unknown columns, --map and --ignore-columns.
func headerHint(err error, b *builder, unit string, next func() ([]string, int, bool)) error {
	var he *HeaderError
	if !errors.As(err, &he) {
		return err
	}
	if strings.HasPrefix(he.Msg, "unknown column") {
		// one column with a near name is a typo, most likely
		if !strings.Contains(he.Hint, "did you mean") || strings.HasPrefix(he.Msg, "unknown columns ") {
			he.Hint = strings.TrimPrefix(he.Hint+"; ", "; ") + `map a column to a field with --map "Account Name=name", or pass --ignore-columns`
		}
		return he
	}
	if !strings.HasPrefix(he.Msg, "no known column names") {
		return he
	}
	for range 20 {
		row, line, ok := next()
		if !ok {
			break
		}
		if b.headerLike(row) {
			he.Msg = "no known column names: the header seems to be on " + unit + " " + strconv.Itoa(line)
			he.Hint = "pass --skip-rows " + strconv.Itoa(line-1) + " to skip the title rows above it"
			return he
		}
	}
	if len(b.opt.Map) == 0 {
		he.Hint += `; map a CRM's column names with --map "Account Name=name"`
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
