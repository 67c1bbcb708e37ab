package rulebook

import (
	"github.com/tiercalc/tiercalc/pkg/internal/suggest"

	"strings"
	"testing"
	"time"
)

func TestParseGood(t *testing.T) {
	p := mustParseFile(t, "testdata/vpn.yaml")
	if p.ID != "vpn-test" || p.Name == "" || p.Vendor != "VMware" {
		t.Errorf("header: %+v", p)
	}
	if want := time.Date(2009, 4, 14, 0, 0, 0, 0, time.UTC); !p.Effective.Equal(want) {
		t.Errorf("Effective = %v", p.Effective)
	}
	if p.Edition != "2009-04-14" || p.BaseEdition() != "2009-04-14" {
		t.Errorf("Edition = %q, want the effective date", p.Edition)
	}
	if p.Ends.Format(time.DateOnly) != "2020-02-29" {
		t.Errorf("Ends = %v", p.Ends)
	}
	if len(p.Tracks) != 1 || p.Tracks[0].ID != "" {
		t.Fatalf("top-level tiers: want one track with id \"\", got %d", len(p.Tracks))
	}
	tr := p.Tracks[0]
	if got := strings.Join(tierNames(tr), ","); got != "Registered,Professional,Enterprise,Premier" {
		t.Errorf("tiers = %s", got)
	}
	pro := tr.Tier("Professional").Requires[0]
	if pro.Kind != KindCredential || pro.Keys[0] != "VTSP" || pro.Min != 1 || pro.Source != "seed-003" {
		t.Errorf("pro-vtsp = %+v", pro)
	}
	if pro.Pos != (Pos{"testdata/vpn.yaml", 26, 9}) {
		t.Errorf("pro-vtsp Pos = %v", pro.Pos)
	}
	if tr.Pos.Line != 22 || tr.Tiers[0].Pos != (Pos{"testdata/vpn.yaml", 22, 5}) {
		t.Errorf("track/tier Pos = %v %v", tr.Pos, tr.Tiers[0].Pos)
	}
	group := tr.Tier("Premier").Requires[1]
	if group.Kind != KindAll || len(group.Items) != 2 {
		t.Fatalf("premier group = %+v", group)
	}
	for _, it := range group.Items {
		if it.Source != "seed-003" {
			t.Errorf("item %q: source %q not inherited from its group", it.Label, it.Source)
		}
	}
	if set := group.Items[1]; set.Kind != KindCompetencySet || set.Min != 2 || len(set.Keys) != 3 {
		t.Errorf("2 of 3 = %+v", set)
	}
	if p.Grace == nil || p.Grace.Months["Enterprise"] != 9 || p.Grace.From.Format(time.DateOnly) != "2009-04-14" {
		t.Errorf("grace = %+v", p.Grace)
	}
	if len(p.Editions) != 1 {
		t.Fatalf("editions = %d", len(p.Editions))
	}
	e := p.Editions[0]
	with := e.Changes[0].With
	if e.ID != "2010-07" || e.Changes[0].Replace != "premier-competencies" || with == nil {
		t.Fatalf("edition = %+v", e)
	}
	if with.Kind != KindCompetencySet || with.Min != 3 || with.Source != "cp-2010" {
		t.Errorf("with: want all 3 competencies, source inherited from the edition; got %+v", with)
	}
	if e.Changes[0].Track != nil {
		t.Errorf("track omitted: want nil Track")
	}

	m := mustParseFile(t, "testdata/multi.yaml")
	if len(m.Tracks) != 2 || m.Tracks[1].ID != "cloud-provider" || m.Tracks[0].Profiles[0] != "reseller" {
		t.Errorf("tracks = %+v", m.Tracks)
	}
	if m.Editions[1].ID != "2025-11-01" {
		t.Errorf("edition without id: want its date, got %q", m.Editions[1].ID)
	}
	if c := m.Editions[1].Changes[0]; c.Track == nil || *c.Track != "cloud-provider" || !c.DropTier {
		t.Errorf("drop change = %+v", c)
	}
	if to, ok := m.MapTier("reseller", "Enterprise"); !ok || to != "Premier" {
		t.Errorf("MapTier(reseller, Enterprise) = %q %v", to, ok)
	}
	if to, ok := m.MapTier("cloud-provider", "Premier"); !ok || to != "Pinnacle" {
		t.Errorf("MapTier(cloud-provider, Premier) = %q %v", to, ok)
	}
	if _, ok := m.MapTier("cloud-provider", "Enterprise"); ok {
		t.Errorf("MapTier: a reseller-only entry applied to cloud-provider")
	}
}

func TestParseBad(t *testing.T) {
	tests := []struct {
		name string
		body string
		want []string
	}{
		{"unknown key with hint, no second problem", `tiers:
  - name: A
    requires:
      - {credential: VTSP, min: 1, label: x, sorce: s}
`, []string{`4:46: unknown key sorce in requirement did you mean "source"?`}},
		{"misspelt kind and a bad min: both reported", `tiers:
  - name: A
    requires:
      - {credentail: VTSP, min: many, label: x, source: s}
`, []string{`4:10: unknown key credentail in requirement did you mean "credential"?`, `4:33: min: expected a number, got string "many"`}},
		{"wrong type", `tiers:
  - name: A
    requires:
      - {credential: VTSP, min: "ten", label: x, source: s}
`, []string{`4:33: min: expected a number, got string "ten"`}},
		{"infinite min", `tiers:
  - name: A
    requires:
      - {credential: VTSP, min: .inf, label: x, source: s}
`, []string{`4:33: min: expected a finite number`}},
		{"two kinds", `tiers:
  - name: A
    requires:
      - {credential: VTSP, metric: cores, min: 1, label: x, source: s}
`, []string{`4:28: requirement has two kinds: credential and metric`}},
		{"no kind", `tiers:
  - name: A
    requires:
      - {label: x, source: s}
`, []string{`4:9: requirement: missing its kind`}},
		{"missing label and source and min", `tiers:
  - name: A
    requires:
      - credential: VTSP
`, []string{`4:9: missing required key label`, `4:9: missing required key source`, `4:9: missing required key min`}},
		{"min does not apply", `tiers:
  - name: A
    requires:
      - {attestation: smb-practice, min: 1, label: x, source: s}
`, []string{`4:37: min does not apply to a attestation requirement`}},
		{"repeated key", `tiers:
  - name: A
    name: B
`, []string{`3:5: tier: key name repeated (first at line 9)`}},
		{"requirement not a mapping", `tiers:
  - name: A
    requires: [VTSP]
`, []string{`3:16: requirement: expected a mapping, got string "VTSP"`}},
		{"list expected", `tracks:
  - id: x
    profiles: reseller
    tiers: [{name: A}]
`, []string{`3:15: profiles: expected a list, got string "reseller"`}},
		{"bool expected", `tiers:
  - name: A
    requires:
      - {attestation: smb-practice, label: x, source: s, illustrative: "yes", note: n}
`, []string{`4:72: illustrative: expected true or false, got string "yes"`}},
		{"tracks and tiers", `tiers: []
tracks: []
`, []string{`1:1: give either tracks or a top-level tiers`}},
		{"list item not a name", `tiers:
  - name: A
    regions: [emea, {x: 1}]
`, []string{`3:21: regions item 2: expected a name, got a mapping`}},
		{"empty set", `tiers:
  - name: A
    requires:
      - {competencies: [], label: x, source: s}
`, []string{`4:24: competencies: the list is empty`}},
		{"change with two edits and replace without with", `tiers:
  - name: A
    requires: [{id: r, attestation: smb-practice, label: x, source: s}]
editions:
  - effective: 2021-01-01
    changes:
      - {tier: A, remove: r, drop: true}
      - {tier: A, replace: r}
      - {tier: A, with: {attestation: smb-practice, label: y, source: s}, remove: r}
`, []string{`7:30: change has two edits: remove and drop`, `8:9: replace needs with:`, `9:19: with: goes with replace:`, `9:83: tier "A" has no requirement "r"`}},
		{"drop false", `tiers: [{name: A}]
editions:
  - effective: 2021-01-01
    changes: [{tier: A, drop: false}]
`, []string{`4:31: drop: only drop: true is meaningful`}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			checkProblems(t, problemsOf(t, tc.body), headLines, tc.want...)
		})
	}
}

// TestParseHeader covers problems in the head of the file itself.
func TestParseHeader(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string
	}{
		{"missing name and tracks", "id: t\neffective: 2020-01-01\n", []string{
			"1:1: rulebook: missing required key name",
			"1:1: rulebook: missing required key tracks",
		}},
		{"bad dates", "id: t\nname: T\neffective: 2020-1-01\nends: 2021-07\ntiers: []\n", []string{
			`3:12: effective: bad date "2020-1-01": expected YYYY-MM-DD`,
			`4:7: ends: bad date "2021-07"`,
		}},
		{"month only hint", "id: t\nname: T\neffective: 2021-07\ntiers: []\n", []string{
			"3:12: a full date is needed: 2021-07-01",
		}},
		{"bad id", "id: My Program\nname: T\neffective: 2020-01-01\ntiers: []\n", []string{
			`1:5: id: "My Program" is not a valid program id`,
		}},
		{"unknown top key", "id: t\nname: T\neffective: 2020-01-01\ntier: []\n", []string{
			`4:1: unknown key tier in rulebook did you mean "tiers"?`,
		}},
		{"not a mapping", "- a\n- b\n", []string{
			"1:1: rulebook: expected a mapping, got a list",
		}},
		{"syntax", "id: t\nname: [\n", []string{"t.yaml:2: YAML syntax: did not find expected node content"}},
		{"two documents", "id: t\nname: T\neffective: 2020-01-01\ntiers: []\n---\nid: u\n", []string{
			"5:1: a rulebook file holds one YAML document",
		}},
		{"empty", "", []string{"t.yaml: rulebook is empty"}},
		{"comment only", "# nothing\n", []string{"t.yaml: rulebook is empty"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse("t.yaml", []byte(tc.src))
			ps, _ := err.(Problems)
			if err == nil {
				t.Fatal("no error")
			}
			checkProblems(t, ps, 0, tc.want...)
		})
	}
}

func TestProblemsError(t *testing.T) {
	ps := Problems{
		{Pos: Pos{"a.yaml", 3, 7}, Msg: "one"},
		{Pos: Pos{"a.yaml", 4, 0}, Msg: "two"},
		{Pos: Pos{File: "a.yaml"}, Msg: "three"},
	}
	if got, want := ps.Error(), "a.yaml:3:7: one\na.yaml:4: two\na.yaml: three"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	if Problems(nil).Err() != nil {
		t.Error("empty Problems.Err() should be nil")
	}
}

func TestSuggest(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"sorce", "source"}, {"Souce", "source"}, {"credentail", "credential"}, {"xyz", ""}, {"a", ""},
	} {
		if got := suggest.Closest(tc.in, keysOf(objRequirement)); got != tc.want {
			t.Errorf("suggest(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// A source's date is as precise as the source: YYYY, YYYY-MM or
// YYYY-MM-DD.
func TestSourceDates(t *testing.T) {
	for _, tc := range []struct{ date, problem string }{
		{"2010", ""}, {`"2010-07"`, ""}, {"2010-07-23", ""}, {`"2010-7"`, `bad date "2010-7"`},
		{`"2010-13"`, `bad date "2010-13"`}, {`"July 2010"`, `bad date "July 2010"`}, {"[2010]", "expected a date"},
	} {
		src := "id: t\nname: T\neffective: 2020-01-01\nsources: [{id: s, title: S, date: " + tc.date + "}]\ntiers: [{name: A}]\n"
		p, err := Parse("t.yaml", []byte(src))
		switch {
		case tc.problem == "" && err != nil:
			t.Errorf("date %s: %v", tc.date, err)
		case tc.problem == "" && p.Sources[0].Date != strings.Trim(tc.date, `"`):
			t.Errorf("date %s read as %q", tc.date, p.Sources[0].Date)
		case tc.problem != "" && (err == nil || !strings.Contains(err.Error(), tc.problem)):
			t.Errorf("date %s: %v, want %q", tc.date, err, tc.problem)
		}
	}
}
