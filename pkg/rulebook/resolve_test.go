package rulebook

import (
	"reflect"
	"slices"
	"testing"
	"time"
)

func day0(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestAtVPN(t *testing.T) {
	p := mustParseFile(t, "testdata/vpn.yaml")
	tests := []struct {
		asOf    string
		edition string
		keys    int // competencies in Premier's premier-competencies
	}{
		{"2001-01-01", "2009-04-14", 0}, // before the program: its base edition
		{"2009-04-14", "2009-04-14", 0},
		{"2010-06-30", "2009-04-14", 0}, // day before
		{"2010-07-01", "2010-07", 3},    // day of
		{"2010-07-02", "2010-07", 3},    // day after
		{"2030-01-01", "2010-07", 3},
	}
	for _, tc := range tests {
		r := p.At(day0(tc.asOf))
		if r.Edition != tc.edition || r.Program != p {
			t.Errorf("At(%s).Edition = %q, want %q", tc.asOf, r.Edition, tc.edition)
		}
		req := r.Track("").Tier("Premier").Requires[1]
		if req.ID != "premier-competencies" {
			t.Fatalf("At(%s): Premier requirement 1 is %q", tc.asOf, req.ID)
		}
		if got := len(req.Keys); got != tc.keys {
			t.Errorf("At(%s): premier-competencies has %d keys, want %d", tc.asOf, got, tc.keys)
		}
		if tc.keys == 3 && (req.Kind != KindCompetencySet || req.Min != 3) {
			t.Errorf("At(%s): want all 3 competencies, got %+v", tc.asOf, req)
		}
	}
	// The calendar day of asOf counts, whatever its time and zone.
	paris := time.FixedZone("CEST", 2*3600)
	if r := p.At(time.Date(2010, 7, 1, 0, 30, 0, 0, paris)); r.Edition != "2010-07" {
		t.Errorf("At(2010-07-01 00:30 +02:00).Edition = %q", r.Edition)
	}
	if r := p.At(time.Date(2010, 6, 30, 23, 59, 0, 0, time.UTC)); r.Edition != "2009-04-14" {
		t.Errorf("At(2010-06-30 23:59).Edition = %q", r.Edition)
	}
	if !p.At(day0("2010-07-01")).Effective.Equal(day0("2010-07-01")) {
		t.Errorf("Resolved.Effective is not the edition's date")
	}
}

func TestAtMulti(t *testing.T) {
	p := mustParseFile(t, "testdata/multi.yaml")
	tests := []struct {
		asOf, edition    string
		resellerRegions  []string
		cloudTiers       []string
		selectRequires   int
		pinnacleRequires int
	}{
		{"2025-05-31", "2024-02-05", nil, []string{"Registered", "Premier", "Pinnacle"}, 1, 1},
		{"2025-06-01", "registered-regions", []string{"emea"}, []string{"Registered", "Premier", "Pinnacle"}, 1, 1},
		{"2025-06-02", "registered-regions", []string{"emea"}, []string{"Registered", "Premier", "Pinnacle"}, 1, 1},
		{"2025-10-31", "registered-regions", []string{"emea"}, []string{"Registered", "Premier", "Pinnacle"}, 1, 1},
		{"2025-11-01", "2025-11-01", []string{"emea"}, []string{"Premier", "Pinnacle"}, 0, 2},
		{"2025-11-02", "2025-11-01", []string{"emea"}, []string{"Premier", "Pinnacle"}, 0, 2},
	}
	for _, tc := range tests {
		r := p.At(day0(tc.asOf))
		if r.Edition != tc.edition {
			t.Errorf("At(%s).Edition = %q, want %q", tc.asOf, r.Edition, tc.edition)
		}
		res, cp := r.Track("reseller"), r.Track("cloud-provider")
		if got := res.Tier("Registered").Regions; !slices.Equal(got, tc.resellerRegions) {
			t.Errorf("At(%s): reseller Registered regions %v, want %v", tc.asOf, got, tc.resellerRegions)
		}
		if got := tierNames(cp); !slices.Equal(got, tc.cloudTiers) {
			t.Errorf("At(%s): cloud-provider tiers %v, want %v", tc.asOf, got, tc.cloudTiers)
		}
		if got := len(res.Tier("Select").Requires); got != tc.selectRequires {
			t.Errorf("At(%s): Select has %d requirements, want %d", tc.asOf, got, tc.selectRequires)
		}
		for _, tr := range r.Tracks { // track omitted: every track with the tier
			if got := len(tr.Tier("Pinnacle").Requires); got != tc.pinnacleRequires {
				t.Errorf("At(%s): %s Pinnacle has %d requirements, want %d", tc.asOf, tr.ID, got, tc.pinnacleRequires)
			}
		}
		if cp.Rank("Pinnacle") != len(tc.cloudTiers)-1 || cp.Rank("Gold") != -1 || r.Track("nope") != nil {
			t.Errorf("At(%s): Rank/Track lookups wrong", tc.asOf)
		}
	}
}

// TestAtDoesNotMutate changes everything a resolved edition holds and checks
// the program is as parsed.
func TestAtDoesNotMutate(t *testing.T) {
	for _, f := range []string{"testdata/vpn.yaml", "testdata/multi.yaml"} {
		p, fresh := mustParseFile(t, f), mustParseFile(t, f)
		for _, d := range []string{"2000-01-01", "2010-07-01", "2025-06-01", "2030-01-01"} {
			r := p.At(day0(d))
			for _, tr := range r.Tracks {
				tr.Profiles = append(tr.Profiles, "x")
				for _, tier := range tr.Tiers {
					tier.Name += "!"
					tier.Regions = append(tier.Regions, "x")
					var all []*Requirement
					walk(tier.Requires, func(q *Requirement) { all = append(all, q) })
					for _, q := range all {
						q.Min++
						for i := range q.Keys {
							q.Keys[i] += "!"
						}
						q.Items = append(q.Items, &Requirement{})
					}
					tier.Requires = append(tier.Requires, &Requirement{})
				}
				tr.Tiers = tr.Tiers[:0]
			}
		}
		if !reflect.DeepEqual(p, fresh) {
			t.Errorf("%s: At mutated the program", f)
		}
		if a, b := p.At(day0("2030-01-01")), fresh.At(day0("2030-01-01")); !reflect.DeepEqual(a.Tracks, b.Tracks) {
			t.Errorf("%s: resolving again gives a different result", f)
		}
	}
}

func TestEditionList(t *testing.T) {
	p := mustParseFile(t, "testdata/multi.yaml")
	var got []string
	for _, e := range p.EditionList() {
		got = append(got, e.ID+"@"+e.Effective.Format(time.DateOnly))
	}
	want := []string{"2024-02-05@2024-02-05", "registered-regions@2025-06-01", "2025-11-01@2025-11-01"}
	if !slices.Equal(got, want) {
		t.Errorf("EditionList = %v, want %v", got, want)
	}
}

// Editions that take a tier away record it in the resolved track, with
// the regions it was taken from and the day it is held to; a drop takes
// its requirements out of the without: lists above it.
func TestRetired(t *testing.T) {
	bc := shippedSet(t).Get("broadcom-advantage-2024")
	if r := bc.At(day0("2025-05-31")).Track("reseller").Retired; len(r) != 0 {
		t.Errorf("2025-05-31: retired %+v", r)
	}
	res := bc.At(day0("2025-06-01")).Track("reseller")
	if len(res.Retired) != 1 {
		t.Fatalf("2025-06-01: %d retired", len(res.Retired))
	}
	r := res.Retired[0]
	if r.Tier.Name != "Registered" || r.Dropped || !slices.Equal(r.Taken, []string{"americas", "apj"}) ||
		!slices.Equal(r.Kept, []string{"emea"}) || r.HeldUntil != day0("2025-07-31") || r.Edition.ID != "2025-06-01" || len(r.Below) != 0 {
		t.Errorf("reseller retirement %+v", r)
	}
	cloud := bc.At(day0("2025-11-01")).Track("cloud-provider")
	if len(cloud.Retired) != 1 || !cloud.Retired[0].Dropped || !cloud.Retired[0].HeldUntil.IsZero() || cloud.Tier("Registered") != nil {
		t.Fatalf("cloud retirement %+v", cloud.Retired)
	}
	if w := cloud.Tier("Premier").Without; w != nil {
		t.Errorf("Premier still leaves out %v after Registered was dropped", w)
	}
	if w := bc.At(day0("2025-10-31")).Track("cloud-provider").Tier("Premier").Without; !slices.Equal(w, []string{"cloud-white-label"}) {
		t.Errorf("Premier leaves out %v before the drop", w)
	}
	// The program itself is untouched.
	if bc.Tracks[1].Retired != nil || len(bc.Tracks[1].Tiers) != 3 {
		t.Error("At modified the program")
	}
}

func TestEffective(t *testing.T) {
	pc := shippedSet(t).Get("partner-connect-2020").At(day0("2021-01-01")).Track("data-center-virtualization")
	var ids []string
	for _, r := range pc.Effective(pc.Rank("Principal")) {
		ids = append(ids, r.ID)
	}
	want := []string{"dcv-ethics", "dcv-fee", "dcv-solution", "dcv-msc", "dcv-principal-tier-credits"}
	if len(ids) != len(want) || ids[len(ids)-2] != "dcv-msc" || slices.Contains(ids, "dcv-advanced-volume") {
		t.Errorf("Principal's effective set %v, want like %v", ids, want)
	}
	if n := len(pc.Effective(pc.Rank("Advanced"))); n != len(want)-1 {
		t.Errorf("Advanced's effective set has %d requirements", n)
	}
}
