package report

import (
	"bytes"
	"encoding/csv"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"github.com/tiercalc/tiercalc/pkg/engine"
)

// The CSV encoder's fast paths (word-at-a-time classes, lists encoded in
// place, whole numbers without strconv's float formatting) are held here
// to the plain path: csvCellText, then encoding/csv's Writer.

// refCSVRecord is encoding/csv's encoding of cells after csvCellText.
func refCSVRecord(cells []string, raw bool) string {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	rec := make([]string, len(cells))
	for i, c := range cells {
		rec[i] = csvCellText(c, raw)
	}
	if err := w.Write(rec); err != nil {
		panic(err)
	}
	w.Flush()
	return buf.String()
}

// refCSVRow is the row of r built from the plain strings.
func refCSVRow(r *engine.Result, raw bool) string {
	return refCSVRecord([]string{r.Partner, r.Name, r.Program, r.Edition, r.Track, orDash(r.Tier, ""),
		orDash(r.QualifiedTier, ""), r.Status, orDash(r.GraceUntil, ""), orDash(r.NextTier, ""),
		GapsPhrase(r.Missing), strings.Join(r.Unknown, ";"), strings.Join(r.Notes, "; ")}, raw)
}

// checkCSVCell compares every fast way of encoding s with the plain one.
func checkCSVCell(t *testing.T, s string) {
	t.Helper()
	for _, raw := range []bool{false, true} {
		want := refCSVRecord([]string{s, "x"}, raw)
		want = want[:len(want)-len(",x\n")]
		if got := string(appendCSVCell([]byte("a,"), s, raw)[2:]); got != want {
			t.Fatalf("appendCSVCell(%q, raw %v) = %q, want %q", s, raw, got, want)
		}
		if got := string(appendCSVCell(nil, []byte(s), raw)); got != want {
			t.Fatalf("appendCSVCell([]byte %q, raw %v) = %q, want %q", s, raw, got, want)
		}
		if got := string(appendCSVInPlace(append([]byte("a,"), s...), 2, raw)[2:]); got != want {
			t.Fatalf("appendCSVInPlace(%q, raw %v) = %q, want %q", s, raw, got, want)
		}
	}
}

// checkCSVRow compares appendCSVRow with refCSVRow on results made of s:
// as the name, a note and (its first half) an unknown key, and as a gap's
// noun, each alone and in lists.
func checkCSVRow(t *testing.T, s string, n int) {
	t.Helper()
	rs := fuzzResults("P"+s, s, s, s, n)
	for i := range rs {
		rs[i].Notes = append(rs[i].Notes, s)
		rs[i].Unknown = append(rs[i].Unknown, s[:len(s)/2]) // at s's address, shorter
		rs[i].Missing = append(rs[i].Missing, engine.Gap{Kind: "metric", Short: float64(n), Unit: "USD", Noun: s})
	}
	// A row right after one whose partner, name and track start at the
	// same addresses, shorter.
	short := rs[0]
	short.Partner, short.Name = short.Partner[:len(short.Partner)/2], short.Name[:len(short.Name)/2]
	short.Track = short.Track[:len(short.Track)/2]
	rs = append(rs[:1], append([]engine.Result{short}, rs[1:]...)...)
	for _, raw := range []bool{false, true} {
		checkCSVRows(t, rs, raw)
	}
}

// csvTestMemos are the segment memos of checkCSVRows (raw and not): kept
// over all its calls, as a printer's pool keeps them over batches, so that
// rows meet slots written from other calls' strings.
var csvTestMemos = [2]*segMemo{new(segMemo), new(segMemo)}

// checkCSVRows encodes rs as AppendResults does, with one encoder into one
// buffer (so that repeated strings and notes are served from memory), and
// compares each row with refCSVRow.
func checkCSVRows(t *testing.T, rs []engine.Result, raw bool) {
	t.Helper()
	e := csvRowEncoder{raw: raw, seg: csvTestMemos[0]}
	if raw {
		e.seg = csvTestMemos[1]
	}
	b := []byte("prefix\n")
	for i := range rs {
		r := &rs[i]
		start := len(b)
		b = appendCSVRow(b, r, &e)
		if got, want := string(b[start:]), refCSVRow(r, raw); got != want {
			t.Fatalf("row %d (%s %s %s), raw %v:\n got %q\nwant %q", i, r.Partner, r.Program, r.Track, raw, got, want)
		}
	}
}

// csvAlphabet is what random cells are made of: printable ASCII that
// matters to CSV and to formulas, C0 controls, DEL, C1 and other non-ASCII
// bytes (valid UTF-8 sequences and broken ones).
var csvAlphabet = []string{"a", "Z", "0", "9", ".", " ", ",", `"`, `\`, "=", "+", "-", "@", ";", "'",
	"\x00", "\x01", "\t", "\n", "\r", "\x1b", "\x1f", "\x7f", "\x80", "\x9b", "\xff", "é", "\u00a0", "\u202e", "\u2028", "日"}

func randomCell(rng *rand.Rand) string {
	var b strings.Builder
	n := rng.IntN(40)
	plain := rng.IntN(2) == 0 // half the cells: mostly letters, as in real data
	for range n {
		if plain && rng.IntN(16) != 0 {
			b.WriteByte(byte('a' + rng.IntN(26)))
			continue
		}
		b.WriteString(csvAlphabet[rng.IntN(len(csvAlphabet))])
	}
	return b.String()
}

func TestCSVFastPathsMatchPlain(t *testing.T) {
	fixed := []string{"", " ", `\.`, `\.x`, ",", `"`, "-1", "+2.5", "=", "@x", "- 1", "a,b,c,d,e,f,g,h,i", strings.Repeat("x", 300) + ",",
		strings.Repeat("abcdefg,", 40), "abcdefghijklmnopqrstuvwxyz0123456789,x", "abcdefgh", "abcdefg\x7f", "\x7fabcdefg", "abc,defg", "abcdefgh\"", "abcd", "ab,d", "a\x1bc"}
	for _, s := range fixed {
		checkCSVCell(t, s)
		checkCSVRow(t, s, 1)
	}
	rng := rand.New(rand.NewPCG(16, 2026))
	for i := range 6000 {
		s := randomCell(rng)
		checkCSVCell(t, s)
		if i%30 == 0 {
			checkCSVRow(t, s, rng.IntN(5_000_000))
		}
	}
	for _, raw := range []bool{false, true} {
		checkCSVRows(t, append(fixtures(), benchResults(50)...), raw)
	}
}

func FuzzCSVCell(f *testing.F) {
	for _, s := range []string{"", "plain", "a,b", `"q"`, " lead", `\.`, "=1+1", "-1", "x\x7fy", "\xff\xfe", "é,日", "abcdefgh,ijk"} {
		f.Add(s, 1)
	}
	f.Fuzz(func(t *testing.T, s string, n int) {
		checkCSVCell(t, s)
		checkCSVRow(t, s, n)
	})
}

// The integer path of AppendNumber against strconv's shortest digits.
func TestAppendNumberWholeMatchesFloat(t *testing.T) {
	plain := func(v float64) string {
		return string(appendGroupedDigits(nil, strconv.AppendFloat(nil, v, 'f', -1, 64)))
	}
	vs := []float64{0, math.Copysign(0, -1), 1, 9, 10, 99, 100, 999, 1000, 1001, 999999, 1e6, 1e15 - 1, 1e15, 1e15 + 2, 4503599627370497, -1, -1000, 1e21, 1e300}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		vs = append(vs, math.Trunc(rng.Float64()*math.Pow(10, float64(rng.IntN(16)))))
	}
	for _, v := range vs {
		if got, want := string(appendGrouped(nil, v)), plain(v); got != want {
			t.Errorf("appendGrouped(%v) = %q, want %q", v, got, want)
		}
	}
}

// appendSingular against the word list split and joined.
func TestSingularMatchesSplit(t *testing.T) {
	split := func(label string) string {
		words := strings.Split(label, " ")
		for i, w := range words {
			if stem, ending, ok := singularWord(w); ok {
				words[i] = stem + ending
				return strings.Join(words, " ")
			}
		}
		return label
	}
	for _, l := range []string{"", " ", "  cores", "committed cores", "a  companies x", "sales", "sales boxes", "hours of training", "ÉTATS unis", "x's cores"} {
		if got, want := singular(l), split(l); got != want {
			t.Errorf("singular(%q) = %q, want %q", l, got, want)
		}
	}
}

// csvClassify tests words at a time; it must find the classes the byte by
// byte loop finds, whatever bytes are wherever, two at a time (a borrow
// from one must not hide or invent the other).
func TestCSVClassifyMatchesBytes(t *testing.T) {
	bytewise := func(s []byte) (class byte) {
		for _, c := range s {
			class |= csvClassBytes[c]
		}
		return class
	}
	for n := 0; n <= 20; n++ {
		base := []byte("abcdefghijklmnopqrstuvwxyz"[:n])
		for pos := 0; pos < n; pos++ {
			for c := 0; c < 256; c++ {
				for _, other := range []byte{'a', ',', '"', 0x1f, 0x7f, 0xff} {
					s := append([]byte(nil), base...)
					s[n-1-pos] = other // may be pos itself: then c wins
					s[pos] = byte(c)
					if got, want := csvClassify(s), bytewise(s); got != want {
						t.Fatalf("%q: class %b, want %b", s, got, want)
					}
				}
			}
		}
	}
}
