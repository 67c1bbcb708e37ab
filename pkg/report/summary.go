package report

import (
	"io"
	"slices"
	"strconv"

	"github.com/tiercalc/tiercalc/pkg/plan"
	"github.com/tiercalc/tiercalc/pkg/summary"
)

// WriteSummary writes s as a table, JSON or Markdown (for a CI job
// summary). The table and Markdown show, per program and track, partners
// per tier and per status, then the most common gaps and missing data as
// sentences; JSON is s itself.
func WriteSummary(w io.Writer, f Format, s *summary.Summary) error {
	switch f {
	case JSON:
		return writeData(w, string(JSON), s)
	case Table, Markdown:
		return writeGrids(w, string(f), summaryGrids(s))
	case XLSX:
		return writeSummaryXLSX(w, s)
	}
	return &NoCompatiblePrinterError{View: ViewSummary, Format: string(f)}
}

func summaryGrids(s *summary.Summary) []grid {
	var grids []grid
	var assumedIn []string // programs with a gap shown that rests on an assumed number
	for _, p := range s.Programs {
		for _, t := range p.Tracks {
			grids = append(grids, summaryTrackGrids(p, t)...)
			for _, g := range t.Gaps {
				if g.Illustrative && !slices.Contains(assumedIn, p.Program) {
					assumedIn = append(assumedIn, p.Program)
				}
			}
		}
		grids = append(grids, summaryClosestGrid(p))
	}
	if f := illustrativeFootnote(footnoteAssumed, assumedIn); f != "" && len(grids) > 0 {
		last := &grids[len(grids)-1]
		last.foot = append(last.foot, "", f)
	}
	return grids
}

// summaryTrackGrids are one track's tables: the first is titled
// "program/track (Name, edition E): N partners as of D".
func summaryTrackGrids(p summary.Program, t summary.Track) []grid {
	title := p.Program
	if t.Track != "" {
		title += "/" + t.Track
	}
	about := p.Name
	if t.Track == "" && len(p.Tracks) > 1 {
		// The partners that no track of the program applies to.
		about = "no track applies; " + about
	}
	if p.Edition != "" {
		if about != "" {
			about += ", "
		}
		about += "edition " + p.Edition
	}
	if about != "" {
		title += " (" + about + ")"
	}
	partners := "partners"
	if t.Partners == 1 {
		partners = "partner"
	}
	title += ": " + Number(float64(t.Partners), "") + " " + partners

	tiers := grid{title: title, header: []string{"TIER", "PARTNERS"}}
	for _, c := range t.Tiers {
		tiers.rows = append(tiers.rows, []string{c.Name, strconv.Itoa(c.N)})
	}
	statuses := grid{header: []string{"STATUS", "PARTNERS"}}
	for _, c := range t.Statuses {
		statuses.rows = append(statuses.rows, []string{c.Name, strconv.Itoa(c.N)})
	}
	out := []grid{tiers, statuses}
	if len(t.Gaps) > 0 {
		g := grid{header: []string{"MOST COMMON GAPS TO THE NEXT TIER"}, wide: true}
		for _, gap := range t.Gaps {
			// The mark goes after the phrase, which stays as summary
			// words it.
			phrase := gap.Phrase
			if phrase == "" {
				phrase = SummaryGapPhrase(gap)
			}
			if gap.Illustrative {
				phrase += assumedMark
			}
			g.rows = append(g.rows, []string{phrase})
		}
		out = append(out, g)
	}
	if len(t.Notes) > 0 {
		g := grid{header: []string{"NOTES"}, wide: true}
		for _, n := range t.Notes {
			who := Number(float64(n.Partners), "") + " partners: "
			if n.Partners == 1 {
				who = "1 partner: "
			}
			g.rows = append(g.rows, []string{who + n.Note})
		}
		out = append(out, g)
	}
	if len(t.Unknown) > 0 {
		g := grid{header: []string{"DATA MOST OFTEN MISSING"}, wide: true}
		for _, u := range t.Unknown {
			g.rows = append(g.rows, []string{UnknownPhrase(u)})
		}
		out = append(out, g)
	}
	return out
}

// summaryClosestGrid lists the partners with the cheapest plans to their
// next tier, and the count within --budget.
func summaryClosestGrid(p summary.Program) grid {
	title := p.Program + ": closest to the next tier"
	if b := p.WithinBudget; b != nil {
		n := "partners"
		if b.Partners == 1 {
			n = "partner"
		}
		title += " (" + strconv.Itoa(b.Partners) + " " + n + " within " + plan.FormatUSD(b.Cents) + ")"
	}
	g := grid{title: title, header: []string{"PARTNER", "NAME", "TRACK", "TARGET", "COST (USD)", "DAYS"}}
	for _, c := range p.Closest {
		g.rows = append(g.rows, []string{c.Partner, c.Name, c.Track, c.Target, string(c.CostUSD), string(c.Days)})
	}
	return g
}
