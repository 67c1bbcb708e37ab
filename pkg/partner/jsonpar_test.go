package partner

import (
	"fmt"
	"strings"
	"testing"
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

func TestChunksJSONSameAsSerial(t *testing.T) {
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
