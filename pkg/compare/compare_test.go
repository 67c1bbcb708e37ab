package compare

import (
	"reflect"
	"testing"

	"github.com/tiercalc/tiercalc/pkg/engine"
	"github.com/tiercalc/tiercalc/pkg/rulebook"
)

func ladder(id string, pred *rulebook.Mapping, tracks map[string][]string, order ...string) *rulebook.Resolved {
	rv := &rulebook.Resolved{Program: &rulebook.Program{ID: id, Predecessor: pred}}
	for _, tid := range order {
		t := &rulebook.Track{ID: tid}
		for _, n := range tracks[tid] {
			t.Tiers = append(t.Tiers, &rulebook.Tier{Name: n})
		}
		rv.Tracks = append(rv.Tracks, t)
	}
	return rv
}

func res(partner, program, track, tier string) engine.Result {
	r := engine.Result{Partner: partner, Program: program, Track: track, Status: engine.StatusQualified}
	if tier != "" {
		t := tier
		r.Tier = &t
	} else {
		r.Status = engine.StatusIneligible
	}
	return r
}

func TestMovesAndTransitions(t *testing.T) {
	old := ladder("old", nil, map[string][]string{"": {"Registered", "Professional", "Enterprise", "Premier"}}, "")
	mid := ladder("mid", &rulebook.Mapping{Program: "old", Tiers: []*rulebook.TierMap{
		{From: "Professional", To: "Partner"}, {From: "Enterprise", To: "Advanced"}, {From: "Premier", To: "Principal"},
	}}, map[string][]string{"a": {"Enrolled", "Partner", "Advanced", "Principal"}, "b": {"Enrolled", "Partner", "Advanced", "Principal"}}, "a", "b")
	c := New([]Column{{Key: "old", RV: old}, {Key: "mid", RV: mid}})

	tests := []struct {
		name    string
		results []engine.Result
		track   string
		move    string
	}{
		{"premier falls to partner", []engine.Result{res("P1", "old", "", "Premier"), res("P1", "mid", "a", "Partner"), res("P1", "mid", "b", "Enrolled")}, "a", MoveDown},
		{"enterprise to advanced on best track", []engine.Result{res("P2", "old", "", "Enterprise"), res("P2", "mid", "a", "Partner"), res("P2", "mid", "b", "Advanced")}, "b", MoveSame},
		{"professional rises", []engine.Result{res("P3", "old", "", "Professional"), res("P3", "mid", "a", "Principal"), res("P3", "mid", "b", "Principal")}, "a", MoveUp},
		{"registered by rank", []engine.Result{res("P4", "old", "", "Registered"), res("P4", "mid", "a", "Enrolled")}, "a", MoveSame},
		{"lost", []engine.Result{res("P5", "old", "", "Professional"), res("P5", "mid", "a", "")}, "a", MoveLost},
		{"new", []engine.Result{res("P6", "old", "", ""), res("P6", "mid", "a", "Enrolled")}, "a", MoveNew},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			row := c.Add(tt.results)
			if got := row.Results["mid"].Track; got != tt.track {
				t.Errorf("best track = %q, want %q", got, tt.track)
			}
			if len(row.Moves) != 1 || row.Moves[0].Move != tt.move {
				t.Fatalf("moves = %+v, want %s", row.Moves, tt.move)
			}
			if row.Moves[0].From != "old" || row.Moves[0].To != "mid" {
				t.Errorf("move names %s -> %s", row.Moves[0].From, row.Moves[0].To)
			}
		})
	}
	want := map[string]map[string]int{
		"Premier":      {"Partner": 1},
		"Enterprise":   {"Advanced": 1},
		"Professional": {"Principal": 1, NoTier: 1},
		"Registered":   {"Enrolled": 1},
		NoTier:         {"Enrolled": 1},
	}
	if got := c.Transitions()[0].Counts; !reflect.DeepEqual(got, want) {
		t.Errorf("counts = %v, want %v", got, want)
	}
	if got := c.Totals()[0]["Professional"]; got != 2 {
		t.Errorf("old totals Professional = %d, want 2", got)
	}
}

func TestNeedsCountsUnknownData(t *testing.T) {
	p := ladder("p", nil, map[string][]string{"": {"A", "B"}}, "")
	c := New([]Column{{Key: "p", RV: p}})
	for _, id := range []string{"1", "2", "3"} {
		r := res(id, "p", "", "A")
		r.Unknown = []string{"revenue_usd"}
		if id == "3" {
			r.Unknown = []string{"VSP", "revenue_usd"}
		}
		c.Add([]engine.Result{r})
	}
	want := []Need{{Program: "p", Key: "revenue_usd", Count: 3}, {Program: "p", Key: "VSP", Count: 1}}
	if got := c.Needs(); !reflect.DeepEqual(got, want) {
		t.Errorf("needs = %+v, want %+v", got, want)
	}
}

func TestProgramWithoutResultIsNotApplicable(t *testing.T) {
	a := ladder("a", nil, map[string][]string{"": {"X"}}, "")
	b := ladder("b", nil, map[string][]string{"r": {"Y"}}, "r")
	row := New([]Column{{Key: "a", RV: a}, {Key: "b", RV: b}}).Add([]engine.Result{res("P", "a", "", "X")})
	if got := row.Results["b"].Status; got != "not-applicable" {
		t.Errorf("status = %q", got)
	}
	if row.Moves[0].Move != MoveLost {
		t.Errorf("move = %q, want lost", row.Moves[0].Move)
	}
}

// A lower or missing tier that missing data may explain is undecided, and
// still a fall for gates (they rank an incomplete result by its tier).
func TestIncompleteFallIsUndecided(t *testing.T) {
	a := ladder("a", nil, map[string][]string{"": {"X", "Y"}}, "")
	b := ladder("b", nil, map[string][]string{"": {"X", "Y"}}, "")
	cur := res("P", "b", "", "")
	cur.Status = engine.StatusIncomplete
	cur.Unknown = []string{"attestations"}
	row := New([]Column{{Key: "a", RV: a}, {Key: "b", RV: b}}).Add([]engine.Result{res("P", "a", "", "Y"), cur})
	if mv := row.Moves[0]; mv.Move != MoveUndecided || len(mv.Lacks) != 1 || mv.Lacks[0] != "attestations" || !mv.Falls() {
		t.Errorf("move = %+v, want undecided, a fall", mv)
	}
}

// A mapping onto a tier the track does not have is ignored: the move falls
// back to the tier's name.
func TestMappingOffTrackFallsBack(t *testing.T) {
	old := ladder("old", nil, map[string][]string{"": {"A", "B"}}, "")
	cur := ladder("cur", &rulebook.Mapping{Program: "old", Tiers: []*rulebook.TierMap{{From: "B", To: "Z"}}},
		map[string][]string{"": {"A", "B"}}, "")
	row := New([]Column{{Key: "old", RV: old}, {Key: "cur", RV: cur}}).Add([]engine.Result{res("P", "old", "", "B"), res("P", "cur", "", "B")})
	if mv := row.Moves[0]; mv.Move != MoveSame || mv.Via != ViaName {
		t.Errorf("move = %+v, want same by name", mv)
	}
}

// A move judged through a mapping the rulebook calls illustrative is marked
// so, and the newer cell's notes say it (the results' own notes untouched);
// through a documented mapping, or by name, it is not.
func TestIllustrativeMapping(t *testing.T) {
	old := ladder("old", nil, map[string][]string{"": {"A", "B"}}, "")
	for _, tc := range []struct {
		illus bool
		from  string
		want  bool
	}{
		{illus: true, from: "B", want: true},
		{illus: false, from: "B", want: false},
		{illus: true, from: "A", want: false}, // by name: the mapping has no entry for A
	} {
		cur := ladder("cur", &rulebook.Mapping{Program: "old", Illustrative: tc.illus,
			Tiers: []*rulebook.TierMap{{From: "B", To: "Y"}}}, map[string][]string{"": {"A", "X", "Y"}}, "")
		mine := res("P", "cur", "", "Y")
		mine.Notes = make([]string, 1, 4)
		mine.Notes[0] = "own"
		row := New([]Column{{Key: "old", RV: old}, {Key: "cur", RV: cur}}).Add([]engine.Result{res("P", "old", "", tc.from), mine})
		mv := row.Moves[0]
		if mv.Illustrative != tc.want {
			t.Errorf("%+v: move %+v", tc, mv)
		}
		notes := row.Results["cur"].Notes
		wantNotes := []string{"own"}
		if tc.want {
			wantNotes = append(wantNotes, "the move from old was judged through an illustrative mapping, not a documented one (B maps to Y)")
		}
		if !reflect.DeepEqual(notes, wantNotes) || !reflect.DeepEqual(row.Cells[1].Notes, wantNotes) {
			t.Errorf("%+v: notes %q", tc, notes)
		}
		if got := mine.Notes[:cap(mine.Notes)][1]; got != "" {
			t.Errorf("the result's notes were written into: %q", got)
		}
	}
}
