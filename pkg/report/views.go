package report

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/olekukonko/tablewriter/tw"

	"go.yaml.in/yaml/v3"
)

// grid is a titled table (header titles as they should read; tables for
// people use upper case) of the views that are not per-result printers
// (rulebooks, diffs, comparisons). It renders as a table for people or as
// Markdown, with the same cleaning as the result printers.
type grid struct {
	title  string
	header []string
	rows   [][]string
	// wide: cells never wrap (lists of sentences, where a wrapped line
	// would read as an item of its own).
	wide bool
	// foot: lines said under the table (notes, footnotes).
	foot []string
}

// gridMaxWidth is where a grid's cells wrap, so long notes stay readable.
const gridMaxWidth = 60

// writeGrids writes grids as "table" or "markdown", a blank line apart.
func writeGrids(w io.Writer, format string, grids []grid) error {
	bw := bufio.NewWriter(w)
	for i, g := range grids {
		if i > 0 {
			bw.WriteByte('\n')
		}
		if format == string(Markdown) {
			writeMarkdownGrid(bw, g)
			continue
		}
		if err := writeTableGrid(bw, g); err != nil {
			return err
		}
	}
	return bw.Flush()
}

// writeMarkdownGrid writes g as a "##" heading, the title's other lines as
// paragraphs, the table and its foot.
func writeMarkdownGrid(bw *bufio.Writer, g grid) {
	if g.title != "" {
		lines := strings.Split(g.title, "\n")
		bw.WriteString("## " + markdownEscape(lines[0]) + "\n\n")
		for _, l := range lines[1:] {
			bw.WriteString(markdownEscape(l) + "\n\n")
		}
	}
	writeMarkdownTable(bw, g.header, g.rows)
	for _, l := range g.foot {
		if l != "" { // paragraphs are a blank line apart anyway
			bw.WriteString("\n" + markdownEscape(l) + "\n")
		}
	}
}

// writeTableGrid writes g as its title, a table for people, and its foot,
// every cell sanitized; cells wrap at gridMaxWidth unless g is wide.
func writeTableGrid(bw *bufio.Writer, g grid) error {
	if g.title != "" {
		for _, line := range strings.Split(g.title, "\n") {
			bw.WriteString(sanitize(line) + "\n")
		}
	}
	header := make([]string, len(g.header))
	for j, h := range g.header {
		header[j] = sanitize(h)
	}
	rows := make([][]string, len(g.rows))
	for r, row := range g.rows {
		rows[r] = make([]string, len(row))
		for j, c := range row {
			rows[r][j] = sanitize(c)
		}
	}
	var buf bytes.Buffer
	var widths tw.Mapper[int, int]
	if !g.wide {
		widths = tw.NewMapper[int, int]()
		for j := range header {
			widths.Set(j, gridMaxWidth)
		}
	}
	if err := renderTable(&buf, header, rows, widths); err != nil {
		return err
	}
	writeTrimmed(bw, buf.Bytes())
	for _, l := range g.foot {
		bw.WriteString(sanitize(l) + "\n")
	}
	return nil
}

// writeData writes v as indented JSON or as YAML.
func writeData(w io.Writer, format string, v any) error {
	switch format {
	case string(JSON):
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(v)
	case string(YAML):
		n, err := plainYAML(v)
		if err != nil {
			return err
		}
		enc := yaml.NewEncoder(w)
		enc.SetIndent(2)
		if err := enc.Encode(n); err != nil {
			return err
		}
		return enc.Close()
	}
	return fmt.Errorf("report: format %q is not json or yaml", format)
}

func orNone(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
