// Command exportgen rewrites a plain tiercalc CSV (header row, commas,
// UTF-8) as the exports people really have, for fixtures and benchmarks:
//
//	go run ./testdata/exportgen -shape french  < testdata/partners.csv > testdata/exports/french-excel.csv
//	go run ./testdata/exportgen -shape unicode < testdata/partners.csv > testdata/exports/unicode-text.txt
//	go run ./testdata/exportgen -shape crm     < testdata/partners.csv > testdata/exports/crm.xlsx
//	go run ./testdata/exportgen -shape gzip    < testdata/partners.csv > testdata/exports/partners.csv.gz
//
// french: what French Excel saves as "CSV (séparateur: point-virgule)":
// ';' between cells, Windows-1252, CRLF line ends, cells holding ';' quoted,
// revenue shown with a no-break space between thousands and a decimal comma.
// unicode: Excel's "Unicode text": UTF-16LE with a BOM, tabs, CRLF.
// crm: an .xlsx a CRM saves: a title row above the header, the CRM's own
// names for some columns, two columns tiercalc does not know (Account
// Owner, Last Modified, a date), numbers as numbers, revenue formatted
// "#,##0.00", unknown values as empty cells, and a second sheet of notes.
// gzip: the CSV as it is, gzip-compressed.
//
// Every shape streams: -shape crm writes a million rows in bounded memory.
package main

import (
	"bufio"
	"compress/gzip"
	"encoding/csv"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

func main() { os.Exit(run()) }

func run() int {
	shape := flag.String("shape", "french", "french|unicode|crm|gzip")
	flag.Parse()
	in := csv.NewReader(bufio.NewReaderSize(os.Stdin, 64<<10))
	in.ReuseRecord = true
	out := bufio.NewWriterSize(os.Stdout, 64<<10)
	var err error
	switch *shape {
	case "french":
		w := transform.NewWriter(out, charmap.Windows1252.NewEncoder())
		err = writeText(in, w, ';', frenchCell)
		if cerr := w.Close(); err == nil {
			err = cerr
		}
	case "unicode":
		w := transform.NewWriter(out, unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder())
		err = writeText(in, w, '\t', func(_ string, v string) string { return v })
		if cerr := w.Close(); err == nil {
			err = cerr
		}
	case "gzip":
		w := gzip.NewWriter(out)
		_, err = io.Copy(w, os.Stdin)
		if cerr := w.Close(); err == nil {
			err = cerr
		}
	case "crm":
		err = writeCRM(in, out)
	default:
		err = fmt.Errorf("unknown shape %q", *shape)
	}
	if ferr := out.Flush(); err == nil {
		err = ferr
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "exportgen:", err)
		return 1
	}
	return 0
}

// writeText writes the rows with sep between cells and CRLF after each,
// quoting a cell as Excel does: when it holds sep, a quote or a line end.
func writeText(in *csv.Reader, w io.Writer, sep byte, cell func(col, v string) string) error {
	var hdr []string
	for {
		row, err := in.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		first := hdr == nil
		if first {
			hdr = append([]string(nil), row...)
		}
		var b strings.Builder
		for i, v := range row {
			if i > 0 {
				b.WriteByte(sep)
			}
			if !first && i < len(hdr) {
				v = cell(hdr[i], v)
			}
			if strings.ContainsAny(v, string(sep)+"\"\r\n") {
				v = `"` + strings.ReplaceAll(v, `"`, `""`) + `"`
			}
			b.WriteString(v)
		}
		b.WriteString("\r\n")
		if _, err := io.WriteString(w, b.String()); err != nil {
			return err
		}
	}
}

// frenchCell shows revenue as a French Excel shows "# ##0,00".
func frenchCell(col, v string) string {
	if col != "revenue_usd" || v == "" {
		return v
	}
	x, err := strconv.ParseFloat(v, 64)
	if err != nil {
		return v
	}
	s := strconv.FormatFloat(x, 'f', 2, 64)
	whole, frac, _ := strings.Cut(s, ".")
	var g []string
	for len(whole) > 3 {
		g = append([]string{whole[len(whole)-3:]}, g...)
		whole = whole[:len(whole)-3]
	}
	g = append([]string{whole}, g...)
	return strings.Join(g, "\u00a0") + "," + frac
}

// crmNames are the CRM's names for the columns it names its own way.
var crmNames = map[string]string{
	"id": "Partner ID", "name": "Account Name", "country": "Billing Country",
	"profiles": "Partner Type", "current_tier": "Partner Level", "revenue_usd": "Revenue (USD)",
}

// numeric columns are written as numbers.
func numeric(col string) bool {
	switch col {
	case "id", "name", "country", "profiles", "current_tier", "competencies", "attestations":
		return false
	}
	return true
}

func writeCRM(in *csv.Reader, out io.Writer) error {
	wb := excelize.NewFile()
	defer wb.Close()
	if err := wb.SetSheetName("Sheet1", "Partners"); err != nil {
		return err
	}
	sw, err := wb.NewStreamWriter("Partners")
	if err != nil {
		return err
	}
	money, err := wb.NewStyle(&excelize.Style{NumFmt: 4}) // #,##0.00
	if err != nil {
		return err
	}
	date, err := wb.NewStyle(&excelize.Style{NumFmt: 14})
	if err != nil {
		return err
	}
	bold, err := wb.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	if err := sw.SetRow("A1", []any{"Partner export (fictional sample), all accounts"}); err != nil {
		return err
	}
	var hdr []string
	modified := time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)
	for n := 2; ; n++ {
		row, err := in.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		cells := make([]any, 0, len(row)+2)
		if hdr == nil {
			hdr = append([]string(nil), row...)
			for _, h := range row {
				if c, ok := crmNames[h]; ok {
					h = c
				}
				cells = append(cells, excelize.Cell{StyleID: bold, Value: h})
			}
			cells = append(cells, excelize.Cell{StyleID: bold, Value: "Account Owner"}, excelize.Cell{StyleID: bold, Value: "Last Modified"})
		} else {
			for i, v := range row {
				cells = append(cells, crmCell(hdr[i], v, money))
			}
			cells = append(cells, "M. Dupont", excelize.Cell{StyleID: date, Value: modified})
		}
		cell, _ := excelize.CoordinatesToCellName(1, n)
		if err := sw.SetRow(cell, cells); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	if _, err := wb.NewSheet("Notes"); err != nil {
		return err
	}
	if err := wb.SetCellStr("Notes", "A1", "Exported from the CRM; fictional data."); err != nil {
		return err
	}
	return wb.Write(out)
}

// crmCell is a cell as a CRM writes it: nil (empty) for an unknown value,
// a number in a numeric column, text otherwise.
func crmCell(col, v string, money int) any {
	if v == "" {
		return nil
	}
	if !numeric(col) {
		return v
	}
	x, err := strconv.ParseFloat(v, 64)
	if err != nil {
		return v
	}
	if col == "revenue_usd" {
		return excelize.Cell{StyleID: money, Value: x}
	}
	return x
}
