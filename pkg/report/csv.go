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
	memos  segMemos // midCells's, which depend on raw
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
	e := csvRowEncoder{raw: p.raw, seg: p.memos.get()}
	p.buf = appendCSVRow(p.buf[:0], &r, &e)
	p.memos.put(e.seg)
	return p.WriteAppended(p.buf)
}

// AppendResults appends one row per result.
func (p *csvPrinter) AppendResults(dst []byte, rs []engine.Result) ([]byte, error) {
	e := csvRowEncoder{raw: p.raw, seg: p.memos.get()}
	for i := range rs {
		dst = appendCSVRow(dst, &rs[i], &e)
	}
	p.memos.put(e.seg)
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

// appendCSVRow appends r's row. Partner and name repeat over a partner's
// rows, the grace date differs; the other cells are mostly rulebook
// strings. e remembers them, the ends of the partner's rows (csvRows), and
// under each head the last row without gaps (csvEnd): a row that ends as
// that one is copied from its head on in one piece, as most of Partner
// Connect's rows are.
func appendCSVRow(b []byte, r *engine.Result, e *csvRowEncoder) []byte {
	b = e.leadCells(b, r.Partner, r.Name)
	headStart := len(b)
	head := e.heads.find(headKeyOf(r))
	if head != nil && len(r.Missing) == 0 && head.end.same(r) {
		b = append(b, b[head.end.off:head.end.off+head.end.size]...)
		e.rows.add(r, headStart+head.size, len(b)-headStart-head.size)
		return b
	}
	b, head = e.headCells(b, r, head)
	if row := e.rows.find(r); row != nil {
		b = append(b, b[row.off:row.off+row.size]...)
		if len(r.Missing) == 0 {
			head.end.set(r, headStart, len(b)-headStart)
		}
		return b
	}
	start := len(b)
	b = e.midCells(b, &segKey{s: [segMax]string{orDash(r.Tier, ""), orDash(r.QualifiedTier, ""), r.Status,
		orDash(r.GraceUntil, ""), orDash(r.NextTier, "")}, n: csvTierCells, kind: segTiers})
	if len(r.Missing) > 0 {
		// The summary goes to the end of b, then is quoted in place if
		// need be (it often holds commas: "US$8,500").
		start := len(b)
		b = appendCSVInPlace(AppendGapsPhrase(b, r.Missing), start, e.raw)
	}
	b = e.tailCells(b, r.Unknown, r.Notes)
	e.rows.add(r, start, len(b)-start)
	if len(r.Missing) == 0 {
		head.end.set(r, headStart, len(b)-headStart)
	}
	return b
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
