package partner

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"unicode"
)

// scanRows writes down the rows of data as the CSV scanner reads them, to
// the first error: each row's cells with where each starts. The scanner
// reads through a buffer of size bytes: a row the buffer holds whole,
// without quotes, takes the plain path (splitPlain), any other the state
// machine.
func scanRows(data []byte, size int) string {
	var out strings.Builder
	s := newCSVScan(bufio.NewReaderSize(bytes.NewReader(data), size), ',')
	for {
		r, err := s.next()
		if err == io.EOF {
			return out.String()
		}
		switch {
		case r.unclosed: // placed on the line the cell opened on
			return out.String() + "unclosed"
		case r.errMsg != "":
			return out.String() + fmt.Sprintf("error %d:%d %s\n", r.errLine, r.errCol, r.errMsg)
		case r.n == 0 || r.n == 1 && r.fields[0] == "": // see FuzzCSVScan
			continue
		}
		fmt.Fprintf(&out, "row %q", r.fields)
		for _, p := range r.pos {
			fmt.Fprintf(&out, " %d:%d", p.line, p.col)
		}
		out.WriteString("\n")
	}
}

// stdRows is scanRows by encoding/csv, as the scanner means to read.
func stdRows(data []byte) string {
	var out strings.Builder
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord, r.TrimLeadingSpace = -1, true
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return out.String()
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return out.String() + fmt.Sprintf("error %d:%d %v\n", pe.Line, pe.Column, pe.Err)
		}
		if len(rec) == 1 && rec[0] == "" {
			continue // see FuzzCSVScan
		}
		fmt.Fprintf(&out, "row %q", rec)
		for i := range rec {
			l, c := r.FieldPos(i)
			fmt.Fprintf(&out, " %d:%d", l, c)
		}
		out.WriteString("\n")
	}
}

// FuzzCSVScan checks the scanner against encoding/csv (TrimLeadingSpace,
// any field count): the same cells at the same lines and columns, the same
// first error at the same place. A quoted cell left open at the end of the
// input is the one error placed elsewhere on purpose: encoding/csv names
// the input's end, the scanner the line the cell opened on. Inputs with
// non-ASCII Unicode spaces are left out: encoding/csv trims them at a
// field's start too, the scanner only ASCII white space.
//
// Both the plain path and the state machine are checked: through a
// buffer of 16 bytes most rows take the state machine, through one of 4
// KiB most take the plain path.
func FuzzCSVScan(f *testing.F) {
	for _, s := range []string{"a,b\n", " a, \"b\n\"\"c\"\r\n\nx,\"\n", "a\"b,c\n", "\"a\"b\n", "\"a\n", " \t \n,\n", "a\r\rb\r",
		// plain rows longer than a word: delimiters at every offset of a
		// word, blanks at field starts and ends, a row of blanks only
		"P1,Data 37 Inc,ES,cloud-provider;msp,Professional,,program-fee-paid,1,2,1,0,1,0,0\r\n",
		",,,,,,,,,,,,,,,,,\n\t \v\f  \t \n  a ,\t b\t, \f,\v\v\vlong field of text,x\n",
		"abcdefg,abcdefgh,abcdefghi,,,a,b,c,d,e,f,g,h,i,j\rk,l\r\r\n12345678\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if bytes.ContainsFunc(data, func(r rune) bool { return r > unicode.MaxASCII && unicode.IsSpace(r) }) {
			return // out of scope (see above)
		}
		want := stdRows(data)
		for _, size := range []int{16, 4096} {
			checkScan(t, data, scanRows(data, size), want)
		}
	})
}

// checkScan compares the scanner's rows (got) with encoding/csv's.
func checkScan(t *testing.T, data []byte, got, want string) {
	t.Helper()
	if rest, ok := strings.CutSuffix(got, "unclosed"); ok {
		i := strings.LastIndex(want, "error ")
		if i < 0 || want[:i] != rest || !strings.HasSuffix(want, errCSVQuote+"\n") {
			t.Fatalf("input %q\nscanner:\n%s\nencoding/csv:\n%s", data, got, want)
		}
		return
	}
	if got != want {
		t.Fatalf("input %q\nscanner:\n%s\nencoding/csv:\n%s", data, got, want)
	}
}

// FuzzCSVCells checks the quick path of plain rows (csvcells.go) against
// cellAt's full path: the same records, rejections and warnings, field
// for field.
func FuzzCSVCells(f *testing.F) {
	hdr := "id,name,country,current_tier,profiles,competencies,attestations,VTSP,revenue_usd,,extra\n"
	// one oddity a row, so that a record the quick path got wrong would
	// not hide behind an earlier rejection
	for _, s := range []string{
		"P1,Acme,FR,Registered,reseller;msp,,,2,1000,,\nP2,beta,de,registered,MSP,,,02,1.5,,\n",
		"P3,a\xffb,US,,,,,,,,\nP4,Gamma,XX,,,,,,,,\n1\xff1,G,FR,,,,,,,,\nP8,F,FR,,,,,,,,a\xfeb\n",
		"P5, Delta ,GB, Professional ,reseller ; msp,,,1 ,,,\nP6,Ünïcode,FR,,,,,99999999999999,,,\n",
		"P7,E,FR,,,,,,,x,\nP9,H,FR,Gold,,,,,,,\nP10,I,FR,,oem,nope,,,,,\nP11,J,FR,,,,,,-1,,\nP1,Dup,FR,,,,,,,,\n",
	} {
		f.Add([]byte(hdr+s), false)
	}
	f.Add([]byte(hdr+"P1,A,FR,,,,,1,\"1,5\"\nP2,B,FR,,,,,2,3\n"), true)
	f.Fuzz(func(t *testing.T, data []byte, comma bool) {
		defer func() { quickCells, serialReading = true, false }()
		serialReading = true
		want := recordTranscript(t, data, false, comma)
		if got := recordTranscript(t, data, true, comma); got != want {
			t.Fatalf("input %q\nquick cells:\n%s\nfull path:\n%s", data, got, want)
		}
	})
}

// recordTranscript writes down every record (all of its fields),
// rejection and warning of CSV data, with the quick path on or off (and
// with --decimal-comma when comma). The encoding is forced to UTF-8, so
// that bytes that are not UTF-8 reach the cells as they are.
func recordTranscript(t *testing.T, data []byte, quick, comma bool) string {
	quickCells = quick
	var out strings.Builder
	opt := ReadOptions{Lenient: true, ExportOptions: ExportOptions{DecimalComma: comma, Encoding: "utf-8"}, Warn: func(e *RecordError) { fmt.Fprintf(&out, "warn %#v\n", *e) }}
	r, err := NewReader(bytes.NewReader(data), "in", FormatCSV, testSchema(), opt)
	if err != nil {
		return "header " + err.Error()
	}
	for range len(data) + 2 {
		rec, err := r.Next()
		var re *RecordError
		switch {
		case err == io.EOF:
			return out.String()
		case errors.As(err, &re):
			fmt.Fprintf(&out, "error %#v\n", *re)
		case err != nil:
			return out.String() + "fatal " + err.Error()
		default:
			fmt.Fprintf(&out, "record %#v\n", *rec) // %#v: a nil list is not an empty one
		}
	}
	t.Fatal("no end")
	return ""
}
