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

// jsonTestMemo is the memo of checkJSONRows, kept over all its calls as an
// ndjson printer's pool keeps memos over batches.
var jsonTestMemo = new(segMemo)

// checkJSONRows encodes rs twice over with one memo, as the ndjson printer
// does, and compares each with json.Marshal (nil lists made empty, as the
// contract writes them).
func checkJSONRows(t *testing.T, rs []engine.Result) {
	t.Helper()
	e := jsonEncoder{seg: jsonTestMemo}
	for range 2 {
		for i := range rs {
			r := rs[i]
			r.Missing = append([]engine.Gap{}, r.Missing...)
			r.Unknown, r.Notes = append([]string{}, r.Unknown...), append([]string{}, r.Notes...)
			want, err := json.Marshal(r)
			if err != nil {
				t.Fatal(err)
			}
			got, err := e.appendResult([]byte("x"), &rs[i])
			if err != nil {
				t.Fatal(err)
			}
			if string(got[1:]) != string(want) {
				t.Fatalf("result %d (%s %s %s):\n got %s\nwant %s", i, r.Partner, r.Program, r.Track, got[1:], want)
			}
		}
	}
}

// checkJSONRow is checkCSVRow's results (s as name, track, note, unknown
// key, half of it at the same address, gap noun and more) as JSON.
func checkJSONRow(t *testing.T, s string, n int) {
	t.Helper()
	rs := fuzzResults("P"+s, s, s, s, n)
	for i := range rs {
		rs[i].Notes = append(rs[i].Notes, s)
		rs[i].Unknown = append(rs[i].Unknown, s[:len(s)/2])
		rs[i].Missing = append(rs[i].Missing, engine.Gap{Tier: s[:len(s)/2], Kind: "metric", Key: s, Label: s[len(s)/2:], Source: s, Illustrative: i%2 == 0, Short: float64(n)})
	}
	short := rs[0]
	short.Track, short.Status = short.Track[:len(short.Track)/2], short.Status[:len(short.Status)/2]
	empty := ""
	short.Tier, short.NextTier = &empty, nil // "" and null are not the same
	rs = append(rs, short)
	checkJSONRows(t, rs)
}

func TestJSONMemoMatchesMarshal(t *testing.T) {
	rs := append(fixtures(), benchResults(50)...)
	many := rs[0]
	many.Unknown, many.Notes = []string{"a", "b", "c", "d", "e"}, []string{"f", "g", "h", "i"} // too many for a key
	checkJSONRows(t, append(rs, many))
	for _, s := range []string{"", "plain", "\u2028<&>", "\xff\\\"", "日本", "abcdefghijklmnopqrstuvwxyz"} {
		checkJSONRow(t, s, 17)
	}
}

func FuzzJSONMemo(f *testing.F) {
	for _, s := range []string{"", "plain", "a\"b", "<x&y>", "\u2028", "\xff\xfe", "é,日"} {
		f.Add(s, 1)
	}
	f.Fuzz(func(t *testing.T, s string, n int) {
		checkJSONRow(t, s, n)
	})
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

// A memo slot is the same segment only for the same strings (address and
// length), kind and flags: a hash collision must not pass for a hit.
func TestSegKeySame(t *testing.T) {
	s := "program-and-more"
	base := segKey{s: [segMax]string{s, "x"}, n: 2, kind: segMid}
	if k := base; !k.same(&base) {
		t.Error("a key is not the same as itself")
	}
	copied := string([]byte(s)) // equal bytes elsewhere: a miss, never wrong
	for name, k := range map[string]segKey{
		"flags":   {s: base.s, n: 2, kind: segMid, flags: 1},
		"kind":    {s: base.s, n: 2, kind: segTail},
		"n":       {s: base.s, n: 1, kind: segMid},
		"shorter": {s: [segMax]string{s[:4], "x"}, n: 2, kind: segMid},
		"copy":    {s: [segMax]string{copied, "x"}, n: 2, kind: segMid},
	} {
		if k.same(&base) {
			t.Errorf("%s: taken for the same key", name)
		}
	}
}
