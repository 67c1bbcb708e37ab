package report

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"regexp"
	"strings"
	"testing"
)

// xlsxParts writes n results as -o xlsx through a writer that notes its
// largest single write, and returns the workbook's parts by name.
func xlsxParts(t *testing.T, n int) (parts map[string]string, largest int) {
	t.Helper()
	rs := fixtures()
	var out bytes.Buffer
	w := &largestWrite{w: &out}
	p := newXLSXCheck(w)
	for i := range n {
		r := rs[i%len(rs)]
		r.Partner, r.Name = fmt.Sprintf("P%06d", i), fmt.Sprintf("=Name %d", i)
		if err := p.Print(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	z, err := zip.NewReader(bytes.NewReader(out.Bytes()), int64(out.Len()))
	if err != nil {
		t.Fatal(err)
	}
	parts = map[string]string{}
	for _, f := range z.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		parts[f.Name] = string(b)
	}
	return parts, w.largest
}

type largestWrite struct {
	w       io.Writer
	largest int
}

func (l *largestWrite) Write(b []byte) (int, error) {
	l.largest = max(l.largest, len(b))
	return l.w.Write(b)
}

// TestXLSXNothingGrowsWithRows guards the bounded memory of -o xlsx
// cheaply, by what the workbook holds rather than by timing a big run:
// whatever a workbook keeps in a table until it is written (shared
// strings, a style per cell, merged cells) would show here as a part or
// an entry that grows with the rows. Text is inline in the sheet, the
// styles are the same for 10 rows as for 3,000, and the zip goes to the
// output in small writes, never as one buffered file.
func TestXLSXNothingGrowsWithRows(t *testing.T) {
	small, _ := xlsxParts(t, 10)
	big, largest := xlsxParts(t, 3000)
	if _, ok := big["xl/sharedStrings.xml"]; ok {
		t.Error("the workbook has a shared strings table")
	}
	if small["xl/styles.xml"] != big["xl/styles.xml"] {
		t.Error("styles.xml grows with the rows")
	}
	sheet := big["xl/worksheets/sheet1.xml"]
	if n := strings.Count(sheet, "<row "); n != 3001 {
		t.Errorf("%d rows in the sheet, want 3001", n)
	}
	if n := len(inlineName.FindAllString(sheet, -1)); n != 3001 {
		t.Errorf("%d of 3001 names are inline strings", n)
	}
	for _, bad := range []string{"<f>", "<mergeCell", "<cols>"} {
		if strings.Contains(sheet, bad) {
			t.Errorf("the sheet holds %s", bad)
		}
	}
	if len(big["xl/worksheets/sheet1.xml"]) < 256<<10 || largest > 64<<10 {
		t.Errorf("largest write %d bytes for a %d-byte sheet: the zip was buffered", largest, len(sheet))
	}
}

// inlineName matches a cell of column B (the name) holding inline text.
var inlineName = regexp.MustCompile(`<c r="B[0-9]+"( s="[0-9]+")? t="inlineStr"><is><t( xml:space="preserve")?>`)
