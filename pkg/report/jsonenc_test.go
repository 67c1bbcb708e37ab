package report

import (
	"encoding/json"
	"math"
	"testing"

	"github.com/tiercalc/tiercalc/pkg/engine"
)

func clearGapExtras(g *engine.Gap) {
	// Fields added to Gap for printers are tagged json:"-"; zeroing the
	// whole value except the JSON fields keeps this test independent of
	// them.
	*g = engine.Gap{Tier: g.Tier, Kind: g.Kind, Key: g.Key, Have: g.Have, Need: g.Need, Short: g.Short, Label: g.Label, Illustrative: g.Illustrative, Source: g.Source, Options: g.Options}
}

func TestAppendResultMatchesMarshal(t *testing.T) {
	rs := fixtures()
	var weird []string
	for c := 0; c < 256; c++ {
		weird = append(weird, string([]byte{'a', byte(c), 'z'}))
	}
	weird = append(weird, "\u2028\u2029", "<script>&amp;</script>", "\"quoted\\\"", "日本語", "\xed\xa0\x80", "")
	for _, s := range weird {
		rs = append(rs, engine.Result{Partner: s, Name: s, Program: s, Track: s, Tier: &s, Status: s,
			Missing: []engine.Gap{{Key: s, Label: s, Source: s, Illustrative: true, Options: []engine.Gap{{Kind: s}}}}, Unknown: []string{s, s}, Notes: []string{s}})
	}
	for _, f := range []float64{0, math.Copysign(0, -1), 1, -1, 0.1, 1e-6, 9.99e-7, 1e20, 1e21, 123456789012, 1.5e300, 5e-324, 8500} {
		rs = append(rs, engine.Result{Missing: []engine.Gap{{Have: f, Need: -f, Short: f / 3}}, Unknown: []string{}, Notes: []string{}})
	}
	for i, r := range rs {
		want, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		got, err := appendResult(nil, &r)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != string(want) {
			t.Errorf("result %d:\n got %s\nwant %s", i, got, want)
		}
	}
}

func TestAppendResultRejectsNaN(t *testing.T) {
	r := engine.Result{Missing: []engine.Gap{{Have: math.NaN()}}}
	if _, err := appendResult(nil, &r); err == nil {
		t.Error("NaN encoded")
	}
	if _, err := New(NDJSON, nil, Options{}); err != nil {
		t.Fatal(err)
	}
}

func BenchmarkNDJSON(b *testing.B) {
	rs := fixtures()
	p, _ := New(NDJSON, discard{}, Options{})
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if err := p.Print(rs[i%len(rs)]); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkMarshalBaseline(b *testing.B) {
	rs := fixtures()
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if _, err := json.Marshal(rs[i%len(rs)]); err != nil {
			b.Fatal(err)
		}
	}
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }

// jsonSafePrefix tests words at a time; it must find the first byte the
// byte-by-byte scan finds, wherever it is, whatever it is.
func TestJSONSafePrefix(t *testing.T) {
	for n := 0; n <= 24; n++ {
		base := []byte("abcdefghijklmnopqrstuvwxyz"[:n])
		if got := jsonSafePrefix(string(base)); got != n {
			t.Fatalf("%q: %d, want %d", base, got, n)
		}
		for pos := 0; pos < n; pos++ {
			for c := 0; c < 256; c++ {
				s := append([]byte(nil), base...)
				s[pos] = byte(c)
				if pos+1 < n { // an unsafe byte after it must not matter
					s[n-1] = '"'
				}
				want := jsonSafeBytes(string(s))
				if got := jsonSafePrefix(string(s)); got != want {
					t.Fatalf("%q: %d, want %d", s, got, want)
				}
			}
		}
	}
}
