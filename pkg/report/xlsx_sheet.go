package report

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"

	"github.com/xuri/excelize/v2"
)

// sheetWriter writes one worksheet's XML row by row into its zip entry, so
// that nothing of a sheet stays in memory but the row being written.
// excelize's StreamWriter cannot do this: it keeps its rows in a 16 MiB
// in-memory buffer before each spill to its temporary file (a constant,
// StreamChunkSize), over 20 MiB of live heap once the buffer has grown, and
// copies the file into the zip at the end. excelize still makes every other
// part of the workbook (styles, sheet names, relationships).
type sheetWriter struct {
	w    io.Writer // the zip entry
	buf  []byte    // the row being written
	esc  bytes.Buffer
	cols []string // column names, A, B, ...
}

const (
	sheetHead = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`
	sheetTail = `</sheetData></worksheet>`
)

// sheetPath is the part of the n-th sheet (from 1), as excelize names it.
func sheetPath(n int) string { return "xl/worksheets/sheet" + strconv.Itoa(n) + ".xml" }

// writeRow writes row r: strings as inline text, ints as numbers, dates as
// date serials, an excelize.Cell with its style, nil as no cell.
func (s *sheetWriter) writeRow(r int, cells []any) error {
	b := append(s.buf[:0], `<row r="`...)
	b = strconv.AppendInt(b, int64(r), 10)
	b = append(b, `">`...)
	for i, v := range cells {
		var err error
		if b, err = s.appendCell(b, i+1, r, v); err != nil {
			return err
		}
	}
	s.buf = append(b, `</row>`...)
	_, err := s.w.Write(s.buf)
	return err
}

func (s *sheetWriter) appendCell(b []byte, col, row int, v any) ([]byte, error) {
	style := 0
	if c, ok := v.(excelize.Cell); ok {
		style, v = c.StyleID, c.Value
	}
	if v == nil {
		return b, nil
	}
	for len(s.cols) < col {
		name, err := excelize.ColumnNumberToName(len(s.cols) + 1)
		if err != nil {
			return b, err
		}
		s.cols = append(s.cols, name)
	}
	b = append(append(b, `<c r="`...), s.cols[col-1]...)
	b = append(strconv.AppendInt(b, int64(row), 10), '"')
	if style != 0 {
		b = append(strconv.AppendInt(append(b, ` s="`...), int64(style), 10), '"')
	}
	switch v := v.(type) {
	case int:
		b = append(strconv.AppendInt(append(b, `><v>`...), int64(v), 10), `</v></c>`...)
	case time.Time:
		b = append(strconv.AppendInt(append(b, `><v>`...), excelDay(v), 10), `</v></c>`...)
	default:
		b = append(b, ` t="inlineStr"><is><t xml:space="preserve">`...)
		b = append(s.appendText(b, fmt.Sprint(v)), `</t></is></c>`...)
	}
	return b, nil
}

// excelEpoch is day 0 of Excel's 1900 date system for dates after
// 1900-02-28 (Excel counts a 29 February 1900 that never was).
var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

// excelDay is date t's serial number in Excel's 1900 date system.
func excelDay(t time.Time) int64 { return int64(t.Sub(excelEpoch) / (24 * time.Hour)) }

// spelled reports whether s starts as Excel spells a character in its
// text (_x000D_ is a carriage return).
func spelled(s string) bool {
	if len(s) < 7 || s[0] != '_' || s[1] != 'x' || s[6] != '_' {
		return false
	}
	_, err := strconv.ParseUint(s[2:6], 16, 16)
	return err == nil
}

// unspell writes the underscore of each spelled character in t as _x005F_
// (an underscore), so that the text reads back as written.
func unspell(t string) string {
	var b strings.Builder
	for i := range len(t) {
		if t[i] == '_' && spelled(t[i:]) {
			b.WriteString("_x005F")
		}
		b.WriteByte(t[i])
	}
	return b.String()
}

// appendText appends s as XML text, cut to the 32,767 characters (UTF-16
// units) a cell holds, as excelize does.
func (s *sheetWriter) appendText(b []byte, t string) []byte {
	n := 0
	for i, r := range t {
		if n += utf16.RuneLen(r); n > excelize.TotalCellChars {
			t = t[:i]
			break
		}
	}
	if strings.Contains(t, "_x") {
		t = unspell(t)
	}
	s.esc.Reset()
	_ = xml.EscapeText(&s.esc, []byte(t)) // a bytes.Buffer never fails
	return append(b, s.esc.Bytes()...)
}

// writtenSheets is the zip writer excelize writes the workbook's other
// parts to: the sheets' parts are already in the zip, and excelize's empty
// ones are dropped.
type writtenSheets struct {
	*zip.Writer
	n int // sheets 1..n are written
}

func (z writtenSheets) Create(name string) (io.Writer, error) {
	for i := 1; i <= z.n; i++ {
		if name == sheetPath(i) {
			return io.Discard, nil
		}
	}
	return z.Writer.Create(name)
}
