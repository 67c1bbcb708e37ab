package synth

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"strings"
	"testing"

	"github.com/tiercalc/tiercalc/pkg/partner"
)

func TestWriteIsDeterministic(t *testing.T) {
	var a, b, c bytes.Buffer
	for _, w := range []struct {
		buf  *bytes.Buffer
		seed uint64
	}{{&a, 1}, {&b, 1}, {&c, 2}} {
		if err := Write(w.buf, 2000, w.seed); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("the same seed gave different files")
	}
	if bytes.Equal(a.Bytes(), c.Bytes()) {
		t.Error("different seeds gave the same file")
	}
	rows, err := csv.NewReader(&a).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2001 || strings.Join(rows[0], ",") != Header {
		t.Fatalf("%d rows, header %q", len(rows), rows[0])
	}
	if per := b.Len() / 2000; per < 80 || per > 130 {
		t.Errorf("%d bytes a row, want about 100", per)
	}
}

// Every format carries the same partners, read back by pkg/partner.
func TestFormatsAgree(t *testing.T) {
	if len(numCols) != len(row{}.nums) {
		t.Fatalf("%d numeric columns, row holds %d", len(numCols), len(row{}.nums))
	}
	s := partner.NewSchema(partner.Vocabulary{Competencies: Competencies, Attestations: Attestations})
	var want []string
	for _, f := range Formats {
		var buf bytes.Buffer
		if err := WriteFormat(&buf, f, 500, 4); err != nil {
			t.Fatal(err)
		}
		pf, err := partner.ParseFormat(f)
		if err != nil {
			t.Fatal(err)
		}
		r, err := partner.NewReader(&buf, f, pf, s, partner.ReadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for {
			rec, err := r.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			got = append(got, fmt.Sprintf("%s|%s|%s|%s|%q|%q|%q|%v", rec.ID, rec.Name, rec.Country, rec.CurrentTier, rec.Profiles, rec.Competencies, rec.Attestations, rec.Nums))
		}
		if len(got) != 500 {
			t.Fatalf("%s: %d records", f, len(got))
		}
		if want == nil {
			want = got
		} else if !slices.Equal(got, want) {
			for i := range got {
				if got[i] != want[i] {
					t.Fatalf("%s: record %d\n got %s\nwant %s", f, i, got[i], want[i])
				}
			}
		}
	}
	var buf bytes.Buffer
	if err := WriteFormat(&buf, "json", 0, 1); err != nil || buf.String() != "[\n]\n" {
		t.Errorf("no partners: %q %v", buf.String(), err)
	}
	if WriteFormat(&buf, "xml", 1, 1) == nil {
		t.Error("xml accepted")
	}
}
