package report

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"

	"github.com/tiercalc/tiercalc/pkg/impact"
	"github.com/tiercalc/tiercalc/pkg/rulebook"
)

// DiffSide names one side of `rules diff`.
type DiffSide struct {
	Program string `json:"program" yaml:"program"`
	Edition string `json:"edition" yaml:"edition"`
	AsOf    string `json:"as_of" yaml:"as_of"`
	// Origin is where the rulebook was read: "embedded" (shipped) or the
	// file, as given to --rules or on the command line.
	Origin string `json:"origin" yaml:"origin"`
	// Label is how the other formats name the side: the program id, with
	// its origin when both sides share an id, and its date when the
	// sides have two.
	Label string `json:"label" yaml:"label"`
	// Name is the label without its origin: the id, "@DATE" when dated.
	Name string `json:"-" yaml:"-"`
}

// RulesDiffData is what `rules diff` prints: the changes, and with
// --partners their impact on a partner base.
type RulesDiffData struct {
	From, To DiffSide
	Changes  []rulebook.DiffEntry
	Impact   *impact.Impact // nil without --partners
	Options  Options
}

type impactJSON struct {
	Partners    int                 `json:"partners" yaml:"partners"`
	Transitions []impact.Transition `json:"transitions" yaml:"transitions"`
	Movers      []impact.Mover      `json:"movers,omitempty" yaml:"movers,omitempty"`
}

// RulesDiff prints what changes from one rulebook to another and, with an
// impact, who changes tier and which change moved them. JSON and YAML
// carry the changes as data (old and new as numbers, lists, booleans or
// requirement objects; an impact's causes index the changes); table and
// Markdown word them; CSV is one table: the partners that moved (with a
// listing), else the transitions, else the changes.
func RulesDiff(w io.Writer, format Format, d RulesDiffData) error {
	if d.Changes == nil {
		d.Changes = []rulebook.DiffEntry{}
	}
	switch format {
	case JSON, YAML:
		v := struct {
			From    DiffSide             `json:"from" yaml:"from"`
			To      DiffSide             `json:"to" yaml:"to"`
			Changes []rulebook.DiffEntry `json:"changes" yaml:"changes"`
			Impact  *impactJSON          `json:"impact,omitempty" yaml:"impact,omitempty"`
		}{From: d.From, To: d.To, Changes: d.Changes}
		if d.Impact != nil {
			v.Impact = &impactJSON{Partners: d.Impact.Partners(), Transitions: d.Impact.Transitions(), Movers: d.Impact.Movers()}
		}
		return writeData(w, string(format), v)
	case CSV:
		return diffCSV(w, d)
	}
	grids := []grid{changesGrid(d)}
	if d.Impact != nil {
		grids = append(grids, impactGrid(d))
		if ms := d.Impact.Movers(); ms != nil {
			grids = append(grids, moversGrid(d, ms))
		}
	}
	return writeGrids(w, string(format), grids)
}

// sideTitle is "vpn-2009 (edition 2010-08)", or with the origin the label
// shows, "vpn-2009 (./proposal.yaml, edition 2010-08)".
func sideTitle(s DiffSide) string {
	if s.Name != "" && s.Label != s.Name {
		return s.Name + " (" + s.Origin + ", edition " + s.Edition + ")"
	}
	return s.Label + " (edition " + s.Edition + ")"
}

func changesGrid(d RulesDiffData) grid {
	g := grid{title: fmt.Sprintf("%s -> %s: %d change(s)", sideTitle(d.From), sideTitle(d.To), len(d.Changes)),
		header: []string{"TRACK", "TIER", "CHANGE", "WHAT", "OLD", "NEW"}}
	for _, e := range d.Changes {
		old, new := ChangeValues(e)
		g.rows = append(g.rows, []string{orNone(e.Track), tierText(e), e.Kind, whatText(e), old, new})
	}
	return g
}

func tierText(e rulebook.DiffEntry) string {
	tier := e.FromTier
	if e.ToTier != "" && e.ToTier != e.FromTier {
		if tier != "" {
			tier += " -> "
		}
		tier += e.ToTier
	}
	return tier
}

func whatText(e rulebook.DiffEntry) string {
	if e.Key == "" && e.Field != rulebook.FieldRegions {
		return e.Label
	}
	if e.Key == "" {
		return "regions"
	}
	return e.Key
}

// causeText words one cause of a transition: "12: Premier: VTSP >= 4 ->
// VTSP >= 6", two changes joined by " and ".
func causeText(d RulesDiffData, c impact.Cause) string {
	return strconv.Itoa(c.Partners) + ": " + changesText(d, c.Changes)
}

func changesText(d RulesDiffData, ix []int) string {
	if len(ix) == 0 {
		return NoCausePhrase
	}
	es := make([]rulebook.DiffEntry, len(ix))
	for i, j := range ix {
		es[i] = d.Changes[j]
	}
	return ChangesPhrase(es)
}

func impactGrid(d RulesDiffData) grid {
	g := grid{title: fmt.Sprintf("impact on %d partner(s): the tier each qualifies for, %s -> %s", d.Impact.Partners(), d.From.Label, d.To.Label),
		header: []string{"FROM", "TO", "MOVE", "PARTNERS", "CAUSED BY (PARTNERS: CHANGE)"}, wide: true}
	for _, t := range d.Impact.Transitions() {
		row := []string{t.From, t.To, t.Move, strconv.Itoa(t.Partners), ""}
		for i, c := range t.Causes {
			if i > 0 {
				row = []string{"", "", "", "", ""}
			}
			row[4] = causeText(d, c)
			g.rows = append(g.rows, row)
		}
		if len(t.Causes) == 0 {
			g.rows = append(g.rows, row)
		}
	}
	return g
}

func moversGrid(d RulesDiffData, ms []impact.Mover) grid {
	g := grid{title: "partners that change tier", header: []string{"PARTNER", "NAME", "TRACK", "FROM", "TO", "MOVE", "CAUSED BY"}, wide: true}
	for _, m := range ms {
		g.rows = append(g.rows, []string{m.Partner, m.Name, orNone(m.Track), m.From, m.To, m.Move, changesText(d, m.Changes)})
	}
	return g
}

// diffCSV writes the one table of CSV; every cell is csvCellText.
func diffCSV(w io.Writer, d RulesDiffData) error {
	cw := csv.NewWriter(w)
	write := func(rec ...string) {
		for i, c := range rec {
			rec[i] = csvCellText(c, d.Options.CSVRaw)
		}
		_ = cw.Write(rec) // the error stays in cw, read by Error below
	}
	switch {
	case d.Impact != nil && d.Impact.Movers() != nil:
		write("partner", "name", "track", "from", "to", "move", "caused_by")
		for _, m := range d.Impact.Movers() {
			write(m.Partner, m.Name, m.Track, m.From, m.To, m.Move, changesText(d, m.Changes))
		}
	case d.Impact != nil:
		write("from", "to", "move", "partners", "caused_by", "caused_partners")
		for _, t := range d.Impact.Transitions() {
			if len(t.Causes) == 0 {
				write(t.From, t.To, t.Move, strconv.Itoa(t.Partners), "", "")
			}
			for _, c := range t.Causes {
				write(t.From, t.To, t.Move, strconv.Itoa(t.Partners), changesText(d, c.Changes), strconv.Itoa(c.Partners))
			}
		}
	default:
		write("track", "from_tier", "to_tier", "kind", "key", "requirement", "field", "old", "new", "label")
		for _, e := range d.Changes {
			old, new := ChangeValues(e)
			write(e.Track, e.FromTier, e.ToTier, e.Kind, e.Key, e.Requirement, e.Field, old, new, e.Label)
		}
	}
	cw.Flush()
	return cw.Error()
}
