package engine

import (
	"slices"
	"strings"
	"time"

	"github.com/tiercalc/tiercalc/pkg/partner"
	"github.com/tiercalc/tiercalc/pkg/region"
	"github.com/tiercalc/tiercalc/pkg/rulebook"
)

// Verdicts of an explanation.
const (
	VerdictMet     = "met"
	VerdictUnmet   = "unmet"
	VerdictUnknown = "unknown"
	// VerdictAbsent is a tier that does not exist in the partner's region.
	VerdictAbsent = "absent"
)

// Explanation is why one partner gets its result on one track: the
// requirement tree of every tier up to and including the next tier (or a
// higher tier asked for), each requirement with its verdict. It is built by
// a walker of its own (Explain) over the same compiled nodes and kind
// functions as Evaluate, so the two cannot disagree; a test holds
// QualifiedTier, Tier, Status, NextTier and GraceUntil to Evaluate's.
type Explanation struct {
	Partner, Name, Program, Edition, Track string

	QualifiedTier, Tier, NextTier *string
	Status                        string
	GraceUntil                    *string

	// Region is the partner's region ("" when its country is unknown);
	// Country as the record has it.
	Region, Country string
	// Tiers are the track's tiers, lowest first, up to the next tier (or
	// the tier asked for, when higher).
	Tiers []TierExplanation
	// Grace says what the record's current_tier did; nil without one.
	Grace *GraceExplanation
	// Notes are the result's notes (Evaluate's).
	Notes []string
}

// TierExplanation is one tier's verdict and requirements (its own; those of
// the tiers below are in their own TierExplanation).
type TierExplanation struct {
	Name    string
	Verdict string   // met, unmet, unknown, absent
	Regions []string // where the tier exists; empty: everywhere
	// Requirements of the tier; empty for an absent tier, and for a tier
	// whose existence is unknown (the partner's region is).
	Requirements []Explained
	// Without names the requirements of the tiers below that this tier
	// does not carry over (the rulebook's without:), by id or label.
	Without []string
}

// Explained is one requirement with its verdict.
type Explained struct {
	ID           string
	Kind         string // credential, competency, competencies, metric, attestation, any, all
	Keys         []string
	Rule         string // the test in short form ("VTSP >= 2")
	Label        string
	Source       string // the rulebook's source id
	Illustrative bool   // the requirement, or one beneath it, rests on an assumed number
	Note         string
	Verdict      string // met, unmet, unknown
	// Regions limit where the requirement applies; Applies is false when
	// the partner's region is not one of them (the requirement then
	// counts as met).
	Regions []string
	Applies bool
	// Have, Need and Short: a leaf's numbers (competency and attestation:
	// 1 or 0 of 1); Have and Short are nil when the value is unknown.
	Have, Need, Short *float64
	// Unit is what Have counts, for a credential or metric ("people",
	// "USD", "cores").
	Unit string
	// Counted names the members that counted towards an any-of group (the
	// alternatives met) or an N-of-set requirement (the competencies held).
	Counted []string
	// Unknown lists the data keys an undecided requirement needs.
	Unknown []string
	// Derived is the id of the derived competency a competency
	// requirement names; Items then holds its requirement.
	Derived string
	// Items are a group's members (any, all), a set's competencies, or a
	// derived competency's requirement.
	Items []Explained
}

// GraceExplanation is what the record's current_tier did on the track.
type GraceExplanation struct {
	CurrentTier string // as the record has it
	// Tier is the track's tier it reads as ("" when none); Mapped when
	// read through the predecessor mapping.
	Tier   string
	Mapped bool
	// Months, From and Until describe the tier's grace window (Until the
	// last day); zero and "" when the program grants none for the tier.
	Months      int
	From, Until string
	// Applied is set when the partner holds Tier in grace; Why says
	// why or why not, in a sentence.
	Applied bool
	Why     string
}

// Explain explains the results Evaluate gives rec: one Explanation per
// track that applies, in track order. through names a tier to explain up
// to when it is above the next tier ("" for the next tier); tracks without
// a tier of that name are explained up to their next tier.
func (e *Evaluator) Explain(rec *partner.Record, asOf time.Time, through string) []Explanation {
	s := e.newState(rec, asOf)
	results := e.Evaluate(rec, asOf, nil)
	var out []Explanation
	for ti := range e.tracks {
		ct := &e.tracks[ti]
		if !applies(ct.profiles, rec.Profiles) {
			continue
		}
		x := Explanation{Partner: rec.ID, Name: rec.Name, Program: e.program, Edition: e.edition, Track: ct.id,
			Country: rec.Country, Notes: []string{}}
		if s.rknown {
			x.Region = region.Of(rec.Country)
		}
		for _, r := range results {
			if r.Track == ct.id {
				x.Notes = r.Notes
			}
		}
		s.explainTrack(ct, through, &x)
		out = append(out, x)
	}
	return out
}

// newState is a record's evaluation state on the heap, for the walkers
// off the hot path.
func (e *Evaluator) newState(rec *partner.Record, asOf time.Time) *state {
	s := &state{e: e, rec: rec, nums: rec.Nums, asOf: asOf, asOfDay: -1}
	if rec.Country != "" && region.Known(rec.Country) {
		s.rknown = true
		s.rbit = regionBit(region.Of(rec.Country))
	}
	return s
}

// explainTrack judges each tier by its effective set as the engine does
// (cumulativeTiers, effectiveTiers), keeping every verdict, and holds a
// current tier above the qualified one through the engine's own current.
func (s *state) explainTrack(ct *ctrack, through string, x *Explanation) {
	last := -1
	for i := range ct.tiers {
		if *ct.tiers[i].name == through {
			last = i
		}
	}
	effs := s.tierVerdicts(ct)
	q, next, nextV := -1, -1, met
	for i := range ct.tiers {
		if effs[i] == met && s.tierExists(&ct.tiers[i]) != failed {
			q = i
		}
	}
	for i := q + 1; i < len(ct.tiers); i++ {
		if s.tierExists(&ct.tiers[i]) != failed {
			next, nextV = i, effs[i]
			break
		}
	}
	for i := range ct.tiers {
		if (next >= 0 && i > max(next, last)) || (next < 0 && i > max(q, last)) {
			break
		}
		x.Tiers = append(x.Tiers, s.explainTier(ct, i, effs[i]))
	}
	var r Result
	if q >= 0 {
		r.QualifiedTier = ct.tiers[q].name
		r.Tier = r.QualifiedTier
	}
	if next >= 0 {
		r.NextTier = ct.tiers[next].name
	}
	switch {
	case nextV == unknown:
		r.Status = StatusIncomplete
	case q < 0:
		r.Status = StatusIneligible
	default:
		r.Status = StatusQualified
	}
	if s.rec.CurrentTier != "" {
		s.current(ct, q, &r)
		x.Grace = s.explainGrace(ct, q, &r)
	}
	x.QualifiedTier, x.Tier, x.NextTier, x.Status, x.GraceUntil = r.QualifiedTier, r.Tier, r.NextTier, r.Status, r.GraceUntil
}

// tierVerdicts is each tier's effective verdict: on a cumulative track its
// own requirements and the effective set of the existing tier below; on a
// track with without:, the engine's effective.
func (s *state) tierVerdicts(ct *ctrack) []verdict {
	effs := make([]verdict, len(ct.tiers))
	var cache verdicts
	below := met
	for i := range ct.tiers {
		t := &ct.tiers[i]
		ex := s.tierExists(t)
		switch {
		case ct.slow:
			effs[i] = s.effective(ct, i, &cache)
		case ex == failed:
			effs[i] = failed
			continue // absent: the tier below carries on
		case ex == unknown:
			effs[i] = and(below, unknown)
		default:
			effs[i] = and(below, s.all(t.reqs))
		}
		if ex != failed {
			below = effs[i]
		}
	}
	return effs
}

// explainTier explains tier i of ct, whose effective verdict is eff: its
// requirements when it exists, its regions and what it leaves out.
func (s *state) explainTier(ct *ctrack, i int, eff verdict) TierExplanation {
	t := &ct.tiers[i]
	te := TierExplanation{Name: *t.name, Requirements: []Explained{}, Verdict: verdictName(eff)}
	if t.scoped {
		te.Regions = maskNames(t.mask)
	}
	switch s.tierExists(t) {
	case failed:
		te.Verdict = VerdictAbsent
	case met:
		for _, n := range t.reqs {
			te.Requirements = append(te.Requirements, s.explain(n))
		}
	}
	if ct.slow {
		te.Without = s.leftOut(ct, i)
	}
	return te
}

// and is the verdict of two requirements that must both hold.
func and(a, b verdict) verdict {
	switch {
	case a == failed || b == failed:
		return failed
	case a == unknown || b == unknown:
		return unknown
	}
	return met
}

// leftOut names the requirements of the tiers below tier i that tier i
// does not carry over (without:), by id or label.
func (s *state) leftOut(ct *ctrack, i int) []string {
	var out []string
	for k, e := range ct.reqs {
		if e.owner < i && !slices.Contains(ct.tiers[i].eff, k) && e.n.req != nil {
			out = append(out, orString(e.n.req.ID, e.n.req.Label))
		}
	}
	return out
}

// explainGrace says why the current tier was or was not held above q; r
// is the result after the engine's current.
func (s *state) explainGrace(ct *ctrack, q int, r *Result) *GraceExplanation {
	g := &GraceExplanation{CurrentTier: s.rec.CurrentTier, Applied: r.Status == StatusGrace}
	held := func(rt *cretire) {
		if rt == nil {
			g.Why = g.Tier + " was retired for the partner's region"
			return
		}
		g.Until = rt.held
		g.Why = strings.TrimSpace(rt.why[s.variant()])
		if g.Why == "" {
			g.Why = g.Tier + " was retired"
		}
		switch {
		case g.Applied:
			g.Why += "; held until " + rt.held
		case rt.held == "":
			g.Why += "; not held"
		default:
			g.Why += "; held until " + rt.held + ", which has passed"
		}
	}
	c, a := ct.current(s.rec.CurrentTier)
	if c < 0 {
		if rt, a := ct.dropped(s.rec.CurrentTier); rt != nil {
			g.Tier, g.Mapped = *rt.name, a != nil && a.name != *rt.name
			if rt.pos <= q {
				g.Why = "qualifies at or above the rank of the dropped tier " + g.Tier + ": no hold needed"
				return g
			}
			held(rt)
			return g
		}
		g.Why = "current tier " + s.rec.CurrentTier + " is no tier of this track, nor mapped onto one"
		return g
	}
	t := &ct.tiers[c]
	g.Tier = *t.name
	g.Mapped = a != nil && a.name != g.Tier
	if t.graceMonths > 0 {
		g.Months, g.From, g.Until = t.graceMonths, dayString(t.graceStart), t.graceUntil
	}
	if s.asOfDay < 0 {
		s.asOfDay = dayNum(s.asOf)
	}
	switch {
	case c <= q:
		g.Why = "qualifies for " + *ct.tiers[q].name + ", at or above the current tier: no grace needed"
	case s.tierExists(t) == failed:
		g.Months, g.From = 0, ""
		if s.variant() == variantUnknown {
			g.Why = g.Tier + " does not exist in the partner's region"
			return g
		}
		held(ct.retirement(g.Tier, s.variant()))
	case t.graceMonths <= 0:
		g.Why = "the program grants no grace period for " + g.Tier
	case s.asOfDay < t.graceStart:
		g.Why = "the grace window opens on " + g.From
	case s.asOfDay > t.graceDay:
		g.Why = "the grace window closed: its last day was " + g.Until
	default:
		g.Why = "holds " + g.Tier + " in grace until " + g.Until + " while it qualifies for " + orNoTier(r.QualifiedTier)
	}
	return g
}

// explain explains requirement n: its verdict through the same eval as
// Evaluate, its numbers through its kind's gap function, its members.
func (s *state) explain(n *node) Explained {
	v := s.eval(n)
	x := Explained{Kind: n.gapKind, Keys: n.keys, Verdict: verdictName(v), Illustrative: n.illus, Applies: true, Unit: n.unit}
	if r := n.req; r != nil {
		x.ID, x.Label, x.Source, x.Note, x.Regions = r.ID, r.Label, r.Source, r.Note, r.Regions
		x.Rule = rulebook.RuleText(r)
	}
	if n.scoped && s.rknown && n.mask&s.rbit == 0 {
		x.Applies = false
	}
	switch {
	case len(n.items) > 0:
		for _, it := range n.items {
			ix := s.explain(it)
			if ix.Verdict == VerdictMet && n.gapKind == kindAny {
				x.Counted = append(x.Counted, orString(ix.Label, ix.Rule))
			}
			x.Items = append(x.Items, ix)
		}
	case n.der >= 0:
		x.Derived = n.key
		x.Items = []Explained{s.explain(s.e.derived[n.der])}
	case n.dref != nil:
		for i, k := range n.keys {
			mv := s.holds(k, n.dref[i])
			one := 1.0
			m := Explained{Kind: kindCompetency, Keys: []string{k}, Rule: "competency " + k, Label: "competency " + k,
				Verdict: verdictName(mv), Applies: true, Need: &one}
			if mv != unknown {
				have := 0.0
				if mv == met {
					have = 1
					x.Counted = append(x.Counted, k)
				}
				short := one - have
				m.Have, m.Short = &have, &short
			}
			if n.dref[i] >= 0 {
				m.Derived = k
				m.Items = []Explained{s.explain(s.e.derived[n.dref[i]])}
			}
			x.Items = append(x.Items, m)
		}
		s.measure(n, v, &x)
	default:
		s.measure(n, v, &x)
	}
	if v != met {
		s.nunk, s.more = 0, nil
		s.collect(n)
		x.Unknown = append(append([]string{}, s.unk[:s.nunk]...), s.more...)
	}
	return x
}

// measure sets the have, need and short of leaf n from its kind's gap
// function, which computes them for a leaf whatever its verdict (a met
// yes/no leaf reads as having what it needs).
func (s *state) measure(n *node, v verdict, x *Explained) {
	g := n.ops.gaps(s, n, "", nil)
	if len(g) != 1 {
		return
	}
	need := g[0].Need
	x.Need = &need
	if !x.Applies || v == unknown {
		return
	}
	have, short := g[0].Have, g[0].Short
	if v == met {
		have, short = max(have, need), 0
	}
	x.Have, x.Short = &have, &short
}

func verdictName(v verdict) string {
	switch v {
	case met:
		return VerdictMet
	case unknown:
		return VerdictUnknown
	}
	return VerdictUnmet
}

// maskNames are the region names of a region mask.
func maskNames(mask uint8) []string {
	var out []string
	for _, r := range region.Names() {
		if mask&regionBit(r) != 0 {
			out = append(out, r)
		}
	}
	return out
}

// dayString is the YYYY-MM-DD of a dayNum.
func dayString(d int) string {
	return time.Date(d/512, time.Month(d%512/32), d%32, 0, 0, 0, 0, time.UTC).Format(time.DateOnly)
}

func orNoTier(t *string) string {
	if t == nil {
		return "no tier"
	}
	return *t
}

func orString(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
