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
// machine would read it: blanks skipped at each field's start, and a line
// of blanks only holding no field.
func (s *csvScan) splitPlain(r *csvRow, line []byte) {
	s.spans = s.spans[:0]
	sep := s.sep
	word := lowBits * uint64(sep)
	start, i := 0, 0
	for ; i+8 <= len(line); i += 8 {
		for m := byteMask(binary.LittleEndian.Uint64(line[i:]), word); m != 0; m &= m - 1 {
			end := i + bits.TrailingZeros64(m)>>3
			s.addSpan(r, line, start, end)
			start = end + 1
		}
	}
	for ; i < len(line); i++ {
		if line[i] == sep {
			s.addSpan(r, line, start, i)
			start = i + 1
		}
	}
	if r.n == 0 && skipBlanks(line, start) == len(line) {
		return // blanks only: no field, as at a line end in sFieldStart
	}
	s.addSpan(r, line, start, len(line))
}

// addSpan counts the field line[start:end], and keeps it (after its
// leading blanks) while fewer than keep are kept.
func (s *csvScan) addSpan(r *csvRow, line []byte, start, end int) {
	r.n++
	if len(s.spans) < s.keep {
		s.spans = append(s.spans, csvSpan{int32(skipBlanks(line[:end], start)), int32(end)})
	}
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
