package partner

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/tiercalc/tiercalc/pkg/synth"
)

// damage spoils a generated input the way careless exports do: bad bytes,
// ids copied from another record, stray quotes, a missing comma, a cut
// at a random byte.
// It keeps one record a line (in CSV and NDJSON) or its start on a line of
// its own (JSON, YAML), so the records in the damaged input can be counted.
func damage(rng *rand.Rand, format string, in []byte) []byte {
	lines := strings.SplitAfter(string(in), "\n")
	first := 0
	if format == "csv" || format == "json" {
		first = 1 // the header, the opening bracket
	}
	body := lines[first:]
	idLine := func(l string) bool {
		return strings.HasPrefix(l, "P") || strings.HasPrefix(l, `{"id":"P`) || strings.HasPrefix(l, "- id: P")
	}
	quotes, maxQuotes := 0, 2
	if format == "ndjson" {
		maxQuotes = 1 // one broken line, whatever the number
	}
	for i, l := range body {
		if !idLine(l) || len(l) < 12 {
			continue
		}
		switch rng.IntN(8) {
		case 0: // a bad byte somewhere after the id
			k := 8 + rng.IntN(len(l)-10)
			l = l[:k] + "\xff" + l[k:]
		case 1: // the id of an earlier record
			if j := rng.IntN(i + 1); idLine(body[j]) {
				l = strings.Replace(l, idOfLine(l), idOfLine(body[j]), 1)
			}
		case 3: // a missing comma between JSON elements
			l = strings.Replace(l, "},\n", "}\n", 1)
		case 2: // a stray quote, at most twice
			if quotes < maxQuotes {
				quotes++
				k := 1 + rng.IntN(len(l)-2)
				l = l[:k] + `"` + l[k:]
			}
		}
		body[i] = l
	}
	out := strings.Join(lines, "")
	if rng.IntN(2) == 0 {
		out = out[:rng.IntN(len(out)+1)]
	}
	return []byte(out)
}

// idOfLine returns the generated id ("P123") a record's first line holds.
func idOfLine(l string) string {
	i := strings.IndexByte(l, 'P')
	j := i + 1
	for j < len(l) && l[j] >= '0' && l[j] <= '9' {
		j++
	}
	return l[i:j]
}

// records counts the records a damaged input holds: the lines starting one.
func records(format string, in []byte) int {
	n := 0
	for i, l := range strings.Split(string(in), "\n") {
		switch {
		case format == "csv" && i == 0:
		case format == "yaml" && strings.HasPrefix(l, "- "):
			n++
		case format == "json" && strings.HasPrefix(l, "{"):
			n++
		case (format == "csv" || format == "ndjson") && strings.TrimSpace(l) != "":
			n++
		}
	}
	return n
}

// Records in = results + rejections (+ rows named by a stray-quote
// warning), whatever the damage: no record is lost without a word, and every rejection names its file and line. A JSON
// or YAML input may end with a fatal error (a syntax error ends a YAML
// input; a cut JSON array is unterminated), which names the file and
// stands for the records not read.
func TestReadersAccountForEveryRecord(t *testing.T) {
	s := NewSchema(Vocabulary{Competencies: synth.Competencies, Attestations: synth.Attestations})
	for _, format := range synth.Formats {
		f, ok := FormatByName(format)
		if !ok {
			t.Fatalf("no format %s", format)
		}
		for seed := range uint64(60) {
			var buf bytes.Buffer
			if err := synth.WriteFormat(&buf, format, 40, seed); err != nil {
				t.Fatal(err)
			}
			rng := rand.New(rand.NewPCG(seed, 7))
			in := damage(rng, format, buf.Bytes())
			want := records(format, in)
			got, fatal := drain(t, f, s, in)
			switch {
			case fatal != nil && format != "json" && format != "yaml":
				t.Errorf("%s seed %d: fatal %v\n%s", format, seed, fatal, in)
			case fatal != nil && (!strings.HasPrefix(fatal.Error(), "in") || got > want):
				t.Errorf("%s seed %d: %d of %d, then %v", format, seed, got, want, fatal)
			case fatal == nil && got != want:
				t.Errorf("%s seed %d: %d records and rejections, the input holds %d\n%s", format, seed, got, want, in)
			}
		}
	}
}

// drain reads an input to the end and counts records and rejections,
// checking that each rejection names its place.
func drain(t *testing.T, f Format, s *Schema, in []byte) (n int, fatal error) {
	// Rows a stray quote folded into one cell are named by a warning
	// ("a quoted cell spans lines 3-5 ..."): they count too.
	warn := func(e *RecordError) {
		var from, to int
		if _, err := fmt.Sscanf(e.Msg, "a quoted cell spans lines %d-%d", &from, &to); err == nil {
			n += to - from
		}
	}
	r, err := NewReader(bytes.NewReader(in), "in", f, s, ReadOptions{Warn: warn})
	if err != nil {
		var he *HeaderError
		if errors.As(err, &he) && records(f.Name(), in) == 0 {
			return 0, nil // the header itself was cut
		}
		return 0, err
	}
	for i := 0; i <= len(in)+2; i++ {
		rec, err := r.Next()
		var re *RecordError
		switch {
		case err == io.EOF:
			return n, nil
		case errors.As(err, &re):
			if re.File != "in" || re.Line <= 0 || re.Msg == "" {
				t.Fatalf("rejection without a place: %#v", re)
			}
			n++
		case err != nil:
			return n, err
		case rec != nil:
			n++
		}
	}
	t.Fatal("no progress")
	return
}
