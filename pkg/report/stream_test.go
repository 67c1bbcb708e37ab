package report

import (
	"bytes"
	"encoding/csv"
	"testing"

	"github.com/tiercalc/tiercalc/pkg/engine"
)

// TestAppenderMatchesPrint holds the batch path (AppendResults on workers,
// WriteAppended in order) to the golden output of Print, batch by batch.
func TestAppenderMatchesPrint(t *testing.T) {
	rs := fixtures()
	for _, f := range []Format{CSV, NDJSON, JSON} {
		for _, size := range []int{1, 2, 3, len(rs) + 1} {
			for _, in := range [][]engine.Result{rs, nil} {
				want := render(t, f, testOptions, in)
				var out bytes.Buffer
				p, err := New(f, &out, testOptions)
				if err != nil {
					t.Fatal(err)
				}
				a, ok := p.(Appender)
				if !ok {
					t.Fatalf("%s: printer is no Appender", f)
				}
				for i := 0; i < len(in); i += size {
					b, err := a.AppendResults(nil, in[i:min(i+size, len(in))])
					if err != nil {
						t.Fatal(err)
					}
					if err := a.WriteAppended(b); err != nil {
						t.Fatal(err)
					}
				}
				if err := p.Close(); err != nil {
					t.Fatal(err)
				}
				if out.String() != want {
					t.Errorf("%s, batches of %d, %d results:\n--- got\n%s\n--- want\n%s", f, size, len(in), out.String(), want)
				}
			}
		}
	}
}

// TestCSVCellMatchesEncodingCSV: the hand-rolled row encoder quotes as
// encoding/csv does, after sanitizing.
func TestCSVCellMatchesEncodingCSV(t *testing.T) {
	cells := []string{"", "plain", "a,b", `say "hi"`, " lead", "\tlead", "trail ", `\.`, `\.x`, "a\nb", "a\r\nb",
		"é,à", "\u00a0nbsp", "\u2003em", "esc\x1b[31m", "bad\xffutf8", "\x85nel", `"`, ",", "US$8,500 more revenue; 1 more VTSP",
		"=1+1", "+cmd", "-2+3", "@SUM(A1)", "\t=x", "\r=x", "=a,b", "-1", "+2.5", "-", "-.5", "1."}
	for _, raw := range []bool{false, true} {
		for _, c := range cells {
			var want bytes.Buffer
			w := csv.NewWriter(&want)
			w.Write([]string{csvCellText(c, raw)})
			w.Flush()
			got := string(appendCSVCell(nil, c, raw)) + "\n"
			if got != want.String() {
				t.Errorf("%q: got %q, want %q", c, got, want.String())
			}
			if gotB := string(appendCSVCell(nil, []byte(c), raw)) + "\n"; gotB != got {
				t.Errorf("%q as bytes: %q, as string %q", c, gotB, got)
			}
		}
	}
}

// Cells a spreadsheet would run as formulas get a leading quote; plain
// numbers stay numbers; --csv-raw keeps everything.
func TestCSVFormulaNeutralised(t *testing.T) {
	for in, want := range map[string]string{
		"=HYPERLINK(\"x\")": "'=HYPERLINK(\"x\")", "+1+1": "'+1+1", "-2+3": "'-2+3", "@SUM(A1)": "'@SUM(A1)",
		"\t=1": "'\t=1", "\r=1": "'\r=1", "-": "'-", "-1": "-1", "+2.5": "+2.5", "-0.25": "-0.25",
		"1-2": "1-2", "Acme": "Acme", "": "", "-1.": "'-1.",
	} {
		if got := csvCellText(in, false); got != want {
			t.Errorf("csvCellText(%q) = %q, want %q", in, got, want)
		}
		if got := csvCellText(in, true); got != in {
			t.Errorf("raw csvCellText(%q) = %q", in, got)
		}
	}
}
