package partner

import (
	"bytes"
	"errors"
	"io"
	"os"
	"runtime"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// FormatXLSX is an Excel workbook: the first sheet, or --sheet NAME, read
// row by row as CSV rows are, with a header row naming the columns.
var FormatXLSX = register(formatSpec{
	name: "xlsx", exts: []string{".xlsx", ".xlsm"}, raw: true,
	desc:  "an Excel workbook: the first sheet (or --sheet), a header row naming the columns",
	sniff: func(peek []byte) bool { return bytes.HasPrefix(peek, zipMagic) },
	open: func(r io.Reader, file string, s *Schema, opt ReadOptions) (Reader, error) {
		return newXLSXReader(r, file, s, opt)
	},
})

// xlsxReader reads a sheet with excelize's row iterator: the worksheet is
// unzipped to a temporary file and decoded row by row, so memory stays
// bounded whatever the sheet's size. Header and cells go through the CSV
// reader's code, so a cell means in a workbook what it means in CSV.
type xlsxReader struct {
	c     *csvReader
	wb    *excelize.File
	rows  *excelize.Rows
	sheet string
	n     int // the sheet row of the current row, 1-based
	width int // header cells
	done  bool
	err   error
}

// xlsxPartLimit is the size above which excelize unzips a part (the
// worksheet, the shared strings) to a temporary file instead of memory.
const xlsxPartLimit = 4 << 20

func newXLSXReader(r io.Reader, file string, s *Schema, opt ReadOptions) (*xlsxReader, error) {
	wb, err := openWorkbook(r, file)
	if err != nil {
		return nil, err
	}
	sheet, err := pickSheet(wb, file, opt.Sheet)
	if err != nil {
		wb.Close()
		return nil, err
	}
	x := &xlsxReader{wb: wb, sheet: sheet}
	// a run that stops early (--max-errors) still removes excelize's
	// temporary files
	runtime.AddCleanup(x, func(wb *excelize.File) { wb.Close() }, wb)
	if warn := opt.Warn; warn != nil {
		opt.Warn = func(e *RecordError) { e.Sheet = sheet; warn(e) }
	}
	x.c = &csvReader{b: newBuilder(file, s, opt, false)}
	if err := plainStyles(wb); err != nil {
		return nil, x.fail(err)
	}
	if x.rows, err = wb.Rows(sheet); err != nil {
		return nil, x.fail(err)
	}
	if err := x.readHeader(opt.SkipRows); err != nil {
		x.close()
		return nil, err
	}
	return x, nil
}

// openWorkbook opens a workbook from a file, or from a stream (stdin, a
// compressed file) spooled to a temporary file first: a zip is read from
// its end.
func openWorkbook(r io.Reader, file string) (*excelize.File, error) {
	o := excelize.Options{UnzipXMLSizeLimit: xlsxPartLimit}
	path := ""
	if f, ok := r.(*os.File); ok && isZipFile(f) {
		path = f.Name()
	} else {
		tmp, err := spool(r, file)
		if err != nil {
			return nil, err
		}
		defer os.Remove(tmp) // excelize holds what it needs once open
		path = tmp
	}
	wb, err := excelize.OpenFile(path, o)
	if err != nil {
		return nil, &HeaderError{File: file, Msg: "not a readable .xlsx workbook: " + err.Error(),
			Hint: "open it in Excel or LibreOffice and save it again as .xlsx, or export CSV"}
	}
	return wb, nil
}

func isZipFile(f *os.File) bool {
	st, err := f.Stat()
	if err != nil || !st.Mode().IsRegular() {
		return false
	}
	p := make([]byte, len(zipMagic))
	_, err = f.ReadAt(p, 0)
	return err == nil && bytes.Equal(p, zipMagic)
}

// spool copies a stream, decompressed, to a temporary file.
func spool(r io.Reader, file string) (string, error) {
	r, err := Decompress(r)
	if err != nil {
		err.(*HeaderError).File = file
		return "", err
	}
	tmp, err := os.CreateTemp("", "tiercalc-*.xlsx")
	if err != nil {
		return "", err
	}
	_, err = io.Copy(tmp, r)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(tmp.Name())
		var he *HeaderError
		if errors.As(err, &he) {
			he.File = file
			return "", he
		}
		return "", errors.New(file + ": " + err.Error())
	}
	return tmp.Name(), nil
}

// pickSheet returns the sheet named (in any case), or the first.
func pickSheet(wb *excelize.File, file, name string) (string, error) {
	list := wb.GetSheetList()
	if len(list) == 0 {
		return "", &HeaderError{File: file, Msg: "the workbook has no sheet"}
	}
	if name == "" {
		return list[0], nil
	}
	for _, s := range list {
		if strings.EqualFold(s, name) {
			return s, nil
		}
	}
	quoted := make([]string, len(list))
	for i, s := range list {
		quoted[i] = quote(s)
	}
	return "", &HeaderError{File: file, Msg: "no sheet " + quote(name), Hint: "the sheets are " + listCapped(quoted, 10)}
}

// readHeader reads rows up to the header, past skip rows and blank ones.
func (x *xlsxReader) readHeader(skip int) error {
	c := x.c
	for {
		cells, ok, err := x.next()
		if err != nil {
			return err
		}
		if !ok {
			x.done = true // an empty sheet: no records
			return nil
		}
		if x.n <= skip || blankRow(cells) {
			continue
		}
		c.row = rowAt(cells, x.n)
		err = c.header(cells)
		if err == nil {
			x.width = len(cells)
			return nil
		}
		err = headerHint(err, c.b, "row", func() ([]string, int, bool) {
			cells, ok, _ := x.next()
			return cells, x.n, ok
		})
		var he *HeaderError
		if errors.As(err, &he) {
			he.Sheet = x.sheet
		}
		return err
	}
}

// next returns the next row's cells as CSV cells: dates as yyyy-mm-dd,
// numbers as written, empty cells empty.
func (x *xlsxReader) next() ([]string, bool, error) {
	if !x.rows.Next() {
		if err := x.rows.Error(); err != nil {
			return nil, false, x.fail(err)
		}
		return nil, false, nil
	}
	x.n++
	cells, err := x.rows.Columns()
	if err != nil {
		return nil, false, x.fail(err)
	}
	return cells, true, nil
}

func rowAt(cells []string, n int) *csvRow {
	pos := make([]csvPos, len(cells))
	for i := range pos {
		pos[i] = csvPos{n, i + 1}
	}
	return &csvRow{fields: cells, pos: pos, n: len(cells), line: n, end: n}
}

// Next returns the next row's record.
func (x *xlsxReader) Next() (*Record, error) {
	if x.err != nil {
		return nil, x.err
	}
	for !x.done {
		cells, ok, err := x.next()
		if err != nil {
			return nil, err
		}
		if !ok {
			x.close()
			break
		}
		if blankRow(cells) {
			continue
		}
		rec, e := x.record(cells)
		if e != nil {
			e.Sheet = x.sheet
			return nil, e
		}
		return rec, nil
	}
	return nil, io.EOF
}

// record reads one row of cells.
func (x *xlsxReader) record(cells []string) (*Record, *RecordError) {
	c, b := x.c, x.c.b
	for j := x.width; j < len(cells); j++ {
		if v := strings.TrimSpace(cells[j]); v != "" {
			return nil, &RecordError{File: b.file, Line: x.n, Column: j + 1, ID: c.rowID(cells),
				Msg: "value " + quote(clip(v)) + " in a column with no header", Hint: "name the column in the header, or remove the value"}
		}
	}
	for len(cells) < x.width {
		cells = append(cells, "") // cells after the last filled one are not written
	}
	cells = cells[:x.width]
	c.row = rowAt(cells, x.n)
	rec := b.newRecord(x.n)
	if e := b.finish(rec, c.cells(rec, cells)); e != nil {
		return nil, e
	}
	return rec, nil
}

func (x *xlsxReader) fail(err error) error {
	x.close()
	x.err = errors.New(x.c.b.file + ": sheet " + quote(x.sheet) + ": " + err.Error())
	return x.err
}

func (x *xlsxReader) close() {
	x.done = true
	if x.rows != nil {
		x.rows.Close()
	}
	x.wb.Close()
}

// isoDate is the number format dates are read in: the record's form.
const isoDate = "yyyy-mm-dd"

// plainStyles makes every cell read as its plain value: a date-formatted
// cell as yyyy-mm-dd, any other number as written (not "1,234.00" as a
// "#,##0.00" format would show it). Excel keeps a cell's style apart from
// its value, and the row iterator returns formatted values only, so the
// styles are rewritten before reading.
func plainStyles(wb *excelize.File) error {
	code := isoDate
	id, err := wb.NewStyle(&excelize.Style{CustomNumFmt: &code}) // also loads wb.Styles
	if err != nil {
		return err
	}
	st := wb.Styles
	dateFmt := *st.CellXfs.Xf[id].NumFmtID
	custom := map[int]string{}
	if st.NumFmts != nil {
		for _, nf := range st.NumFmts.NumFmt {
			custom[nf.NumFmtID] = nf.FormatCode
		}
	}
	noFmt := -1 // neither built in nor custom: the value as it is
	for i := range st.CellXfs.Xf {
		xf := &st.CellXfs.Xf[i]
		n := 0
		if xf.NumFmtID != nil {
			n = *xf.NumFmtID
		}
		if isDateFormat(n, custom) {
			xf.NumFmtID = &dateFmt
		} else {
			xf.NumFmtID = &noFmt
		}
	}
	return nil
}

// isDateFormat reports whether number format id shows a date: a built-in
// date or time format, or a custom code with day, month, year, hour or
// second placeholders outside quoted text and [brackets].
func isDateFormat(id int, custom map[int]string) bool {
	switch {
	case id >= 14 && id <= 22, id >= 45 && id <= 47, id >= 27 && id <= 36, id >= 50 && id <= 58:
		return true
	}
	code, ok := custom[id]
	if !ok {
		return false
	}
	quoted, bracket := false, false
	for i := 0; i < len(code); i++ {
		switch c := code[i] | 0x20; {
		case code[i] == '"':
			quoted = !quoted
		case quoted:
		case code[i] == '[':
			bracket = true
		case code[i] == ']':
			bracket = false
		case bracket:
		case code[i] == '\\':
			i++
		case c == 'd' || c == 'm' || c == 'y' || c == 'h' || c == 's':
			return true
		}
	}
	return false
}

// cellName gives a cell's name, "D5", for column col (1-based) of row.
func cellName(col, row int) string {
	var b []byte
	for col > 0 {
		col--
		b = append([]byte{byte('A' + col%26)}, b...)
		col /= 26
	}
	return string(b) + strconv.Itoa(row)
}
