package report

import (
	"bufio"
	"bytes"
	"io"
	"slices"
	"strings"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/pkg/twwidth"
	"github.com/olekukonko/tablewriter/renderer"
	"github.com/olekukonko/tablewriter/tw"
)

const (
	colGap  = 2  // spaces between columns
	minLast = 20 // the last column (MISSING) is never narrower
	minWrap = 14 // a NAME column wraps words longer than this
	// stackIndent indents a stacked last column under its row.
	stackIndent = 4
	ansiBold    = "\x1b[1m"
	ansiOff     = "\x1b[0m"
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
	w      *bufio.Writer
	cols   []int
	widths []int // per shown column; the last one's is 0 with no width limit
	// stacked: the last column is too narrow at this width and goes
	// under each row instead.
	stacked bool
}

func newTable(w io.Writer, o Options) *tablePrinter {
	p := &tablePrinter{w: bufio.NewWriterSize(w, 64<<10)}
	p.blocks = blocks{opts: o, dash: "-", flush: p.writeBlock}
	return p
}

func (p *tablePrinter) Close() error {
	wrote, err := p.close()
	if err != nil || !wrote {
		return err
	}
	if f := p.assumed.footnote(); f != "" {
		p.w.WriteString("\n" + strings.Join(wrapWords(sanitize(f), p.opts.Width), "\n") + "\n")
	}
	return p.w.Flush()
}

func (p *tablePrinter) writeBlock(rows []row) error {
	var foot []string
	if !p.opts.Wide { // -o wide has a NOTES column
		foot = footnotes(rows)
	}
	for i := range rows {
		for c := range rows[i].cells {
			rows[i].cells[c] = sanitize(rows[i].cells[c])
		}
	}
	if !p.started {
		p.cols = columnsFor(p.opts, rows, false)
		p.widths = p.size(rows)
		if !p.opts.NoHeaders {
			header := make([]string, len(p.cols))
			for i, c := range p.cols {
				header[i] = columnTitles[c]
			}
			if p.stacked {
				header = header[:len(header)-1]
			}
			p.writeRow(header, true)
		}
	}
	cells := make([]string, len(p.cols))
	for i := range rows {
		for j, c := range p.cols {
			cells[j] = rows[i].cells[c]
		}
		if !p.stacked {
			p.writeRow(cells, false)
			continue
		}
		last := len(cells) - 1
		p.writeRow(cells[:last], false)
		if m := cells[last]; m != "-" {
			for _, line := range wrapWords(columnTitles[p.cols[last]]+": "+m, p.opts.Width-stackIndent) {
				p.w.WriteString(strings.Repeat(" ", stackIndent) + line + "\n")
			}
		}
	}
	for _, note := range foot {
		for _, line := range wrapWords(sanitize(note), p.opts.Width) {
			p.w.WriteString(line)
			p.w.WriteByte('\n')
		}
	}
	return nil
}

// size sets each column's width from its title and the first block's
// cells; with a line width (and not -o wide), NAME then STATUS give way
// down to minWrap, and the last column (MISSING) takes what the others
// leave; when that is under minLast, it goes under its row instead, as
// indented lines as wide as the line (stacked).
func (p *tablePrinter) size(rows []row) []int {
	widths := make([]int, len(p.cols))
	for i, c := range p.cols {
		widths[i] = twwidth.Width(columnTitles[c])
		for r := range rows {
			widths[i] = max(widths[i], twwidth.Width(rows[r].cells[c]))
		}
	}
	last := len(widths) - 1
	limit := p.opts.Width
	p.stacked = false
	if limit <= 0 || p.opts.Wide {
		widths[last] = 0
		return widths
	}
	natural := slices.Clone(widths)
	floorLast := max(minLast, minWidth(p.cols[last], rows))
	if p.give(rows, widths[:last], limit-floorLast) {
		widths[last] = limit - sum(widths[:last])
		return widths
	}
	// MISSING cannot have floorLast: it goes under each row, and the
	// other columns share the whole line.
	copy(widths, natural)
	p.give(rows, widths[:last], limit+colGap)
	p.stacked = true
	widths[last] = 0
	return widths
}

// give narrows NAME, PROGRAM, STATUS and TRACK, in that order and never
// below minWidth, until widths (each with its gap) fit room; it reports
// whether they do.
func (p *tablePrinter) give(rows []row, widths []int, room int) bool {
	used := sum(widths)
	for _, c := range []int{colName, colProgram, colStatus, colTrack} {
		for i := range widths {
			if p.cols[i] != c || used <= room {
				continue
			}
			cut := min(widths[i]-minWidth(c, rows), used-room)
			if cut > 0 {
				widths[i] -= cut
				used -= cut
			}
		}
	}
	return used <= room
}

// sum is the width of columns of these widths, each with its gap.
func sum(widths []int) int {
	n := 0
	for _, w := range widths {
		n += w + colGap
	}
	return n
}

// minWidth is how narrow column c may get: its title, and its widest word
// in rows (a word breaks after a hyphen or slash), so that no word breaks
// in the middle; a partner's name may break words beyond minWrap.
func minWidth(c int, rows []row) int {
	w := twwidth.Width(columnTitles[c])
	for i := range rows {
		for _, word := range strings.Fields(rows[i].cells[c]) {
			for word != "" {
				var piece string
				piece, word = cutWidth(word, 1)
				if i := strings.IndexAny(piece, "-/"); i < 0 && word != "" {
					// cutWidth(…, 1) gave one rune: measure up to the next break.
					j := strings.IndexAny(word, "-/")
					if j < 0 {
						piece, word = piece+word, ""
					} else {
						piece, word = piece+word[:j+1], word[j+1:]
					}
				}
				w = max(w, twwidth.Width(piece))
			}
		}
	}
	if c == colName {
		w = min(w, minWrap)
	}
	return w
}

// writeRow writes one row: each cell padded to its column, wrapped at
// spaces onto more lines where it is wider (only with a width limit).
func (p *tablePrinter) writeRow(cells []string, header bool) {
	lines := make([][]string, len(cells))
	height := 1
	for i, s := range cells {
		if p.opts.Width > 0 && !p.opts.Wide {
			lines[i] = wrapWords(s, p.widths[i])
		} else {
			lines[i] = []string{s}
		}
		height = max(height, len(lines[i]))
	}
	for l := 0; l < height; l++ {
		pad, written := 0, false // spaces owed before the next non-empty cell
		for i := range cells {
			text := ""
			if l < len(lines[i]) {
				text = lines[i][l]
			}
			if text != "" {
				if written {
					pad = max(pad, 1) // a cell wider than the first block's
				}
				p.w.WriteString(strings.Repeat(" ", pad))
				pad, written = 0, true
				p.writeCell(text, header, cells[i], l == 0)
			}
			pad += p.widths[i] - twwidth.Width(text) + colGap
		}
		p.w.WriteByte('\n')
	}
}

// writeCell writes text, in colour on a terminal: titles bold, a status by
// what it means (qualified green, grace and incomplete yellow, ineligible
// red).
func (p *tablePrinter) writeCell(text string, header bool, cell string, first bool) {
	on := ""
	switch {
	case !p.opts.Color:
	case header:
		on = ansiBold
	case first:
		on = statusColour(cell)
	}
	if on == "" {
		p.w.WriteString(text)
		return
	}
	p.w.WriteString(on)
	p.w.WriteString(text)
	p.w.WriteString(ansiOff)
}

// statusColour is the SGR colour of a STATUS cell, "" for other cells.
func statusColour(cell string) string {
	word, _, _ := strings.Cut(cell, " ")
	switch word {
	case "qualified":
		return "\x1b[32m"
	case "grace", "incomplete":
		return "\x1b[33m"
	case "ineligible":
		return "\x1b[31m"
	}
	return ""
}

// wrapWords breaks s into lines at most width columns wide, at spaces; a
// word wider than width is cut only because nothing else fits.
func wrapWords(s string, width int) []string {
	if width <= 0 || twwidth.Width(s) <= width {
		return []string{s}
	}
	var lines []string
	var cur strings.Builder
	curW := 0
	for _, word := range strings.Fields(s) {
		ww := twwidth.Width(word)
		if curW > 0 && curW+1+ww > width {
			lines = append(lines, cur.String())
			cur.Reset()
			curW = 0
		}
		for ww > width { // a word longer than the column
			head, rest := cutWidth(word, width-curW-boolInt(curW > 0))
			if curW > 0 {
				cur.WriteByte(' ')
			}
			cur.WriteString(head)
			lines = append(lines, cur.String())
			cur.Reset()
			curW, word, ww = 0, rest, twwidth.Width(rest)
		}
		if curW > 0 {
			cur.WriteByte(' ')
			curW++
		}
		cur.WriteString(word)
		curW += ww
	}
	if curW > 0 {
		lines = append(lines, cur.String())
	}
	return lines
}

// cutWidth splits s after at most width display columns: after its last
// hyphen or slash that fits ("data-center-" "virtualization"), else where
// the width ends (at least one rune).
func cutWidth(s string, width int) (string, string) {
	w, brk := 0, 0
	for i, r := range s {
		rw := twwidth.Width(string(r))
		if i > 0 && w+rw > width {
			if brk > 0 {
				return s[:brk], s[brk:]
			}
			return s[:i], s[i:]
		}
		w += rw
		if (r == '-' || r == '/') && i+1 < len(s) {
			brk = i + 1
		}
	}
	return s, ""
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
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
