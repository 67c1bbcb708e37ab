package report

import (
	"archive/zip"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/tiercalc/tiercalc/pkg/compare"
	"github.com/tiercalc/tiercalc/pkg/engine"
	"github.com/tiercalc/tiercalc/pkg/summary"
)

// XLSX is an Excel workbook, for the people who open results in Excel
// anyway: check's rows as -o csv has them, compare's one row a partner,
// summary's tables one under the other. The header row is bold on a grey
// fill, counts are numbers and dates are dates; every other cell is written
// as text (an inline string), so a name starting with = is never run as a
// formula and needs no quote before it. Each sheet's rows go straight into
// the zip written to the output (sheetWriter), and excelize adds the other
// parts when the printer closes: memory does not grow with the rows. A
// sheet holds Excel's 1,048,576 rows at most; later rows continue on a new
// sheet, under the header again.
const XLSX Format = "xlsx"

// xlsxMaxRows is the last row a sheet holds (a variable for tests).
var xlsxMaxRows = excelize.TotalRows

// xlsxBook streams rows into a workbook written to w.
type xlsxBook struct {
	w      io.Writer
	name   string // the sheet's name; the next are "name (2)", ...
	header []string
	wb     *excelize.File
	zw     *zip.Writer
	sheet  sheetWriter
	names  []string // the sheets begun, in order
	sheets int      // the sheets begun under name
	row    int      // the last row written in the current sheet
	bold   int      // the header's style
	date   int      // the style of date cells
	closed bool
}

func newXLSXBook(w io.Writer, name string, header []string) *xlsxBook {
	return &xlsxBook{w: w, name: name, header: header}
}

// begin creates the workbook on the first row: nothing is written for a run
// that fails before it has anything to say.
func (b *xlsxBook) begin() error {
	if b.wb != nil {
		return nil
	}
	b.wb = excelize.NewFile()
	var err error
	if b.bold, err = b.wb.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9D9D9"}}}); err != nil {
		return err
	}
	if b.date, err = b.wb.NewStyle(&excelize.Style{NumFmt: 14}); err != nil {
		return err
	}
	b.zw = zip.NewWriter(b.w)
	return b.nextSheet()
}

// nextSheet starts the next sheet under name, with the header row.
func (b *xlsxBook) nextSheet() error {
	if b.sheet.w != nil {
		if _, err := io.WriteString(b.sheet.w, sheetTail); err != nil {
			return err
		}
	}
	b.sheets++
	name := b.name
	if b.sheets > 1 {
		name += " (" + strconv.Itoa(b.sheets) + ")"
	}
	b.names = append(b.names, name)
	var err error
	if b.sheet.w, err = b.zw.Create(sheetPath(len(b.names))); err != nil {
		return err
	}
	if _, err := io.WriteString(b.sheet.w, sheetHead); err != nil {
		return err
	}
	b.row = 0
	if b.header == nil {
		return nil
	}
	return b.add(b.bolds(b.header))
}

// bolds is a header row: each cell in the header's style.
func (b *xlsxBook) bolds(header []string) []any {
	cells := make([]any, len(header))
	for i, h := range header {
		cells[i] = excelize.Cell{StyleID: b.bold, Value: h}
	}
	return cells
}

// add writes one row: strings as text, numbers as numbers, nil as empty.
func (b *xlsxBook) add(cells []any) error {
	if err := b.begin(); err != nil {
		return err
	}
	if b.row == xlsxMaxRows {
		if err := b.nextSheet(); err != nil {
			return err
		}
	}
	b.row++
	return b.sheet.writeRow(b.row, cells)
}

// close ends the last sheet and has excelize write the workbook's other
// parts (an empty workbook, the header only, when no row came).
func (b *xlsxBook) close() error {
	if b.closed {
		return nil
	}
	b.closed = true
	if err := b.begin(); err != nil {
		return err
	}
	defer b.wb.Close()
	if _, err := io.WriteString(b.sheet.w, sheetTail); err != nil {
		return err
	}
	for i, name := range b.names {
		var err error
		if i == 0 {
			err = b.wb.SetSheetName("Sheet1", name)
		} else {
			_, err = b.wb.NewSheet(name)
		}
		if err != nil {
			return err
		}
	}
	// excelize's Write zips the workbook into a buffer of its own; its zip
	// writer hook sends the parts to our zip instead, and the buffer stays
	// empty.
	b.wb.ZipWriter = func(io.Writer) excelize.ZipWriter { return writtenSheets{b.zw, len(b.names)} }
	return b.wb.Write(io.Discard)
}

// text is a cell's text, or nil (an empty cell) for "".
func text(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func textOf(s *string) any {
	if s == nil {
		return nil
	}
	return text(*s)
}

// dateOf is a YYYY-MM-DD string as a date cell.
func (b *xlsxBook) dateOf(s *string) any {
	if s == nil {
		return nil
	}
	t, err := time.Parse(time.DateOnly, *s)
	if err != nil {
		return *s
	}
	return excelize.Cell{StyleID: b.date, Value: t}
}

// xlsxCheck is check's printer: the rows of -o csv.
type xlsxCheck struct{ b *xlsxBook }

func newXLSXCheck(w io.Writer) *xlsxCheck {
	return &xlsxCheck{newXLSXBook(w, "results", csvHeader)}
}

func (p *xlsxCheck) Print(r engine.Result) error {
	if p.b.closed {
		return errClosed
	}
	var gaps any
	if len(r.Missing) > 0 {
		gaps = string(AppendGapsPhrase(nil, r.Missing))
	}
	return p.b.add([]any{text(r.Partner), text(r.Name), text(r.Program), text(r.Edition), text(r.Track),
		textOf(r.Tier), textOf(r.QualifiedTier), text(r.Status), p.b.dateOf(r.GraceUntil), textOf(r.NextTier),
		gaps, text(strings.Join(r.Unknown, ";")), text(strings.Join(r.Notes, "; "))})
}

func (p *xlsxCheck) Close() error { return p.b.close() }

// xlsxCompare is compare's printer: the columns of -o csv.
type xlsxCompare struct {
	c *compare.Comparer
	b *xlsxBook
}

func newXLSXCompare(w io.Writer, c *compare.Comparer) *xlsxCompare {
	return &xlsxCompare{c: c, b: newXLSXBook(w, "compare", compareHeader(c))}
}

func (p *xlsxCompare) Row(row compare.Row) error {
	rec := []any{text(row.Partner), text(row.Name)}
	for _, c := range row.Cells {
		rec = append(rec, textOf(c.Tier), text(c.Track), text(c.Status))
	}
	for _, m := range row.Moves {
		rec = append(rec, text(m.Move))
	}
	return p.b.add(append(rec, text(compareNotes(p.c, row))))
}

func (p *xlsxCompare) Close() error { return p.b.close() }

// writeSummaryXLSX writes summary's tables one under the other, a blank
// row between them; counts are numbers.
func writeSummaryXLSX(w io.Writer, s *summary.Summary) error {
	b := newXLSXBook(w, "summary", nil)
	for i, g := range summaryGrids(s) {
		if i > 0 {
			if err := b.add(nil); err != nil {
				return err
			}
		}
		if err := b.addGrid(g); err != nil {
			return err
		}
	}
	return b.close()
}

func (b *xlsxBook) addGrid(g grid) error {
	if g.title != "" {
		if err := b.add([]any{excelize.Cell{StyleID: b.bold, Value: g.title}}); err != nil {
			return err
		}
	}
	if err := b.add(b.bolds(g.header)); err != nil {
		return err
	}
	for _, row := range g.rows {
		cells := make([]any, len(row))
		for i, c := range row {
			cells[i] = text(c)
			if n, err := strconv.Atoi(c); err == nil && i > 0 && isDecimal(c) {
				cells[i] = n
			}
		}
		if err := b.add(cells); err != nil {
			return err
		}
	}
	for _, line := range g.foot {
		if err := b.add([]any{text(line)}); err != nil {
			return err
		}
	}
	return nil
}

// WriteTemplate writes tiercalc template's workbook: a sheet "partners"
// holding the header row alone, and a sheet "columns" explaining each
// column, one row each under explainHeader.
func WriteTemplate(w io.Writer, header, explainHeader []string, explain [][]string) error {
	b := newXLSXBook(w, "partners", header)
	if err := b.begin(); err != nil {
		return err
	}
	b.name, b.header, b.sheets = "columns", explainHeader, 0
	if err := b.nextSheet(); err != nil {
		return err
	}
	for _, r := range explain {
		row := make([]any, len(r))
		for i, c := range r {
			row[i] = text(c)
		}
		if err := b.add(row); err != nil {
			return err
		}
	}
	return b.close()
}
