package htmlreport

import (
	"encoding/json"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/tiercalc/tiercalc/pkg/engine"
	"github.com/tiercalc/tiercalc/pkg/partner"
	"github.com/tiercalc/tiercalc/pkg/plan"
	"github.com/tiercalc/tiercalc/pkg/report"
	"github.com/tiercalc/tiercalc/pkg/rulebook"
	"github.com/tiercalc/tiercalc/pkg/summary"
)

// Statement is one partner's letter: where it stands on each program and
// track, how far it is from each requirement of its next tier, what it
// lacks (with sources), its grace deadlines and its cheapest plan.
type Statement struct {
	Partner  string             `json:"partner"`
	Name     string             `json:"name"`
	Country  string             `json:"country"`
	Anchor   string             `json:"anchor"` // the id of its section in a report
	AsOf     string             `json:"as_of"`
	Programs []StatementProgram `json:"programs"`
	Sources  []Source           `json:"sources"` // those cited
}

// StatementProgram is the partner's standing under one program.
type StatementProgram struct {
	Program string        `json:"program"`
	Name    string        `json:"name"`
	Edition string        `json:"edition"`
	Tracks  []TrackResult `json:"tracks"`
	// Track is the best track (the highest tier, ties to the first), whose
	// next tier the progress bars and the missing list are about.
	Track    string     `json:"track"`
	NextTier string     `json:"next_tier"` // "" at the top
	Progress []Progress `json:"progress"`
	Missing  []Missing  `json:"missing"`
	Unknown  []string   `json:"unknown"` // the data that would decide it
	Plan     *Plan      `json:"plan"`    // nil: no plan needed or possible
	Notes    []string   `json:"notes"`
}

// TrackResult is the partner's result on one track, as check gives it.
type TrackResult struct {
	Track         string `json:"track"`
	Tier          string `json:"tier"` // "" for no tier
	QualifiedTier string `json:"qualified_tier"`
	Status        string `json:"status"`
	GraceUntil    string `json:"grace_until"` // the last day of grace; ""
	NextTier      string `json:"next_tier"`
}

// Progress is one requirement of the next tier and how far the partner is
// towards it.
type Progress struct {
	Tier         string `json:"tier"` // the tier that states it
	Label        string `json:"label"`
	Have         string `json:"have"` // "unknown" when the data is
	Need         string `json:"need"`
	Percent      int    `json:"percent"` // 0 to 100
	Verdict      string `json:"verdict"` // met, unmet, unknown
	Illustrative bool   `json:"illustrative"`
	Source       string `json:"source"`
}

// Missing is one gap to the next tier.
type Missing struct {
	Text         string `json:"text"`
	Illustrative bool   `json:"illustrative"`
	Source       string `json:"source"`
}

// Plan is the cheapest plan to the target tier.
type Plan struct {
	Track        string      `json:"track"`
	Target       string      `json:"target"`
	Status       string      `json:"status"`
	Cost         string      `json:"cost"`     // money + days x day rate, worded
	CostUSD      json.Number `json:"cost_usd"` // the same, exactly
	Illustrative bool        `json:"illustrative"`
	Actions      []string    `json:"actions"`
	Blocking     []string    `json:"blocking"`
}

// Builder makes statements for the programs of one run.
type Builder struct {
	AsOf     time.Time
	Resolved []*rulebook.Resolved
	evs      []*engine.Evaluator
	plans    *plan.Batch
}

// NewBuilder returns a statement builder; plans may be nil (no plans).
func NewBuilder(asOf time.Time, resolved []*rulebook.Resolved, schema *partner.Schema, plans *plan.Batch) *Builder {
	b := &Builder{AsOf: asOf, Resolved: resolved, plans: plans}
	for _, rv := range resolved {
		b.evs = append(b.evs, engine.NewEvaluator(rv, schema))
	}
	return b
}

// Anchor is the id of a partner's statement in a report: "p-" and the
// partner id, anything but ASCII letters, digits and '-' written as "_",
// its code point in hex and "_", so that two ids never share an anchor.
func Anchor(id string) string { return ident("p-", id) }

func ident(prefix, s string) string {
	var b strings.Builder
	b.WriteString(prefix)
	for _, r := range s {
		switch {
		case r == '-' || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || (r >= '0' && r <= '9'):
			b.WriteRune(r)
		default:
			b.WriteString("_" + strconv.FormatInt(int64(r), 16) + "_")
		}
	}
	return b.String()
}

// Statement builds rec's statement from its results (those of the run,
// with the run's notes).
func (b *Builder) Statement(rec *partner.Record, results []engine.Result) *Statement {
	s := &Statement{Partner: rec.ID, Name: rec.Name, Country: rec.Country, Anchor: Anchor(rec.ID),
		AsOf: b.AsOf.Format(time.DateOnly), Programs: []StatementProgram{}, Sources: []Source{}}
	var rows []plan.Row
	if b.plans != nil {
		rows = b.plans.Plan(rec, nil)
	}
	cited := map[string]bool{}
	for i, rv := range b.Resolved {
		sp := b.program(rec, rv, b.evs[i], results)
		for _, row := range rows {
			if row.Program == rv.Program.ID {
				sp.Plan = planOf(&row)
			}
		}
		for _, id := range sp.cites() {
			if src := rv.Program.Source(id); src != nil && !cited[rv.Program.ID+"\x00"+id] {
				cited[rv.Program.ID+"\x00"+id] = true
				s.Sources = append(s.Sources, Source{Program: rv.Program.ID, ID: id, Title: src.Title, URL: src.URL, Date: src.Date})
			}
		}
		s.Programs = append(s.Programs, sp)
	}
	return s
}

func (b *Builder) program(rec *partner.Record, rv *rulebook.Resolved, ev *engine.Evaluator, results []engine.Result) StatementProgram {
	sp := StatementProgram{Program: rv.Program.ID, Name: rv.Program.Name, Edition: rv.Edition, Tracks: []TrackResult{},
		Progress: []Progress{}, Missing: []Missing{}, Unknown: []string{}, Notes: []string{}}
	var best *engine.Result
	rank := -2
	for i := range results {
		r := &results[i]
		if r.Program != rv.Program.ID {
			continue
		}
		sp.Tracks = append(sp.Tracks, TrackResult{Track: r.Track, Tier: str(r.Tier), QualifiedTier: str(r.QualifiedTier),
			Status: r.Status, GraceUntil: str(r.GraceUntil), NextTier: str(r.NextTier)})
		k := -1
		if r.Tier != nil {
			k = rv.Track(r.Track).Rank(*r.Tier)
		}
		if k > rank {
			best, rank = r, k
		}
	}
	if best == nil {
		return sp
	}
	sp.Track, sp.NextTier, sp.Notes = best.Track, str(best.NextTier), append(sp.Notes, best.Notes...)
	sp.Unknown = append(sp.Unknown, best.Unknown...)
	for _, g := range best.Missing {
		sp.Missing = append(sp.Missing, Missing{Text: report.GapPhrase(g), Illustrative: summary.Assumed(&g), Source: g.Source})
	}
	if best.NextTier == nil {
		return sp
	}
	for _, x := range ev.Explain(rec, b.AsOf, "") {
		if x.Track == best.Track {
			sp.Progress = progressOf(x, *best.NextTier)
		}
	}
	return sp
}

// progressOf lists the next tier's own requirements, then any requirement
// of a lower tier that is not met (tiers are cumulative).
func progressOf(x engine.Explanation, next string) []Progress {
	out := []Progress{}
	for _, t := range x.Tiers {
		for _, r := range t.Requirements {
			if t.Name == next || (r.Applies && r.Verdict != engine.VerdictMet) {
				out = append(out, progress(t.Name, r))
			}
		}
	}
	return out
}

func progress(tier string, r engine.Explained) Progress {
	p := Progress{Tier: tier, Label: r.Label, Verdict: r.Verdict, Illustrative: r.Illustrative, Source: r.Source,
		Percent: int(math.Floor(fraction(r) * 100))}
	if !r.Applies {
		p.Label += " (not required in the partner's region)"
		p.Verdict = "not required"
	}
	switch {
	case !r.Applies:
	case r.Need != nil && r.Have != nil:
		p.Have, p.Need = report.Number(*r.Have, r.Unit), report.Number(*r.Need, r.Unit)
	case r.Need != nil:
		p.Have, p.Need = "unknown", report.Number(*r.Need, r.Unit)
	}
	return p
}

// fraction is how far a requirement is met, 0 to 1: have/need for a
// number, the best alternative of an any-of group, the mean of an all-of
// group's members.
func fraction(r engine.Explained) float64 {
	switch {
	case r.Verdict == engine.VerdictMet || !r.Applies:
		return 1
	case r.Need != nil && r.Have != nil:
		if *r.Need <= 0 {
			return 1
		}
		return min(1, max(0, *r.Have / *r.Need))
	case len(r.Items) == 0:
		return 0
	}
	best, sum := 0.0, 0.0
	for _, it := range r.Items {
		f := fraction(it)
		best, sum = max(best, f), sum+f
	}
	if r.Kind == "any" {
		return best
	}
	return sum / float64(len(r.Items))
}

// planOf words a plan row; nil when no plan is needed (qualified, top) or
// none applies.
func planOf(r *plan.Row) *Plan {
	switch r.Status {
	case plan.StatusPlanned, plan.StatusLate, plan.StatusBlocked:
	default:
		return nil
	}
	p := &Plan{Track: r.Track, Target: str(r.Target), Status: report.PlanStatus(r), Cost: plan.FormatUSD(r.Best.CostCents()),
		CostUSD:      summary.USD(r.Best.CostCents()),
		Illustrative: PlanAssumed(&r.Best), Actions: []string{}, Blocking: []string{}}
	for i := range r.Best.Actions {
		p.Actions = append(p.Actions, report.PlanAction(&r.Best.Actions[i]))
	}
	for i := range r.Best.Blocking {
		p.Blocking = append(p.Blocking, report.PlanBlocker(&r.Best.Blocking[i]))
	}
	return p
}

// PlanAssumed reports whether a plan's cost rests on an assumed number: an
// action priced by an illustrative cost, or days of effort, which the day
// rate prices (the shipped day rate is an assumption).
func PlanAssumed(o *plan.Option) bool {
	if o.Days > 0 {
		return true
	}
	for _, a := range o.Actions {
		if a.Illustrative {
			return true
		}
	}
	return false
}

// cites lists the source ids the program's section cites.
func (sp *StatementProgram) cites() []string {
	var ids []string
	for _, p := range sp.Progress {
		ids = append(ids, p.Source)
	}
	for _, m := range sp.Missing {
		ids = append(ids, m.Source)
	}
	return ids
}

func str(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
