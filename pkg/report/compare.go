package report

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/tiercalc/tiercalc/pkg/compare"
)

// ComparePrinter writes `tiercalc compare` output: one row per partner as
// rows arrive, then the transition counts the Comparer gathered.
type ComparePrinter interface {
	Row(compare.Row) error
	Close() error
}

// NewCompare returns the compare printer for f. infos describe the
// comparer's columns, in order. Of o, only CSVRaw applies.
func NewCompare(f Format, w io.Writer, c *compare.Comparer, infos []ProgramInfo, o Options) (ComparePrinter, error) {
	switch f {
	case Table, Markdown:
		return &compareGrid{w: bufio.NewWriterSize(w, 64<<10), c: c, format: string(f), infos: infos, opts: o}, nil
	case JSON:
		return &compareJSON{w: bufio.NewWriterSize(w, 64<<10), c: c}, nil
	case CSV:
		return &compareCSV{w: csv.NewWriter(w), c: c, raw: o.CSVRaw}, nil
	case JUnit, GitHub:
		return newCompareCI(f, w, o), nil
	case XLSX:
		return newXLSXCompare(w, c), nil
	}
	return nil, &NoCompatiblePrinterError{View: ViewCompare, Format: string(f)}
}

// moveMarks are the markers of a move in tables, explained in a legend.
var moveMarks = map[string]string{
	compare.MoveUp: "↑", compare.MoveDown: "↓", compare.MoveSame: "=",
	compare.MoveNew: "+", compare.MoveLost: "×", compare.MoveNone: "",
	compare.MoveUndecided: "?",
}

const moveLegend = "moves from the previous column: ↑ up, ↓ down, = same, + new (no tier before), × lost (no tier after), ? undecided (data missing)"

// cellText is a partner's tier under one program, with its track and the
// marker of the move from the previous column.
func cellText(row compare.Row, i int) string {
	c := row.Cells[i]
	s := "-"
	if c.Tier != nil {
		s = *c.Tier
	} else if c.Status == "not-applicable" {
		s = "n/a"
	}
	if c.Track != "" && c.Tier != nil {
		s += " (" + c.Track + ")"
	}
	if i > 0 {
		mv := row.Moves[i-1]
		if m := moveMarks[mv.Move]; m != "" {
			s += " " + m
		}
		if mv.Illustrative {
			s += assumedMark
		}
	}
	return s
}

// footnoteMapping is what assumedMark says after a move.
const footnoteMapping = "move judged through an illustrative tier mapping, not a documented one"

// compareGrid writes the comparison for people: the side-by-side table,
// streamed in blocks as the check table is (the first blockRows rows size
// the columns), then the transition counts of each pair and the data the
// records lacked, which are counts and small.
type compareGrid struct {
	w      *bufio.Writer
	c      *compare.Comparer
	format string
	infos  []ProgramInfo
	opts   Options
	rows   [][]string
	out    *columns // nil until the first block
	notes  cellNotes
	// mapped lists the programs whose illustrative mapping judged a
	// move shown, for the footnote.
	mapped []string
}

func (p *compareGrid) Row(row compare.Row) error {
	cells := []string{row.Partner, row.Name}
	cols := p.c.Columns()
	for i, c := range row.Cells {
		said := []string{cols[i].Note} // by a column note or a mark instead
		if i > 0 && row.Moves[i-1].Illustrative {
			said = append(said, row.Moves[i-1].Note)
			if id := cols[i].RV.Program.ID; !slices.Contains(p.mapped, id) {
				p.mapped = append(p.mapped, id)
			}
		}
		cells = append(cells, cellText(row, i)+p.notes.marks(c.Notes, said))
	}
	p.rows = append(p.rows, cells)
	if len(p.rows) < blockRows {
		return nil
	}
	p.flushRows()
	return nil
}

// header is the side-by-side table's titles: partner, name, and each
// program with its edition.
func (p *compareGrid) header() []string {
	h := []string{"PARTNER", "NAME"}
	for i, col := range p.c.Columns() {
		h = append(h, withEdition(col.Key, p.infos, i))
	}
	return h
}

// withEdition is a program column's title: its key and, when known, its
// edition in parentheses, joined to the key's own where the key already
// has one ("vpn-2009 (embedded, 2010-08)", not two pairs).
func withEdition(key string, infos []ProgramInfo, i int) string {
	if i >= len(infos) || infos[i].Edition == "" {
		return key
	}
	if base, ok := strings.CutSuffix(key, ")"); ok {
		return base + ", " + infos[i].Edition + ")"
	}
	return key + " (" + infos[i].Edition + ")"
}

const compareTitle = "partners by program (" + moveLegend + ")"

// flushRows writes the rows gathered, after the title and column titles
// the first time.
func (p *compareGrid) flushRows() {
	if p.format == string(Markdown) {
		if p.out == nil {
			p.out = &columns{}
			p.w.WriteString("## " + markdownEscape(compareTitle) + "\n\n")
			writeMarkdownTable(p.w, p.header(), p.rows)
		} else {
			writeMarkdownTable(p.w, nil, p.rows)
		}
	} else {
		for _, r := range p.rows {
			for j := range r {
				r[j] = sanitize(r[j])
			}
		}
		if p.out == nil {
			p.w.WriteString(sanitize(compareTitle) + "\n")
			p.out = newColumns(p.w, p.opts, p.header())
			p.out.name = 1
			for i := 1; i < len(p.c.Columns())+1; i++ { // the name, then every program but the last
				p.out.give = append(p.out.give, i)
			}
		}
		p.out.block(p.rows)
	}
	clear(p.rows)
	p.rows = p.rows[:0]
}

// cellNotes numbers the notes of compare's cells for footnotes: a cell
// shows "[1]" and the line "[1] <note>" comes under the table. A column's
// own note (the program had ended), which every cell of it carries, is
// said once as "note: ..." instead.
type cellNotes struct {
	order []string
	num   map[string]int
}

func (n *cellNotes) marks(notes []string, said []string) string {
	var marks []string
	for _, s := range notes {
		if slices.Contains(said, s) {
			continue
		}
		k, ok := n.num[s]
		if !ok {
			if n.num == nil {
				n.num = map[string]int{}
			}
			n.order = append(n.order, s)
			k = len(n.order)
			n.num[s] = k
		}
		marks = append(marks, strconv.Itoa(k))
	}
	if len(marks) == 0 {
		return ""
	}
	return " [" + strings.Join(marks, ",") + "]"
}

// lines are the footnotes: the columns' notes, then the numbered ones.
func (n *cellNotes) lines(cols []compare.Column) []string {
	var out []string
	for _, c := range cols {
		if c.Note != "" && !slices.Contains(out, "note: "+c.Note) {
			out = append(out, "note: "+c.Note)
		}
	}
	for i, s := range n.order {
		out = append(out, "["+strconv.Itoa(i+1)+"] "+s)
	}
	return out
}

func (p *compareGrid) Close() error {
	cols := p.c.Columns()
	if p.out == nil && len(p.rows) == 0 {
		return nil
	}
	p.flushRows()
	foot := p.notes.lines(cols)
	if f := illustrativeFootnote(footnoteMapping, p.mapped); f != "" {
		foot = append(foot, f)
	}
	for _, l := range foot {
		if p.format == string(Markdown) {
			p.w.WriteString("\n" + markdownEscape(l) + "\n")
		} else {
			p.out.line(sanitize(l))
		}
	}
	var grids []grid
	totals := p.c.Totals()
	for i, tr := range p.c.Transitions() {
		from, to := tierAxis(p.c, i), tierAxis(p.c, i+1)
		g := grid{title: fmt.Sprintf("%s -> %s: partners by tier (rows: %s, columns: %s)", tr.From, tr.To, tr.From, tr.To),
			header: append(append([]string{tr.From + " \\ " + tr.To}, to...), "total")}
		for _, f := range from {
			row := []string{f}
			sum := 0
			for _, t := range to {
				n := tr.Counts[f][t]
				sum += n
				row = append(row, countText(n))
			}
			if sum == 0 {
				continue
			}
			g.rows = append(g.rows, append(row, strconv.Itoa(sum)))
		}
		foot := []string{"total"}
		all := 0
		for _, t := range to {
			foot = append(foot, strconv.Itoa(totals[i+1][t]))
			all += totals[i+1][t]
		}
		g.rows = append(g.rows, append(foot, strconv.Itoa(all)))
		grids = append(grids, g)
	}
	if needs := p.c.Needs(); len(needs) > 0 {
		g := grid{title: "data the programs needed that the records did not give", header: []string{"PROGRAM", "FIELD", "PARTNERS"}}
		for _, n := range needs {
			g.rows = append(g.rows, []string{n.Program, n.Key, strconv.Itoa(n.Count)})
		}
		grids = append(grids, g)
	}
	if len(grids) > 0 {
		p.w.WriteByte('\n')
	}
	if err := p.w.Flush(); err != nil {
		return err
	}
	if err := writeGrids(p.w, p.format, grids); err != nil {
		return err
	}
	return p.w.Flush()
}

// tierAxis is column i's tiers low to high, then "none".
func tierAxis(c *compare.Comparer, i int) []string {
	return append(compare.TierOrder(c.Columns()[i].RV), compare.NoTier)
}

func countText(n int) string {
	if n == 0 {
		return "."
	}
	return strconv.Itoa(n)
}

// compareJSON streams the contract's compare object: programs first, partners as
// they come, transitions (and totals and needs) at the end.
type compareJSON struct {
	w     *bufio.Writer
	c     *compare.Comparer
	n     int
	begun bool
}

func (p *compareJSON) begin() error {
	if p.begun {
		return nil
	}
	p.begun = true
	ids, err := json.Marshal(p.c.Programs())
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(p.w, "{\n  \"programs\": %s,\n  \"partners\": [", ids)
	return err
}

func (p *compareJSON) Row(row compare.Row) error {
	if err := p.begin(); err != nil {
		return err
	}
	if row.Moves == nil {
		row.Moves = []compare.Move{}
	}
	b, err := json.Marshal(row)
	if err != nil {
		return err
	}
	if p.n > 0 {
		p.w.WriteByte(',')
	}
	p.n++
	p.w.WriteString("\n    ")
	_, err = p.w.Write(b)
	return err
}

func (p *compareJSON) Close() error {
	if err := p.begin(); err != nil {
		return err
	}
	if p.n > 0 {
		p.w.WriteString("\n  ")
	}
	totals := map[string]map[string]int{}
	for i, col := range p.c.Columns() {
		totals[col.Key] = p.c.Totals()[i]
	}
	needs := p.c.Needs()
	if needs == nil {
		needs = []compare.Need{}
	}
	var trans, tot, nd []byte
	var err error
	if trans, err = json.Marshal(p.c.Transitions()); err != nil {
		return err
	}
	if tot, err = json.Marshal(totals); err != nil {
		return err
	}
	if nd, err = json.Marshal(needs); err != nil {
		return err
	}
	fmt.Fprintf(p.w, "],\n  \"transitions\": %s,\n  \"totals\": %s,\n  \"needs\": %s\n}\n", trans, tot, nd)
	return p.w.Flush()
}

// compareCSV streams one line per partner: tier, track and status per
// program, then the move between each consecutive pair, then the notes.
// Every cell, the header's too (program ids come from rulebooks), is
// csvCellText.
type compareCSV struct {
	w     *csv.Writer
	c     *compare.Comparer
	begun bool
	raw   bool
}

// write writes one record of cells as csvCellText.
func (p *compareCSV) write(rec []string) error {
	for i, c := range rec {
		rec[i] = csvCellText(c, p.raw)
	}
	return p.w.Write(rec)
}

func (p *compareCSV) begin() error {
	if p.begun {
		return nil
	}
	p.begun = true
	return p.write(compareHeader(p.c))
}

// compareHeader names the columns of compare's csv and xlsx rows.
func compareHeader(c *compare.Comparer) []string {
	h := []string{"partner", "name"}
	ids := c.Programs()
	for _, id := range ids {
		h = append(h, id+":tier", id+":track", id+":status")
	}
	for i := 1; i < len(ids); i++ {
		h = append(h, "move:"+ids[i-1]+">"+ids[i])
	}
	return append(h, "notes")
}

// compareNotes is the notes cell: each after its program, "vpn-2009: ...; ...".
func compareNotes(c *compare.Comparer, row compare.Row) string {
	var notes []string
	for i, cell := range row.Cells {
		for _, n := range cell.Notes {
			notes = append(notes, c.Columns()[i].Key+": "+n)
		}
	}
	return strings.Join(notes, "; ")
}

func (p *compareCSV) Row(row compare.Row) error {
	if err := p.begin(); err != nil {
		return err
	}
	rec := []string{row.Partner, row.Name}
	for _, c := range row.Cells {
		tier := ""
		if c.Tier != nil {
			tier = *c.Tier
		}
		rec = append(rec, tier, c.Track, c.Status)
	}
	for _, m := range row.Moves {
		rec = append(rec, m.Move)
	}
	return p.write(append(rec, compareNotes(p.c, row)))
}

func (p *compareCSV) Close() error {
	if err := p.begin(); err != nil {
		return err
	}
	p.w.Flush()
	return p.w.Error()
}
