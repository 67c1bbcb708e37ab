package report

import (
	"bufio"
	"io"
	"strings"

	"github.com/tiercalc/tiercalc/pkg/engine"
)

var csvHeader = []string{
	"partner", "name", "program", "edition", "track", "tier", "qualified_tier",
	"status", "grace_until", "next_tier", "missing", "unknown", "notes",
}

// csvPrinter writes one row per result under a fixed header. Null values
// are empty cells; missing is the gaps' one-line summary, unknown the keys
// joined by ";", as lists are in the input format, and notes the notes
// joined by "; " (they are sentences). Columns are only ever added at the
// end, so scripts that read them by position keep working. Cells are quoted as
// encoding/csv quotes them (when they hold commas, quotes or line breaks),
// which round-trips; other control characters (ESC, BEL, ...) are made
// visible as in every format, since csv too ends up on terminals, and
// cells that a spreadsheet would run as formulas are neutralised
// (csvCellText); with raw (--csv-raw) every cell is the data exactly. Rows
// are encoded by hand: batch runs write millions, and encoding/csv wants a
// []string per row.
type csvPrinter struct {
	w      *bufio.Writer
	buf    []byte
	header bool
	closed bool
	raw    bool
}

func newCSV(w io.Writer, raw bool) *csvPrinter {
	return &csvPrinter{w: bufio.NewWriterSize(w, 64<<10), raw: raw}
}

func (p *csvPrinter) writeHeader() error {
	if p.header {
		return nil
	}
	p.header = true
	_, err := p.w.WriteString(strings.Join(csvHeader, ",") + "\n")
	return err
}

func (p *csvPrinter) Print(r engine.Result) error {
	if p.closed {
		return errClosed
	}
	p.buf = appendCSVRow(p.buf[:0], &r, p.raw)
	return p.WriteAppended(p.buf)
}

// AppendResults appends one row per result.
func (p *csvPrinter) AppendResults(dst []byte, rs []engine.Result) ([]byte, error) {
	for i := range rs {
		dst = appendCSVRow(dst, &rs[i], p.raw)
	}
	return dst, nil
}

// WriteAppended writes rows, after the header.
func (p *csvPrinter) WriteAppended(b []byte) error {
	if p.closed {
		return errClosed
	}
	if err := p.writeHeader(); err != nil {
		return err
	}
	_, err := p.w.Write(b)
	return err
}

func appendCSVRow(b []byte, r *engine.Result, raw bool) []byte {
	b = appendCSVCell(b, r.Partner, raw)
	b = append(b, ',')
	b = appendCSVCell(b, r.Name, raw)
	b = append(b, ',')
	b = appendCSVCell(b, r.Program, raw)
	b = append(b, ',')
	b = appendCSVCell(b, r.Edition, raw)
	b = append(b, ',')
	b = appendCSVCell(b, r.Track, raw)
	b = append(b, ',')
	b = appendCSVCell(b, orDash(r.Tier, ""), raw)
	b = append(b, ',')
	b = appendCSVCell(b, orDash(r.QualifiedTier, ""), raw)
	b = append(b, ',')
	b = appendCSVCell(b, r.Status, raw)
	b = append(b, ',')
	b = appendCSVCell(b, orDash(r.GraceUntil, ""), raw)
	b = append(b, ',')
	b = appendCSVCell(b, orDash(r.NextTier, ""), raw)
	b = append(b, ',')
	if len(r.Missing) > 0 {
		// The summary goes to the end of b, then is quoted in place if
		// need be (it often holds commas: "US$8,500").
		start := len(b)
		b = appendCSVInPlace(AppendGapsPhrase(b, r.Missing), start, raw)
	}
	b = append(b, ',')
	b = appendCSVList(b, r.Unknown, ";", raw) // keys are names, but checked as any cell
	b = append(b, ',')
	b = appendCSVList(b, r.Notes, "; ", raw)
	return append(b, '\n')
}

// appendCSVList appends the cell of list joined by sep. One item, the
// common case, is encoded where it is; more are joined, then encoded.
func appendCSVList(b []byte, list []string, sep string, raw bool) []byte {
	if len(list) == 1 {
		return appendCSVCell(b, list[0], raw)
	}
	if len(list) == 0 {
		return b
	}
	start := len(b)
	for i, s := range list {
		if i > 0 {
			b = append(b, sep...)
		}
		b = append(b, s...)
	}
	return appendCSVInPlace(b, start, raw)
}

func (p *csvPrinter) Close() error {
	if p.closed {
		return nil
	}
	p.closed = true
	if err := p.writeHeader(); err != nil {
		return err
	}
	return p.w.Flush()
}
