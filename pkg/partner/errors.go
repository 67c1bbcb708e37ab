package partner

import (
	"fmt"
	"strconv"
	"strings"
)

// RecordError rejects one record. The reader stays usable: the next call to
// Next reads the record after it.
type RecordError struct {
	File   string
	Line   int // 1-based; 0 when unknown
	Column int // 1-based byte column; 0 when unknown
	Field  string
	ID     string // the record's id when it could be read
	Msg    string
	Hint   string // printed apart from the message (tiercalc: hint: ...)
	Sheet  string // a workbook's sheet: Line is its row, Column its column
}

// Error gives "FILE:LINE[:COL]: record ID: field F: msg", leaving out the
// parts that are empty. The hint is not part of it.
func (e *RecordError) Error() string {
	var b strings.Builder
	writePos(&b, e.File, e.Sheet, e.Line, e.Column)
	if e.ID != "" {
		sep(&b)
		b.WriteString("record ")
		b.WriteString(e.ID)
	}
	if e.Field != "" {
		sep(&b)
		b.WriteString("field ")
		b.WriteString(e.Field)
	}
	sep(&b)
	b.WriteString(e.Msg)
	return b.String()
}

// HeaderError makes a whole input unusable: a CSV header with an unknown,
// duplicate or missing column. It is an input (usage) error, not a rejected
// record.
type HeaderError struct {
	File   string
	Line   int
	Column int
	Field  string // the column name as written
	Msg    string
	Hint   string
	Sheet  string // a workbook's sheet: Line is its row, Column its column
}

// Error gives "FILE:LINE[:COL]: column F: msg".
func (e *HeaderError) Error() string {
	var b strings.Builder
	writePos(&b, e.File, e.Sheet, e.Line, e.Column)
	if e.Field != "" {
		sep(&b)
		b.WriteString("column ")
		b.WriteString(strconv.Quote(e.Field))
	}
	sep(&b)
	b.WriteString(e.Msg)
	return b.String()
}

func writePos(b *strings.Builder, file, sheet string, line, col int) {
	b.WriteString(file)
	if sheet != "" { // file.xlsx: sheet "Partners" row 5 cell D5
		b.WriteString(": sheet " + strconv.Quote(sheet))
		if line > 0 {
			b.WriteString(" row " + strconv.Itoa(line))
		}
		if line > 0 && col > 0 {
			b.WriteString(" cell " + cellName(col, line))
		}
		return
	}
	if line <= 0 {
		return
	}
	if file != "" {
		b.WriteByte(':')
	}
	b.WriteString(strconv.Itoa(line))
	if col > 0 {
		b.WriteByte(':')
		b.WriteString(strconv.Itoa(col))
	}
}

func sep(b *strings.Builder) {
	if b.Len() > 0 {
		b.WriteString(": ")
	}
}

// TooLargeError refuses a whole input for its size, before any of its
// records is read (exit 2, as the README's exit codes say).
type TooLargeError struct {
	File  string
	Limit int64 // bytes
	What  string
	Hint  string
}

// Error gives "FILE: YAML input larger than 16 MiB".
func (e *TooLargeError) Error() string {
	return fmt.Sprintf("%s: %s larger than %d MiB", e.File, e.What, e.Limit>>20)
}
