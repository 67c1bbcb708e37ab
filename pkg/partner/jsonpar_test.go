package partner

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/tiercalc/tiercalc/pkg/synth"
)

// chunkyJSON is an array whose elements, every few, are what splitting
// could get wrong: a duplicate id, a stray quote that cuts its line, a
// missing or extra comma, stray characters, an element that is no object,
// an unknown key, an element over several lines, a syntax error inside.
func chunkyJSON(n int, tail string) []byte {
	var b strings.Builder
	b.WriteString("\xef\xbb\xbf[\n")
	for i := range n {
		switch i % 10 {
		case 0:
			fmt.Fprintf(&b, `{"id":"P%d","name":"a","odd":1,"credentials":{"VXP":2}},`+"\n", i)
		case 1:
			fmt.Fprintf(&b, `{"id":"P%d","name":"dup"},`+"\n", i-1)
		case 2:
			fmt.Fprintf(&b, "  {\"id\":\"P%d\",\"name\":\"stray\n\"},\n", i)
		case 3:
			fmt.Fprintf(&b, "{\"id\":\"P%d\"}\n{\"id\":\"P%d\"},,\n", i, i+1000)
		case 4:
			fmt.Fprintf(&b, "{\n  \"id\": \"P%d\",\n  \"VXP\": -1,\n  \"odd%d\": 2\n}\r\n x ,", i, i/10%2)
		case 5:
			fmt.Fprintf(&b, "{\"id\":\"P%d\"}, [1, {\"id\": \"Z\"}], \"str\", 7,\n", i)
		case 6:
			fmt.Fprintf(&b, "{\"id\":\"P%d\",\"name\":tru}, {\"id\":\"P%d\", \"country\":\"\xff\"},\n", i, i+2000)
		case 7:
			fmt.Fprintf(&b, "{\"id\":\"P%d\",\"profiles\":[\"msp\",\"nope\"]} : {\"id\":\"Q%d\"},\n", i, i)
		default:
			fmt.Fprintf(&b, `{"id":"P%d","widgets":%d,"profiles":["msp"]},`, i, i)
		}
	}
	b.WriteString(tail)
	return []byte(b.String())
}

// skeletonOdd are members that make an element one the last element's
// skeleton (jsonskel.go) nearly fits: values of other kinds, strings with
// escapes or cut by a line break, lists holding objects, nested lists or
// brackets in strings, numbers with stray characters, keys of the same
// length, elements cut short, run together or spread over lines, stray
// brackets that end the element, or the array.
var skeletonOdd = []string{
	`"name":"a\"b"`, "\"name\":\"a\nb\"", `"name":7`, `"name":null`, `"name":["a"]`,
	`"VXP":1.5e3`, `"VXP":-1`, `"VXP":12x`, `"VXP":"2"`, `"VXP":[2]`, `"VXP":{"a":1}`,
	`"profiles":["msp",{}]`, `"profiles":[["msp"]]`, `"profiles":["a]b"]`, `"profiles":["msp"`,
	"\"profiles\":[\"ms\np\"]", `"profiles":"msp"`, `"nane":"a"`, `"name" :"a"`,
	`"name":"a"}`, `"name":"a"},{"id":"Q"`, "\"name\":\n\"a\"", `"name":"a","id":"R"`,
	`"profiles":["msp",}]`, `"profiles":["msp",{]`, "\"name\":\"a\n", `"VXP":1"x"`, `"VXP":1}`,
	`"profiles":[]]`, `"VXP":1]`, `"VXP":1]]`, `"VXP":n]xx`, `"VXP":true`, `"name":false`, `"name":nul`,
}

// skeletonJSON is an array of elements alike but for their values, and
// in the middle one with the member odd in place of the member with the
// same key (of its name, if none).
func skeletonJSON(odd string) []byte {
	var b strings.Builder
	b.WriteString("[")
	for i := range 17 {
		e := fmt.Sprintf(`{"id":"P%d","name":"a","VXP":%d,"profiles":["msp","oem"],"credentials":{"VXP":3}}`, i, i%5)
		if i == 8 {
			member := `"name":"a"`
			for _, m := range []string{`"VXP":3`, `"profiles":["msp","oem"]`} {
				if strings.HasPrefix(odd, m[:5]) {
					member = m
				}
			}
			e = strings.Replace(e, member, odd, 1)
		}
		b.WriteString(e + ",\n")
	}
	b.WriteString(`{"id":"end"}]`)
	return []byte(b.String())
}

func TestChunksJSONSameAsSerial(t *testing.T) {
	for _, odd := range skeletonOdd {
		sameAsSerial(t, FormatJSON, skeletonJSON(odd), false, 1, 300, 1<<20)
		sameAsSerial(t, FormatJSON, skeletonJSON(odd), true, 1, 300, 1<<20)
	}
	sizes := []int{1, 9, 33, 100, 1 << 20}
	for _, tail := range []string{`{"id":"end"}]`, `{"id":"end"}] x`, `{"id":"cut"`, `{"id":"open`} {
		sameAsSerial(t, FormatJSON, chunkyJSON(40, tail), false, sizes...)
		sameAsSerial(t, FormatJSON, chunkyJSON(40, tail), true, sizes...)
	}
	stream := strings.ReplaceAll(string(chunkyJSON(30, "")), "[\n", "")
	sameAsSerial(t, FormatJSON, []byte(stream), true, sizes...)
}

// FuzzJSONChunks checks parallel reading of JSON against serial reading on
// any input, in small batches.
func FuzzJSONChunks(f *testing.F) {
	f.Add(chunkyJSON(12, "]"), uint8(7))
	f.Add(skeletonJSON(`"VXP":1]`), uint8(50))
	f.Add([]byte("{\"id\":\"a\"}\n{\"id\":\"a\"} x {\"id\":\"b\""), uint8(3))
	f.Fuzz(func(t *testing.T, data []byte, size uint8) {
		sameAsSerial(t, FormatJSON, data, true, 1+int(size))
	})
}

// BenchmarkReadJSONSerial is BenchmarkReadJSON read by the serial reader
// alone, which the parallel one must match: their ratio is what decoding
// on every core brings.
func BenchmarkReadJSONSerial(b *testing.B) {
	defer func() { serialReading = false }()
	serialReading = true
	benchRead(b, FormatJSON, 100_000)
}

// BenchmarkJSONSplit is the parallel reader's serial part alone: finding
// the elements of a JSON array, decoding none.
func BenchmarkJSONSplit(b *testing.B) {
	data := benchData(b, 100_000, FormatJSON)
	s := NewSchema(Vocabulary{Competencies: synth.Competencies, Attestations: synth.Attestations})
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		j := newJSONReader(bytes.NewReader(data), "bench", s, ReadOptions{})
		n := 0
		j.take = func([]byte, int, int) { n++ }
		for {
			if _, err := j.Next(); err == io.EOF {
				break
			} else if err != nil {
				b.Fatal(err)
			}
		}
		if n != 100_000 {
			b.Fatalf("%d elements, want 100000", n)
		}
	}
}
