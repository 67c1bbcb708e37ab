package engine

import (
	"slices"
	"testing"
	"time"

	"github.com/tiercalc/tiercalc/pkg/partner"
	"github.com/tiercalc/tiercalc/pkg/rulebook"
	"github.com/tiercalc/tiercalc/rules"
)

// shipped is every edition of every shipped rulebook, compiled, with the
// day it came into force.
type shippedEdition struct {
	ev   *Evaluator
	rv   *rulebook.Resolved
	asOf time.Time
}

func shippedEditions(t testing.TB) ([]shippedEdition, *partner.Schema) {
	set, err := rulebook.LoadFSAs(rules.FS, "rules")
	if err != nil {
		t.Fatal(err)
	}
	s := set.Schema()
	var out []shippedEdition
	for _, p := range set.Programs() {
		days := []time.Time{p.Effective}
		for _, e := range p.EditionList() {
			if !e.Effective.IsZero() {
				days = append(days, e.Effective)
			}
		}
		for _, d := range days {
			rv := p.At(d)
			out = append(out, shippedEdition{NewEvaluator(rv, s), rv, d})
		}
	}
	return out, s
}

// bytesSource hands out the fuzzer's bytes, then zeros.
type bytesSource []byte

func (b *bytesSource) next() int {
	if len(*b) == 0 {
		return 0
	}
	c := (*b)[0]
	*b = (*b)[1:]
	return int(c)
}

var countries = []string{"", "FR", "US", "DE", "JP", "BR", "IN", "CN", "RU", "AU", "ZA", "GB", "SG"}

// fuzzRecord builds a record from the fuzzer's bytes: some profiles, a
// country, competencies and attestations of the schema, numbers (some
// unknown) in every slot.
func fuzzRecord(s *partner.Schema, src *bytesSource) *partner.Record {
	r := s.NewRecord()
	r.ID, r.Name = "F1", "Fuzz"
	r.Country = countries[src.next()%len(countries)]
	pick := func(all []string) []string {
		var out []string
		mask := src.next() | src.next()<<8
		for i, v := range all {
			if mask>>(i%16)&1 == 1 {
				out = append(out, v)
			}
		}
		return out
	}
	r.Profiles = pick(partner.Profiles)
	r.Competencies = pick(s.Competencies())
	r.Attestations = pick(s.AttestationIDs())
	for i := range r.Nums {
		switch v := src.next(); {
		case v < 16:
			// unknown
		case v < 128:
			r.Nums[i] = float64(v % 12)
		default:
			r.Nums[i] = float64(v) * float64(1+src.next()) * 100
		}
	}
	return r
}

// improve returns a copy of r with one thing more: a credential or metric
// raised, or a competency or attestation added.
func improve(s *partner.Schema, r *partner.Record, src *bytesSource) (*partner.Record, string) {
	c := *r
	c.Nums = slices.Clone(r.Nums)
	c.Competencies = slices.Clone(r.Competencies)
	c.Attestations = slices.Clone(r.Attestations)
	switch src.next() % 3 {
	case 0:
		i := src.next() % len(c.Nums)
		if partner.IsUnknown(c.Nums[i]) {
			return &c, ""
		}
		c.Nums[i] += float64(1 + src.next()*src.next())
		return &c, "raise " + s.NumFields()[i]
	case 1:
		all := s.Competencies()
		id := all[src.next()%len(all)]
		if !slices.Contains(c.Competencies, id) {
			c.Competencies = append(c.Competencies, id)
		}
		return &c, "add competency " + id
	default:
		all := s.AttestationIDs()
		id := all[src.next()%len(all)]
		if !slices.Contains(c.Attestations, id) {
			c.Attestations = append(c.Attestations, id)
		}
		return &c, "add attestation " + id
	}
}

// rank is a qualified tier's place in its track (-1: none).
func rank(rv *rulebook.Resolved, res *Result) int {
	if res.QualifiedTier == nil {
		return -1
	}
	for _, tr := range rv.Tracks {
		if tr.ID != res.Track {
			continue
		}
		for i, t := range tr.Tiers {
			if t.Name == *res.QualifiedTier {
				return i
			}
		}
	}
	return -2
}

// Having more (a credential, a competency, an attestation, a higher
// metric) never lowers a qualified tier, on any edition of the shipped
// rulebooks.
func FuzzMonotoneTiers(f *testing.F) {
	eds, s := shippedEditions(f)
	f.Add([]byte{})
	f.Add([]byte{1, 255, 255, 255, 255, 255, 255, 200, 100, 50, 20, 0, 1, 2, 3, 4})
	f.Add([]byte{3, 1, 0, 0, 0, 255, 0, 130, 140, 150, 20, 30, 40, 200, 1, 0, 7})
	f.Add([]byte{0, 2, 0, 8, 0, 0, 255, 255, 15, 16, 17, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 2, 5, 9})
	f.Fuzz(func(t *testing.T, data []byte) {
		src := bytesSource(data)
		before := fuzzRecord(s, &src)
		after, what := improve(s, before, &src)
		for _, ed := range eds {
			a := ed.ev.Evaluate(before, ed.asOf, nil)
			b := ed.ev.Evaluate(after, ed.asOf, nil)
			if len(a) != len(b) {
				t.Fatalf("%s: %d results, then %d after %s", ed.rv.Program.ID, len(a), len(b), what)
			}
			for i := range a {
				ra, rb := rank(ed.rv, &a[i]), rank(ed.rv, &b[i])
				if ra == -2 || rb == -2 {
					t.Fatalf("%s/%s: a qualified tier outside its track", a[i].Program, a[i].Track)
				}
				if rb < ra {
					t.Fatalf("%s %s/%s: %s lowers the qualified tier from %v to %v\nrecord %+v", a[i].Program, a[i].Edition, a[i].Track, what, *a[i].QualifiedTier, b[i].QualifiedTier, *before)
				}
			}
		}
	})
}
