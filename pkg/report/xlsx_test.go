package report

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/tiercalc/tiercalc/pkg/engine"
	"github.com/tiercalc/tiercalc/pkg/summary"
)

func openXLSX(t *testing.T, b []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// TestXLSXCheck reads -o xlsx back: the header of -o csv, bold; a row per
// result; text as text (never a formula), a grace date as a date.
func TestXLSXCheck(t *testing.T) {
	rs := fixtures()
	rs[0].Name = "=HYPERLINK(\"http://x\")"
	f := openXLSX(t, []byte(render(t, XLSX, testOptions, rs)))
	if got := f.GetSheetList(); len(got) != 1 || got[0] != "results" {
		t.Fatalf("sheets %v", got)
	}
	rows, err := f.GetRows("results", excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(rs)+1 || strings.Join(rows[0], ",") != strings.Join(csvHeader, ",") {
		t.Fatalf("%d rows, header %v", len(rows), rows[0])
	}
	if st, _ := f.GetCellStyle("results", "A1"); st == 0 {
		t.Error("header not styled")
	}
	if rows[1][1] != rs[0].Name {
		t.Errorf("name %q", rows[1][1])
	}
	if ft, _ := f.GetCellFormula("results", "B2"); ft != "" {
		t.Errorf("name written as formula %q", ft)
	}
	for i, r := range rs {
		if rows[i+1][0] != r.Partner || rows[i+1][2] != r.Program {
			t.Errorf("row %d: %v", i+2, rows[i+1])
		}
		if r.GraceUntil == nil {
			continue
		}
		cell, _ := excelize.CoordinatesToCellName(9, i+2)
		if v, _ := f.GetCellValue("results", cell); v != "10-14-09" { // built-in format 14 (mm-dd-yy)
			t.Errorf("grace %s: %q", cell, v)
		}
		if ty, _ := f.GetCellType("results", cell); ty != excelize.CellTypeUnset && ty != excelize.CellTypeNumber {
			t.Errorf("grace %s is not a number: %v", cell, ty)
		}
	}
}

// TestXLSXSheets: past a sheet's last row, rows go on in a new sheet under
// the header again.
func TestXLSXSheets(t *testing.T) {
	defer func(n int) { xlsxMaxRows = n }(xlsxMaxRows)
	xlsxMaxRows = 3
	var rs []engine.Result
	for _, id := range []string{"A", "B", "C", "D", "E"} {
		rs = append(rs, engine.Result{Partner: id, Program: "p", Status: engine.StatusQualified})
	}
	f := openXLSX(t, []byte(render(t, XLSX, testOptions, rs)))
	want := map[string]string{"results": "A,B", "results (2)": "C,D", "results (3)": "E"}
	if got := f.GetSheetList(); len(got) != 3 {
		t.Fatalf("sheets %v", got)
	}
	for sheet, ids := range want {
		rows, _ := f.GetRows(sheet)
		var got []string
		for _, r := range rows[1:] {
			got = append(got, r[0])
		}
		if rows[0][0] != "partner" || strings.Join(got, ",") != ids {
			t.Errorf("%s: %v", sheet, rows)
		}
	}
}

func TestXLSXSummaryNumbers(t *testing.T) {
	s := &summary.Summary{Programs: []summary.Program{{Program: "vpn-2009", Name: "VMware Partner Network",
		Tracks: []summary.Track{{Partners: 12, Tiers: []summary.Count{{Name: "Premier", N: 12}}}}}}}
	var buf bytes.Buffer
	if err := WriteSummary(&buf, XLSX, s); err != nil {
		t.Fatal(err)
	}
	f := openXLSX(t, buf.Bytes())
	rows, _ := f.GetRows("summary")
	if len(rows) < 3 || rows[1][0] != "TIER" || rows[2][0] != "Premier" || rows[2][1] != "12" {
		t.Fatalf("rows %q", rows)
	}
	if ty, _ := f.GetCellType("summary", "B3"); ty != excelize.CellTypeUnset && ty != excelize.CellTypeNumber {
		t.Errorf("count is %v, not a number", ty)
	}
	if ty, _ := f.GetCellType("summary", "A3"); ty != excelize.CellTypeInlineString {
		t.Errorf("tier is %v", ty)
	}
}

// TestXLSXTextReadsBack: text comes back from Excel's reader as written:
// spaces at the ends, line breaks, markup characters, a spelled character
// (_x000D_), and a cell cut at the 32,767 characters a cell holds.
func TestXLSXTextReadsBack(t *testing.T) {
	long := strings.Repeat("é", excelize.TotalCellChars+5)
	names := []string{" lead and trail ", "two\nlines", `<a href="x">&amp;</a>`, "a_x000D_b", "=1+1", long}
	var rs []engine.Result
	for _, n := range names {
		rs = append(rs, engine.Result{Partner: "P", Name: n, Program: "p", Status: engine.StatusQualified})
	}
	f := openXLSX(t, []byte(render(t, XLSX, testOptions, rs)))
	rows, err := f.GetRows("results")
	if err != nil {
		t.Fatal(err)
	}
	for i, n := range names {
		want := n
		if n == long {
			want = long[:2*excelize.TotalCellChars]
		}
		if got := rows[i+1][1]; got != want {
			t.Errorf("row %d: %.40q, want %.40q", i+2, got, want)
		}
	}
}

// TestXLSXTemplate: the template's two sheets, each under its bold header.
func TestXLSXTemplate(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteTemplate(&buf, []string{"partner", "name"}, []string{"column", "meaning"},
		[][]string{{"partner", "the id"}, {"name", "the name"}}); err != nil {
		t.Fatal(err)
	}
	f := openXLSX(t, buf.Bytes())
	if got := strings.Join(f.GetSheetList(), ","); got != "partners,columns" {
		t.Fatalf("sheets %s", got)
	}
	p, _ := f.GetRows("partners")
	c, _ := f.GetRows("columns")
	if len(p) != 1 || strings.Join(p[0], ",") != "partner,name" || len(c) != 3 || c[2][1] != "the name" {
		t.Errorf("partners %q, columns %q", p, c)
	}
	if st, _ := f.GetCellStyle("columns", "B1"); st == 0 {
		t.Error("columns header not styled")
	}
}

// FuzzXLSXText: any name reads back from the workbook as written, but for
// what XML cannot hold (a control character or a byte that is not UTF-8
// reads back as U+FFFD) and the cut at a cell's 32,767 characters.
func FuzzXLSXText(f *testing.F) {
	for _, s := range []string{"Acme", " x ", "a_x000D_b", "_x005F_x0041_", "a\r\nb\x01", "\xff=SUM(A1)"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		want := []rune{}
		for _, r := range name {
			if !xmlChar(r) {
				r = '\uFFFD'
			}
			want = append(want, r)
		}
		rs := []engine.Result{{Partner: "P", Name: name, Program: "p", Status: engine.StatusQualified}}
		var buf bytes.Buffer
		p := newXLSXCheck(&buf)
		if err := p.Print(rs[0]); err != nil {
			t.Fatal(err)
		}
		if err := p.Close(); err != nil {
			t.Fatal(err)
		}
		rows, err := openXLSX(t, buf.Bytes()).GetRows("results")
		if err != nil {
			t.Fatal(err)
		}
		got := ""
		if len(rows) > 1 && len(rows[1]) > 1 {
			got = rows[1][1]
		}
		if len(name) <= excelize.TotalCellChars && got != string(want) {
			t.Errorf("%q reads back as %q", name, got)
		}
	})
}

// xmlChar reports whether XML 1.0 can hold r (and it is not the mark of
// a byte that is not UTF-8).
func xmlChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D || r >= 0x20 && r <= 0xD7FF && r != utf8.RuneError ||
		r >= 0xE000 && r <= 0xFFFD && r != utf8.RuneError || r >= 0x10000 && r <= 0x10FFFF
}
