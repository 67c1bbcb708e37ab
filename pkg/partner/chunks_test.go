package partner

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"testing"
)

// transcript reads data in format f and writes down, in order, every
// record, rejection and warning the reader gives.
func transcript(t testing.TB, f Format, data []byte, lenient bool) string {
	return transcriptReuse(t, f, data, lenient, -1)
}

// transcriptReuse is transcript with ReadOptions.Reuse when lag >= 0: the
// records are given back (Release) in turns, once more than lag of them
// are out, and each must still read as it did when Next returned it.
func transcriptReuse(t testing.TB, f Format, data []byte, lenient bool, lag int) string {
	var out strings.Builder
	opt := ReadOptions{Lenient: lenient, Reuse: lag >= 0, Warn: func(e *RecordError) { fmt.Fprintf(&out, "warn %v\n", e) }}
	r, err := NewReader(bytes.NewReader(data), "in", f, testSchema(), opt)
	if err != nil {
		return "header " + err.Error()
	}
	if c, ok := r.(io.Closer); ok {
		defer c.Close()
	}
	type held struct {
		rec  *Record
		text string
	}
	var out2 []held
	release := func(n int) {
		for _, h := range out2[:n] {
			if got := recordLine(h.rec); got != h.text {
				t.Fatalf("a record changed before it was released:\nwas %snow %s", h.text, got)
			}
		}
		out2 = out2[n:]
		if rl, ok := r.(Releaser); ok {
			rl.Release(n)
		}
	}
	for range len(data) + 2 {
		rec, err := r.Next()
		switch {
		case err == io.EOF:
			if lag >= 0 {
				release(len(out2))
			}
			return out.String()
		case err != nil:
			fmt.Fprintf(&out, "error %v\n", err)
			if _, ok := err.(*RecordError); !ok {
				return out.String()
			}
		default:
			text := recordLine(rec)
			out.WriteString(text)
			if lag >= 0 {
				out2 = append(out2, held{rec, text})
				if len(out2) > lag {
					release(min(len(out2), 1+len(out2)%3))
				}
			}
		}
	}
	t.Fatal("no end")
	return ""
}

func recordLine(rec *Record) string {
	return fmt.Sprintf("record %d %q %q %q %v %v %v\n", rec.Line, rec.ID, rec.Name, rec.Country, rec.Profiles, rec.Competencies, rec.Nums)
}

// sameAsSerial checks that reading data in parallel, in chunks of every
// size given, gives what the serial reader gives, byte for byte; and, for
// JSON, that the serial reader gives the same with skeletons
// (jsonskel.go) as without.
func sameAsSerial(t testing.TB, f Format, data []byte, lenient bool, sizes ...int) {
	defer func(n int) { chunkSize, serialReading, skeletons = n, false, true }(chunkSize)
	serialReading, skeletons = true, false // JSON elements found by the scan alone
	want := transcript(t, f, data, lenient)
	skeletons = true
	if got := transcript(t, f, data, lenient); got != want {
		t.Fatalf("serial reading with skeletons differs from without\ninput:\n%s\nwith:\n%s\nwithout:\n%s", data, got, want)
	}
	serialReading = false
	for _, n := range sizes {
		chunkSize = n
		if got := transcript(t, f, data, lenient); got != want {
			t.Fatalf("chunks of %d bytes: parallel reading differs from serial\ninput:\n%s\nparallel:\n%s\nserial:\n%s", n, data, got, want)
		}
		for _, lag := range []int{0, 7} {
			if got := transcriptReuse(t, f, data, lenient, lag); got != want {
				t.Fatalf("chunks of %d bytes, records given back %d late: parallel reading differs from serial\ninput:\n%s\nparallel:\n%s\nserial:\n%s", n, lag, data, got, want)
			}
		}
	}
}

// chunkyCSV has, every few rows, what a chunk boundary could cut badly:
// quoted cells holding line ends (one shaped like rows), a stray quote,
// a duplicate id, a CRLF row, blank lines, a bad cell, a short row.
func chunkyCSV(n int, tail string) []byte {
	var b strings.Builder
	b.WriteString("id,name,country,profiles,VXP,widgets,extra\n")
	for i := range n {
		switch i % 9 {
		case 0:
			fmt.Fprintf(&b, "P%d,\"two\nlines, here\",FR,reseller,1,2,x\n", i)
		case 1:
			fmt.Fprintf(&b, "P%d,\"rows\nP9,a,FR,msp,1,2,x\nP10,b,DE,msp,1,2,x\",FR,msp,3,4,\n", i)
		case 2:
			fmt.Fprintf(&b, "P%d,bad \"quote,FR,reseller,1,2,x\n", i)
		case 3:
			fmt.Fprintf(&b, "P%d,dup,FR,reseller,1,2,x\r\n", i-3)
		case 4:
			fmt.Fprintf(&b, "\n  P%d , spaced ,DE,msp,-1,2,x\n\n", i)
		case 5:
			fmt.Fprintf(&b, "P%d,short\n", i)
		case 6:
			fmt.Fprintf(&b, "P%d,\"closed\"wrong,FR,reseller,1,2,x\n", i)
		default:
			fmt.Fprintf(&b, "P%d,\"q \"\"x\"\"\",GB,\"msp;reseller\",%d,%d,y\n", i, i, i+1)
		}
	}
	b.WriteString(tail)
	return []byte(b.String())
}

func TestChunksCSVSameAsSerial(t *testing.T) {
	sizes := []int{1, 5, 17, 40, 64, 200, 1 << 20}
	sameAsSerial(t, FormatCSV, chunkyCSV(60, ""), false, sizes...)
	sameAsSerial(t, FormatCSV, chunkyCSV(60, ""), true, sizes...)
	// an unclosed quote at the end swallows the last lines
	sameAsSerial(t, FormatCSV, chunkyCSV(30, "P99,\"open,FR\nP100,a,FR,msp,1,2,x\nP101,b"), false, sizes...)
	// no final line end
	sameAsSerial(t, FormatCSV, chunkyCSV(30, "P98,last,FR,msp,1,2,x"), false, sizes...)
}

func TestChunksNDJSONSameAsSerial(t *testing.T) {
	var b strings.Builder
	for i := range 60 {
		switch i % 6 {
		case 0:
			fmt.Fprintf(&b, `{"id":"P%d","name":"a","odd":1,"credentials":{"VXP":2}}`+"\n", i)
		case 1:
			fmt.Fprintf(&b, `{"id":"P%d","name":"dup"}`+"\n", i-1)
		case 2:
			fmt.Fprintf(&b, "  {\"id\":\"P%d\",\n", i)
		case 3:
			fmt.Fprintf(&b, "\n\r\n {\"id\":\"P%d\",\"VXP\":-1,\"odd%d\":2}\r\n", i, i%2)
		default:
			fmt.Fprintf(&b, `{"id":"P%d","widgets":%d,"profiles":["msp"]}`+"\n", i, i)
		}
	}
	data := []byte(b.String())
	sizes := []int{1, 9, 33, 100, 1 << 20}
	sameAsSerial(t, FormatNDJSON, data, false, sizes...)
	sameAsSerial(t, FormatNDJSON, data, true, sizes...)
	sameAsSerial(t, FormatNDJSON, append([]byte("\xef\xbb\xbf"), data[:len(data)-1]...), true, sizes...)
}

// A line longer than a chunk can hold in search of its end sends the rest
// of the input to the serial parser.
func TestChunksLongLineSerialRest(t *testing.T) {
	long := "P1,\"" + strings.Repeat("x", maxChunkLine+10) + "\",FR,msp,1,2,x\n"
	data := append(chunkyCSV(20, long), chunkyCSV(20, "")[44:]...)
	sameAsSerial(t, FormatCSV, data, false, 1<<20)
}

// FuzzChunks checks parallel reading against serial reading on any input,
// in small chunks.
func FuzzChunks(f *testing.F) {
	f.Add(chunkyCSV(12, ""), uint8(7), false)
	f.Add([]byte("{\"id\":\"a\"}\n{\"id\":\"a\"}\n"), uint8(3), true)
	f.Fuzz(func(t *testing.T, data []byte, size uint8, ndjson bool) {
		fm := FormatCSV
		if ndjson {
			fm = FormatNDJSON
		}
		sameAsSerial(t, fm, data, true, 1+int(size))
	})
}
