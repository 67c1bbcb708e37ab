// Package htmlreport is the model and the templates of `tiercalc report`
// (one self-contained HTML page: counts per program and track, transitions
// between generations, common gaps, the partners closest to their next tier
// and a statement per partner) and of `tiercalc statement` (one partner's
// letter, in HTML or Markdown). Both commands render the same Statement
// through the same templates. The Report holds what it shows and nothing
// more: counts (summary.Summary, compare's transitions), a bounded list of
// the closest partners and at most MaxStatements statements, so its size
// does not grow with the number of partners.
package htmlreport

import (
	"encoding/json"

	"github.com/tiercalc/tiercalc/pkg/compare"
	"github.com/tiercalc/tiercalc/pkg/plan"
	"github.com/tiercalc/tiercalc/pkg/report"
	"github.com/tiercalc/tiercalc/pkg/rulebook"
	"github.com/tiercalc/tiercalc/pkg/summary"
)

// DataVersion names the shape of the JSON a report embeds (and `report -o
// json` prints): a field is never removed or given another meaning within
// v1; new fields may appear.
const DataVersion = "tiercalc.report/v1"

// Report is everything the HTML report shows; it is embedded in the page
// as JSON, so that the numbers can be taken back out.
type Report struct {
	Data     string    `json:"data"`
	AsOf     string    `json:"as_of"`
	Partners int       `json:"partners"` // partner records evaluated
	Programs []Program `json:"programs"`
	// Transitions count partners by tier between consecutive programs
	// (each on its best track), when more than one program is shown.
	Transitions []Transition `json:"transitions"`
	// Statements are those of the first MaxStatements partners, in input
	// order; LeftOut counts the partners without one.
	Statements    []*Statement `json:"statements"`
	MaxStatements int          `json:"max_statements"`
	LeftOut       int          `json:"statements_left_out"`
	Sources       []Source     `json:"sources"`
}

// Program is one program's counts and its partners closest to the next
// tier.
type Program struct {
	Program string        `json:"program"`
	Name    string        `json:"name"`
	Edition string        `json:"edition"`
	Tracks  []Track       `json:"tracks"`
	Closest []ClosestPlan `json:"closest"`
}

// Track is one track's counts.
type Track struct {
	Track    string  `json:"track"`
	Partners int     `json:"partners"`
	Tiers    []Bar   `json:"tiers"`    // low to high, then "none"
	Statuses []Bar   `json:"statuses"` // qualified, grace, incomplete, ineligible
	Gaps     []Count `json:"gaps"`     // most common first
	Missing  []Count `json:"missing"`  // data most often lacking
}

// Bar is one bar of a chart: a name and a count.
type Bar struct {
	Name string `json:"name"`
	N    int    `json:"partners"`
}

// Count is a sentence and how many partners it is true of.
type Count struct {
	Phrase       string `json:"phrase"`
	Partners     int    `json:"partners"`
	Illustrative bool   `json:"illustrative"`
}

// ClosestPlan is one partner with one of the cheapest plans to its next
// tier, with the plan's actions.
type ClosestPlan struct {
	Partner      string      `json:"partner"`
	Name         string      `json:"name"`
	Track        string      `json:"track"`
	Target       string      `json:"target"`
	Cost         string      `json:"cost"`     // money + days x day rate, worded
	CostUSD      json.Number `json:"cost_usd"` // the same, exactly
	Days         string      `json:"days"`
	Illustrative bool        `json:"illustrative"`
	Actions      []string    `json:"actions"`
	// Anchor is the id of the partner's statement in the page; "" when
	// its statement was left out.
	Anchor string `json:"anchor"`
}

// Transition is the tier-to-tier count between two programs.
type Transition struct {
	From  string   `json:"from"`
	To    string   `json:"to"`
	Rows  []string `json:"rows"`   // the older program's tiers, then "none"
	Cols  []string `json:"cols"`   // the newer program's tiers, then "none"
	Cells [][]int  `json:"counts"` // Cells[row][col]
}

// Source is a rulebook source, as a reader can look it up.
type Source struct {
	Program string `json:"program"`
	ID      string `json:"id"`
	Title   string `json:"title"`
	URL     string `json:"url"`
	Date    string `json:"date"`
}

// New builds a report from the counts of a run.
func New(s *summary.Summary, partners int, resolved []*rulebook.Resolved) *Report {
	r := &Report{Data: DataVersion, AsOf: s.AsOf, Partners: partners, Transitions: []Transition{},
		Statements: []*Statement{}, Sources: []Source{}}
	for _, sp := range s.Programs {
		p := Program{Program: sp.Program, Name: sp.Name, Edition: sp.Edition, Closest: []ClosestPlan{}}
		for _, st := range sp.Tracks {
			p.Tracks = append(p.Tracks, track(st))
		}
		for _, c := range sp.Closest {
			p.Closest = append(p.Closest, ClosestPlan{Partner: c.Partner, Name: c.Name, Track: c.Track, Target: c.Target,
				Cost: plan.FormatUSD(c.Cents), CostUSD: c.CostUSD, Days: string(c.Days), Illustrative: c.Illustrative,
				Actions: nonNil(c.Actions)})
		}
		r.Programs = append(r.Programs, p)
	}
	for _, rv := range resolved {
		r.Sources = append(r.Sources, sourcesOf(rv.Program)...)
	}
	return r
}

func track(st summary.Track) Track {
	t := Track{Track: st.Track, Partners: st.Partners, Gaps: []Count{}, Missing: []Count{}}
	for _, c := range st.Tiers {
		t.Tiers = append(t.Tiers, Bar{c.Name, c.N})
	}
	for _, c := range st.Statuses {
		t.Statuses = append(t.Statuses, Bar{c.Name, c.N})
	}
	for _, g := range st.Gaps {
		t.Gaps = append(t.Gaps, Count{Phrase: g.Phrase, Partners: g.Partners, Illustrative: g.Illustrative})
	}
	for _, u := range st.Unknown {
		t.Missing = append(t.Missing, Count{Phrase: report.UnknownPhrase(u), Partners: u.Partners})
	}
	return t
}

// AddTransitions lays out compare's counts between consecutive columns.
func (r *Report) AddTransitions(c *compare.Comparer) {
	cols := c.Columns()
	for i, tr := range c.Transitions() {
		t := Transition{From: tr.From, To: tr.To,
			Rows: append(compare.TierOrder(cols[i].RV), compare.NoTier),
			Cols: append(compare.TierOrder(cols[i+1].RV), compare.NoTier)}
		for _, from := range t.Rows {
			row := make([]int, len(t.Cols))
			for j, to := range t.Cols {
				row[j] = tr.Counts[from][to]
			}
			t.Cells = append(t.Cells, row)
		}
		r.Transitions = append(r.Transitions, t)
	}
}

// Link points the closest lists at the statements the report holds.
func (r *Report) Link() {
	have := map[string]bool{}
	for _, s := range r.Statements {
		have[s.Partner] = true
	}
	for i := range r.Programs {
		for j := range r.Programs[i].Closest {
			c := &r.Programs[i].Closest[j]
			if have[c.Partner] {
				c.Anchor = Anchor(c.Partner)
			}
		}
	}
}

func sourcesOf(p *rulebook.Program) []Source {
	var out []Source
	for _, s := range p.Sources {
		out = append(out, Source{Program: p.ID, ID: s.ID, Title: s.Title, URL: s.URL, Date: s.Date})
	}
	return out
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
