package report

import (
	"bufio"
	"bytes"
	"io"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/pkg/twwidth"
	"github.com/olekukonko/tablewriter/renderer"
	"github.com/olekukonko/tablewriter/tw"
)

const (
	defaultWidth = 120
	colGap       = 2  // spaces between columns
	minWrap      = 24 // NAME, STATUS and MISSING never wrap narrower than this
)

// tablePrinter is the output for people: per program (first-seen order) a
// heading line and a borderless table in the manner of kubectl and gh:
// upper-case column titles, columns two spaces apart, no rules (tablewriter
// 1.1.5 also sizes its header rule from unwrapped widths, overshooting the
// line when cells wrap). Every cell is sanitized, so partner data can never
// move the cursor, recolour the terminal or break a row.
type tablePrinter struct{ grouped }

func newTable(w io.Writer, o Options) *tablePrinter {
	return &tablePrinter{grouped{w: w, gs: groups{opts: o}, dash: "-"}}
}

func (p *tablePrinter) Close() error {
	if !p.begin() {
		return nil
	}
	bw := bufio.NewWriter(p.w)
	var buf bytes.Buffer
	for i, g := range p.gs.order {
		if i > 0 {
			bw.WriteByte('\n')
		}
		bw.WriteString(sanitize(p.gs.heading(g)))
		bw.WriteByte('\n')
		buf.Reset()
		foot := g.footnotes()
		if err := p.render(&buf, g); err != nil {
			return err
		}
		writeTrimmed(bw, buf.Bytes())
		for _, line := range foot {
			bw.WriteString(sanitize(line))
			bw.WriteByte('\n')
		}
	}
	if f := p.gs.footnote(); f != "" {
		bw.WriteString("\n" + sanitize(f) + "\n")
	}
	return bw.Flush()
}

func (p *tablePrinter) render(w io.Writer, g *group) error {
	cols := g.columns()
	header := make([]string, len(cols))
	natural := make([]int, len(cols)) // widest cell per shown column
	rows := make([][]string, len(g.rows))
	for i, c := range cols {
		header[i] = columnTitles[c]
		natural[i] = twwidth.Width(header[i])
	}
	for r, row := range g.rows {
		cells := make([]string, len(cols))
		for i, c := range cols {
			cells[i] = sanitize(row[c])
			if n := twwidth.Width(cells[i]); n > natural[i] {
				natural[i] = n
			}
		}
		rows[r] = cells
	}

	maxWidths := tw.NewMapper[int, int]()
	if width := p.gs.opts.Width; width >= 0 {
		if width == 0 {
			width = defaultWidth
		}
		fit(cols, natural, width, maxWidths)
	}

	return renderTable(w, header, rows, maxWidths)
}

// renderTable is the one table style for people: borderless, titles as
// given, two spaces between columns, long cells wrapped at maxWidths (nil:
// never). Cells must already be sanitized.
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

// fit sets the widest NAME, STATUS and MISSING may be (in that order of
// sacrifice, none below minWrap) so that a row fits width columns when it
// can: the other columns hold ids and tier names, which never wrap.
func fit(cols, natural []int, width int, maxWidths tw.Mapper[int, int]) {
	total := 0
	for _, n := range natural {
		total += n + colGap
	}
	for _, wrappable := range []int{colName, colStatus, colMissing} {
		for i, c := range cols {
			if c != wrappable || total <= width || natural[i] <= minWrap {
				continue
			}
			w := max(natural[i]-(total-width), minWrap)
			total -= natural[i] - w
			maxWidths.Set(i, w+colGap) // tablewriter's limit includes padding
		}
	}
}

// writeTrimmed copies a rendered table, dropping the padding that only
// trails each line (tablewriter pads every cell to its column's width).
func writeTrimmed(bw *bufio.Writer, table []byte) {
	for line := range bytes.Lines(table) {
		bw.Write(bytes.TrimRight(line, " \n"))
		bw.WriteByte('\n')
	}
}
