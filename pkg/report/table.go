package report

import (
	"bufio"
	"bytes"
	"io"
	"slices"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/renderer"
	"github.com/olekukonko/tablewriter/tw"
)

// tablePrinter is the output for people, in the manner of kubectl and gh:
// upper-case column titles, columns two spaces apart, no rules. It streams:
// rows are written in blocks of blockRows, the columns chosen and sized
// once, from the first block and the line width (Options.Width: COLUMNS or
// the terminal's), so a million rows take no more memory than a few
// hundred and the first ones show at once. A cell wider than its column
// wraps at spaces onto more lines of its row (never in the middle of a
// word that fits); with no width (not a terminal, no COLUMNS) nothing
// wraps and every row is one line. Notes are numbered footnotes under
// each block. Every cell is sanitized, so partner data can never move the
// cursor, recolour the terminal or break a row; colour (Options.Color) is
// the only decoration, and only on a terminal.
//
// The body is written by this small column printer rather than by
// tablewriter: tablewriter renders some 25-40 µs a row, which would make
// a million-row table take half a minute more than the evaluation itself.
type tablePrinter struct {
	blocks
	w    *bufio.Writer
	cols []int // the shown columns
	out  *columns
}

func newTable(w io.Writer, o Options) *tablePrinter {
	p := &tablePrinter{w: bufio.NewWriterSize(w, 64<<10)}
	p.blocks = blocks{opts: o, dash: "-", clean: sanitize, flush: p.writeBlock}
	return p
}

func (p *tablePrinter) Close() error {
	wrote, err := p.close()
	if err != nil || !wrote {
		return err
	}
	if f := p.assumed.footnote(); f != "" {
		p.w.WriteByte('\n')
		p.out.line(sanitize(f))
	}
	return p.w.Flush()
}

func (p *tablePrinter) writeBlock(rows []row) error {
	var foot []string
	if !p.opts.Wide { // -o wide has a NOTES column
		foot = footnotes(rows)
	}
	if !p.started {
		p.cols = columnsFor(p.opts, rows, false)
		titles := make([]string, len(p.cols))
		for i, c := range p.cols {
			titles[i] = columnTitles[c]
		}
		p.out = newColumns(p.w, p.opts, titles)
		for _, c := range []int{colName, colProgram, colStatus, colTrack} {
			if i := slices.Index(p.cols, c); i >= 0 {
				p.out.give = append(p.out.give, i)
			}
		}
		p.out.name, p.out.status = slices.Index(p.cols, colName), slices.Index(p.cols, colStatus)
	}
	cells := make([][]string, len(rows))
	for i := range rows {
		cells[i] = make([]string, len(p.cols))
		for j, c := range p.cols {
			cells[i][j] = rows[i].cells[c]
		}
	}
	p.out.block(cells)
	for _, note := range foot {
		p.out.line(sanitize(note))
	}
	return nil
}

// renderTable is the one table style of the views that are not streamed
// (rulebooks, diffs): borderless, titles as given, two spaces between
// columns, long cells wrapped at maxWidths (nil: never). Cells must
// already be sanitized.
func renderTable(w io.Writer, header []string, rows [][]string, maxWidths tw.Mapper[int, int]) error {
	if maxWidths == nil {
		maxWidths = tw.NewMapper[int, int]()
	}
	t := tablewriter.NewTable(w,
		tablewriter.WithRenderer(renderer.NewBlueprint(tw.Rendition{
			Borders: tw.BorderNone,
			Symbols: tw.NewSymbols(tw.StyleLight),
			Settings: tw.Settings{
				Separators: tw.Separators{BetweenColumns: tw.Off, BetweenRows: tw.Off},
				Lines:      tw.LinesNone,
			},
		})),
		tablewriter.WithConfig(tablewriter.Config{
			Header: tw.CellConfig{
				Formatting: tw.CellFormatting{AutoFormat: tw.Off, AutoWrap: tw.WrapNone},
				Alignment:  tw.CellAlignment{Global: tw.AlignLeft},
				Padding:    tw.CellPadding{Global: tw.Padding{Right: "  ", Overwrite: true}},
			},
			Row: tw.CellConfig{
				Formatting:   tw.CellFormatting{AutoWrap: tw.WrapNormal},
				Alignment:    tw.CellAlignment{Global: tw.AlignLeft},
				Padding:      tw.CellPadding{Global: tw.Padding{Right: "  ", Overwrite: true}},
				ColMaxWidths: tw.CellWidth{PerColumn: maxWidths},
			},
			Behavior: tw.Behavior{TrimSpace: tw.On, TrimTab: tw.On},
		}),
	)
	t.Header(header)
	if err := t.Bulk(rows); err != nil {
		return err
	}
	return t.Render()
}

// writeTrimmed copies a rendered table, dropping the padding that only
// trails each line (tablewriter pads every cell to its column's width).
func writeTrimmed(bw *bufio.Writer, table []byte) {
	for line := range bytes.Lines(table) {
		bw.Write(bytes.TrimRight(line, " \n"))
		bw.WriteByte('\n')
	}
}
