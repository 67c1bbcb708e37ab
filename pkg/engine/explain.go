package engine

import (
	"slices"
	"time"

	"github.com/tiercalc/tiercalc/pkg/partner"
	"github.com/tiercalc/tiercalc/pkg/region"
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
	s := new(state)
	s.reset(e, rec, asOf, nil)
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
	below := met
	for i := range ct.tiers {
		t := &ct.tiers[i]
		ex := s.tierExists(t)
		switch {
		case ct.slow:
			effs[i] = s.effective(ct, i)
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
