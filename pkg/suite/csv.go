package suite

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/tiercalc/tiercalc/pkg/partner"
	"github.com/tiercalc/tiercalc/pkg/rulebook"
)

// The CSV form of a suite: one case a row, for a spreadsheet. The case
// columns below (any case, any order); every other column is a partner
// column, read as a partner CSV input reads it. In expect_* cells an empty
// cell is not checked and "-" is none (no tier, no next tier, no grace, no
// notes); expect_gaps is "id=short; id" (a short may be left out),
// expect_notes "; "-separated parts of notes.
const (
	colName       = "name"
	colProgram    = "program"
	colTrack      = "track"
	colAsOf       = "as_of"
	colTier       = "expect_tier"
	colStatus     = "expect_status"
	colNextTier   = "expect_next_tier"
	colGraceUntil = "expect_grace_until"
	colGaps       = "expect_gaps"
	colNotes      = "expect_notes"
)

var caseColumns = []string{colName, colProgram, colTrack, colAsOf, colTier, colStatus, colNextTier, colGraceUntil, colGaps, colNotes}

// ParseCSV reads a CSV suite named name.
func ParseCSV(name string, data []byte, schema *partner.Schema) (*Suite, error) {
	p := &problems{file: name}
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))))
	r.FieldsPerRecord = -1
	rows, err := r.ReadAll()
	if err != nil {
		var pe *csv.ParseError
		pos := rulebook.Pos{File: name}
		msg := err.Error()
		if errors.As(err, &pe) {
			pos.Line, pos.Col, msg = pe.Line, pe.Column, pe.Err.Error()
		}
		return nil, rulebook.Problems{{Pos: pos, Msg: msg}}
	}
	if len(rows) < 2 {
		return nil, rulebook.Problems{{Pos: rulebook.Pos{File: name, Line: 1}, Msg: "no cases: a CSV suite is a header row and one case a row",
			Hint: "columns: name, program, track, as_of, expect_tier, ... and the partner's columns"}}
	}
	// encoding/csv gives each row's line through FieldPos; ReadAll does
	// not, so the rows are read again one by one for their lines.
	lines := rowLines(data, len(rows))
	head := rows[0]
	idx := map[string]int{}
	var partnerCols []int
	for i, h := range head {
		h = strings.ToLower(strings.TrimSpace(h))
		if isCaseColumn(h) {
			idx[h] = i
		} else {
			partnerCols = append(partnerCols, i)
		}
		if h == "id" {
			idx["id"] = i
		}
	}
	for _, need := range []string{colName, colTier} {
		if _, ok := idx[need]; !ok {
			p.list = append(p.list, rulebook.Problem{Pos: rulebook.Pos{File: name, Line: 1}, Msg: "no " + need + " column"})
		}
	}
	if len(p.list) > 0 {
		return nil, p.list
	}
	s := &Suite{Name: name, CSV: true}
	recs := csvRecords(p, name, schema, head, rows[1:], partnerCols, idx, lines[1:])
	seen := map[string]int{}
	for i, row := range rows[1:] {
		t := csvTest(p, name, row, idx, lines[i+1])
		if t == nil || recs[i] == nil {
			continue
		}
		if prev, dup := seen[t.Name]; dup {
			p.list = append(p.list, rulebook.Problem{Pos: rulebook.Pos{File: name, Line: t.Line},
				Msg: fmt.Sprintf("case %q is also defined on line %d", t.Name, prev), Hint: "give each case its own name"})
			continue
		}
		seen[t.Name] = t.Line
		t.Partner = recs[i]
		s.Tests = append(s.Tests, t)
	}
	return s, p.list.Sorted().Err()
}

func isCaseColumn(h string) bool {
	for _, c := range caseColumns {
		if c == h {
			return true
		}
	}
	return false
}

// rowLines gives the line each of n rows starts on.
func rowLines(data []byte, n int) []int {
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))))
	r.FieldsPerRecord = -1
	out := make([]int, 0, n)
	for {
		if _, err := r.Read(); err != nil {
			break
		}
		line, _ := r.FieldPos(0)
		out = append(out, line)
	}
	return out
}

// csvRecords reads each row's partner columns through the partner CSV
// reader (the case name stands in for a missing id), one record per row
// (nil for a rejected one, whose problem names the suite's line).
func csvRecords(p *problems, name string, schema *partner.Schema, head []string, rows [][]string, cols []int, idx map[string]int, lines []int) []*partner.Record {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	hdr := pick(head, cols)
	_, hasID := idx["id"]
	// A row without an id is "case-LINE", named after its case (the
	// name column is the case's).
	if !hasID {
		hdr = append(hdr, "id")
	}
	hdr = append(hdr, "name")
	w.Write(hdr)
	for i, row := range rows {
		cells := pick(row, cols)
		if !hasID {
			cells = append(cells, "case-"+strconv.Itoa(lines[i]))
		}
		w.Write(append(cells, cell(row, idx[colName])))
	}
	w.Flush()
	out := make([]*partner.Record, len(rows))
	rd, err := partner.NewReader(&buf, name, partner.FormatCSV, schema, partner.ReadOptions{})
	if err != nil {
		p.list = append(p.list, rulebook.Problem{Msg: err.Error()})
		return out
	}
	for i := range rows {
		rec, err := rd.Next()
		if err == io.EOF {
			break
		}
		var re *partner.RecordError
		if errors.As(err, &re) {
			p.list = append(p.list, recordProblem(re, name, lines[i], "")) // the suite's line, not the rewritten input's
			continue
		} else if err != nil {
			p.list = append(p.list, rulebook.Problem{Msg: err.Error()})
			return out
		}
		out[i] = rec
	}
	return out
}

func pick(row []string, cols []int) []string {
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = cell(row, c)
	}
	return out
}

func cell(row []string, i int) string {
	if i < 0 || i >= len(row) {
		return ""
	}
	return strings.TrimSpace(row[i])
}

// csvTest reads a row's case columns.
func csvTest(p *problems, name string, row []string, idx map[string]int, line int) *Test {
	get := func(col string) string {
		i, ok := idx[col]
		if !ok {
			return ""
		}
		return cell(row, i)
	}
	bad := func(format string, args ...any) {
		p.list = append(p.list, rulebook.Problem{Pos: rulebook.Pos{File: name, Line: line}, Msg: "case " + strconv.Quote(get(colName)) + ": " + fmt.Sprintf(format, args...)})
	}
	before := len(p.list)
	t := &Test{Name: get(colName), File: name, Line: line, Program: get(colProgram), Track: get(colTrack)}
	if t.Name == "" {
		bad("no name")
		return nil
	}
	d, err := dateOf(get(colAsOf))
	if err != nil {
		bad("as_of %q is not a date (YYYY-MM-DD)", get(colAsOf))
	}
	t.AsOf = d
	if t.Program == "" {
		bad("no program")
	}
	if tier := get(colTier); tier != "" {
		t.Want.Tier = optCell(tier)
	} else {
		bad("no expect_tier (\"-\" for no tier)")
	}
	if st := get(colStatus); st != "" {
		t.Want.Status = st
		if !isStatus(st) {
			bad("expect_status: unknown status %q", st)
		}
	}
	if v := get(colNextTier); v != "" {
		t.Want.NextTier = optCell(v)
	}
	if v := get(colGraceUntil); v != "" {
		if t.Want.GraceUntil = optCell(v); !t.Want.GraceUntil.Null {
			if _, err := dateOf(v); err != nil {
				bad("expect_grace_until %q is not a date (YYYY-MM-DD)", v)
			}
		}
	}
	if v := get(colGaps); v != "" {
		t.Want.Gaps, t.Want.GapsSet = gapCells(v, bad), true
	}
	if v := get(colNotes); v != "" {
		t.Want.Notes, t.Want.NotesSet = []string{}, true
		if v != "-" {
			t.Want.Notes = splitList(v)
		}
	}
	if len(p.list) > before {
		return nil // reported; not run
	}
	return t
}

func optCell(v string) *Opt {
	if v == "-" {
		return &Opt{Null: true}
	}
	return &Opt{Value: v}
}

// gapCells reads "id=short; id" ("-": no gaps).
func gapCells(v string, bad func(string, ...any)) []GapWant {
	out := []GapWant{}
	if v == "-" {
		return out
	}
	for _, it := range splitList(v) {
		id, short, has := strings.Cut(it, "=")
		g := GapWant{ID: strings.TrimSpace(id)}
		if has {
			x, err := strconv.ParseFloat(strings.TrimSpace(short), 64)
			if err != nil {
				bad("expect_gaps: short of %s: %q is not a number", g.ID, short)
				continue
			}
			g.Short = &x
		}
		out = append(out, g)
	}
	return out
}

func splitList(v string) []string {
	var out []string
	for _, it := range strings.Split(v, ";") {
		if it = strings.TrimSpace(it); it != "" {
			out = append(out, it)
		}
	}
	return out
}
