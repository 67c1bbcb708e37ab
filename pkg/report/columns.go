package report

import (
	"bufio"
	"slices"
	"strings"

	"github.com/olekukonko/tablewriter/pkg/twwidth"
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

// columns writes the body of a table for people, block by block: columns
// two spaces apart, sized once from the first block and the line width,
// cells wrapped at spaces (and after hyphens and slashes) onto more lines
// of their row, never in the middle of a word that fits. With no width
// (not a terminal, no COLUMNS) or -o wide nothing wraps: one line a row,
// a later cell wider than the first block's only shifting its row. It is
// the check table's and compare's. Cells must already be sanitized.
//
// It is written here rather than with tablewriter: tablewriter renders some
// 25-40 µs a row and needs every row to size its columns, which would make
// a million-row table take half a minute more than the evaluation itself
// and hold every row.
type columns struct {
	w      *bufio.Writer
	width  int // 0: no limit
	color  bool
	header bool // write the titles before the first block
	titles []string
	give   []int // the columns that narrow to fit, in order
	name   int   // the NAME column (-1: none), whose long words may break
	status int   // the STATUS column (-1: none), coloured by meaning
	widths []int // nil until the first block
	// stacked: the last column is too narrow at this width and goes
	// under each row instead.
	stacked bool
}

func newColumns(w *bufio.Writer, o Options, titles []string) *columns {
	width := o.Width
	if o.Wide {
		width = 0
	}
	return &columns{w: w, width: max(width, 0), color: o.Color, header: !o.NoHeaders, titles: titles, name: -1, status: -1}
}

// block writes rows, sizing the columns on the first call.
func (c *columns) block(rows [][]string) {
	if c.widths == nil {
		c.size(rows)
		if c.header {
			titles := c.titles
			if c.stacked {
				titles = titles[:len(titles)-1]
			}
			c.writeRow(titles, true)
		}
	}
	last := len(c.titles) - 1
	for _, cells := range rows {
		if !c.stacked {
			c.writeRow(cells, false)
			continue
		}
		c.writeRow(cells[:last], false)
		if m := cells[last]; m != "-" {
			for _, line := range wrapWords(c.titles[last]+": "+m, c.width-stackIndent) {
				c.w.WriteString(strings.Repeat(" ", stackIndent) + line + "\n")
			}
		}
	}
}

// line writes text under the table, wrapped at the line width.
func (c *columns) line(text string) {
	for _, l := range wrapWords(text, c.width) {
		c.w.WriteString(l)
		c.w.WriteByte('\n')
	}
}

// size sets each column's width from its title and the first block's
// cells. With a line width, the give columns narrow (never below
// minWidth) so that the last one keeps at least minLast and takes what
// the others leave; when it cannot, it goes under each row (stacked) and
// the others share the whole line.
func (c *columns) size(rows [][]string) {
	widths := make([]int, len(c.titles))
	for i, t := range c.titles {
		widths[i] = textWidth(t)
		for r := range rows {
			widths[i] = max(widths[i], textWidth(rows[r][i]))
		}
	}
	c.widths = widths
	last := len(widths) - 1
	if c.width <= 0 {
		widths[last] = 0
		return
	}
	natural := slices.Clone(widths)
	floorLast := max(minLast, c.minWidth(last, rows))
	if c.narrow(rows, widths[:last], c.width-floorLast) {
		widths[last] = c.width - sum(widths[:last])
		return
	}
	copy(widths, natural)
	c.narrow(rows, widths[:last], c.width+colGap)
	c.stacked = true
	widths[last] = 0
}

// narrow narrows the give columns, in order and never below minWidth,
// until widths (each with its gap) fit room; it reports whether they do.
func (c *columns) narrow(rows [][]string, widths []int, room int) bool {
	used := sum(widths)
	for _, i := range c.give {
		if i >= len(widths) || used <= room {
			continue
		}
		if cut := min(widths[i]-c.minWidth(i, rows), used-room); cut > 0 {
			widths[i] -= cut
			used -= cut
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

// minWidth is how narrow column i may get: its title, and its widest word
// in rows (a word breaks after a hyphen or slash), so that no word breaks
// in the middle; a partner's name may break words beyond minWrap.
func (c *columns) minWidth(i int, rows [][]string) int {
	w := textWidth(c.titles[i])
	for r := range rows {
		for _, word := range strings.Fields(rows[r][i]) {
			for _, piece := range wordPieces(word) {
				w = max(w, textWidth(piece))
			}
		}
	}
	if i == c.name {
		w = min(w, max(minWrap, textWidth(c.titles[i])))
	}
	return w
}

// wordPieces splits a word after each hyphen or slash: where it may break.
func wordPieces(word string) []string {
	var out []string
	for word != "" {
		j := strings.IndexAny(word, "-/")
		if j < 0 || j == len(word)-1 {
			return append(out, word)
		}
		out = append(out, word[:j+1])
		word = word[j+1:]
	}
	return out
}

// writeRow writes one row: each cell padded to its column, wrapped where
// it is wider (only with a width limit).
func (c *columns) writeRow(cells []string, header bool) {
	lines := make([][]string, len(cells))
	height := 1
	for i, s := range cells {
		if c.width > 0 {
			lines[i] = wrapWords(s, c.widths[i])
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
				c.w.WriteString(strings.Repeat(" ", pad))
				pad, written = 0, true
				c.writeCell(text, header, i == c.status && l == 0)
			}
			pad += c.widths[i] - textWidth(text) + colGap
		}
		c.w.WriteByte('\n')
	}
}

// writeCell writes text, in colour on a terminal: titles bold, a status by
// what it means (qualified green, grace and incomplete yellow, ineligible
// red).
func (c *columns) writeCell(text string, header, status bool) {
	on := ""
	switch {
	case !c.color:
	case header:
		on = ansiBold
	case status:
		on = statusColour(text)
	}
	if on == "" {
		c.w.WriteString(text)
		return
	}
	c.w.WriteString(on)
	c.w.WriteString(text)
	c.w.WriteString(ansiOff)
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
	if width <= 0 || textWidth(s) <= width {
		return []string{s}
	}
	var lines []string
	var cur strings.Builder
	curW := 0
	for _, word := range strings.Fields(s) {
		ww := textWidth(word)
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
			curW, word, ww = 0, rest, textWidth(rest)
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
		rw := textWidth(string(r))
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

// textWidth is the display width of s: its length for ASCII, the common
// case, measured without twwidth's per-rune work.
func textWidth(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return twwidth.Width(s)
		}
	}
	return len(s)
}
