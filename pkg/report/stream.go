package report

import (
	"sync"
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

// Locator is implemented by printers that point at each result's record
// (github): PrintAt is Print with the record's input and line.
type Locator interface {
	Printer
	PrintAt(file string, line int, r engine.Result) error
}

// Rejecter is implemented by printers that show rejected records among
// the results (junit: an errored test case; github: an error annotation),
// besides the message on stderr. Reject may be called from another
// goroutine than Print; the printer writes the rejection with its next
// output.
type Rejecter interface {
	Reject(file string, line int, msg string)
}

// handover holds what another goroutine hands a printer (the reader's
// rejected records) until the printer's next write takes it.
type handover[T any] struct {
	mu    sync.Mutex
	items []T
	n     int // handed over in all
}

func (h *handover[T]) add(x T) {
	h.mu.Lock()
	h.items = append(h.items, x)
	h.n++
	h.mu.Unlock()
}

func (h *handover[T]) take() []T {
	h.mu.Lock()
	defer h.mu.Unlock()
	items := h.items
	h.items = nil
	return items
}

// csvCellText is a CSV cell's text before quoting. By default it is
// sanitised (sanitizeData) and, as OWASP recommends against CSV (formula)
// injection, a cell starting with = + - @, a tab or a carriage return gets
// a leading single quote, so a spreadsheet shows it as text instead of
// running it as a formula. A cell that is a plain decimal number ("-1",
// "+2.5") is left alone: it is a number, not a formula, and stays one.
// raw (--csv-raw) keeps the data exactly, for programs.
func csvCellText(s string, raw bool) string {
	if raw {
		return s
	}
	s = sanitizeData(s)
	if len(s) > 0 && csvFormulaStart(s[0]) && !isDecimal(s) {
		return "'" + s
	}
	return s
}

func csvFormulaStart(c byte) bool {
	switch c {
	case '=', '+', '-', '@', '\t', '\r':
		return true
	}
	return false
}

// isDecimal reports whether s is a plain decimal number: an optional sign,
// digits, and optionally a point and more digits.
func isDecimal(s string) bool {
	if s != "" && (s[0] == '-' || s[0] == '+') {
		s = s[1:]
	}
	digits, point := 0, false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			digits++
		case c == '.' && !point && digits > 0 && i+1 < len(s):
			point = true
		default:
			return false
		}
	}
	return digits > 0
}

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
