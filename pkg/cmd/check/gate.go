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
// the named tier on a track that has that tier.
type gate struct {
	tier    string
	tracks  map[string]map[string]*rulebook.Track // program -> track id -> track having the tier
	tripped int
	first   []string
}

func newGate(tier string, resolved []*rulebook.Resolved) (*gate, error) {
	g := &gate{tier: tier}
	if tier == "" {
		return g, nil
	}
	g.tracks = map[string]map[string]*rulebook.Track{}
	var all []string
	for _, rv := range resolved {
		for _, t := range rv.Tracks {
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
	if g == nil || g.tracks == nil {
		return false, ""
	}
	t := g.tracks[r.Program][r.Track]
	if t == nil {
		// A partner no track applies to has one result with no track and
		// no tier: below every tier of its program.
		if r.Tier == nil && g.tracks[r.Program] != nil {
			return true, "no tier (no track applies) ranks below " + g.tier
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
	return &cmdutil.ExitError{Code: cmdutil.ExitGate, Err: fmt.Errorf("--fail-below %s: %d result(s) rank below %s: %s%s",
		g.tier, g.tripped, g.tier, strings.Join(g.first, ", "), more)}
}
