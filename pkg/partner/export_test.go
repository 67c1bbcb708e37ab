package partner

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/klauspost/compress/zstd"
	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/unicode"
)

// readBytes reads in (bytes of format f) with opt, collecting warnings.
func readBytes(t *testing.T, f Format, in []byte, opt ReadOptions) (recs []*Record, rej []*RecordError, warns []string, fatal error) {
	t.Helper()
	opt.Warn = func(e *RecordError) { warns = append(warns, e.Error()) }
	r, err := NewReader(bytes.NewReader(in), "in", f, testSchema(), opt)
	if err != nil {
		return nil, nil, warns, err
	}
	for {
		rec, err := r.Next()
		var re *RecordError
		switch {
		case err == io.EOF:
			return recs, rej, warns, nil
		case errors.As(err, &re):
			rej = append(rej, re)
		case err != nil:
			return recs, rej, warns, err
		default:
			recs = append(recs, rec)
		}
	}
}

const plainCSV = "id,name,profiles,VTSP,revenue_usd\nP1,Société Générale,reseller;msp,2,1234.5\nP2,,,,\n"

// sameRecords checks that in reads as plainCSV does.
func sameRecords(t *testing.T, what string, f Format, in []byte, opt ReadOptions) []string {
	t.Helper()
	want, _, _, err := readBytes(t, FormatCSV, []byte(plainCSV), ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	got, rej, warns, err := readBytes(t, f, in, opt)
	if err != nil || len(rej) > 0 || len(got) != len(want) {
		t.Fatalf("%s: %d records, rejected %v, %v", what, len(got), rej, err)
	}
	for i := range want {
		g, w := got[i], want[i]
		same := g.ID == w.ID && g.Name == w.Name && strings.Join(g.Profiles, ";") == strings.Join(w.Profiles, ";")
		for j := range w.Nums {
			same = same && (g.Nums[j] == w.Nums[j] || math.IsNaN(g.Nums[j]) && math.IsNaN(w.Nums[j]))
		}
		if !same {
			t.Errorf("%s: record %d = %+v, want %+v", what, i, g, w)
		}
	}
	return warns
}

func TestExportShapes(t *testing.T) {
	french := strings.NewReplacer(",", ";", "reseller;msp", `"reseller;msp"`, "1234.5", "1\xa0234,50", "é", "\xe9", "\n", "\r\n").Replace(plainCSV)
	warns := sameRecords(t, "french", FormatCSV, []byte(french), ReadOptions{})
	if len(warns) != 1 || warns[0] != "in:2:8: not UTF-8: read as windows-1252 (--encoding to read it as another)" {
		t.Errorf("french warnings %q", warns)
	}
	if warns := sameRecords(t, "french forced", FormatCSV, []byte(french), ReadOptions{ExportOptions: ExportOptions{Encoding: "cp1252", Delimiter: ';'}}); len(warns) != 0 {
		t.Errorf("forced: warnings %q", warns)
	}

	tabs := strings.ReplaceAll(plainCSV, ",", "\t")
	u16, _ := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(tabs))
	sameRecords(t, "utf-16 bom", FormatCSV, u16, ReadOptions{})
	u16be, _ := unicode.UTF16(unicode.BigEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(tabs))
	sameRecords(t, "utf-16be bom", FormatCSV, u16be, ReadOptions{})
	noBOM, _ := unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM).NewEncoder().Bytes([]byte(tabs))
	if w := sameRecords(t, "utf-16 no bom", FormatCSV, noBOM, ReadOptions{}); len(w) != 1 || !strings.Contains(w[0], "UTF-16LE") {
		t.Errorf("no BOM: warnings %q", w)
	}

	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(plainCSV))
	zw.Close()
	sameRecords(t, "gzip", FormatCSV, gz.Bytes(), ReadOptions{})
	enc, _ := zstd.NewWriter(nil)
	sameRecords(t, "zstd", FormatCSV, enc.EncodeAll([]byte(plainCSV), nil), ReadOptions{})

	// a truncated gzip stream is named as such
	_, _, _, err := readBytes(t, FormatCSV, gz.Bytes()[:gz.Len()-12], ReadOptions{})
	var he *HeaderError
	if !errors.As(err, &he) || !strings.Contains(err.Error(), "gzip data ends early: the file is truncated") || he.Hint == "" {
		t.Errorf("truncated gzip: %v", err)
	}

	mapped := "Title of the export;;\n;;\nPartner ID;Account Name;profiles;VTSP;Revenue (USD);Region\nP1;Société Générale;\"reseller;msp\";2;1234,5;EMEA\nP2;;;;;\n"
	sameRecords(t, "mapped", FormatCSV, []byte(mapped), ReadOptions{ExportOptions: ExportOptions{SkipRows: 1, IgnoreColumns: true,
		Map: map[string]string{"partner id": "id", "account name": "name", "revenue (usd)": "revenue_usd"}}})
}

func TestExportErrors(t *testing.T) {
	for _, c := range []struct {
		name string
		f    Format
		in   string
		opt  ExportOptions
		want string // in the error
		hint string
	}{
		{"xlsx named csv", FormatCSV, "PK\x03\x04rest", ExportOptions{}, "a zip archive (an .xlsx workbook?), not csv", "--input-format xlsx"},
		{"xls", FormatCSV, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", ExportOptions{}, "Excel 97-2003 .xls", "save it as .xlsx"},
		{"wrapper", FormatJSON, `{"count": 1, "data": {"partners": [{"id": "P1"}]}}`, ExportOptions{}, `under "data"`, "--json-path data"},
		{"path missing", FormatJSON, `{"partners": []}`, ExportOptions{JSONPath: "data"}, `no key "data"`, ""},
		{"path on array", FormatJSON, `[{"id": "P1"}]`, ExportOptions{JSONPath: "data"}, "the input is an array", "leave out --json-path"},
		{"path to scalar", FormatJSON, `{"data": 1}`, ExportOptions{JSONPath: "data"}, `"data" holds no array`, ""},
		{"title row", FormatCSV, "Partner export\n\nid,name\nP1,A\n", ExportOptions{}, "the header seems to be on line 3", "--skip-rows 2"},
		{"crm names", FormatCSV, "Partner ID,Account Name\nP1,A\n", ExportOptions{}, "no known column names", "--map"},
		{"crm and known names", FormatCSV, "Partner ID,Account Name,VTSP\nP1,A,1\n", ExportOptions{}, "unknown columns", "--map"},
		{"bad mapping", FormatCSV, "Partner ID\nP1\n", ExportOptions{Map: map[string]string{"partner id": "idd"}}, `no field "idd"`, "did you mean id?"},
	} {
		_, _, _, err := readBytes(t, c.f, []byte(c.in), ReadOptions{ExportOptions: c.opt})
		var he *HeaderError
		if !errors.As(err, &he) || !strings.Contains(err.Error(), c.want) || !strings.Contains(he.Hint, c.hint) {
			t.Errorf("%s: %v (hint %q)", c.name, err, hintOf(he))
		}
	}
}

func hintOf(he *HeaderError) string {
	if he == nil {
		return ""
	}
	return he.Hint
}

func TestJSONPath(t *testing.T) {
	in := "{\"meta\": {\"partners\": \"not these\"},\n \"data\": {\"n\": 2, \"partners\": [\n  {\"id\": \"P1\", \"VTSP\": 1},\n  {\"id\": \"P2\", \"VTSP\": \"x\"}\n]}}\n"
	recs, rej, _, err := readBytes(t, FormatJSON, []byte(in), ReadOptions{ExportOptions: ExportOptions{JSONPath: "data.partners"}})
	if err != nil || len(recs) != 1 || recs[0].ID != "P1" || len(rej) != 1 {
		t.Fatalf("records %d, rejected %v, %v", len(recs), rej, err)
	}
	if rej[0].Line != 4 { // the file's own line
		t.Errorf("rejection at line %d: %v", rej[0].Line, rej[0])
	}
}

func TestTruncatedCSV(t *testing.T) {
	recs, rej, _, err := readBytes(t, FormatCSV, []byte("id,name,VTSP\nP1,A,1\nP2,B"), ReadOptions{})
	if err != nil || len(recs) != 1 || len(rej) != 1 {
		t.Fatalf("%d records, %v, %v", len(recs), rej, err)
	}
	if got := rej[0].Error(); got != "in:3: record P2: the input ends inside this row (2 of 3 fields, no line end): the file looks truncated" || rej[0].Hint == "" {
		t.Errorf("%s", got)
	}
	// the same row with a line end is a short row, not a truncated file
	_, rej, _, _ = readBytes(t, FormatCSV, []byte("id,name,VTSP\nP2,B\n"), ReadOptions{})
	if len(rej) != 1 || !strings.Contains(rej[0].Msg, "row has 2 fields") {
		t.Errorf("%v", rej)
	}
}

// writeBook writes a workbook of rows (nil: an empty cell) to a file.
func writeBook(t *testing.T, rows [][]any, style func(f *excelize.File)) string {
	t.Helper()
	f := excelize.NewFile()
	for i, row := range rows {
		for j, v := range row {
			if v == nil {
				continue
			}
			cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
			if err := f.SetCellValue("Sheet1", cell, v); err != nil {
				t.Fatal(err)
			}
		}
	}
	if style != nil {
		style(f)
	}
	path := filepath.Join(t.TempDir(), "b.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

func readBook(t *testing.T, path string, opt ReadOptions) ([]*Record, []*RecordError, error) {
	t.Helper()
	fh, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	r, err := NewReader(fh, "b.xlsx", FormatXLSX, testSchema(), opt)
	if err != nil {
		return nil, nil, err
	}
	var recs []*Record
	var rej []*RecordError
	for {
		rec, err := r.Next()
		var re *RecordError
		switch {
		case err == io.EOF:
			return recs, rej, nil
		case errors.As(err, &re):
			rej = append(rej, re)
		case err != nil:
			return recs, rej, err
		default:
			recs = append(recs, rec)
		}
	}
}

// TestXLSX: cells mean what CSV cells mean: a number as written whatever
// its display format, an empty cell unknown, a date as yyyy-mm-dd; a row
// is named by its sheet, row and cell.
func TestXLSX(t *testing.T) {
	path := writeBook(t, [][]any{
		{"id", "name", "VTSP", "revenue_usd", "seats"},
		{"P1", time.Date(2024, 7, 15, 0, 0, 0, 0, time.UTC), 3, 1234567.5, nil},
		{"P2", "B", "two", 10, 1},
		nil,
		{"P3", "C", nil, 0.1, 2, "stray"},
	}, func(f *excelize.File) {
		money, _ := f.NewStyle(&excelize.Style{NumFmt: 4}) // #,##0.00
		f.SetCellStyle("Sheet1", "D2", "D5", money)
	})
	recs, rej, err := readBook(t, path, ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 1 || recs[0].ID != "P1" || recs[0].Name != "2024-07-15" {
		t.Fatalf("records %+v", recs)
	}
	s := testSchema()
	vtsp, _ := s.Slot("VTSP")
	rev, _ := s.Slot("revenue_usd")
	seats, _ := s.Slot("seats")
	if r := recs[0]; r.Nums[vtsp] != 3 || r.Nums[rev] != 1234567.5 || !IsUnknown(r.Nums[seats]) {
		t.Errorf("numbers %v", r.Nums)
	}
	want := []string{
		`b.xlsx: sheet "Sheet1" row 3 cell C3: record P2: field VTSP: not a number: "two"`,
		`b.xlsx: sheet "Sheet1" row 5 cell F5: record P3: value "stray" in a column with no header`,
	}
	if len(rej) != len(want) {
		t.Fatalf("rejected %v", rej)
	}
	for i, w := range want {
		if rej[i].Error() != w {
			t.Errorf("rejection %d: %s", i, rej[i].Error())
		}
	}
}

func TestXLSXSheetsAndTitle(t *testing.T) {
	path := writeBook(t, [][]any{{"Export"}, {"Partner ID", "name", "VTSP"}, {"P1", "A", 1}}, func(f *excelize.File) {
		f.NewSheet("Other")
		f.SetCellValue("Other", "A1", "id")
		f.SetCellValue("Other", "A2", "Q1")
	})
	_, _, err := readBook(t, path, ReadOptions{})
	if err == nil || err.Error() != `b.xlsx: sheet "Sheet1" row 1: no known column names: the header seems to be on row 2` {
		t.Errorf("title: %v", err)
	}
	recs, _, err := readBook(t, path, ReadOptions{ExportOptions: ExportOptions{SkipRows: 1, Map: map[string]string{"partner id": "id"}}})
	if err != nil || len(recs) != 1 || recs[0].ID != "P1" || recs[0].Line != 3 {
		t.Errorf("mapped: %v %v", recs, err)
	}
	recs, _, err = readBook(t, path, ReadOptions{ExportOptions: ExportOptions{Sheet: "other"}})
	if err != nil || len(recs) != 1 || recs[0].ID != "Q1" {
		t.Errorf("--sheet: %v %v", recs, err)
	}
	if _, _, err = readBook(t, path, ReadOptions{ExportOptions: ExportOptions{Sheet: "x"}}); err == nil || !strings.Contains(err.Error(), `no sheet "x"`) {
		t.Errorf("no sheet: %v", err)
	}
}

// FuzzExportCSV: whatever the bytes (any encoding, delimiter, decimal
// comma), reading them gzip-compressed gives the same records, rejections
// and warnings as reading them as they are: decompression changes nothing
// but the bytes' path.
func FuzzExportCSV(f *testing.F) {
	f.Add([]byte(plainCSV))
	f.Add([]byte("id;name;revenue_usd\r\nP1;Soci\xe9t\xe9;1\xa0234,5\r\n"))
	f.Add([]byte("\xff\xfei\x00d\x00\t\x00V\x00T\x00S\x00P\x00\n\x00P\x001\x00\t\x002\x00"))
	f.Add([]byte("Title\n\nid\tname\nP1\t\"a\tb\""))
	f.Fuzz(func(t *testing.T, in []byte) {
		recs, rej, warns, err := readBytes(t, FormatCSV, in, ReadOptions{})
		var gz bytes.Buffer
		zw := gzip.NewWriter(&gz)
		zw.Write(in)
		zw.Close()
		recs2, rej2, warns2, err2 := readBytes(t, FormatCSV, gz.Bytes(), ReadOptions{})
		if fmt.Sprint(err) != fmt.Sprint(err2) || len(recs) != len(recs2) || fmt.Sprint(rej) != fmt.Sprint(rej2) || fmt.Sprint(warns) != fmt.Sprint(warns2) {
			t.Fatalf("plain: %d records, %v, %v, %v\ngzip: %d records, %v, %v, %v", len(recs), rej, warns, err, len(recs2), rej2, warns2, err2)
		}
		for i := range recs {
			if recs[i].ID != recs2[i].ID || recs[i].Line != recs2[i].Line {
				t.Fatalf("record %d: %+v / %+v", i, recs[i], recs2[i])
			}
		}
	})
}
