package rulebook

import (
	"errors"
	"testing"
	"time"

	"github.com/tiercalc/tiercalc/pkg/partner"
)

// FuzzParse feeds arbitrary bytes to Parse. Whatever the input: no panic,
// an error is Problems naming the file, and a program that parses is valid,
// binds to its own schema, resolves at any date and diffs with itself to
// nothing. The seed corpus is in
// testdata/fuzz/FuzzParse.
func FuzzParse(f *testing.F) {
	f.Add([]byte(head + "tiers: [{name: A, requires: [{credential: VTSP, min: 1, label: x, source: s}]}]\n"))
	f.Add([]byte("a: &a [x, x]\nb: [*a, *a]\n"))
	f.Add([]byte(head + `tiers:
  - {name: A, requires: [{id: a, credential: VTSP, min: 1, label: x, source: s}]}
  - {name: B, without: [a], requires: [{competency: b, label: x, source: s}]}
editions:
  - {effective: 2021-01-01, changes: [{tier: A, regions: [emea], held_until: 2021-03-31}]}
  - {effective: 2022-01-01, changes: [{tier: A, drop: true, held_until: 2022-01-31}]}
`))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := Parse("f.yaml", data)
		if err != nil {
			var ps Problems
			if !errors.As(err, &ps) || len(ps) == 0 {
				t.Fatalf("error is not Problems: %v", err)
			}
			for _, pr := range ps {
				if pr.Pos.File != "f.yaml" || pr.Msg == "" || pr.Pos.Line < 0 {
					t.Fatalf("bad problem %+v", pr)
				}
			}
			return
		}
		if ps := p.Validate(); len(ps) > 0 {
			t.Fatalf("Validate after a clean Parse: %v", ps)
		}
		if err := p.CheckSchema(partner.NewSchema(p.Vocab())); err != nil {
			t.Fatalf("CheckSchema against its own schema: %v", err)
		}
		dates := []time.Time{{}, p.Effective, p.Effective.AddDate(100, 0, 0)}
		for _, e := range p.Editions {
			dates = append(dates, e.Effective.AddDate(0, 0, -1), e.Effective)
		}
		for _, d := range dates {
			r := p.At(d)
			if r == nil || len(r.Tracks) != len(p.Tracks) {
				t.Fatalf("At(%v) lost tracks", d)
			}
			// An edition differs from itself in nothing.
			if ds := Diff(r, r); len(ds) > 0 {
				t.Fatalf("Diff of At(%v) with itself: %+v", d, ds)
			}
		}
		_ = p.EditionList()
	})
}
