// Package compare sets one partner's results under several programs side by
// side: the tier on each program's best track, the move between consecutive
// programs through the rulebooks' tier mappings, and the transition counts of
// the whole population. Pure: no I/O.
package compare

import (
	"cmp"
	"slices"
	"time"

	"github.com/tiercalc/tiercalc/pkg/engine"
	"github.com/tiercalc/tiercalc/pkg/rulebook"
)

// Moves between two consecutive programs.
const (
	MoveUp   = "up"
	MoveDown = "down"
	MoveSame = "same"
	MoveNew  = "new"  // no tier before, a tier now
	MoveLost = "lost" // a tier before, none now
	MoveNone = "none" // no tier in either
	// MoveUndecided is a fall that missing data may explain: the newer
	// program's result is incomplete, so its tier is not known to be lower.
	MoveUndecided = "undecided"
)

// NoTier is the tier name used in transition counts for "no tier".
const NoTier = "none"

// Cell is one partner's standing under one program.
type Cell struct {
	Tier     *string `json:"tier"`
	Track    string  `json:"track"`
	Status   string  `json:"status"`
	NextTier *string `json:"next_tier"`
	// Unknown lists the data the program needed that the record lacked.
	Unknown []string `json:"-"`
	// Missing is what the partner lacks for NextTier on this track.
	Missing []engine.Gap `json:"-"`
	// Notes are the result's notes (the README's contract), then what the move into
	// this column says (an illustrative mapping). Never nil.
	Notes   []string `json:"notes"`
	applies bool
}

// Move is the change between two consecutive programs.
type Move struct {
	From string `json:"from"`
	To   string `json:"to"`
	Move string `json:"move"`
	// Via says how the old tier was placed on the new ladder (the
	// program's mapping, the same tier name, or the rank; "" when either
	// column has no tier). pkg/report words the move from these fields.
	Via string `json:"-"`
	// MappedTo is the tier the mapping gives for the old one (Via ==
	// ViaMapping); Program is the newer column's program id.
	MappedTo, Program string `json:"-"`
	// FromTier is the older column's tier ("" for none); Lacks lists the
	// data an undecided move waits for.
	FromTier string   `json:"-"`
	Lacks    []string `json:"-"`
	// Illustrative is true when the move was judged through a predecessor
	// mapping that the newer rulebook calls illustrative (by rank, not
	// documented); the newer cell's notes then say so in Note's words.
	Illustrative bool   `json:"illustrative"`
	Note         string `json:"-"`
}

// Falls reports whether the move is to a lower tier or to none: down, lost,
// or undecided (a fall to an incomplete result, which gates rank by its
// tier, as --fail-below does).
func (m Move) Falls() bool {
	return m.Move == MoveDown || m.Move == MoveLost || m.Move == MoveUndecided
}

// How a move placed the old tier on the new ladder.
const (
	ViaMapping = "mapping" // the newer program's mapping from its predecessor
	ViaName    = "name"    // a tier of the same name
	ViaRank    = "rank"    // the same position on the ladder
)

// Row is one partner across every compared program.
type Row struct {
	Partner string          `json:"partner"`
	Name    string          `json:"name"`
	Results map[string]Cell `json:"results"`
	Moves   []Move          `json:"moves"`
	Cells   []Cell          `json:"-"` // in program order
	// File and Line are where the partner's record is (its input, as
	// messages name it, and its first line), for outputs that point there.
	File string `json:"-"`
	Line int    `json:"-"`
}

// Transition counts partners by tier in one program (rows) and the next
// (columns).
type Transition struct {
	From   string                    `json:"from"`
	To     string                    `json:"to"`
	Counts map[string]map[string]int `json:"counts"`
}

// Need counts how many partners lacked one datum for one program.
type Need struct {
	Program string `json:"program"`
	Key     string `json:"key"`
	Count   int    `json:"partners"`
}

// Column is one compared program edition. Key names it in rows and counts:
// the program id, or "id@DATE" when one program is compared at two dates.
// Results are matched to a column by Result.Program == Key. At is the day
// the column is evaluated as of (edition and grace alike), so that an
// "id@DATE" column is what `check --as-of DATE` gives.
type Column struct {
	Key string
	RV  *rulebook.Resolved
	At  time.Time
	// Note is what each result of the column says about the column as a
	// whole (the program had ended); "" when nothing.
	Note string
}

// Comparer accumulates rows into transition counts. Not safe for concurrent
// use: feed it from one goroutine, in input order.
type Comparer struct {
	cols   []Column
	trans  []Transition
	needs  []map[string]int
	totals []map[string]int
}

// New returns a Comparer over programs in the given order.
func New(cols []Column) *Comparer {
	c := &Comparer{cols: cols}
	for i := range cols {
		c.needs = append(c.needs, map[string]int{})
		c.totals = append(c.totals, map[string]int{})
		if i > 0 {
			c.trans = append(c.trans, Transition{
				From: cols[i-1].Key, To: cols[i].Key,
				Counts: map[string]map[string]int{},
			})
		}
	}
	return c
}

// Programs returns the compared program ids in order.
func (c *Comparer) Programs() []string {
	ids := make([]string, len(c.cols))
	for i, col := range c.cols {
		ids[i] = col.Key
	}
	return ids
}

// Add builds the row of one partner from its results (every program's, in
// any order) and counts it.
func (c *Comparer) Add(results []engine.Result) Row {
	row := Row{Results: map[string]Cell{}, Cells: make([]Cell, len(c.cols))}
	if len(results) > 0 {
		row.Partner, row.Name = results[0].Partner, results[0].Name
	}
	for i, col := range c.cols {
		cell := best(col, results)
		row.Cells[i] = cell
		row.Results[col.Key] = cell
		for _, k := range cell.Unknown {
			c.needs[i][k]++
		}
		c.totals[i][tierName(cell.Tier)]++
	}
	for i := 1; i < len(c.cols); i++ {
		prev, cur := row.Cells[i-1], row.Cells[i]
		mv := move(c.cols[i-1].RV, c.cols[i].RV, prev, cur)
		mv.From, mv.To = c.cols[i-1].Key, c.cols[i].Key
		if (mv.Move == MoveDown || mv.Move == MoveLost) && cur.Status == engine.StatusIncomplete {
			mv.Move, mv.Lacks, mv.Illustrative = MoveUndecided, cur.Unknown, false
		}
		if mv.Illustrative {
			mv.Note = "the move from " + mv.From + " was judged through an illustrative mapping, not a documented one (" + mv.FromTier + " maps to " + mv.MappedTo + ")"
			cur.Notes = append(slices.Clip(cur.Notes), mv.Note)
			row.Cells[i] = cur
			row.Results[c.cols[i].Key] = cur
		}
		row.Moves = append(row.Moves, mv)
		counts := c.trans[i-1].Counts
		from := tierName(prev.Tier)
		if counts[from] == nil {
			counts[from] = map[string]int{}
		}
		counts[from][tierName(cur.Tier)]++
	}
	return row
}

// Transitions returns the counts between each consecutive pair of programs.
func (c *Comparer) Transitions() []Transition { return c.trans }

// Totals returns, per program in order, the number of partners per tier.
func (c *Comparer) Totals() []map[string]int { return c.totals }

// Needs returns the data each program needed that records lacked, most
// needed first.
func (c *Comparer) Needs() []Need {
	var out []Need
	for i, m := range c.needs {
		for k, n := range m {
			out = append(out, Need{Program: c.cols[i].Key, Key: k, Count: n})
		}
	}
	slices.SortFunc(out, func(a, b Need) int {
		return cmp.Or(cmp.Compare(c.index(a.Program), c.index(b.Program)),
			cmp.Compare(b.Count, a.Count), cmp.Compare(a.Key, b.Key))
	})
	return out
}

func (c *Comparer) index(id string) int {
	for i, col := range c.cols {
		if col.Key == id {
			return i
		}
	}
	return -1
}

// TierOrder lists a program's tier names low to high across its tracks, for
// laying out counts.
func TierOrder(rv *rulebook.Resolved) []string {
	var out []string
	seen := map[string]bool{}
	for _, t := range rv.Tracks {
		for _, tr := range t.Tiers {
			if !seen[tr.Name] {
				seen[tr.Name] = true
				out = append(out, tr.Name)
			}
		}
	}
	return out
}

// best picks the partner's standing under col: the result on the track where
// it ranks highest (the first such track on a tie).
func best(col Column, results []engine.Result) Cell {
	var cell Cell
	bestRank := -2
	for i := range results {
		r := &results[i]
		if r.Program != col.Key {
			continue
		}
		rank := rankOf(col.RV.Track(r.Track), r.Tier)
		if !cell.applies || rank > bestRank {
			bestRank = rank
			cell = Cell{Tier: r.Tier, Track: r.Track, Status: r.Status, NextTier: r.NextTier,
				Unknown: r.Unknown, Missing: r.Missing, Notes: r.Notes, applies: true}
		}
	}
	if !cell.applies {
		cell.Status = "not-applicable"
	}
	if cell.Notes == nil {
		cell.Notes = []string{}
	}
	return cell
}

// rankOf is the 0-based position of tier in track, -1 for no tier.
func rankOf(t *rulebook.Track, tier *string) int {
	if tier == nil {
		return -1
	}
	return t.Rank(*tier)
}

func tierName(t *string) string {
	if t == nil {
		return NoTier
	}
	return *t
}

// move classifies the change from prev (under a) to cur (under b). The old
// tier is carried into b's ladder through b's mapping from a when there is
// one, else by name, else by its position on a's ladder.
func move(a, b *rulebook.Resolved, prev, cur Cell) Move {
	mv := Move{Program: b.Program.ID}
	if prev.Tier != nil {
		mv.FromTier = *prev.Tier
	}
	switch {
	case prev.Tier == nil && cur.Tier == nil:
		mv.Move = MoveNone
		return mv
	case prev.Tier == nil:
		mv.Move = MoveNew
		return mv
	case cur.Tier == nil:
		mv.Move = MoveLost
		return mv
	}
	curTrack := b.Track(cur.Track)
	curRank := rankOf(curTrack, cur.Tier)
	oldRank := -1
	if m := b.Program.Predecessor; m != nil && m.Program == a.Program.ID {
		// Only a mapping onto a tier of this track counts; otherwise
		// fall back to the name, then to the rank.
		if to, ok := b.Program.MapTier(cur.Track, *prev.Tier); ok && curTrack.Rank(to) >= 0 {
			oldRank, mv.Via, mv.MappedTo, mv.Illustrative = curTrack.Rank(to), ViaMapping, to, m.Illustrative
		}
	}
	if mv.Via == "" {
		if r := rankOf(curTrack, prev.Tier); r >= 0 {
			oldRank, mv.Via = r, ViaName
		} else {
			oldRank, mv.Via = rankOf(a.Track(prev.Track), prev.Tier), ViaRank
		}
	}
	switch {
	case curRank > oldRank:
		mv.Move = MoveUp
	case curRank < oldRank:
		mv.Move = MoveDown
	default:
		mv.Move = MoveSame
	}
	return mv
}

// Columns returns the compared columns in order.
func (c *Comparer) Columns() []Column { return c.cols }
