package engine

import (
	"reflect"
	"testing"
	"unsafe"

	"github.com/tiercalc/tiercalc/pkg/rulebook"
)

// classes gives, per track of e, the share class of each tier.
func classes(e *Evaluator) [][]int {
	var out [][]int
	for _, ct := range e.tracks {
		var c []int
		for _, t := range ct.tiers {
			c = append(c, t.share)
		}
		out = append(out, c)
	}
	return out
}

// The shipped Partner Connect edition: its five tracks state Enrolled and
// Advanced alike (the same attestations, the same volume routes, worded
// the same) but each has its own competencies at Partner and Principal.
func TestShareClassesShipped(t *testing.T) {
	set, err := shipped()
	if err != nil {
		t.Fatal(err)
	}
	e := NewEvaluator(set.Get("partner-connect-2020").At(day("2022-01-01")), schema)
	got := classes(e)
	want := [][]int{{0, 1, 2, 3}, {0, 4, 2, 5}, {0, 6, 2, 7}, {0, 8, 2, 9}, {0, 10, 2, 11}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("share classes %v, want %v", got, want)
	}
	if e.shares != 12 {
		t.Fatalf("%d share classes, want 12", e.shares)
	}
}

// Tiers share a class only when their name, regions and every word of
// their gaps agree.
func TestShareClassesApart(t *testing.T) {
	base := func() *rulebook.Tier { return tier("Enrolled", attest("ethics-training"), metric("revenue_usd", 5000)) }
	renamed := tier("Registered", attest("ethics-training"), metric("revenue_usd", 5000))
	relabelled := base()
	relabelled.Requires[1].Label = "annual revenue"
	sourced := base()
	sourced.Requires[0].Source = "seed-001"
	higher := tier("Enrolled", attest("ethics-training"), metric("revenue_usd", 6000))
	regional := regionalTier("Enrolled", []string{"EMEA"}, attest("ethics-training"), metric("revenue_usd", 5000))
	p := &rulebook.Program{ID: "p", Effective: day("2020-01-01"), Edition: "e", Tracks: []*rulebook.Track{
		track("a", nil, base()), track("b", nil, base()), track("c", nil, renamed), track("d", nil, relabelled),
		track("e", nil, sourced), track("f", nil, higher), track("g", nil, regional),
	}}
	got := classes(NewEvaluator(resolve(p, "e"), schema))
	want := [][]int{{0}, {0}, {1}, {2}, {3}, {4}, {5}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("share classes %v, want %v", got, want)
	}
}

// A partner lacking the ethics training fails Enrolled on every Partner
// Connect track: the five results share one Missing slice, one notes
// slice (what Enrolled needs) and one tier name, and equal the results of a state that shares nothing (the
// heap's, one track at a time).
func TestSharedGapsPerRecord(t *testing.T) {
	set, err := shipped()
	if err != nil {
		t.Fatal(err)
	}
	at := day("2022-01-01")
	e := NewEvaluator(set.Get("partner-connect-2020").At(at), schema)
	r := rec(attests("program-fee-paid"), n("VCP-DCV", 1, "VSP", 1, "VTSP", 1, "tier_credits", 300000), holds())
	var a Arena
	got := e.EvaluateIn(r, at, nil, &a)
	if len(got) != 5 {
		t.Fatalf("%d results, want 5", len(got))
	}
	for i, res := range got {
		if len(res.Missing) != 1 || unsafe.SliceData(res.Missing) != unsafe.SliceData(got[0].Missing) {
			t.Fatalf("result %d: Missing %+v not shared with the first's", i, res.Missing)
		}
		if len(res.Notes) == 0 || unsafe.SliceData(res.Notes) != unsafe.SliceData(got[0].Notes) {
			t.Fatalf("result %d: Notes %q not shared with the first's", i, res.Notes)
		}
		if res.NextTier != got[0].NextTier {
			t.Fatalf("result %d: next tier %q is another string than the first's", i, *res.NextTier)
		}
	}
	for i, ct := range e.tracks {
		s := e.newState(r, at)
		want := Result{Partner: r.ID, Name: r.Name, Program: e.program, Edition: e.edition, Track: ct.id,
			Missing: []Gap{}, Unknown: []string{}, Notes: []string{}}
		s.track(&ct, &want)
		if !reflect.DeepEqual(got[i], want) {
			t.Fatalf("track %s: got %+v, want %+v", ct.id, got[i], want)
		}
	}
}
