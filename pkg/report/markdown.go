package report

import (
	"bufio"
	"io"
	"strings"
)

// markdownPrinter writes one GitHub-flavoured Markdown table, for CI job
// summaries and reports. It streams as the table printer does: rows in
// blocks, the columns chosen from the first one, so the table is one
// table however many rows follow. Notes are a column (a footnote between
// rows would end the table), and the footnote on assumed numbers follows
// the table.
//
// The table is written by hand rather than with tablewriter's Markdown
// renderer: that renderer leaves | unescaped and pads cells to aligned
// widths, and every cell here needs Markdown escaping anyway, which would
// make the padding both wrong (widths counted on escaped text) and
// pointless (renderers ignore it). Writing "| a | b |" rows is a few lines
// and the escaping is then in one visible place.
type markdownPrinter struct {
	blocks
	w    *bufio.Writer
	cols []int
}

func newMarkdown(w io.Writer, o Options) *markdownPrinter {
	p := &markdownPrinter{w: bufio.NewWriterSize(w, 64<<10)}
	p.blocks = blocks{opts: o, dash: "—", clean: markdownEscape, flush: p.writeBlock}
	return p
}

var markdownTitles = [numCols]string{"Partner", "Name", "Program", "Edition", "Track", "Tier", "Qualified", "Status", "Grace until", "Next", "Missing", "Unknown", "Notes"}

func (p *markdownPrinter) writeBlock(rows []row) error {
	var header []string
	if !p.started {
		p.cols = columnsFor(p.opts, rows, true)
		if !p.opts.NoHeaders {
			header = make([]string, len(p.cols))
			for i, c := range p.cols {
				header[i] = markdownTitles[c]
			}
		}
	}
	cells := make([][]string, len(rows))
	for r := range rows {
		cells[r] = make([]string, len(p.cols))
		for i, c := range p.cols {
			cells[r][i] = rows[r].cells[c]
		}
	}
	if header != nil {
		writeMarkdownHeader(p.w, header)
	}
	writeMarkdownCells(p.w, cells) // escaped on the workers
	return nil
}

func (p *markdownPrinter) Close() error {
	wrote, err := p.close()
	if err != nil || !wrote {
		return err
	}
	if f := p.assumed.footnote(); f != "" {
		p.w.WriteString("\n" + markdownEscape(f) + "\n")
	}
	return p.w.Flush()
}

// writeMarkdownTable writes one GFM table; header titles are written as
// given, every cell is escaped.
func writeMarkdownTable(bw *bufio.Writer, header []string, rows [][]string) {
	writeMarkdownHeader(bw, header)
	escaped := make([]string, 0, len(header))
	for _, row := range rows {
		escaped = escaped[:0]
		for _, cell := range row {
			escaped = append(escaped, markdownEscape(cell))
		}
		writeMarkdownCells(bw, [][]string{escaped})
	}
}

func writeMarkdownHeader(bw *bufio.Writer, header []string) {
	writeMarkdownCells(bw, [][]string{header})
	for range header {
		bw.WriteString("|---")
	}
	bw.WriteString("|\n")
}

// writeMarkdownCells writes rows whose cells are already escaped.
func writeMarkdownCells(bw *bufio.Writer, rows [][]string) {
	for _, row := range rows {
		for _, cell := range row {
			bw.WriteString("| ")
			bw.WriteString(cell)
			bw.WriteByte(' ')
		}
		bw.WriteString("|\n")
	}
}

// markdownEscape makes s one literal table cell. Newlines become <br>
// first (a raw one would end the row), other control characters the
// visible escapes of sanitize, and ASCII punctuation that Markdown or
// GitHub would interpret (| ends the cell; * _ ~ ` [ ] make emphasis,
// code or links; < > make HTML; $ makes math on GitHub) is backslash-
// escaped, so a partner name renders exactly as written.
func markdownEscape(s string) string {
	if strings.ContainsAny(s, "\r\n") {
		s = strings.ReplaceAll(s, "\r\n", "\n")
		s = strings.ReplaceAll(s, "\r", "\n")
		parts := strings.Split(s, "\n")
		for i := range parts {
			parts[i] = markdownEscape(parts[i])
		}
		return strings.Join(parts, "<br>")
	}
	s = sanitize(s)
	if !strings.ContainsAny(s, markdownSpecial) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); i++ {
		if strings.IndexByte(markdownSpecial, s[i]) >= 0 {
			b.WriteByte('\\')
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

const markdownSpecial = "\\|*_~`[]<>$"
