package engine

import (
	"reflect"
	"strings"
	"testing"
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
