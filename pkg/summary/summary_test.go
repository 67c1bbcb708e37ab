package summary

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/tiercalc/tiercalc/pkg/engine"
	"github.com/tiercalc/tiercalc/pkg/rulebook"
)

func ladder(id string, tracks map[string][]string, order ...string) *rulebook.Resolved {
	rv := &rulebook.Resolved{Program: &rulebook.Program{ID: id, Name: "Program " + id}, Edition: "e1"}
	for _, t := range order {
		tr := &rulebook.Track{ID: t}
		for _, name := range tracks[t] {
			tr.Tiers = append(tr.Tiers, &rulebook.Tier{Name: name})
		}
		rv.Tracks = append(rv.Tracks, tr)
	}
	return rv
}

func result(prog, track, tier, status string, unknown []string, gaps ...engine.Gap) engine.Result {
	r := engine.Result{Program: prog, Track: track, Status: status, Missing: gaps, Unknown: unknown}
	if tier != "" {
		r.Tier = &tier
	}
	return r
}

func credential(tier, key string, short float64) engine.Gap {
	return engine.Gap{Tier: tier, Kind: "credential", Key: key, Noun: key, Short: short, Need: short + 1}
}

func TestAggregate(t *testing.T) {
	a := New([]*rulebook.Resolved{
		ladder("one", map[string][]string{"": {"Low", "Mid", "High"}}, ""),
		ladder("two", map[string][]string{"x": {"A", "B"}, "y": {"A", "B"}}, "x", "y"),
	})
	revenue := func(short float64) engine.Gap {
		return engine.Gap{Tier: "Mid", Kind: "metric", Key: "revenue_usd", Noun: "revenue", Unit: "USD", Short: short}
	}
	for _, r := range []engine.Result{
		result("one", "", "Low", "qualified", nil, credential("Mid", "VTSP", 1), revenue(8500)),
		result("one", "", "Low", "qualified", nil, credential("Mid", "VTSP", 1), revenue(6000)),
		result("one", "", "Low", "qualified", nil, credential("Mid", "VTSP", 2)),
		result("one", "", "Mid", "grace", nil, engine.Gap{Tier: "High", Kind: "attestation", Key: "ethics-training", Short: 1}),
		result("one", "", "", "incomplete", []string{"revenue_usd", "VTSP"}),
		result("one", "", "", "ineligible", []string{"revenue_usd"}),
		result("two", "y", "B", "qualified", nil),
	} {
		a.Add(&r)
	}

	s := a.Summary("2026-01-15", 3)
	if len(s.Programs) != 2 || len(s.Programs[1].Tracks) != 2 {
		t.Fatalf("programs and tracks: %+v", s.Programs)
	}
	one := s.Programs[0].Tracks[0]
	if one.Partners != 6 {
		t.Errorf("partners = %d, want 6", one.Partners)
	}
	wantTiers := Counts{{"Low", 3}, {"Mid", 1}, {"High", 0}, {"none", 2}}
	if !reflect.DeepEqual(one.Tiers, wantTiers) {
		t.Errorf("tiers = %v, want %v", one.Tiers, wantTiers)
	}
	wantStatuses := Counts{{"qualified", 3}, {"grace", 1}, {"incomplete", 1}, {"ineligible", 1}}
	if !reflect.DeepEqual(one.Statuses, wantStatuses) {
		t.Errorf("statuses = %v, want %v", one.Statuses, wantStatuses)
	}
	var groups []string
	for _, g := range one.Gaps {
		groups = append(groups, fmt.Sprintf("%d %s %s %v %s", g.Partners, g.Kind, g.Key, g.Short, g.NextTier))
	}
	// Revenue shortfalls of 8,500 and 6,000 share the bound 10,000; --top 3
	// leaves out the fourth group (ties in the order of kind, key, short).
	wantGroups := []string{
		"2 credential VTSP 1 Mid",
		"2 metric revenue_usd 10000 Mid",
		"1 attestation ethics-training 1 High",
	}
	if !reflect.DeepEqual(groups, wantGroups) {
		t.Errorf("gaps:\n%s\nwant:\n%s", strings.Join(groups, "\n"), strings.Join(wantGroups, "\n"))
	}
	if g := one.Gaps[1]; g.Kind != "metric" || g.Key != "revenue_usd" || g.Short != 10000 || g.Partners != 2 || g.NextTier != "Mid" {
		t.Errorf("revenue gap = %+v", g)
	}
	wantUnknown := []Unknown{{"revenue_usd", 2}, {"VTSP", 1}}
	if !reflect.DeepEqual(one.Unknown, wantUnknown) {
		t.Errorf("unknown = %v, want %v", one.Unknown, wantUnknown)
	}

	all := a.Summary("2026-01-15", 0).Programs[0].Tracks[0].Gaps
	if len(all) != 4 || all[3].Kind != "credential" || all[3].Short != 2 {
		t.Errorf("--top 0 gaps = %+v", all)
	}
	x, y := s.Programs[1].Tracks[0], s.Programs[1].Tracks[1]
	if x.Partners != 0 || y.Partners != 1 || y.Tiers[1] != (Count{"B", 1}) {
		t.Errorf("tracks of two: %+v %+v", x, y)
	}
	if x.Gaps == nil || x.Unknown == nil {
		t.Error("empty gaps and unknown must be [] in JSON, not null")
	}
}

func TestCountsJSONKeepsOrder(t *testing.T) {
	b, err := json.Marshal(Counts{{"Registered", 2}, {"Premier", 0}, {"none", 1}})
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != `{"Registered":2,"Premier":0,"none":1}` {
		t.Errorf("got %s", b)
	}
}

// Money groups by a bound in whole cents: exact amounts.
func TestMoneyBound(t *testing.T) {
	for _, tt := range []struct{ in, want float64 }{
		{0.01, 0.01}, {0.010000000000218279, 0.01}, {0.3, 0.5}, {0.07, 0.1}, {12.34, 20}, {8500, 10000},
	} {
		k := keyOf(&engine.Gap{Kind: "metric", Unit: "USD", Short: tt.in})
		if k.short != tt.want {
			t.Errorf("money bound(%v) = %v, want %v", tt.in, k.short, tt.want)
		}
	}
}

func TestBound(t *testing.T) {
	for _, tt := range []struct{ in, want float64 }{
		{1, 1}, {1.5, 2}, {2, 2}, {3, 5}, {5, 5}, {6, 10}, {10, 10}, {11, 20},
		{8500, 10000}, {1000, 1000}, {1e6, 1e6}, {250001, 500000}, {0.3, 0.5},
	} {
		if got := bound(tt.in); got != tt.want {
			t.Errorf("bound(%v) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

// Every result is counted, the one `ineligible` result of a partner that no
// track of a program applies to (track "") included: it is a partner of the
// program with no tier, under a track of its own after the program's.
func TestCountsIneligibleOnNoTrack(t *testing.T) {
	a := New([]*rulebook.Resolved{ladder("two", map[string][]string{"x": {"A", "B"}, "y": {"A"}}, "x", "y")})
	for _, r := range []engine.Result{
		result("two", "x", "A", engine.StatusQualified, nil),
		result("two", "", "", engine.StatusIneligible, nil),
		result("two", "", "", engine.StatusIneligible, nil),
	} {
		a.Add(&r)
	}
	s := a.Summary("2026-01-15", 0)
	if len(s.Programs) != 1 {
		t.Fatalf("programs: %+v", s.Programs)
	}
	tracks := s.Programs[0].Tracks
	if len(tracks) != 3 || tracks[2].Track != "" {
		t.Fatalf("tracks: %+v", tracks)
	}
	none := tracks[2]
	if none.Partners != 2 || count(none.Tiers, NoTier) != 2 || count(none.Statuses, engine.StatusIneligible) != 2 {
		t.Errorf("no-track counts: %+v", none)
	}
	total := 0
	for _, tr := range tracks {
		total += tr.Partners
	}
	if total != 3 {
		t.Errorf("%d results counted, want 3", total)
	}
}

func count(cs Counts, name string) int {
	for _, c := range cs {
		if c.Name == name {
			return c.N
		}
	}
	return -1
}

// A gap resting on an assumed number (its own or an alternative's) says so,
// and is not grouped with the same shortfall on a documented number.
func TestGapIllustrative(t *testing.T) {
	a := New([]*rulebook.Resolved{ladder("one", map[string][]string{"": {"Low", "Mid"}}, "")})
	assumed := credential("Mid", "VTSP", 1)
	assumed.Illustrative = true
	anyOf := engine.Gap{Tier: "Mid", Kind: "any", Label: "either", Short: 1,
		Options: []engine.Gap{credential("Mid", "VSP", 1), assumed}}
	for _, r := range []engine.Result{
		result("one", "", "Low", engine.StatusQualified, nil, assumed),
		result("one", "", "Low", engine.StatusQualified, nil, assumed),
		result("one", "", "Low", engine.StatusQualified, nil, credential("Mid", "VTSP", 1)),
		result("one", "", "Low", engine.StatusQualified, nil, anyOf),
	} {
		a.Add(&r)
	}
	// By kind, key and count, not by phrase: the wording is not this test's.
	got := map[string]bool{}
	for _, g := range a.Summary("2026-01-15", 0).Programs[0].Tracks[0].Gaps {
		got[fmt.Sprintf("%s %s %d", g.Kind, g.Key, g.Partners)] = g.Illustrative
	}
	want := map[string]bool{"credential VTSP 2": true, "credential VTSP 1": false, "any  1": true}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("gaps %v\nwant %v", got, want)
	}
}

// The results' notes are counted per track, most common first, so a
// summary says what the results say (a program had ended, why partners
// are ineligible).
func TestNotesCounted(t *testing.T) {
	a := New([]*rulebook.Resolved{ladder("one", map[string][]string{"": {"Low"}}, "")})
	for _, notes := range [][]string{{"ended"}, {"ended", "why"}, {"ended"}, nil} {
		r := result("one", "", "Low", engine.StatusQualified, nil)
		r.Notes = notes
		a.Add(&r)
	}
	got := a.Summary("2026-01-15", 0).Programs[0].Tracks[0].Notes
	want := []Note{{"ended", 3}, {"why", 1}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("notes %+v, want %+v", got, want)
	}
	if n := a.Summary("", 1).Programs[0].Tracks[0].Notes; len(n) != 1 {
		t.Errorf("--top 1: %+v", n)
	}
}
