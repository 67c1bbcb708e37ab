package report

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"time"

	"github.com/tiercalc/tiercalc/pkg/engine"
	"github.com/tiercalc/tiercalc/pkg/rulebook"
)

// TraceVersion names the JSON form of `why` (README.md, "The why trace").
// A change that removes or renames a field, or changes a field's meaning,
// is a new version; adding a field is not.
const TraceVersion = "tiercalc.why/v1"

// Why is one explanation to print: a partner on one program's track, with
// the edition it was evaluated on.
type Why struct {
	X  engine.Explanation
	RV *rulebook.Resolved
}

// WhyOptions tune the why printers.
type WhyOptions struct {
	AsOf time.Time
	// Tier is --tier: say only why the partner is or is not this tier.
	Tier string
	// All unfolds the met tiers and requirements of the table and
	// Markdown trees.
	All bool
}

// trace is the JSON document.
type trace struct {
	Trace        string      `json:"trace"`
	Partner      string      `json:"partner"`
	Name         string      `json:"name"`
	AsOf         string      `json:"as_of"`
	Tier         *string     `json:"tier_asked"`
	Explanations []traceProg `json:"explanations"`
}

type traceProg struct {
	Program       string        `json:"program"`
	ProgramName   string        `json:"program_name"`
	Edition       traceEdition  `json:"edition"`
	Track         string        `json:"track"`
	Country       string        `json:"country"`
	Region        string        `json:"region"`
	Tier          *string       `json:"tier"`
	QualifiedTier *string       `json:"qualified_tier"`
	Status        string        `json:"status"`
	GraceUntil    *string       `json:"grace_until"`
	NextTier      *string       `json:"next_tier"`
	Grace         *traceGrace   `json:"grace"`
	Answer        *traceAnswer  `json:"answer"`
	Tiers         []traceTier   `json:"tiers"`
	Notes         []string      `json:"notes"`
	Sources       []traceSource `json:"sources"`
}

type traceEdition struct {
	ID        string `json:"id"`
	Effective string `json:"effective"`
	Label     string `json:"label"`
	Source    string `json:"source"`
}

type traceGrace struct {
	CurrentTier string  `json:"current_tier"`
	Tier        *string `json:"tier"`
	Mapped      bool    `json:"mapped"`
	Months      int     `json:"months"`
	From        *string `json:"from"`
	Until       *string `json:"until"`
	Applied     bool    `json:"applied"`
	Why         string  `json:"why"`
	Note        string  `json:"note"`
	Source      string  `json:"source"`
}

type traceAnswer struct {
	Tier string `json:"tier"`
	// Verdict is the tier's own (met, unmet, unknown, absent); By says
	// how the partner holds it: "qualified", "grace" or "" (it does not).
	Verdict      string     `json:"verdict"`
	Holds        bool       `json:"holds"`
	By           string     `json:"by"`
	Requirements []traceReq `json:"requirements"`
}

type traceTier struct {
	Name         string     `json:"name"`
	Verdict      string     `json:"verdict"`
	Regions      []string   `json:"regions"`
	Without      []string   `json:"without"`
	Requirements []traceReq `json:"requirements"`
}

type traceReq struct {
	Tier         string     `json:"tier,omitempty"` // in answer only: the tier that states it
	ID           string     `json:"id"`
	Kind         string     `json:"kind"`
	Keys         []string   `json:"keys"`
	Rule         string     `json:"rule"`
	Label        string     `json:"label"`
	Verdict      string     `json:"verdict"`
	Applies      bool       `json:"applies"`
	Regions      []string   `json:"regions"`
	Have         *float64   `json:"have"`
	Need         *float64   `json:"need"`
	Short        *float64   `json:"short"`
	Unit         string     `json:"unit"`
	Illustrative bool       `json:"illustrative"`
	Note         string     `json:"note"`
	Source       string     `json:"source"`
	Counted      []string   `json:"counted"`
	Unknown      []string   `json:"unknown"`
	Derived      string     `json:"derived"`
	Items        []traceReq `json:"items"`
}

type traceSource struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	URL   string `json:"url"`
	Date  string `json:"date"`
}

// WriteWhy writes explanations in format f (table, json or markdown).
func WriteWhy(f Format, w io.Writer, items []Why, o WhyOptions) error {
	f, err := ParseFormatFor(ViewWhy, string(f))
	if err != nil {
		return err
	}
	doc := buildTrace(items, o)
	if f == JSON {
		// Rules read ">=": no HTML escaping, which would write \u003e.
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(doc)
	}
	return writeWhyText(w, f == Markdown, doc, o)
}

func buildTrace(items []Why, o WhyOptions) trace {
	doc := trace{Trace: TraceVersion, AsOf: o.AsOf.Format(dateLayout), Explanations: []traceProg{}}
	if o.Tier != "" {
		doc.Tier = &o.Tier
	}
	for _, it := range items {
		doc.Partner, doc.Name = it.X.Partner, it.X.Name
		doc.Explanations = append(doc.Explanations, buildProg(it, o))
	}
	return doc
}

func buildProg(it Why, o WhyOptions) traceProg {
	x, p := it.X, it.RV.Program
	src := sourcer{p: p}
	tp := traceProg{Program: x.Program, ProgramName: p.Name, Track: x.Track, Country: x.Country, Region: x.Region,
		Tier: x.Tier, QualifiedTier: x.QualifiedTier, Status: x.Status, GraceUntil: x.GraceUntil, NextTier: x.NextTier,
		Tiers: []traceTier{}, Notes: nonNil(x.Notes)}
	tp.Edition = traceEdition{ID: it.RV.Edition, Effective: it.RV.Effective.Format(dateLayout), Label: "base edition"}
	for _, e := range p.Editions {
		if e.ID == it.RV.Edition {
			tp.Edition.Label = e.Label
			tp.Edition.Source = src.get(e.Source)
		}
	}
	if g := x.Grace; g != nil {
		tg := &traceGrace{CurrentTier: g.CurrentTier, Tier: strOrNil(g.Tier), Mapped: g.Mapped, Months: g.Months,
			From: strOrNil(g.From), Until: strOrNil(g.Until), Applied: g.Applied, Why: g.Why}
		if p.Grace != nil && g.Months > 0 {
			tg.Note, tg.Source = p.Grace.Note, src.get(p.Grace.Source)
		}
		tp.Grace = tg
	}
	for _, t := range x.Tiers {
		tt := traceTier{Name: t.Name, Verdict: t.Verdict, Regions: nonNil(t.Regions), Without: nonNil(t.Without), Requirements: []traceReq{}}
		for _, r := range t.Requirements {
			tt.Requirements = append(tt.Requirements, src.req(r))
		}
		tp.Tiers = append(tp.Tiers, tt)
	}
	if o.Tier != "" {
		tp.Answer = answer(tp, o.Tier)
	}
	tp.Sources = src.cited
	if tp.Sources == nil {
		tp.Sources = []traceSource{}
	}
	return tp
}

// answer is --tier's: the requirements that decide whether the partner is
// tier: for a tier it qualifies for, every requirement of its effective
// set (those of the tier and the tiers below, less what it leaves out)
// that is met; otherwise those that are not.
func answer(tp traceProg, tier string) *traceAnswer {
	a := &traceAnswer{Tier: tier, Requirements: []traceReq{}}
	rank := slices.IndexFunc(tp.Tiers, func(t traceTier) bool { return t.Name == tier })
	q := -1
	if tp.QualifiedTier != nil {
		q = slices.IndexFunc(tp.Tiers, func(t traceTier) bool { return t.Name == *tp.QualifiedTier })
	}
	if rank >= 0 {
		a.Verdict = tp.Tiers[rank].Verdict
	}
	switch {
	case rank >= 0 && q >= rank:
		a.Holds, a.By = true, "qualified"
	case tp.Tier != nil && *tp.Tier == tier:
		a.Holds, a.By = true, "grace"
	}
	for i := 0; i <= rank; i++ {
		t := tp.Tiers[i]
		for _, r := range t.Requirements {
			if i < rank && slices.Contains(tp.Tiers[rank].Without, orString(r.ID, r.Label)) {
				continue // not carried over to the tier asked about
			}
			if (r.Verdict == engine.VerdictMet) == (q >= rank) {
				r.Tier = t.Name
				a.Requirements = append(a.Requirements, r)
			}
		}
	}
	return a
}

// sourcer resolves source ids into the trace's source objects and keeps
// the list of those cited.
type sourcer struct {
	p     *rulebook.Program
	cited []traceSource
}

// get notes source id as cited and returns it.
func (s *sourcer) get(id string) string {
	if id == "" || slices.ContainsFunc(s.cited, func(c traceSource) bool { return c.ID == id }) {
		return id
	}
	ts := traceSource{ID: id}
	if src := s.p.Source(id); src != nil {
		ts.Title, ts.URL, ts.Date = src.Title, src.URL, src.Date
	}
	s.cited = append(s.cited, ts)
	return id
}

func (s *sourcer) req(r engine.Explained) traceReq {
	tr := traceReq{ID: r.ID, Kind: r.Kind, Keys: nonNil(r.Keys), Rule: r.Rule, Label: r.Label, Verdict: r.Verdict,
		Applies: r.Applies, Regions: nonNil(r.Regions), Have: r.Have, Need: r.Need, Short: r.Short, Unit: r.Unit,
		Illustrative: r.Illustrative, Note: r.Note, Source: s.get(r.Source), Counted: nonNil(r.Counted),
		Unknown: nonNil(r.Unknown), Derived: r.Derived, Items: []traceReq{}}
	for _, it := range r.Items {
		tr.Items = append(tr.Items, s.req(it))
	}
	return tr
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func strOrNil(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// tierPhrase says what the partner holds, for headings: "Premier in grace
// until 2010-01-14", "Enterprise", "no tier".
func tierPhrase(tp traceProg) string {
	s := "no tier"
	if tp.Tier != nil {
		s = *tp.Tier
	}
	switch tp.Status {
	case engine.StatusGrace:
		return fmt.Sprintf("%s in grace until %s (qualifies for %s)", s, deref(tp.GraceUntil), derefOr(tp.QualifiedTier, "no tier"))
	case engine.StatusIncomplete:
		return s + ", incomplete (data missing decides " + derefOr(tp.NextTier, "the next tier") + ")"
	case engine.StatusIneligible:
		return "no tier (ineligible)"
	}
	return s
}

func deref(s *string) string { return derefOr(s, "") }

func derefOr(s *string, def string) string {
	if s == nil {
		return def
	}
	return *s
}
