package suite

import (
	"fmt"
	"slices"
	"strings"

	"github.com/tiercalc/tiercalc/pkg/engine"
	"github.com/tiercalc/tiercalc/pkg/rulebook"
)

// Coverage of requirements, not lines: for every edition of every program
// a test ran, each goal below is either seen by some test or not.
//
//   - every requirement, at any depth (members of any:, all: and derived
//     competencies too): seen met and seen unmet;
//   - every alternative of an any-of group, and every competency of an
//     N-of-set: seen deciding (the group met with that alternative the only
//     one met; the set met with exactly its minimum, that competency
//     counted);
//   - every rule with regions: seen applying and seen not applying (a
//     requirement), seen existing and seen absent (a tier);
//   - every tier: seen as a test's result; every edition: seen evaluated.
//
// A test observes only the program, edition and track it names.
type Coverage struct {
	programs []*rulebook.Program
	seen     map[goalKey]bool
}

// Goal is one thing a test should see.
type Goal struct {
	Program, Edition, Track, Tier string
	Pos                           rulebook.Pos // where the rule is written
	What                          string       // "requirement premier-vtsp", "tier Premier", "edition 2010-08"
	Need                          string       // met, unmet, deciding, applying, not applying, existing, absent, a result, evaluated
	Covered                       bool
}

type goalKey struct {
	program, edition, track, tier, path, need string
}

// NewCoverage returns an empty record.
func NewCoverage() *Coverage { return &Coverage{seen: map[goalKey]bool{}} }

// Needs (what a goal asks a test to see).
const (
	needMet        = "met"
	needUnmet      = "unmet"
	needDeciding   = "deciding"
	needApplying   = "applying"
	needNotApplies = "not applying"
	needExisting   = "existing"
	needAbsent     = "absent"
	needResult     = "a result"
	needEvaluated  = "evaluated"
)

// scope is where a goal sits.
type scope struct {
	program, edition, track, tier string
}

func (s scope) key(path, need string) goalKey {
	return goalKey{s.program, s.edition, s.track, s.tier, path, need}
}

func (c *Coverage) mark(k goalKey) {
	c.seen[k] = true
}

// observe records what one test saw: its full explanation on track tr of
// edition rv, and the tier it got.
func (c *Coverage) observe(rv *rulebook.Resolved, tr *rulebook.Track, x *engine.Explanation, tier *string) {
	if !slices.Contains(c.programs, rv.Program) {
		c.programs = append(c.programs, rv.Program)
	}
	sc := scope{program: rv.Program.ID, edition: rv.Edition}
	c.mark(sc.key("", needEvaluated))
	sc.track = tr.ID
	for i, te := range x.Tiers {
		if i >= len(tr.Tiers) {
			break
		}
		t := tr.Tiers[i]
		sc.tier = t.Name
		switch te.Verdict {
		case engine.VerdictAbsent:
			c.mark(sc.key("", needAbsent))
		case engine.VerdictMet, engine.VerdictUnmet:
			c.mark(sc.key("", needExisting))
		}
		if tier != nil && *tier == t.Name {
			c.mark(sc.key("", needResult))
		}
		if len(te.Requirements) != len(t.Requires) {
			continue
		}
		for k, r := range t.Requires {
			c.observeReq(sc, r, &te.Requirements[k], reqPath(r, ""))
		}
	}
}

// reqPath names a requirement within its tier: its position, and under a
// group the member's index.
func reqPath(r *rulebook.Requirement, parent string) string {
	return parent + "/" + r.Pos.String()
}

func (c *Coverage) observeReq(sc scope, r *rulebook.Requirement, e *engine.Explained, path string) {
	if !e.Applies {
		c.mark(sc.key(path, needNotApplies))
		return
	}
	if len(r.Regions) > 0 {
		c.mark(sc.key(path, needApplying))
	}
	switch e.Verdict {
	case engine.VerdictMet:
		c.mark(sc.key(path, needMet))
	case engine.VerdictUnmet:
		c.mark(sc.key(path, needUnmet))
	}
	switch {
	case r.Kind == rulebook.KindCompetencySet:
		if e.Verdict == engine.VerdictMet && float64(len(e.Counted)) == r.Min {
			for _, k := range e.Counted {
				c.mark(sc.key(path+"#"+k, needDeciding))
			}
		}
	case r.Derived != nil && r.Derived.Requires != nil && len(e.Items) == 1:
		c.observeReq(sc, r.Derived.Requires, &e.Items[0], reqPath(r.Derived.Requires, path))
	case len(r.Items) > 0 && len(r.Items) == len(e.Items):
		metCount, last := 0, -1
		for i := range e.Items {
			if e.Items[i].Verdict == engine.VerdictMet && e.Items[i].Applies {
				metCount, last = metCount+1, i
			}
		}
		for i, it := range r.Items {
			p := reqPath(it, path)
			if r.Kind == rulebook.KindAny && e.Verdict == engine.VerdictMet && metCount == 1 && i == last {
				c.mark(sc.key(p, needDeciding))
			}
			c.observeReq(sc, it, &e.Items[i], p)
		}
	}
}

// Goals lists every goal of the programs observed, in rulebook order, each
// marked covered or not.
func (c *Coverage) Goals() []Goal {
	var out []Goal
	for _, p := range c.programs {
		for _, ed := range p.EditionList() {
			rv := p.At(ed.Effective)
			sc := scope{program: p.ID, edition: rv.Edition}
			out = append(out, c.goal(sc, ed.Pos, "edition "+rv.Edition, "", needEvaluated))
			for _, tr := range rv.Tracks {
				sc.track = tr.ID
				for _, t := range tr.Tiers {
					sc.tier = t.Name
					out = append(out, c.goal(sc, t.Pos, "tier "+t.Name, "", needResult))
					if len(t.Regions) > 0 {
						out = append(out, c.goal(sc, t.Pos, "tier "+t.Name+" (regions "+strings.Join(t.Regions, ", ")+")", "", needExisting),
							c.goal(sc, t.Pos, "tier "+t.Name+" (regions "+strings.Join(t.Regions, ", ")+")", "", needAbsent))
					}
					for _, r := range t.Requires {
						out = c.reqGoals(out, sc, r, reqPath(r, ""))
					}
				}
			}
		}
	}
	return out
}

func (c *Coverage) reqGoals(out []Goal, sc scope, r *rulebook.Requirement, path string) []Goal {
	what := "requirement " + reqName(r)
	out = append(out, c.goal(sc, r.Pos, what, path, needMet), c.goal(sc, r.Pos, what, path, needUnmet))
	if len(r.Regions) > 0 {
		what := what + " (regions " + strings.Join(r.Regions, ", ") + ")"
		out = append(out, c.goal(sc, r.Pos, what, path, needApplying), c.goal(sc, r.Pos, what, path, needNotApplies))
	}
	switch {
	case r.Kind == rulebook.KindCompetencySet:
		for _, k := range r.Keys {
			out = append(out, c.goal(sc, r.Pos, what+": competency "+k, path+"#"+k, needDeciding))
		}
	case r.Derived != nil && r.Derived.Requires != nil:
		out = c.reqGoals(out, sc, r.Derived.Requires, reqPath(r.Derived.Requires, path))
	default:
		for _, it := range r.Items {
			p := reqPath(it, path)
			if r.Kind == rulebook.KindAny {
				out = append(out, c.goal(sc, it.Pos, what+": alternative "+reqName(it), p, needDeciding))
			}
			out = c.reqGoals(out, sc, it, p)
		}
	}
	return out
}

func (c *Coverage) goal(sc scope, pos rulebook.Pos, what, path, need string) Goal {
	return Goal{Program: sc.program, Edition: sc.edition, Track: sc.track, Tier: sc.tier, Pos: pos, What: what, Need: need,
		Covered: c.seen[sc.key(path, need)]}
}

// Percent is the share of goals covered, 100 when there are none.
func Percent(goals []Goal) float64 {
	if len(goals) == 0 {
		return 100
	}
	n := 0
	for _, g := range goals {
		if g.Covered {
			n++
		}
	}
	return 100 * float64(n) / float64(len(goals))
}

// phrases say what a goal still needs.
var phrases = map[string]string{
	needMet: "never seen met", needUnmet: "never seen unmet", needDeciding: "never seen deciding",
	needApplying: "never seen applying", needNotApplies: "never seen not applying (outside its regions)",
	needExisting: "never seen existing (in its regions)", needAbsent: "never seen absent (outside its regions)",
	needResult: "never a case's result", needEvaluated: "no case evaluated on it",
}

// Text is what the goal still needs, without its position:
// "vpn-2009 edition 2010-08: tier Premier, requirement premier-vtsp: never seen met".
func (g Goal) Text() string {
	where := g.Program + " edition " + g.Edition
	if g.Track != "" {
		where += " track " + g.Track
	}
	if g.Need == needEvaluated {
		return where + ": " + phrases[g.Need]
	}
	what := g.What
	if g.Tier != "" && !strings.HasPrefix(what, "tier ") {
		what = "tier " + g.Tier + ", " + what
	}
	return where + ": " + what + ": " + phrases[g.Need]
}

// String is the goal as --coverage lists it: file:line, then Text.
func (g Goal) String() string {
	return fmt.Sprintf("%s: %s", rulebook.Pos{File: g.Pos.File, Line: g.Pos.Line}, g.Text())
}
