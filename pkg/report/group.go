package report

import (
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/tiercalc/tiercalc/pkg/engine"
)

// Columns of the people-facing tables (table and markdown).
const (
	colPartner = iota
	colName
	colTrack
	colTier
	colStatus
	colNext
	colMissing
	numCols
)

var columnTitles = [numCols]string{"PARTNER", "NAME", "TRACK", "TIER", "STATUS", "NEXT", "MISSING"}

// groups buffers rows per program, programs in first-seen order, rows in
// arrival order. Cells are kept raw; each printer sanitizes and escapes
// for its own medium when it renders.
type groups struct {
	opts  Options
	order []*group
	byID  map[string]*group
}

// footnote is the line under the whole output for the gaps marked as
// resting on an assumed number, naming their programs; "" when none is.
func (gs *groups) footnote() string {
	var ids []string
	for _, g := range gs.order {
		if g.assumed {
			ids = append(ids, g.program)
		}
	}
	return illustrativeFootnote(footnoteAssumed, ids)
}

type group struct {
	program string
	edition string // of the first result, when Options gives none
	tracks  bool   // some row has a track: show the TRACK column
	assumed bool   // some gap rests on an assumed number (marked)
	rows    [][numCols]string

	notes    []string       // distinct notes, in order of first appearance
	noteIdx  map[string]int // note -> index in notes
	noteRows []int          // per note, how many rows carry it
	rowNotes [][]int        // per row, its notes' indexes; nil for most rows
}

func (gs *groups) add(r *engine.Result, dash string) {
	g := gs.byID[r.Program]
	if g == nil {
		if gs.byID == nil {
			gs.byID = make(map[string]*group)
		}
		g = &group{program: r.Program, edition: r.Edition}
		gs.byID[r.Program] = g
		gs.order = append(gs.order, g)
	}
	if r.Track != "" {
		g.tracks = true
	}
	missing, marked := markedMissing(r)
	g.assumed = g.assumed || marked
	if missing == "" {
		missing = dash
	}
	var idx []int
	for _, n := range r.Notes {
		i, ok := g.noteIdx[n]
		if !ok {
			if g.noteIdx == nil {
				g.noteIdx = map[string]int{}
			}
			i = len(g.notes)
			g.noteIdx[n] = i
			g.notes = append(g.notes, n)
			g.noteRows = append(g.noteRows, 0)
		}
		if !slices.Contains(idx, i) {
			idx = append(idx, i)
			g.noteRows[i]++
		}
	}
	g.rowNotes = append(g.rowNotes, idx)
	g.rows = append(g.rows, [numCols]string{
		colPartner: r.Partner,
		colName:    r.Name,
		colTrack:   r.Track,
		colTier:    orDash(r.Tier, dash),
		colStatus:  statusText(r),
		colNext:    orDash(r.NextTier, dash),
		colMissing: missing,
	})
}

// footnotes marks the rows that carry notes and returns the lines to print
// under the group's table. A note every row carries (the program had
// ended) is said once, as "note: ..."; the others are numbered in order of
// first appearance, "[1] ...", and each row carrying one shows its numbers
// after its status ("ineligible [1]"), so the table stays narrow however
// long the sentences are. Call once, before rendering the rows.
func (g *group) footnotes() []string {
	var shared, numbered []string
	num := make([]int, len(g.notes)) // note index -> its number; 0: shared
	for i, n := range g.notes {
		if g.noteRows[i] == len(g.rows) {
			shared = append(shared, "note: "+n)
			continue
		}
		numbered = append(numbered, "["+strconv.Itoa(len(numbered)+1)+"] "+n)
		num[i] = len(numbered)
	}
	if len(numbered) > 0 {
		for r, idx := range g.rowNotes {
			var marks []string
			for _, i := range idx {
				if num[i] > 0 {
					marks = append(marks, strconv.Itoa(num[i]))
				}
			}
			if len(marks) > 0 {
				g.rows[r][colStatus] += " [" + strings.Join(marks, ",") + "]"
			}
		}
	}
	return append(shared, numbered...)
}

// heading is "program-id: Name (edition X)", leaving out what is unknown.
func (gs *groups) heading(g *group) string {
	info := gs.opts.Programs[g.program]
	h := g.program
	if info.Name != "" {
		h += ": " + info.Name
	}
	ed := info.Edition
	if ed == "" {
		ed = g.edition
	}
	if ed != "" {
		h += " (edition " + ed + ")"
	}
	return h
}

// columns lists the columns g shows: TRACK only when some row has one.
func (g *group) columns() []int {
	cols := make([]int, 0, numCols)
	for c := 0; c < numCols; c++ {
		if c == colTrack && !g.tracks {
			continue
		}
		cols = append(cols, c)
	}
	return cols
}

// grouped buffers results per program for the printers for people (table
// and markdown), which lay out each program's rows once all have come.
type grouped struct {
	w      io.Writer
	gs     groups
	dash   string // shown for a null tier
	closed bool
}

func (p *grouped) Print(r engine.Result) error {
	if p.closed {
		return errClosed
	}
	p.gs.add(&r, p.dash)
	return nil
}

// begin marks the printer closed and reports whether it has rows to write.
func (p *grouped) begin() bool {
	if p.closed {
		return false
	}
	p.closed = true
	return len(p.gs.order) > 0
}
