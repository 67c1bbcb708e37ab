package report

import (
	"bufio"
	"io"
	"strings"
)

// markdownPrinter writes, per program, a "## program: Name (edition X)"
// heading and a GitHub-flavoured Markdown table, for CI job summaries and
// reports.
//
// The table is written by hand rather than with tablewriter's Markdown
// renderer: that renderer leaves | unescaped and pads cells to aligned
// widths, and every cell here needs Markdown escaping anyway, which would
// make the padding both wrong (widths counted on escaped text) and
// pointless (renderers ignore it). Writing "| a | b |" rows is a few lines
// and the escaping is then in one visible place.
type markdownPrinter struct{ grouped }

func newMarkdown(w io.Writer, o Options) *markdownPrinter {
	return &markdownPrinter{grouped{w: w, gs: groups{opts: o}, dash: "—"}}
}

var markdownTitles = [numCols]string{"Partner", "Name", "Track", "Tier", "Status", "Next", "Missing"}

func (p *markdownPrinter) Close() error {
	if !p.begin() {
		return nil
	}
	bw := bufio.NewWriter(p.w)
	for i, g := range p.gs.order {
		if i > 0 {
			bw.WriteByte('\n')
		}
		bw.WriteString("## ")
		bw.WriteString(markdownEscape(p.gs.heading(g)))
		bw.WriteString("\n\n")
		foot := g.footnotes()
		cols := g.columns()
		header := make([]string, len(cols))
		for i, c := range cols {
			header[i] = markdownTitles[c]
		}
		rows := make([][]string, len(g.rows))
		for r, row := range g.rows {
			rows[r] = make([]string, len(cols))
			for i, c := range cols {
				rows[r][i] = row[c]
			}
		}
		writeMarkdownTable(bw, header, rows)
		for _, line := range foot {
			bw.WriteByte('\n')
			bw.WriteString(markdownEscape(line))
			bw.WriteByte('\n')
		}
	}
	if f := p.gs.footnote(); f != "" {
		bw.WriteString("\n" + markdownEscape(f) + "\n")
	}
	return bw.Flush()
}

// writeMarkdownTable writes one GFM table; header titles are written as
// given, every cell is escaped.
func writeMarkdownTable(bw *bufio.Writer, header []string, rows [][]string) {
	for _, h := range header {
		bw.WriteString("| ")
		bw.WriteString(h)
		bw.WriteByte(' ')
	}
	bw.WriteString("|\n")
	for range header {
		bw.WriteString("|---")
	}
	bw.WriteString("|\n")
	for _, row := range rows {
		for _, cell := range row {
			bw.WriteString("| ")
			bw.WriteString(markdownEscape(cell))
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
