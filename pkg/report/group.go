package report

import (
	"encoding/binary"
	"slices"
	"strconv"
	"strings"

	"github.com/tiercalc/tiercalc/pkg/engine"
)

// Columns of the tables for people (table and markdown). Which of them a
// run shows is decided once, before its first row is written (columnsFor),
// so that rows stream: nothing waits for the last result.
const (
	colPartner = iota
	colName
	colProgram
	colEdition
	colTrack
	colTier
	colQualified
	colStatus
	colGrace
	colNext
	colMissing
	colUnknown
	colNotes
	numCols
)

var columnTitles = [numCols]string{"PARTNER", "NAME", "PROGRAM", "EDITION", "TRACK", "TIER", "QUALIFIED", "STATUS", "GRACE UNTIL", "NEXT", "MISSING", "UNKNOWN", "NOTES"}

// blockRows is how many rows a table or Markdown printer holds before it
// writes them: the first block also sizes the columns that the terminal's
// width leaves free. Small enough that the first rows show at once, large
// enough that the sizing sees a fair sample.
const blockRows = 256

// row is one result's cells, as text (the result itself may die with its
// batch), and its notes.
type row struct {
	cells [numCols]string
	notes []string
}

// rowOf makes r's cells. wide keeps the status plain and the unknown keys
// in their own column (-o wide shows every field); otherwise the status
// says the grace window and MISSING ends with what data is needed.
func rowOf(r *engine.Result, dash string, wide bool) (row, bool) {
	var missing string
	var marked bool
	if wide {
		missing, marked = markedGaps(r)
	} else {
		missing, marked = markedMissing(r)
	}
	status := statusText(r)
	if wide {
		status = r.Status
	}
	return row{notes: r.Notes, cells: [numCols]string{
		colPartner:   r.Partner,
		colName:      r.Name,
		colProgram:   programCell(r, wide),
		colEdition:   r.Edition,
		colTrack:     r.Track,
		colTier:      orDash(r.Tier, dash),
		colQualified: orDash(r.QualifiedTier, dash),
		colStatus:    status,
		colGrace:     orDash(r.GraceUntil, dash),
		colNext:      orDash(r.NextTier, dash),
		colMissing:   orText(missing, dash),
		colUnknown:   orText(strings.Join(r.Unknown, ", "), dash),
		colNotes:     orText(strings.Join(r.Notes, "; "), dash),
	}}, marked
}

// programCell is the PROGRAM cell: "program/track" outside -o wide, which
// saves a column where several programs share the table.
func programCell(r *engine.Result, wide bool) string {
	if wide || r.Track == "" {
		return r.Program
	}
	return r.Program + "/" + r.Track
}

func orText(s, dash string) string {
	if s == "" {
		return dash
	}
	return s
}

// columnsFor lists the columns shown: PROGRAM when more than one program
// is selected (or, without program information, seen in the first block),
// TRACK when a selected program has named tracks; -o wide shows them all.
// notes adds the NOTES column (Markdown, which has no room for footnotes).
func columnsFor(o Options, first []row, notes bool) []int {
	if o.Wide {
		all := make([]int, numCols)
		for i := range all {
			all[i] = i
		}
		return all
	}
	programs, tracks := len(o.Programs), false
	for _, info := range o.Programs {
		tracks = tracks || info.Tracks
	}
	seen := map[string]bool{}
	for i := range first {
		seen[first[i].cells[colProgram]] = true
		tracks = tracks || first[i].cells[colTrack] != ""
	}
	if programs == 0 {
		programs = len(seen)
	}
	cols := []int{colPartner, colName}
	switch {
	case programs > 1:
		cols = append(cols, colProgram) // with the track: rowOf
	case tracks:
		cols = append(cols, colTrack)
	}
	cols = append(cols, colTier, colStatus, colNext, colMissing)
	if notes {
		cols = append(cols, colNotes)
	}
	return cols
}

// footnotes returns the lines to print under a block for its rows' notes.
// A note every row of a program in the block carries (the program had
// ended) is said once, as "note: ..."; the others are numbered in order of
// first appearance, "[1] ...", and each row carrying one shows its numbers
// after its status ("ineligible [1]"), so the table stays narrow however
// long the sentences are.
func footnotes(rows []row) []string {
	perProgram := map[string]int{}
	perNote := map[[2]string]int{}
	for i := range rows {
		p := rows[i].cells[colProgram]
		perProgram[p]++
		for _, n := range uniqueNotes(rows[i].notes) {
			perNote[[2]string{p, n}]++
		}
	}
	var shared, numbered []string
	num := map[string]int{}
	for i := range rows {
		p := rows[i].cells[colProgram]
		var marks []string
		for _, n := range uniqueNotes(rows[i].notes) {
			if perNote[[2]string{p, n}] == perProgram[p] {
				if !slices.Contains(shared, "note: "+n) {
					shared = append(shared, "note: "+n)
				}
				continue
			}
			k, ok := num[n]
			if !ok {
				numbered = append(numbered, "["+strconv.Itoa(len(numbered)+1)+"] "+n)
				k = len(numbered)
				num[n] = k
			}
			marks = append(marks, strconv.Itoa(k))
		}
		if len(marks) > 0 {
			rows[i].cells[colStatus] += " [" + strings.Join(marks, ",") + "]"
		}
	}
	return append(shared, numbered...)
}

// uniqueNotes is notes without repeats (a row says each note once).
func uniqueNotes(notes []string) []string {
	for i := 1; i < len(notes); i++ {
		if slices.Contains(notes[:i], notes[i]) {
			out := slices.Clone(notes[:i])
			for _, n := range notes[i:] {
				if !slices.Contains(out, n) {
					out = append(out, n)
				}
			}
			return out
		}
	}
	return notes
}

// assumedPrograms remembers, in first-seen order, the programs some of
// whose gaps rest on an assumed number, for the footnote under the output.
type assumedPrograms []string

func (a *assumedPrograms) note(program string, marked bool) {
	if marked && !slices.Contains(*a, program) {
		*a = append(*a, program)
	}
}

func (a assumedPrograms) footnote() string { return illustrativeFootnote(footnoteAssumed, a) }

// blocks is what the table and Markdown printers share. They are
// Appenders: on the workers, each result becomes a row of cleaned cells
// (clean: sanitized for a terminal, escaped for Markdown; that and the
// gap phrases are most of the work), encoded as bytes; in input order,
// WriteAppended decodes the rows and hands them to flush. The first
// blockRows rows are held, to size the columns; after that each batch's
// rows are written as they come.
type blocks struct {
	opts    Options
	dash    string
	clean   func(string) string
	rows    []row
	assumed assumedPrograms
	started bool // the first block was flushed: the columns are chosen
	closed  bool
	flush   func(rows []row) error
	scratch []byte
}

// AppendResults appends each result's row: its program, whether a gap is
// marked, its notes and its cells, each a length and the bytes.
func (b *blocks) AppendResults(dst []byte, rs []engine.Result) ([]byte, error) {
	for i := range rs {
		rw, marked := rowOf(&rs[i], b.dash, b.opts.Wide)
		dst = appendField(dst, rs[i].Program)
		if marked {
			dst = append(dst, 1)
		} else {
			dst = append(dst, 0)
		}
		dst = binary.AppendUvarint(dst, uint64(len(rw.notes)))
		for _, n := range rw.notes {
			dst = appendField(dst, n)
		}
		for _, c := range rw.cells {
			dst = appendField(dst, b.clean(c))
		}
	}
	return dst, nil
}

func appendField(dst []byte, s string) []byte {
	dst = binary.AppendUvarint(dst, uint64(len(s)))
	return append(dst, s...)
}

// field reads one appendField from data at *i.
func field(data []byte, i *int) string {
	n, k := binary.Uvarint(data[*i:])
	*i += k
	s := string(data[*i : *i+int(n)])
	*i += int(n)
	return s
}

// WriteAppended decodes the rows of AppendResults and writes them: a
// batch's rows are a block, once the first block has sized the columns.
func (b *blocks) WriteAppended(data []byte) error {
	if b.closed {
		return errClosed
	}
	b.decode(data)
	if b.started || len(b.rows) >= blockRows {
		return b.flushBlock()
	}
	return nil
}

func (b *blocks) decode(data []byte) {
	for i := 0; i < len(data); {
		program := field(data, &i)
		b.assumed.note(program, data[i] == 1)
		i++
		n, k := binary.Uvarint(data[i:])
		i += k
		var rw row
		if n > 0 {
			rw.notes = make([]string, n)
			for j := range rw.notes {
				rw.notes[j] = field(data, &i)
			}
		}
		for c := range rw.cells {
			rw.cells[c] = field(data, &i)
		}
		b.rows = append(b.rows, rw)
	}
}

// Print adds r's row to the block, written when it has blockRows rows
// or at Close.
func (b *blocks) Print(r engine.Result) error {
	if b.closed {
		return errClosed
	}
	b.scratch, _ = b.AppendResults(b.scratch[:0], []engine.Result{r})
	b.decode(b.scratch)
	if len(b.rows) >= blockRows {
		return b.flushBlock()
	}
	return nil
}

func (b *blocks) flushBlock() error {
	if len(b.rows) == 0 {
		return nil
	}
	err := b.flush(b.rows)
	b.started = true
	clear(b.rows)
	b.rows = b.rows[:0]
	return err
}

// close flushes the last block and reports whether anything was written.
func (b *blocks) close() (bool, error) {
	if b.closed {
		return false, nil
	}
	b.closed = true
	if err := b.flushBlock(); err != nil {
		return false, err
	}
	return b.started, nil
}
