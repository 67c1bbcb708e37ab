package engine_test

import (
	"io"
	"os"
	"reflect"
	"testing"
	"time"

	"github.com/tiercalc/tiercalc/pkg/engine"
	"github.com/tiercalc/tiercalc/pkg/partner"
	"github.com/tiercalc/tiercalc/pkg/rulebook"
	"github.com/tiercalc/tiercalc/rules"
)

// TestExplainAgreesWithEvaluate holds the why walker to check's: for every
// sample partner, shipped program and track, at dates that exercise grace,
// editions and region rules, Explain's tier, qualified tier, status, next
// tier and grace end are Evaluate's.
func TestExplainAgreesWithEvaluate(t *testing.T) {
	set, err := rulebook.LoadFSAs(rules.FS, "rules")
	if err != nil {
		t.Fatal(err)
	}
	recs := samplePartners(t, set.Schema())
	dates := []string{"2009-06-01", "2010-08-01", "2020-03-01", "2024-06-01", "2025-07-01", "2026-12-01"}
	n := 0
	for _, p := range set.Programs() {
		for _, d := range dates {
			asOf, _ := time.Parse(time.DateOnly, d)
			ev := engine.NewEvaluator(p.At(asOf), set.Schema())
			for _, rec := range recs {
				results := ev.Evaluate(rec, asOf, nil)
				xs := ev.Explain(rec, asOf, "")
				if len(xs) != len(results) {
					t.Fatalf("%s %s %s: %d explanations, %d results", p.ID, d, rec.ID, len(xs), len(results))
				}
				for i, r := range results {
					x := xs[i]
					got := []any{x.Track, x.Tier, x.QualifiedTier, x.Status, x.NextTier, x.GraceUntil}
					want := []any{r.Track, r.Tier, r.QualifiedTier, r.Status, r.NextTier, r.GraceUntil}
					if !reflect.DeepEqual(got, want) {
						t.Errorf("%s %s %s/%s: explain %v, check %v", p.ID, d, rec.ID, r.Track, show(got), show(want))
					}
					n++
				}
			}
		}
	}
	if n < 1000 {
		t.Fatalf("only %d results compared", n)
	}
}

func show(v []any) []string {
	out := make([]string, len(v))
	for i, x := range v {
		switch y := x.(type) {
		case *string:
			if y == nil {
				out[i] = "null"
			} else {
				out[i] = *y
			}
		case string:
			out[i] = y
		}
	}
	return out
}

func samplePartners(t *testing.T, s *partner.Schema) []*partner.Record {
	t.Helper()
	f, err := os.Open("../../testdata/partners.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	csv, _ := partner.FormatByName("csv")
	r, err := partner.NewReader(f, "partners.csv", csv, s, partner.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var out []*partner.Record
	for {
		rec, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, rec)
	}
	return out
}

// TestEvaluateToNextTier: gaps towards the next tier are check's gaps.
func TestEvaluateToNextTier(t *testing.T) {
	set, err := rulebook.LoadFSAs(rules.FS, "rules")
	if err != nil {
		t.Fatal(err)
	}
	asOf, _ := time.Parse(time.DateOnly, "2026-12-01")
	for _, p := range set.Programs() {
		ev := engine.NewEvaluator(p.At(asOf), set.Schema())
		for _, rec := range samplePartners(t, set.Schema()) {
			for _, r := range ev.Evaluate(rec, asOf, nil) {
				if r.NextTier == nil {
					continue
				}
				for _, to := range ev.EvaluateTo(rec, asOf, *r.NextTier, nil) {
					if to.Track != r.Track {
						continue
					}
					if !reflect.DeepEqual(to.Missing, r.Missing) || !reflect.DeepEqual(to.Unknown, r.Unknown) {
						t.Errorf("%s %s/%s: --to %s gives %v {%v}, check %v {%v}", p.ID, rec.ID, r.Track, *r.NextTier,
							to.Missing, to.Unknown, r.Missing, r.Unknown)
					}
				}
			}
		}
	}
}
