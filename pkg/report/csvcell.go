package report

// appendCSVCell appends a cell as encoding/csv's Writer (comma ',', no
// CRLF) writes it, after sanitizeData and neutralised against formula
// injection (csvCellText); raw appends the data exactly, only quoted.
//
// Batch runs write millions of cells, nearly all printable ASCII and most
// of them repeated rulebook strings, so the common cases are decided here
// from one pass over the cell a word at a time (csvClassify) and the
// general path (csvCellText, appendCSVString) is taken only for cells with
// control characters, non-ASCII bytes or a formula start.
func appendCSVCell[T string | []byte](b []byte, s T, raw bool) []byte {
	if raw {
		return appendCSVString(b, string(s))
	}
	return appendCSVClassed(b, s, csvClassify(s))
}

// appendCSVClassed is appendCSVCell (not raw) of s, whose classes are
// class (csvClassify).
func appendCSVClassed[T string | []byte](b []byte, s T, class byte) []byte {
	if class&csvOther != 0 || len(s) > 0 && csvFormulaStart(s[0]) {
		// Rare: let the string functions decide, exactly as before.
		return appendCSVString(b, csvCellText(string(s), false))
	}
	switch {
	case class&csvDQuote != 0:
		return appendQuoted(b, s)
	case class != 0 || csvLeadQuote(s):
		// A comma, or encoding/csv's leading space or `\.`: quoted,
		// with no quote inside to double.
		b = append(b, '"')
		b = append(b, s...)
		return append(b, '"')
	}
	return append(b, s...)
}

// appendCSVInPlace encodes b[start:], a cell just appended to b unencoded
// (a joined list), as appendCSVCell would have appended it, without
// copying it out first when it is printable ASCII.
func appendCSVInPlace(b []byte, start int, raw bool) []byte {
	cell := b[start:]
	if !raw && len(cell) > 0 && !csvFormulaStart(cell[0]) {
		class := csvClassify(cell)
		if class == 0 && !csvLeadQuote(cell) {
			return b
		}
		if class&(csvOther|csvDQuote) == 0 {
			// Quote it where it is: shift it right by one.
			n := len(b)
			b = append(b, '"', '"')
			copy(b[start+1:n+1], b[start:n])
			b[start] = '"'
			return b
		}
	}
	var tmp [256]byte
	return appendCSVCell(b[:start], append(tmp[:0], cell...), raw)
}

// csvLeadQuote reports the cells encoding/csv quotes for their start
// alone: a leading space (ASCII here; csvClassify sent the rest to the
// general path) and `\.`.
func csvLeadQuote[T string | []byte](s T) bool {
	return len(s) > 0 && s[0] == ' ' || len(s) == 2 && s[0] == '\\' && s[1] == '.'
}

// Classes of bytes in a CSV cell: a comma needs quoting, a double quote
// needs quoting and doubling, and a byte outside printable ASCII needs the
// general path.
const (
	csvComma byte = 1 << iota
	csvDQuote
	csvOther
)

// csvClassify is the union of the classes of the bytes of s. Nearly every
// cell is printable ASCII, and many (amounts, lists) hold a comma: each
// class is established eight bytes at a time (SWAR, as jsonSafePrefix),
// with an overlapping load for the tail; only cells under four bytes are
// classed byte by byte.
func csvClassify[T string | []byte](s T) byte {
	n := len(s)
	var w csvWords
	switch {
	case n >= 8:
		for i := 0; i+8 <= n; i += 8 {
			w.add(load64(s, i))
		}
		if n%8 != 0 {
			w.add(load64(s, n-8))
		}
	case n >= 4:
		w.add(load32(s, 0) | load32(s, n-4)<<32) // both halves, overlapping

	default:
		var class byte
		for i := 0; i < n; i++ {
			class |= csvClassBytes[s[i]]
		}
		return class
	}
	return w.class()
}

// csvWords accumulates, per class, whether some byte of the words added is
// of it: the high bit of a byte of comma, dquote or other is set when that
// byte matches, or a byte below it in its word matched (a borrow only
// reaches bytes above a matching one). So each is exact as to whether some
// byte matches, which is all class asks.
type csvWords struct{ comma, dquote, other uint64 }

func (w *csvWords) add(x uint64) {
	const ones = 0x0101010101010101
	w.other |= x | (x-0x20*ones)&^x // >= 0x80, or < 0x20
	q := x ^ (0x7f * ones)          // DEL
	w.other |= (q - ones) &^ q
	q = x ^ (',' * ones)
	w.comma |= (q - ones) &^ q
	q = x ^ ('"' * ones)
	w.dquote |= (q - ones) &^ q
}

func (w *csvWords) class() byte {
	const highs = 0x8080808080808080
	var class byte
	if w.comma&highs != 0 {
		class |= csvComma
	}
	if w.dquote&highs != 0 {
		class |= csvDQuote
	}
	if w.other&highs != 0 {
		class |= csvOther
	}
	return class
}

// csvClassBytes are the classes of each byte.
var csvClassBytes = func() (t [256]byte) {
	for c := range t {
		if c < 0x20 || c >= 0x7f {
			t[c] = csvOther
		}
	}
	t[','], t['"'] = csvComma, csvDQuote
	return t
}()
