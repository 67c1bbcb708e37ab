package partner

import (
	"encoding/binary"
	"math/bits"
)

// Splitting a row without quotes at its delimiters, eight bytes at a
// time: a word's delimiters become a bit mask, and each set bit a field
// end. A byte loop takes a mispredicted branch at the end of every field
// (a row of 26 short cells has 26 of them); this takes about one a word.

const (
	lowBits  = 0x0101010101010101 // 0x01 in every byte of a word
	highBits = 0x8080808080808080 // 0x80 in every byte of a word
)

// byteMask has the high bit of each byte of x that equals the byte
// broadcast in every byte of b, and no other bit. Exact: a byte's test
// cannot carry into the next one, since (y&0x7f)+0x7f is at most 0xfe.
func byteMask(x, b uint64) uint64 {
	y := x ^ b // zero where the byte matches
	return ^((y&^highBits + ^uint64(highBits)) | y) & highBits
}

// splitPlain sets r's field count and spans from line, a row that holds
// neither quotes nor its line end (a final CR removed), as the state
// machine would read it, but for the blanks at a field's start: a span
// starts at the field's first byte, and csvRow.span skips them (the
// quick cells see them and leave such a cell to the full path). A line of
// blanks only holds no field.
func (s *csvScan) splitPlain(r *csvRow, line []byte) {
	f := fields{spans: s.spans[:0], keep: s.keep}
	sep := s.sep
	word := lowBits * uint64(sep)
	i := 0
	for ; i+8 <= len(line); i += 8 {
		for m := byteMask(binary.LittleEndian.Uint64(line[i:]), word); m != 0; m &= m - 1 {
			f.add(i + bits.TrailingZeros64(m)>>3)
		}
	}
	for ; i < len(line); i++ {
		if line[i] == sep {
			f.add(i)
		}
	}
	if f.n > 0 || skipBlanks(line, 0) < len(line) {
		f.add(len(line)) // else blanks only: no field, as at a line end in sFieldStart
	}
	s.spans, r.n = f.spans, f.n
}

// fields collects the fields of a row as splitPlain finds their ends.
type fields struct {
	spans []csvSpan
	keep  int // spans kept at most; the others are only counted
	n     int // fields so far
	start int // where the next field starts
}

// add counts the field that ends at end, and keeps it while fewer than
// keep are kept.
func (f *fields) add(end int) {
	if len(f.spans) < f.keep {
		f.spans = append(f.spans, csvSpan{int32(f.start), int32(end)})
	}
	f.n++
	f.start = end + 1
}

// skipBlanks returns the index of the first byte from at that is not
// blank, or len(line). line holds no delimiter from at (a tab delimiter
// is blank, but it ends the field before this is asked).
func skipBlanks(line []byte, at int) int {
	for at < len(line) && blank(line[at]) {
		at++
	}
	return at
}
