package suite

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tiercalc/tiercalc/pkg/rulebook"
	"github.com/tiercalc/tiercalc/rules"
)

func shipped(t *testing.T) *rulebook.Set {
	t.Helper()
	set, err := rulebook.LoadFSAs(rules.FS, "rules")
	if err != nil {
		t.Fatal(err)
	}
	return set
}

// edition is cmdutil.Edition without the note (pkg/suite's tests do not
// import the command layer).
func atDay(p *rulebook.Program, day time.Time) (*rulebook.Resolved, string) { return p.At(day), "" }

func runAll(t *testing.T, set *rulebook.Set, s *Suite, cov *Coverage) []*Outcome {
	t.Helper()
	r := &Runner{Set: set, Edition: atDay, Coverage: cov}
	if err := r.Check(s.Tests); err != nil {
		t.Fatal(err)
	}
	var outs []*Outcome
	for _, tc := range s.Tests {
		outs = append(outs, r.Run(tc))
	}
	return outs
}

func problemLines(t *testing.T, err error) []string {
	t.Helper()
	var ps rulebook.Problems
	if !errors.As(err, &ps) {
		t.Fatalf("error is not Problems: %v", err)
	}
	var out []string
	for _, p := range ps {
		out = append(out, p.Error()+" | "+p.Hint)
	}
	return out
}

const fixtureSuite = `# the suite's own comment
program: vpn-2009
as_of: 2010-03-01
fixtures:
  base: &base {country: FR, VSP: 1, VTSP: 2, competencies: [infrastructure-virtualization], revenue_usd: 10000}
cases:
  - name: enterprise
    partner: *base
    expect: {tier: Enterprise}
  - name: boundary
    partner: {<<: *base, VTSP: 1}
    expect: {tier: Professional, next_tier: Enterprise}
    matrix:
      - {partner: {VTSP: 2}, expect: {tier: Enterprise, next_tier: Premier}}
      - {name: below}
      - {as_of: 2010-08-01}
`

func TestMatrixMergeKeysAndNames(t *testing.T) {
	s, err := ParseYAML("s_test.yaml", []byte(fixtureSuite), shipped(t).Schema())
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, tc := range s.Tests {
		names = append(names, tc.Name)
	}
	want := []string{"enterprise", "boundary [VTSP=2]", "boundary [below]", "boundary [as_of=2010-08-01]"}
	if !slices.Equal(names, want) {
		t.Fatalf("names %q, want %q", names, want)
	}
	// The merge key keeps the fixture's other fields; a row overrides the
	// case's partner and expectations key by key.
	outs := runAll(t, shipped(t), s, nil)
	for _, o := range outs {
		if !o.Passed() {
			t.Errorf("%s: %v", o.Test.Name, o.Failures)
		}
	}
	if tc := s.Tests[2]; tc.Want.NextTier == nil || tc.Want.NextTier.Value != "Enterprise" || tc.Want.Tier.Value != "Professional" {
		t.Errorf("row expectations not merged over the case's: %+v", tc.Want)
	}
	if d := s.Tests[3].AsOf.Format(time.DateOnly); d != "2010-08-01" || s.Tests[3].Line != 16 {
		t.Errorf("row as_of %s line %d", d, s.Tests[3].Line)
	}
}

func TestSuiteProblems(t *testing.T) {
	src := `program: vpn-2009
as_of: 2010-03-01
cases:
  - name: a
    partner: {VTPS: 1}
    expect: {tier: Registered}
  - name: a
    partner: {}
    expect: {tier: Registered}
  - name: b
    partner: {}
    expct: {tier: Registered}
  - name: c
    partner: {}
    expect: {tier: Registered, status: qualifed}
`
	_, err := ParseYAML("bad_test.yaml", []byte(src), nil)
	got := problemLines(t, err)
	want := []string{
		`bad_test.yaml:5:15: record case: field VTPS: unknown key (case "a")`,
		`bad_test.yaml:7:5: case "a" is also defined on line 4`,
		`bad_test.yaml:10:5: case "b": no expected tier`,
		`bad_test.yaml:12:5: unknown key expct in a case`,
		`bad_test.yaml:15:40: status: unknown status "qualifed"`,
	}
	if len(got) != len(want) {
		t.Fatalf("problems:\n%s", strings.Join(got, "\n"))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("problem %d = %q, want %q...", i, got[i], want[i])
		}
	}
	if !strings.Contains(got[0], `did you mean VTSP?`) || !strings.Contains(got[3], `did you mean "expect"?`) {
		t.Errorf("no did-you-mean hints: %q", got)
	}
}

func TestCheckNamesWhatIsNotLoaded(t *testing.T) {
	src := `as_of: 2021-01-01
cases:
  - {name: a, program: vpn-2090, partner: {}, expect: {tier: Registered}}
  - {name: b, program: partner-connect-2020, partner: {}, expect: {tier: Enrolled}}
  - {name: c, program: partner-connect-2020, track: data-center, partner: {}, expect: {tier: Enrolled}}
  - {name: d, program: vpn-2009, partner: {}, expect: {tier: Platinum}}
  - {name: e, program: vpn-2009, as_of: 2009-04-13, partner: {}, expect: {tier: Registered}}
`
	s, err := ParseYAML("c_test.yaml", []byte(src), nil)
	if err != nil {
		t.Fatal(err)
	}
	r := &Runner{Set: shipped(t), Edition: atDay}
	got := problemLines(t, r.Check(s.Tests))
	want := []string{
		`c_test.yaml:3: case "a": program "vpn-2090" is not loaded | did you mean "vpn-2009"?`,
		`c_test.yaml:4: case "b": partner-connect-2020 has 5 tracks: name one with track:`,
		`c_test.yaml:5: case "c": partner-connect-2020 has no track "data-center"`,
		`c_test.yaml:6: case "d": track "" of vpn-2009 has no tier "Platinum"`,
		`c_test.yaml:7: case "e": as_of 2009-04-13 is before vpn-2009 started (2009-04-14)`,
	}
	for i := range want {
		if i >= len(got) || !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("problems:\n%s\nwant %d: %s", strings.Join(got, "\n"), i, want[i])
		}
	}
}

func TestFailuresNameWhatDiffers(t *testing.T) {
	src := `program: vpn-2009
as_of: 2010-03-01
cases:
  - name: wrong
    partner: {country: FR, VSP: 1, VTSP: 1, competencies: [], revenue_usd: 9999.99}
    expect:
      tier: Enterprise
      status: grace
      next_tier: Premier
      grace_until: 2010-01-14
      gaps: {enterprise-vtsp: {short: 2}}
      notes: [ended]
`
	s, err := ParseYAML("w_test.yaml", []byte(src), shipped(t).Schema())
	if err != nil {
		t.Fatal(err)
	}
	o := runAll(t, shipped(t), s, nil)[0]
	want := []string{
		"expected Enterprise, got Professional",
		"status: expected grace, got qualified",
		"next_tier: expected Premier, got Enterprise",
		"grace_until: expected 2010-01-14, got none",
		"gaps: expected enterprise-vtsp (short 2), got enterprise-vtsp (short 1), enterprise-infrastructure-virtualization (short 1), enterprise-revenue (short 0.01)",
		`notes: expected a note containing "ended", got []`,
	}
	if !slices.Equal(o.Failures, want) {
		t.Errorf("failures:\n%s", strings.Join(o.Failures, "\n"))
	}
	if o.Explanation.Tier == nil || *o.Explanation.Tier != "Professional" || len(o.Explanation.Tiers) == 0 {
		t.Errorf("a failing outcome carries the explanation of its actual result: %+v", o.Explanation)
	}
}

func TestCSVSuite(t *testing.T) {
	src := "name,program,as_of,track,expect_tier,expect_status,expect_next_tier,expect_gaps,expect_notes,country,VSP,VTSP,competencies,revenue_usd\n" +
		"registered,vpn-2009,2010-03-01,,Registered,qualified,Professional,professional-vtsp=1;professional-vsp,-,FR,0,0,,0\n" +
		"\"premier, at the bar\",vpn-2009,2010-03-01,,Premier,,-,-,,FR,1,4,infrastructure-virtualization;business-continuity;desktop-virtualization,1000000\n" +
		"wrong,vpn-2009,2010-03-01,,Premier,,,,,FR,1,1,,0\n"
	s, err := ParseCSV("c_test.csv", []byte(src), shipped(t).Schema())
	if err != nil {
		t.Fatal(err)
	}
	outs := runAll(t, shipped(t), s, nil)
	if len(outs) != 3 || !outs[0].Passed() || !outs[1].Passed() || outs[2].Passed() {
		for _, o := range outs {
			t.Errorf("%s: %v", o.Test.Name, o.Failures)
		}
	}
	if outs[2].Test.Line != 4 || outs[1].Test.Name != "premier, at the bar" {
		t.Errorf("line %d, name %q", outs[2].Test.Line, outs[1].Test.Name)
	}
	bad := "name,program,as_of,expect_tier,VTSP\nok,vpn-2009,2010-03-01,Registered,0\nx,vpn-2009,2010-3-1,Registered,many\n"
	_, err = ParseCSV("b_test.csv", []byte(bad), nil)
	got := problemLines(t, err)
	if len(got) != 2 || !strings.HasPrefix(got[0], "b_test.csv:3: record case-3: field VTSP:") ||
		!strings.HasPrefix(got[1], `b_test.csv:3: case "x": as_of "2010-3-1" is not a date`) {
		t.Errorf("problems:\n%s", strings.Join(got, "\n"))
	}
}

func TestUpdateKeepsCommentsAnchorsAndOrder(t *testing.T) {
	src := `# Suite comment, kept.
program: vpn-2009
as_of: 2010-03-01

fixtures:
  shared: &shared {tier: Premier, status: qualified} # the shared expectation
  base: &base {country: FR, VSP: 1, VTSP: 2, competencies: [infrastructure-virtualization], revenue_usd: 10000}

cases:
  # a case comment, kept
  - name: uses the shared expectation
    partner: *base
    expect: *shared

  - name: plain
    partner: *base
    expect:
      tier: Premier # wrong on purpose
      status: qualified
  - name: matrix
    partner: *base
    expect: {tier: Enterprise}
    matrix:
      - {partner: {VTSP: 1}}
      - {partner: {VTSP: 2}}
`
	s, err := ParseYAML("u_test.yaml", []byte(src), shipped(t).Schema())
	if err != nil {
		t.Fatal(err)
	}
	set := shipped(t)
	text, diff, err := Update(s, runAll(t, set, s, nil))
	if err != nil {
		t.Fatal(err)
	}
	got := string(text)
	for _, keep := range []string{"# Suite comment, kept.", "# a case comment, kept", "&shared", "# the shared expectation",
		"partner: *base", "tier: Enterprise # wrong on purpose", "\n\n  - name: plain"} {
		if !strings.Contains(got, keep) {
			t.Errorf("updated suite lost %q:\n%s", keep, got)
		}
	}
	// The anchored expectation stays for others; the case that failed gets
	// its own copy. The failing matrix row gets its own expect:.
	if !strings.Contains(got, "shared: &shared {tier: Premier, status: qualified}") ||
		!strings.Contains(got, "expect: {tier: Enterprise, status: qualified}\n") ||
		!strings.Contains(got, "- {partner: {VTSP: 1}, expect: {tier: Professional}}") {
		t.Errorf("updated suite:\n%s", got)
	}
	if !strings.Contains(string(diff), "-      tier: Premier # wrong on purpose") || !strings.Contains(string(diff), "+      tier: Enterprise # wrong on purpose") {
		t.Errorf("diff:\n%s", diff)
	}
	// The updated suite passes, and updating it again changes nothing.
	s2, err := ParseYAML("u_test.yaml", text, set.Schema())
	if err != nil {
		t.Fatal(err)
	}
	outs := runAll(t, set, s2, nil)
	for _, o := range outs {
		if !o.Passed() {
			t.Errorf("after update %s: %v", o.Test.Name, o.Failures)
		}
	}
	if text2, _, _ := Update(s2, outs); text2 != nil {
		t.Errorf("a passing suite was rewritten")
	}
	if _, _, err := Update(&Suite{CSV: true}, nil); !errors.Is(err, ErrNotEditable) {
		t.Errorf("CSV suite: %v", err)
	}
}

// Coverage asks each requirement to be seen met and unmet, each any-of
// alternative and N-of-set competency to be seen deciding.
func TestCoverageGoals(t *testing.T) {
	src := `program: vpn-2009
as_of: 2010-03-01
cases:
  - name: premier, continuity and desktop
    partner: {country: FR, VSP: 1, VTSP: 4, competencies: [infrastructure-virtualization, business-continuity, desktop-virtualization], revenue_usd: 1000000}
    expect: {tier: Premier}
  - name: all three
    partner: {country: FR, VSP: 1, VTSP: 4, competencies: [infrastructure-virtualization, business-continuity, desktop-virtualization, virtualization-management], revenue_usd: 1000000}
    expect: {tier: Premier}
`
	s, err := ParseYAML("cov_test.yaml", []byte(src), shipped(t).Schema())
	if err != nil {
		t.Fatal(err)
	}
	cov := NewCoverage()
	runAll(t, shipped(t), s, cov)
	var missing []string
	for _, g := range cov.Goals() {
		if !g.Covered && g.Edition == "2009-04-14" {
			missing = append(missing, g.What+": "+g.Need)
		}
	}
	want := []string{
		"tier Registered: a result", "tier Professional: a result",
		"requirement professional-vtsp: unmet", "requirement professional-vsp: unmet",
		"tier Enterprise: a result",
		"requirement enterprise-vtsp: unmet", "requirement enterprise-infrastructure-virtualization: unmet", "requirement enterprise-revenue: unmet",
		"requirement premier-vtsp: unmet", "requirement premier-competencies: unmet",
		"requirement premier-competencies: competency virtualization-management: deciding",
		"requirement premier-revenue: unmet",
	}
	if !slices.Equal(missing, want) {
		t.Errorf("uncovered goals:\n%s", strings.Join(missing, "\n"))
	}
	g := cov.Goals()[1]
	if g.Pos.File != "rules/vpn-2009.yaml" || g.Pos.Line == 0 || !strings.HasPrefix(g.String(), "rules/vpn-2009.yaml:") {
		t.Errorf("goal position %v (%s)", g.Pos, g)
	}
}

func TestFiles(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"a_test.yaml", "sub/b_test.csv", "rulebook.yaml", "sub/c_test.yml", "notes.txt"} {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := Files(dir)
	if err != nil {
		t.Fatal(err)
	}
	for i := range got {
		got[i], _ = filepath.Rel(dir, got[i])
	}
	if want := []string{"a_test.yaml", "sub/b_test.csv", "sub/c_test.yml"}; !slices.Equal(got, want) {
		t.Errorf("Files = %q, want %q", got, want)
	}
	if _, err := Files(filepath.Join(dir, "sub", "..", "sub", "nothing")); err == nil {
		t.Error("a missing path is an error")
	}
}

// A case on a track that does not apply to the partner's profiles gets no
// tier there, with a note saying why (not another track's result).
func TestTrackNotApplying(t *testing.T) {
	src := `program: broadcom-advantage-2024
as_of: 2024-06-01
cases:
  - name: reseller on the cloud track
    track: cloud-provider
    partner: {country: FR, profiles: [reseller], revenue_usd: 600000, cores: 8000, attestations: []}
    expect: {tier: null, status: ineligible, notes: ["track cloud-provider does not apply to the partner's profiles (reseller)"]}
  - name: reseller on its track
    track: reseller
    partner: {country: FR, profiles: [reseller], revenue_usd: 600000, attestations: []}
    expect: {tier: Select}
`
	set := shipped(t)
	s, err := ParseYAML("p_test.yaml", []byte(src), set.Schema())
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range runAll(t, set, s, nil) {
		if !o.Passed() {
			t.Errorf("%s: %v", o.Test.Name, o.Failures)
		}
	}
}
