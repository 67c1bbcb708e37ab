package check

import (
	"strings"
	"testing"

	"github.com/tiercalc/tiercalc/pkg/engine"
	"github.com/tiercalc/tiercalc/pkg/rulebook"
)

// two tracks: "x" has Low < High, "y" has Low only.
func twoTracks() *rulebook.Resolved {
	return &rulebook.Resolved{Program: &rulebook.Program{ID: "prog"}, Tracks: []*rulebook.Track{
		{ID: "x", Tiers: []*rulebook.Tier{{Name: "Low"}, {Name: "High"}}},
		{ID: "y", Tiers: []*rulebook.Tier{{Name: "Low"}}},
	}}
}

func res(track, tier, status string) engine.Result {
	r := engine.Result{Partner: "P", Program: "prog", Track: track, Status: status}
	if tier != "" {
		r.Tier = &tier
	}
	return r
}

// An ineligible result ranks below every tier (the README's contract): the one result of a
// partner that no track applies to (track "") trips --fail-below, so a
// partner never escapes the gate by its profiles.
func TestGateFailsIneligible(t *testing.T) {
	g, err := newGate("High", false, false, []*rulebook.Resolved{twoTracks()})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		r    engine.Result
		trip bool
	}{
		{"at the tier", res("x", "High", engine.StatusQualified), false},
		{"below", res("x", "Low", engine.StatusQualified), true},
		{"no tier on a track with the tier", res("x", "", engine.StatusIneligible), true},
		{"incomplete ranks by its tier", res("x", "Low", engine.StatusIncomplete), true},
		{"no track applies", res("", "", engine.StatusIneligible), true},
		{"a track without the tier", res("y", "", engine.StatusIneligible), false},
		{"another program", engine.Result{Program: "other", Status: engine.StatusIneligible}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			trip, why := g.check(tc.r)
			if trip != tc.trip {
				t.Fatalf("trips %v (%q), want %v", trip, why, tc.trip)
			}
			if trip && !strings.Contains(why, "below High") {
				t.Errorf("why %q", why)
			}
		})
	}
	g.observe(res("", "", engine.StatusIneligible))
	if err := g.err(); err == nil || !strings.Contains(err.Error(), "1 result(s) rank below High: P (prog)") {
		t.Errorf("err = %v", err)
	}
}

// A gate with neither --fail-below nor --fail-on-incomplete trips on no
// result, so the run hands it none; either flag makes it observe.
func TestGateObserverOnlyWhenArmed(t *testing.T) {
	all := []engine.Result{res("x", "", engine.StatusIneligible), res("x", "Low", engine.StatusIncomplete), res("", "", engine.StatusIneligible)}
	for _, tc := range []struct {
		tier       string
		incomplete bool
		armed      bool
	}{{"", false, false}, {"High", false, true}, {"", true, true}} {
		g, err := newGate(tc.tier, tc.incomplete, false, []*rulebook.Resolved{twoTracks()})
		if err != nil {
			t.Fatal(err)
		}
		tripped := false
		for _, r := range all {
			if bad, _ := g.check(r); bad {
				tripped = true
			}
		}
		if tripped != tc.armed {
			t.Fatalf("--fail-below %q --fail-on-incomplete=%v: trips %v, want %v", tc.tier, tc.incomplete, tripped, tc.armed)
		}
		if (g.observer() != nil) != tc.armed {
			t.Fatalf("--fail-below %q --fail-on-incomplete=%v: observer set %v, want %v", tc.tier, tc.incomplete, g.observer() != nil, tc.armed)
		}
	}
}
