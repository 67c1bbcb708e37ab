package check

import (
	"fmt"
	"slices"
	"strings"

	"github.com/tiercalc/tiercalc/pkg/cmdutil"
	"github.com/tiercalc/tiercalc/pkg/engine"
	"github.com/tiercalc/tiercalc/pkg/internal/suggest"
	"github.com/tiercalc/tiercalc/pkg/rulebook"
)

// gate implements --fail-below: a result trips it when its tier ranks below
// the named tier on a track that has that tier. A result on no track of its
// program (the one `ineligible` result of a partner that no track applies
// to) ranks below every tier: it trips the gate when any track of the
// program has the tier, so no partner escapes the gate by its profiles.
type gate struct {
	tier string
	// incomplete (--fail-on-incomplete) fails every undecided result;
	// ignoreIncomplete (--ignore-incomplete) leaves them out of
	// --fail-below, which otherwise ranks them by the tier they hold.
	incomplete, ignoreIncomplete bool
	tracks                       map[string]map[string]*rulebook.Track // program -> track id -> track having the tier
	known                        map[string]map[string]bool            // program -> its track ids
	tripped                      int
	first                        []string
}

func newGate(tier string, incomplete, ignoreIncomplete bool, resolved []*rulebook.Resolved) (*gate, error) {
	g := &gate{tier: tier, incomplete: incomplete, ignoreIncomplete: ignoreIncomplete}
	if tier == "" {
		return g, nil
	}
	g.tracks = map[string]map[string]*rulebook.Track{}
	g.known = map[string]map[string]bool{}
	var all []string
	for _, rv := range resolved {
		g.known[rv.Program.ID] = map[string]bool{}
		for _, t := range rv.Tracks {
			g.known[rv.Program.ID][t.ID] = true
			for _, tr := range t.Tiers {
				if !slices.Contains(all, tr.Name) {
					all = append(all, tr.Name)
				}
			}
			if t.Rank(tier) >= 0 {
				if g.tracks[rv.Program.ID] == nil {
					g.tracks[rv.Program.ID] = map[string]*rulebook.Track{}
				}
				g.tracks[rv.Program.ID][t.ID] = t
			}
		}
	}
	if len(g.tracks) == 0 {
		e := cmdutil.UsageErrorf("--fail-below %q: no selected program has a tier of that name", tier)
		if m := suggest.Closest(tier, all); m != "" {
			e.Hintf("did you mean --fail-below %s?", m)
		}
		return nil, e.Hintf("tiers of the selected programs: %s", strings.Join(all, ", "))
	}
	return g, nil
}

// check reports whether r trips the gate, and why.
func (g *gate) check(r engine.Result) (bool, string) {
	if g == nil {
		return false, ""
	}
	if r.Status == engine.StatusIncomplete {
		if g.incomplete {
			return true, "undecided: needs " + strings.Join(r.Unknown, ", ")
		}
		if g.ignoreIncomplete {
			return false, ""
		}
	}
	if g.tracks == nil {
		return false, ""
	}
	t := g.tracks[r.Program][r.Track]
	if t == nil {
		if r.Tier == nil && g.tracks[r.Program] != nil && !g.known[r.Program][r.Track] {
			return true, "no track applies, so no tier, which ranks below " + g.tier
		}
		return false, ""
	}
	held, rank := "no tier", -1
	if r.Tier != nil {
		held, rank = *r.Tier, t.Rank(*r.Tier)
	}
	if rank >= t.Rank(g.tier) {
		return false, ""
	}
	return true, fmt.Sprintf("%s ranks below %s", held, g.tier)
}

// observer is observe, or nil when no result can trip the gate (neither
// --fail-below nor --fail-on-incomplete): a run then hands the gate no
// result at all.
func (g *gate) observer() func(engine.Result) {
	if g.tier == "" && !g.incomplete {
		return nil
	}
	return g.observe
}

func (g *gate) observe(r engine.Result) {
	if bad, _ := g.check(r); bad {
		g.tripped++
		if len(g.first) < 5 {
			where := r.Program
			if r.Track != "" {
				where += "/" + r.Track
			}
			g.first = append(g.first, fmt.Sprintf("%s (%s)", r.Partner, where))
		}
	}
}

func (g *gate) err() error {
	if g.tripped == 0 {
		return nil
	}
	more := ""
	if g.tripped > len(g.first) {
		more = fmt.Sprintf(" and %d more", g.tripped-len(g.first))
	}
	what := "--fail-on-incomplete: %[2]d result(s) undecided or below %[1]s"
	switch {
	case g.tier == "":
		what = "--fail-on-incomplete: %[2]d result(s) undecided"
	case !g.incomplete:
		what = "--fail-below %[1]s: %[2]d result(s) rank below %[1]s"
	}
	return &cmdutil.ExitError{Code: cmdutil.ExitGate, Err: fmt.Errorf(what+": %[3]s%[4]s",
		g.tier, g.tripped, strings.Join(g.first, ", "), more)}
}
