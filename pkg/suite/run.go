package suite

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/tiercalc/tiercalc/pkg/engine"
	"github.com/tiercalc/tiercalc/pkg/internal/suggest"
	"github.com/tiercalc/tiercalc/pkg/rulebook"
)

// Runner runs tests against a set of rulebooks.
type Runner struct {
	Set *rulebook.Set
	// Edition gives the edition of p to evaluate on a day and the note its
	// results then carry (a program that had ended is evaluated on its
	// last edition), as check does.
	Edition func(p *rulebook.Program, asOf time.Time) (*rulebook.Resolved, string)
	// Coverage, when set, records what each test exercises.
	Coverage *Coverage

	evals map[*rulebook.Resolved]*engine.Evaluator
	eds   map[editionKey]edition
}

type editionKey struct {
	p   *rulebook.Program
	day time.Time
}

type edition struct {
	rv   *rulebook.Resolved
	note string
}

// Outcome is one test run.
type Outcome struct {
	Test     *Test
	Edition  string
	Got      Got
	Failures []string // empty: passed
	// failed names the expectations that did not hold (tier, status,
	// next_tier, grace_until, gaps, notes), for --update.
	failed []string
	// Explanation is why the partner got Got (the `why` tree), and
	// Resolved the edition it was evaluated on.
	Explanation engine.Explanation
	Resolved    *rulebook.Resolved
}

// Passed reports whether every expectation held.
func (o *Outcome) Passed() bool { return len(o.Failures) == 0 }

// Got is the actual result, as the expectations read it.
type Got struct {
	Tier       *string
	Status     string
	NextTier   *string
	GraceUntil *string
	Gaps       []GapWant // the unmet requirements of the next tier, by id (or label)
	Notes      []string
}

// Check finds what would keep tests from running: a program not loaded, a
// day before it started, a track it lacks (or none named where it has
// several), an expected tier no track of that name has.
func (r *Runner) Check(tests []*Test) error {
	var ps rulebook.Problems
	for _, t := range tests {
		if pr := r.check(t); pr != nil {
			ps = append(ps, *pr)
		}
	}
	return ps.Err()
}

func (r *Runner) check(t *Test) *rulebook.Problem {
	bad := func(hint, format string, args ...any) *rulebook.Problem {
		return &rulebook.Problem{Pos: rulebook.Pos{File: t.File, Line: t.Line}, Hint: hint,
			Msg: fmt.Sprintf("case %q: ", t.Name) + fmt.Sprintf(format, args...)}
	}
	p := r.Set.Get(t.Program)
	if p == nil {
		return bad(didYouMean(t.Program, r.Set.IDs(), "load it with --rules, or put the suite beside its rulebook"), "program %q is not loaded", t.Program)
	}
	if t.AsOf.Before(p.Effective) {
		return bad("", "as_of %s is before %s started (%s)", t.AsOf.Format(time.DateOnly), p.ID, p.Effective.Format(time.DateOnly))
	}
	rv := r.edition(p, t.AsOf).rv
	var ids []string
	for _, tr := range rv.Tracks {
		ids = append(ids, tr.ID)
	}
	if t.Track == "" && len(rv.Tracks) > 1 {
		return bad("tracks: "+strings.Join(ids, ", "), "%s has %d tracks: name one with track:", p.ID, len(rv.Tracks))
	}
	tr := rv.Track(t.Track)
	if tr == nil {
		return bad(didYouMean(t.Track, ids, "tracks: "+strings.Join(ids, ", ")), "%s has no track %q", p.ID, t.Track)
	}
	names := tierNames(tr)
	for _, o := range []*Opt{t.Want.Tier, t.Want.NextTier} {
		if o != nil && !o.Null && !slices.Contains(names, o.Value) {
			return bad(didYouMean(o.Value, names, "tiers: "+strings.Join(names, ", ")), "track %q of %s has no tier %q", tr.ID, p.ID, o.Value)
		}
	}
	return nil
}

func didYouMean(s string, cands []string, otherwise string) string {
	if m := suggest.Closest(s, cands); m != "" {
		return fmt.Sprintf("did you mean %q?", m)
	}
	return otherwise
}

// tierNames are a track's tiers and those editions took away.
func tierNames(tr *rulebook.Track) []string {
	var out []string
	for _, t := range tr.Tiers {
		out = append(out, t.Name)
	}
	for _, rt := range tr.Retired {
		if !slices.Contains(out, rt.Tier.Name) {
			out = append(out, rt.Tier.Name)
		}
	}
	return out
}

func (r *Runner) edition(p *rulebook.Program, day time.Time) edition {
	if r.eds == nil {
		r.eds = map[editionKey]edition{}
		r.evals = map[*rulebook.Resolved]*engine.Evaluator{}
	}
	k := editionKey{p, day}
	if e, ok := r.eds[k]; ok {
		return e
	}
	rv, note := r.Edition(p, day)
	// One resolved edition per edition id, so evaluators are shared.
	for _, e := range r.eds {
		if e.rv.Program == p && e.rv.Edition == rv.Edition {
			rv = e.rv
		}
	}
	e := edition{rv, note}
	r.eds[k] = e
	return e
}

func (r *Runner) evaluator(rv *rulebook.Resolved) *engine.Evaluator {
	ev := r.evals[rv]
	if ev == nil {
		ev = engine.NewEvaluator(rv, r.Set.Schema())
		r.evals[rv] = ev
	}
	return ev
}

// Run runs one test (Check has passed it).
func (r *Runner) Run(t *Test) *Outcome {
	p := r.Set.Get(t.Program)
	ed := r.edition(p, t.AsOf)
	ev := r.evaluator(ed.rv)
	tr := ed.rv.Track(t.Track)
	o := &Outcome{Test: t, Edition: ed.rv.Edition, Resolved: ed.rv}
	res := pickResult(ev.Evaluate(t.Partner, t.AsOf, nil), tr, t.Partner.Profiles)
	o.Got = Got{Tier: res.Tier, Status: res.Status, NextTier: res.NextTier, GraceUntil: res.GraceUntil,
		Gaps: []GapWant{}, Notes: append(slices.Clip(res.Notes), nonEmpty(ed.note)...)}
	// The whole ladder is explained, for the gaps and for coverage.
	top := ""
	if len(tr.Tiers) > 0 {
		top = tr.Tiers[len(tr.Tiers)-1].Name
	}
	full := pickExplanation(ev.Explain(t.Partner, t.AsOf, top), t.Track)
	if full != nil {
		o.Got.Gaps = gapsOf(tr, full, res.NextTier)
		if r.Coverage != nil {
			r.Coverage.observe(ed.rv, tr, full, res.Tier)
		}
	}
	o.failed, o.Failures = compare(t.Want, o.Got)
	if !o.Passed() {
		if x := pickExplanation(ev.Explain(t.Partner, t.AsOf, ""), t.Track); x != nil {
			o.Explanation = *x
			o.Explanation.Notes = o.Got.Notes
		}
	}
	return o
}

func nonEmpty(s string) []string {
	if s == "" {
		return nil
	}
	return []string{s}
}

// pickResult is the result on track tr. A partner that no track applies
// to has one result, which says so; one that other tracks apply to, but
// not tr, has none on tr: its actual result there is no tier.
func pickResult(rs []engine.Result, tr *rulebook.Track, profiles []string) engine.Result {
	for _, r := range rs {
		if r.Track == tr.ID {
			return r
		}
	}
	if len(rs) == 1 && rs[0].Track == "" && rs[0].Status == engine.StatusIneligible {
		return rs[0]
	}
	return engine.Result{Status: engine.StatusIneligible, Notes: []string{fmt.Sprintf(
		"track %s does not apply to the partner's profiles (%s); it applies to %s",
		tr.ID, strings.Join(profiles, ", "), strings.Join(tr.Profiles, ", "))}}
}

func pickExplanation(xs []engine.Explanation, track string) *engine.Explanation {
	for i := range xs {
		if xs[i].Track == track {
			return &xs[i]
		}
	}
	return nil
}

// explained pairs each requirement of the explained tiers of tr with its
// explanation (the engine explains a tier's requirements in their order).
func explained(tr *rulebook.Track, x *engine.Explanation) map[*rulebook.Requirement]*engine.Explained {
	m := map[*rulebook.Requirement]*engine.Explained{}
	for i := range x.Tiers {
		if i >= len(tr.Tiers) || len(x.Tiers[i].Requirements) != len(tr.Tiers[i].Requires) {
			continue
		}
		for k, req := range tr.Tiers[i].Requires {
			m[req] = &x.Tiers[i].Requirements[k]
		}
	}
	return m
}

// gapsOf lists the unmet requirements of the next tier's effective set.
func gapsOf(tr *rulebook.Track, x *engine.Explanation, next *string) []GapWant {
	out := []GapWant{}
	if next == nil {
		return out
	}
	i := tr.Rank(*next)
	if i < 0 {
		return out
	}
	m := explained(tr, x)
	for _, req := range tr.Effective(i) {
		if e := m[req]; e != nil && e.Verdict == engine.VerdictUnmet && e.Applies {
			out = append(out, GapWant{ID: reqName(req), Short: e.Short})
		}
	}
	return out
}

// reqName is how suites and coverage name a requirement: its id, else its
// label.
func reqName(r *rulebook.Requirement) string {
	if r.ID != "" {
		return r.ID
	}
	return r.Label
}

// compare lists every expectation that does not hold: its key and a
// message.
func compare(w Want, g Got) (keys, msgs []string) {
	add := func(key, msg string) {
		keys, msgs = append(keys, key), append(msgs, msg)
	}
	if w.Tier != nil && !optEq(*w.Tier, g.Tier) {
		add("tier", fmt.Sprintf("expected %s, got %s", w.Tier, optStr(g.Tier)))
	}
	if w.Status != "" && w.Status != g.Status {
		add("status", fmt.Sprintf("status: expected %s, got %s", w.Status, g.Status))
	}
	if w.NextTier != nil && !optEq(*w.NextTier, g.NextTier) {
		add("next_tier", fmt.Sprintf("next_tier: expected %s, got %s", w.NextTier, optStr(g.NextTier)))
	}
	if w.GraceUntil != nil && !optEq(*w.GraceUntil, g.GraceUntil) {
		add("grace_until", fmt.Sprintf("grace_until: expected %s, got %s", w.GraceUntil, optStr(g.GraceUntil)))
	}
	if w.GapsSet && !gapsMatch(w.Gaps, g.Gaps) {
		add("gaps", fmt.Sprintf("gaps: expected %s, got %s", gapsText(w.Gaps), gapsText(g.Gaps)))
	}
	if w.NotesSet {
		if miss := notesMissing(w.Notes, g.Notes); miss != "" {
			add("notes", miss)
		}
	}
	return keys, msgs
}

func optEq(w Opt, g *string) bool {
	if w.Null || g == nil {
		return w.Null && g == nil
	}
	return w.Value == *g
}

func optStr(s *string) string {
	if s == nil {
		return "none"
	}
	return *s
}

// gapsMatch: the same requirements, and the same short where one is
// expected (to a millionth: money is held to the cent).
func gapsMatch(want, got []GapWant) bool {
	if len(want) != len(got) {
		return false
	}
	for _, w := range want {
		i := slices.IndexFunc(got, func(g GapWant) bool { return g.ID == w.ID })
		if i < 0 {
			return false
		}
		if w.Short != nil && (got[i].Short == nil || math.Abs(*w.Short-*got[i].Short) > 1e-6) {
			return false
		}
	}
	return true
}

func gapsText(gs []GapWant) string {
	if len(gs) == 0 {
		return "none"
	}
	parts := make([]string, len(gs))
	for i, g := range gs {
		parts[i] = g.ID
		if g.Short != nil {
			parts[i] += " (short " + strconv.FormatFloat(*g.Short, 'f', -1, 64) + ")"
		}
	}
	return strings.Join(parts, ", ")
}

// notesMissing names the first expected note part no note contains, or
// the notes given when none are expected.
func notesMissing(want, got []string) string {
	if len(want) == 0 && len(got) > 0 {
		return fmt.Sprintf("notes: expected none, got %q", got)
	}
	for _, w := range want {
		if !slices.ContainsFunc(got, func(n string) bool { return strings.Contains(n, w) }) {
			return fmt.Sprintf("notes: expected a note containing %q, got %q", w, got)
		}
	}
	return ""
}
