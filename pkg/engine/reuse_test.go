package engine

import (
	"reflect"
	"strings"
	"testing"

	"github.com/tiercalc/tiercalc/pkg/partner"
	"github.com/tiercalc/tiercalc/pkg/rulebook"
)

// Results written into a reused slice, over whatever results of other
// partners, programs and tracks its slots held, by three evaluators
// sharing one arena (and its state) record after record, equal results
// evaluated alone: a guard for work that reuses what an earlier record
// left in a slot or in the state.
func TestEvaluateIntoReusedSlots(t *testing.T) {
	set, recs := shippedPopulation(t, 400, 7)
	// current_tier spellings: case-folded, unknown to a program, and the
	// same spelling in a new string; and partners of unknown country.
	spellings := []string{"premier", "PARTNER", "Registered", "Select", "Principal", "enterprise"}
	for i, r := range recs {
		switch i % 5 {
		case 1:
			r.CurrentTier = spellings[i%len(spellings)]
		case 2:
			r.CurrentTier = strings.Clone(r.CurrentTier)
		case 3:
			r.Country = ""
		}
	}
	// Days with grace (vpn-2009's first months) and a retired tier held
	// to a date (broadcom-advantage-2024's Registered, mid 2025).
	graced := 0
	for _, at := range []string{"2009-06-01", "2021-06-01", "2025-07-01"} {
		asOf := day(at)
		// evs share the arena's state; alone are compiled apart and
		// evaluate on the heap, each record on a state of its own.
		var evs, alone []*Evaluator
		for _, id := range []string{"vpn-2009", "partner-connect-2020", "broadcom-advantage-2024"} {
			if rv := set.Get(id).At(asOf); rv != nil {
				evs = append(evs, NewEvaluator(rv, schema))
				alone = append(alone, NewEvaluator(rv, schema))
			}
		}
		var a Arena
		var dst []Result
		// Fill the slots with the results of the records in reverse, so
		// that each slot holds another partner's, program's or track's.
		for i := len(recs) - 1; i >= 0; i-- {
			for _, ev := range evs {
				dst = ev.EvaluateIn(recs[i], asOf, dst, &a)
			}
		}
		dst = dst[:0]
		a.Reset()
		var want []Result
		for _, r := range recs {
			for k, ev := range evs {
				dst = ev.EvaluateIn(r, asOf, dst, &a)
				want = append(want, alone[k].Evaluate(r, asOf, nil)...)
			}
		}
		if len(dst) != len(want) {
			t.Fatalf("%s: %d results, want %d", at, len(dst), len(want))
		}
		for i := range want {
			if !reflect.DeepEqual(dst[i], want[i]) {
				t.Fatalf("%s: result %d: got %+v, want %+v", at, i, dst[i], want[i])
			}
			if want[i].Status == StatusGrace {
				graced++
			}
		}
	}
	if graced == 0 {
		t.Fatal("no result in grace: the sample tests less than it should")
	}
}

// One state evaluating at several dates in turn (an arena's, kept from
// record to record) gives each date's grace: the day it keeps is the
// latest date's, and a current tier is looked at up to the last day of the
// last window of its track, a grace window or a held retirement.
func TestGraceDatesInOneState(t *testing.T) {
	vpn := NewEvaluator(resolve(vpnProgram(), "2009-04-14"), schema)
	registered := rec(n("VTSP", 0, "VSP", 0, "revenue_usd", 0), holds(), current("Premier"))
	p := bapProgram()
	p.Editions = []*rulebook.Edition{{ID: "e2", Label: "no more Registered", Effective: day("2025-01-01"),
		Changes: []*rulebook.Change{{Track: ptr("cloud-provider"), Tier: "Registered", DropTier: true, HeldUntil: day("2025-03-31")}}}}
	bap := NewEvaluator(p.At(day("2025-01-01")), schema)
	cloud := rec(profiles("cloud-provider"), country("DE"), current("Registered"), n("cores", 0))
	var a Arena
	for _, tc := range []struct {
		ev   *Evaluator
		r    *partner.Record
		asOf string
		want string // status grace_until
	}{
		{vpn, registered, "2010-01-14", "grace 2010-01-14"},
		{vpn, registered, "2010-01-15", "qualified -"},
		{bap, cloud, "2025-03-31", "grace 2025-03-31"},
		{vpn, registered, "2010-01-14", "grace 2010-01-14"},
		{bap, cloud, "2025-04-01", "ineligible -"},
		{bap, cloud, "2025-03-31", "grace 2025-03-31"},
		{vpn, registered, "2012-01-01", "qualified -"},
	} {
		r := tc.ev.EvaluateIn(tc.r, day(tc.asOf), nil, &a)[0]
		if got := r.Status + " " + str(r.GraceUntil); got != tc.want {
			t.Errorf("%s on %s: got %s, want %s", tc.ev.program, tc.asOf, got, tc.want)
		}
	}
}
