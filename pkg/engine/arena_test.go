package engine

import (
	"reflect"
	"testing"

	"github.com/tiercalc/tiercalc/pkg/partner"
)

// arenaSample is population(size) with, every 50 records, a partner short of
// every alternative of an any-group (population has none).
func arenaSample(size int) []*partner.Record {
	recs := population(size)
	for i := 0; i < size; i += 50 {
		recs[i] = rec(n("VCP-DCV", 1, "VSP", 1, "VTSP", 1, "tier_credits", 10, "cloud_points", 0, "deployments", 1),
			holds(), attests("ethics-training", "program-fee-paid"), profiles("reseller"))
	}
	return recs
}

// EvaluateIn gives the results Evaluate gives, batch after batch of one
// reused arena, and its slices cannot overwrite each other by appending.
func TestEvaluateInMatchesEvaluate(t *testing.T) {
	recs := arenaSample(3000)
	evs := []*Evaluator{NewEvaluator(resolve(vpnProgram(), "e"), schema), NewEvaluator(resolve(pcProgram(), "e"), schema),
		NewEvaluator(resolve(bapProgram(), "e"), schema)}
	at := day("2009-12-01")
	var a Arena
	var got []Result
	for start := 0; start < len(recs); start += 500 { // batches of 500
		a.Reset()
		got = got[:0]
		var want []Result
		for _, r := range recs[start : start+500] {
			for _, ev := range evs {
				got = ev.EvaluateIn(r, at, got, &a)
				want = ev.Evaluate(r, at, want)
			}
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("batch at %d: EvaluateIn differs from Evaluate", start)
		}
	}
	// Appending to one result's Missing must not change the next one's.
	for i := 0; i+1 < len(got); i++ {
		if len(got[i].Missing) == 0 || len(got[i+1].Missing) == 0 {
			continue
		}
		next := got[i+1].Missing[0]
		_ = append(got[i].Missing, Gap{Key: "appended"})
		if !reflect.DeepEqual(got[i+1].Missing[0], next) {
			t.Fatal("appending to a Missing slice overwrote its neighbour")
		}
		return
	}
	t.Fatal("no two neighbouring results with gaps")
}

// After warming up, EvaluateIn allocates nothing per partner, any-group
// gaps included.
func TestEvaluateInAllocatesNothing(t *testing.T) {
	recs := arenaSample(256)
	evs := []*Evaluator{NewEvaluator(resolve(vpnProgram(), "e"), schema), NewEvaluator(resolve(pcProgram(), "e"), schema),
		NewEvaluator(resolve(bapProgram(), "e"), schema)}
	at := day("2009-12-01")
	var a Arena
	dst := make([]Result, 0, 8*len(recs))
	batch := func() {
		a.Reset()
		dst = dst[:0]
		for _, r := range recs {
			for _, ev := range evs {
				dst = ev.EvaluateIn(r, at, dst, &a)
			}
		}
	}
	batch()
	anyGaps := 0
	for _, r := range dst {
		for _, g := range r.Missing {
			if g.Kind == kindAny {
				anyGaps++
			}
		}
	}
	if anyGaps == 0 {
		t.Fatal("no any-group gap in the sample: the test would not cover them")
	}
	if n := testing.AllocsPerRun(5, batch); n > 0 {
		t.Errorf("%v allocations a batch of %d partners, want 0", n, len(recs))
	}
}
