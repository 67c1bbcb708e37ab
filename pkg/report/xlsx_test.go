package report

import (
	"bytes"
	"strings"
	"testing"

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
