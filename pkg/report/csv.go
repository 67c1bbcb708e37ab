package report

import (
	"bufio"
	"encoding/csv"
	"io"
	"strings"

	"github.com/tiercalc/tiercalc/pkg/engine"
)

var csvHeader = []string{
	"partner", "name", "program", "edition", "track", "tier", "qualified_tier",
	"status", "grace_until", "next_tier", "missing", "unknown",
}

// csvPrinter writes one row per result under a fixed header. Null values
// are empty cells; missing is the gaps' one-line summary and unknown the
// keys joined by ";", as lists are in the input format. encoding/csv
// quotes cells holding commas, quotes or line breaks, which round-trip;
// other control characters (ESC, BEL, ...) are made visible as in every
// format, since csv too ends up on terminals. Cells starting with = + - @
// are left alone: prefixing them would corrupt the data for programs, the
// format's first readers.
type csvPrinter struct {
	bw     *bufio.Writer
	w      *csv.Writer
	row    []string
	header bool
	closed bool
}

func newCSV(w io.Writer) *csvPrinter {
	bw := bufio.NewWriterSize(w, 64<<10)
	return &csvPrinter{bw: bw, w: csv.NewWriter(bw), row: make([]string, len(csvHeader))}
}

func (p *csvPrinter) writeHeader() error {
	if p.header {
		return nil
	}
	p.header = true
	return p.w.Write(csvHeader)
}

func (p *csvPrinter) Print(r engine.Result) error {
	if p.closed {
		return errClosed
	}
	if err := p.writeHeader(); err != nil {
		return err
	}
	p.row[0] = r.Partner
	p.row[1] = r.Name
	p.row[2] = r.Program
	p.row[3] = r.Edition
	p.row[4] = r.Track
	p.row[5] = orDash(r.Tier, "")
	p.row[6] = orDash(r.QualifiedTier, "")
	p.row[7] = r.Status
	p.row[8] = orDash(r.GraceUntil, "")
	p.row[9] = orDash(r.NextTier, "")
	p.row[10] = engine.Summary(r.Missing)
	p.row[11] = strings.Join(r.Unknown, ";")
	for i, c := range p.row {
		p.row[i] = sanitizeData(c)
	}
	return p.w.Write(p.row)
}

func (p *csvPrinter) Close() error {
	if p.closed {
		return nil
	}
	p.closed = true
	if err := p.writeHeader(); err != nil {
		return err
	}
	p.w.Flush()
	if err := p.w.Error(); err != nil {
		return err
	}
	return p.bw.Flush()
}
