package report

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/tiercalc/tiercalc/pkg/rulebook"
)

const dateLayout = "2006-01-02"

// programView is a rulebook as `rules list` and `rules show` print it.
type programView struct {
	ID        string `json:"id" yaml:"id"`
	Name      string `json:"name" yaml:"name"`
	Vendor    string `json:"vendor" yaml:"vendor"`
	Effective string `json:"effective" yaml:"effective"`
	Ends      string `json:"ends,omitempty" yaml:"ends,omitempty"`
	// File is where the rulebook was read from; empty for the shipped
	// ones, which are Embedded in the binary (rules export prints them).
	File        string        `json:"file,omitempty" yaml:"file,omitempty"`
	Embedded    bool          `json:"embedded" yaml:"embedded"`
	Edition     string        `json:"edition,omitempty" yaml:"edition,omitempty"`
	Editions    []editionView `json:"editions,omitempty" yaml:"editions,omitempty"`
	Predecessor *mappingView  `json:"predecessor,omitempty" yaml:"predecessor,omitempty"`
	Grace       *graceView    `json:"grace,omitempty" yaml:"grace,omitempty"`
	Tracks      []trackView   `json:"tracks" yaml:"tracks"`
	// Sources are the sources the shown requirements (and the grace and
	// mapping rules) cite, with what the rulebook records of each.
	Sources []sourceView `json:"sources" yaml:"sources"`
}

type sourceView struct {
	ID    string `json:"id" yaml:"id"`
	Title string `json:"title" yaml:"title"`
	Date  string `json:"date,omitempty" yaml:"date,omitempty"`
	URL   string `json:"url,omitempty" yaml:"url,omitempty"`
}

type editionView struct {
	ID        string `json:"id" yaml:"id"`
	Effective string `json:"effective" yaml:"effective"`
	Label     string `json:"label,omitempty" yaml:"label,omitempty"`
}

type mappingView struct {
	Program      string            `json:"program" yaml:"program"`
	Illustrative bool              `json:"illustrative" yaml:"illustrative"`
	Tiers        map[string]string `json:"tiers" yaml:"tiers"` // "track:From" or "From" -> To
	Note         string            `json:"note,omitempty" yaml:"note,omitempty"`
}

type graceView struct {
	From   string         `json:"from" yaml:"from"`
	Months map[string]int `json:"months" yaml:"months"`
}

type trackView struct {
	ID       string     `json:"id" yaml:"id"`
	Label    string     `json:"label,omitempty" yaml:"label,omitempty"`
	Profiles []string   `json:"profiles,omitempty" yaml:"profiles,omitempty"`
	Tiers    []tierView `json:"tiers" yaml:"tiers"`
}

type tierView struct {
	Name    string   `json:"name" yaml:"name"`
	Regions []string `json:"regions,omitempty" yaml:"regions,omitempty"`
	// Without names the requirements of the tiers below this one does
	// not carry over.
	Without  []string  `json:"without,omitempty" yaml:"without,omitempty"`
	Requires []reqView `json:"requires" yaml:"requires"`
}

type reqView struct {
	ID           string    `json:"id,omitempty" yaml:"id,omitempty"`
	Rule         string    `json:"rule" yaml:"rule"`
	Label        string    `json:"label,omitempty" yaml:"label,omitempty"`
	Source       string    `json:"source,omitempty" yaml:"source,omitempty"`
	Illustrative bool      `json:"illustrative" yaml:"illustrative"`
	Note         string    `json:"note,omitempty" yaml:"note,omitempty"`
	Regions      []string  `json:"regions,omitempty" yaml:"regions,omitempty"`
	Group        string    `json:"group,omitempty" yaml:"group,omitempty"` // "any" or "all"
	Items        []reqView `json:"items,omitempty" yaml:"items,omitempty"`
}

func viewProgram(p *rulebook.Program, rv *rulebook.Resolved) programView {
	v := programView{ID: p.ID, Name: p.Name, Vendor: p.Vendor, Effective: p.Effective.Format(dateLayout), File: p.Pos.File, Embedded: p.Embedded()}
	if v.Embedded {
		v.File = ""
	}
	if !p.Ends.IsZero() {
		v.Ends = p.Ends.Format(dateLayout)
	}
	v.Editions = append(v.Editions, editionView{ID: baseEdition(p), Effective: v.Effective, Label: "base edition"})
	for _, e := range p.Editions {
		v.Editions = append(v.Editions, editionView{ID: e.ID, Effective: e.Effective.Format(dateLayout), Label: e.Label})
	}
	tracks := p.Tracks
	if rv != nil {
		v.Edition = rv.Edition
		tracks = rv.Tracks
	}
	if m := p.Predecessor; m != nil {
		mv := &mappingView{Program: m.Program, Illustrative: m.Illustrative, Note: m.Note, Tiers: map[string]string{}}
		for _, t := range m.Tiers {
			k := t.From
			if t.Track != "" {
				k = t.Track + ":" + t.From
			}
			mv.Tiers[k] = t.To
		}
		v.Predecessor = mv
	}
	if g := p.Grace; g != nil {
		v.Grace = &graceView{From: g.From.Format(dateLayout), Months: g.Months}
	}
	for _, t := range tracks {
		tv := trackView{ID: t.ID, Label: t.Label, Profiles: t.Profiles}
		for _, tier := range t.Tiers {
			ti := tierView{Name: tier.Name, Regions: tier.Regions, Without: tier.Without, Requires: []reqView{}}
			for _, r := range tier.Requires {
				ti.Requires = append(ti.Requires, viewReq(r, rv != nil))
			}
			tv.Tiers = append(tv.Tiers, ti)
		}
		v.Tracks = append(v.Tracks, tv)
	}
	v.Sources = citedSources(p, rv, v)
	return v
}

// citedSources lists the program's sources that v cites, in the order the
// rulebook lists them.
func citedSources(p *rulebook.Program, rv *rulebook.Resolved, v programView) []sourceView {
	cited := map[string]bool{}
	var walk func(r reqView)
	walk = func(r reqView) {
		cited[r.Source] = true
		for _, it := range r.Items {
			walk(it)
		}
	}
	for _, t := range v.Tracks {
		for _, tier := range t.Tiers {
			for _, r := range tier.Requires {
				walk(r)
			}
		}
	}
	if p.Grace != nil {
		cited[p.Grace.Source] = true
	}
	if p.Predecessor != nil {
		cited[p.Predecessor.Source] = true
	}
	// The editions that shaped what is shown (every one, for the base view).
	for _, e := range p.Editions {
		if rv == nil || !e.Effective.After(rv.Effective) {
			cited[e.Source] = true
		}
	}
	out := []sourceView{}
	for _, s := range p.Sources {
		if cited[s.ID] {
			out = append(out, sourceView{ID: s.ID, Title: s.Title, Date: s.Date, URL: s.URL})
		}
	}
	return out
}

func baseEdition(p *rulebook.Program) string {
	if p.Edition != "" {
		return p.Edition
	}
	return p.Effective.Format(dateLayout)
}

// viewReq describes one requirement; with open set, a derived competency is
// shown with what it takes.
func viewReq(r *rulebook.Requirement, open bool) reqView {
	v := reqView{ID: r.ID, Rule: rulebook.RuleText(r), Label: r.Label, Source: r.Source,
		Illustrative: r.Illustrative, Note: r.Note, Regions: r.Regions}
	switch r.Kind {
	case rulebook.KindAny:
		v.Group = "any"
	case rulebook.KindAll:
		v.Group = "all"
	}
	for _, it := range r.Items {
		v.Items = append(v.Items, viewReq(it, open))
	}
	if open && r.Kind == rulebook.KindCompetency && r.Derived != nil && r.Derived.Requires != nil {
		v.Rule = "competency " + r.Derived.ID + " (derived)"
		v.Items = []reqView{viewReq(r.Derived.Requires, open)}
	}
	return v
}

// RulesList prints the loaded programs for `rules list`.
func RulesList(w io.Writer, format Format, progs []*rulebook.Program) error {
	views := make([]programView, len(progs))
	for i, p := range progs {
		views[i] = viewProgram(p, nil)
	}
	if format == JSON || format == YAML {
		return writeData(w, string(format), views)
	}
	g := grid{header: []string{"ID", "NAME", "VENDOR", "TRACKS", "EDITIONS", "FILE"}}
	embedded := false
	for _, v := range views {
		file := v.File
		if v.Embedded {
			file, embedded = "(embedded)", true
		}
		var tracks, eds []string
		for _, t := range v.Tracks {
			tracks = append(tracks, orNone(t.ID))
		}
		for _, e := range v.Editions {
			if e.ID == e.Effective {
				eds = append(eds, e.ID)
			} else {
				eds = append(eds, e.ID+" (from "+e.Effective+")")
			}
		}
		g.rows = append(g.rows, []string{v.ID, v.Name, v.Vendor, strings.Join(tracks, ", "), strings.Join(eds, ", "), file})
	}
	if embedded {
		g.foot = []string{"(embedded): built into tiercalc; tiercalc rules export ID > ID.yaml writes one to a file"}
	}
	return writeGrids(w, string(format), []grid{g})
}

// RulebookShow prints one resolved edition for `rules show`: every tier's
// requirements with their source and whether the number is illustrative.
func RulebookShow(w io.Writer, format Format, rv *rulebook.Resolved) error {
	v := viewProgram(rv.Program, rv)
	if format == JSON || format == YAML {
		return writeData(w, string(format), v)
	}
	title := fmt.Sprintf("%s: %s (%s), edition %s in force from %s", v.ID, v.Name, v.Vendor, rv.Edition, rv.Effective.Format(dateLayout))
	notes := showNotes(v, rv)
	grids := []grid{}
	for i, t := range v.Tracks {
		g := grid{header: []string{"TIER", "REQUIREMENT", "RULE", "SOURCE", "ILLUSTRATIVE"}}
		if i == 0 {
			g.title = title
			for _, n := range notes {
				g.title += "\n" + n
			}
		}
		trackTitle := "track " + orNone(t.ID)
		if len(t.Profiles) > 0 {
			trackTitle += " (profiles: " + strings.Join(t.Profiles, ", ") + ")"
		}
		if g.title != "" {
			g.title += "\n"
		}
		g.title += trackTitle
		for _, tier := range t.Tiers {
			g.rows = appendTierRows(g.rows, tier)
		}
		grids = append(grids, g)
	}
	if len(v.Sources) > 0 {
		grids = append(grids, sourcesGrid(v.Sources))
	}
	return writeGrids(w, string(format), grids)
}

// showNotes returns the lines under the title of `rules show`: the grace
// months per tier and the mapping from the predecessor program.
func showNotes(v programView, rv *rulebook.Resolved) []string {
	var notes []string
	if v.Grace != nil {
		notes = append(notes, graceNote(v))
	}
	if m := v.Predecessor; m != nil {
		var parts []string
		for _, t := range rv.Program.Predecessor.Tiers {
			s := t.From + " -> " + t.To
			if t.Track != "" {
				s += " (" + t.Track + ")"
			}
			parts = append(parts, s)
		}
		kind := "documented"
		if m.Illustrative {
			kind = "illustrative, by rank"
		}
		notes = append(notes, fmt.Sprintf("tiers from %s (%s): %s", m.Program, kind, strings.Join(parts, ", ")))
	}
	return notes
}

// graceNote lists the grace months of each tier once, in track order.
func graceNote(v programView) string {
	var parts []string
	seen := map[string]bool{}
	for _, t := range v.Tracks {
		for _, tier := range t.Tiers {
			if m, ok := v.Grace.Months[tier.Name]; ok && !seen[tier.Name] {
				seen[tier.Name] = true
				parts = append(parts, tier.Name+" "+strconv.Itoa(m)+" months")
			}
		}
	}
	return "grace from " + v.Grace.From + ": " + strings.Join(parts, ", ")
}

// appendTierRows appends one tier's rows: its requirements, then what it
// does not carry over; the tier's name shows on its first row only.
func appendTierRows(rows [][]string, tier tierView) [][]string {
	name := tier.Name
	if len(tier.Regions) > 0 {
		name += " [" + strings.Join(tier.Regions, ", ") + " only]"
	}
	if len(tier.Requires) == 0 && len(tier.Without) == 0 {
		rows = append(rows, []string{name, "(no requirement)", "", "", ""})
	}
	for j, r := range tier.Requires {
		cell := name
		if j > 0 {
			cell = ""
		}
		rows = appendReqRows(rows, cell, r, "")
	}
	for j, id := range tier.Without {
		cell := name
		if j > 0 || len(tier.Requires) > 0 {
			cell = ""
		}
		rows = append(rows, []string{cell, "(not carried over from the tiers below)", "without " + id, "", ""})
	}
	return rows
}

func sourcesGrid(sources []sourceView) grid {
	g := grid{title: "sources", header: []string{"SOURCE", "TITLE", "DATE", "ADDRESS"}}
	for _, src := range sources {
		addr := src.URL
		if addr == "" {
			addr = "(no address recorded)"
		}
		g.rows = append(g.rows, []string{src.ID, src.Title, src.Date, addr})
	}
	return g
}

func appendReqRows(rows [][]string, tier string, r reqView, indent string) [][]string {
	ill := ""
	if r.Illustrative {
		ill = "yes: " + r.Note
	}
	label := indent + r.Label
	if len(r.Regions) > 0 {
		label += " [" + strings.Join(r.Regions, ", ") + " only]"
	}
	rule := r.Rule
	if r.Group != "" {
		rule = r.Group + " of:"
	}
	rows = append(rows, []string{tier, label, rule, r.Source, ill})
	for _, it := range r.Items {
		rows = appendReqRows(rows, "", it, indent+"  ")
	}
	return rows
}
