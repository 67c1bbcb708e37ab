package report

import (
	"unicode"
	"unicode/utf8"

	"github.com/tiercalc/tiercalc/pkg/engine"
)

// Appender is implemented by the printers of formats whose results encode
// independently of each other (csv, ndjson, json). A batch run encodes
// results on every core with AppendResults and hands the bytes, in input
// order, to WriteAppended, so that the one ordered writer only copies
// bytes. Print and Close keep their meaning; the output is the same
// whichever way results arrive.
type Appender interface {
	Printer
	// AppendResults appends the encoding of rs to dst. It does not change
	// the printer and is safe for concurrent use.
	AppendResults(dst []byte, rs []engine.Result) ([]byte, error)
	// WriteAppended writes b, what AppendResults calls appended for
	// results in the order they are printed, as Print would have.
	WriteAppended(b []byte) error
}

// appendCSVCell appends a cell as encoding/csv's Writer (comma ',', no
// CRLF) writes it, after sanitizeData.
func appendCSVCell[T string | []byte](b []byte, s T) []byte {
	var class byte
	for i := 0; i < len(s); i++ {
		class |= csvClass[s[i]]
	}
	if class&csvOther != 0 {
		// Rare: let the string functions decide, exactly as before.
		return appendCSVString(b, sanitizeData(string(s)))
	}
	if class == 0 && len(s) > 0 && (s[0] == ' ' || (len(s) == 2 && s[0] == '\\' && s[1] == '.')) {
		class = csvQuote
	}
	if class == 0 {
		return append(b, s...)
	}
	return appendQuoted(b, s)
}

// Byte classes for appendCSVCell: a quote or comma needs quoting; a byte
// outside printable ASCII needs the general path.
const (
	csvQuote byte = 1 << iota
	csvOther
)

var csvClass = func() (t [256]byte) {
	for c := range t {
		if c < 0x20 || c >= 0x7f {
			t[c] = csvOther
		}
	}
	t['"'], t[','] = csvQuote, csvQuote
	return t
}()

// appendCSVString is appendCSVCell's general case, for any text.
func appendCSVString(b []byte, s string) []byte {
	if !csvNeedsQuotes(s) {
		return append(b, s...)
	}
	return appendQuoted(b, s)
}

// csvNeedsQuotes is encoding/csv's Writer.fieldNeedsQuotes for ','.
func csvNeedsQuotes(s string) bool {
	if s == "" {
		return false
	}
	if s == `\.` {
		return true
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == '\n' || c == '\r' || c == '"' || c == ',' {
			return true
		}
	}
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsSpace(r)
}

func appendQuoted[T string | []byte](b []byte, s T) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); i++ {
		if s[i] == '"' {
			b = append(b, s[start:i+1]...)
			b = append(b, '"')
			start = i + 1
		}
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
