package schema

import (
	"io/fs"
	"os"
	"testing"

	"github.com/tiercalc/tiercalc/pkg/rulebook"
	"github.com/tiercalc/tiercalc/pkg/suite"
	"github.com/tiercalc/tiercalc/rules"
)

// TestShippedSuitesValidate: every shipped suite, and the README's example
// (whose rulebook extends the record format), passes the suite schema and
// the suite loader alike.
func TestShippedSuitesValidate(t *testing.T) {
	in := shippedInputs(t)
	s := compile(t, "suite", in)
	names, err := fs.Glob(rules.FS, "*_test.yaml")
	if err != nil || len(names) < 3 {
		t.Fatalf("shipped suites: %v %v", names, err)
	}
	for _, name := range names {
		data, _ := fs.ReadFile(rules.FS, name)
		if _, err := suite.ParseYAML(name, data, in.Records); err != nil {
			t.Errorf("the loader rejects %s: %v", name, err)
		}
		if err := s.Validate(fromYAML(t, data)); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}

	set, err := rulebook.LoadFSAs(rules.FS, "rules")
	if err != nil {
		t.Fatal(err)
	}
	if err := set.AddPath("../../testdata/readme/acme.yaml"); err != nil {
		t.Fatal(err)
	}
	acme := Inputs{Records: set.Schema()}
	data, err := os.ReadFile("../../testdata/readme/acme_test.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := suite.ParseYAML("acme_test.yaml", data, acme.Records); err != nil {
		t.Errorf("the loader rejects acme_test.yaml: %v", err)
	}
	if err := compile(t, "suite", acme).Validate(fromYAML(t, data)); err != nil {
		t.Errorf("acme_test.yaml: %v", err)
	}
}

// baseSuite is a small valid suite using every key of the format; each
// case below changes one line of it the way a person mistypes.
const baseSuite = `program: vpn-2009
track: ""
as_of: 2010-03-01
fixtures:
  base: &base {country: FR, VSP: 1, VTSP: 2, revenue_usd: 10000}
cases:
  - name: enterprise
    program: vpn-2009
    track: ""
    as_of: 2010-03-02
    partner:
      <<: *base
      competencies: [infrastructure-virtualization]
    expect:
      tier: Enterprise
      status: qualified
      next_tier: Premier
      grace_until: null
      gaps: {premier-vtsp: {short: 2}, premier-revenue: null}
      notes: []
  - name: boundary
    partner: {<<: *base, VTSP: 1}
    matrix:
      - {name: at, partner: {VTSP: 2}, as_of: 2010-03-03, expect: {tier: Registered}}
      - {partner: {VTSP: 1}, expect: {tier: Professional}}
`

func TestSuiteTypos(t *testing.T) {
	in := shippedInputs(t)
	s := compile(t, "suite", in)
	cases := []typo{
		{"unknown top-level key", "as_of: 2010-03-01", "asof: 2010-03-01"},
		{"unknown case key", "    partner:\n      <<", "    partnr:\n      <<"},
		{"unknown expect key", "next_tier: Premier", "next: Premier"},
		{"unknown row key", "{name: at, partner", "{nme: at, partner"},
		{"unknown gap key", "{short: 2}", "{shrt: 2}"},
		{"unknown partner field", "VTSP: 1}\n    matrix", "VTPS: 1}\n    matrix"},
		{"unknown partner field in a row", "partner: {VTSP: 2}", "partner: {VTPS: 2}"},
		{"unknown competency", "[infrastructure-virtualization]", "[infrastructure]"},
		{"negative count", "VSP: 1, VTSP: 2,", "VSP: 1, VTSP: -2,"},
		{"bad status", "status: qualified", "status: qualifed"},
		{"bad as_of", "as_of: 2010-03-02", "as_of: 2010-3-2"},
		{"bad row as_of", "as_of: 2010-03-03", "as_of: March"},
		{"bad grace_until", "grace_until: null", "grace_until: soon"},
		{"short not a number", "{short: 2}", "{short: two}"},
		{"notes not a list", "notes: []", "notes: none"},
		{"no cases", "cases:\n", "cass:\n"},
		{"cases not a list", "cases:\n  - name: enterprise\n", "cases:\n  name: enterprise\n  x:\n  - name: enterprise\n"},
		{"case without a name", "  - name: boundary\n    partner", "  - partner"},
		{"case without a partner", "    partner: {<<: *base, VTSP: 1}\n", ""},
		{"partner not a mapping", "partner: {<<: *base, VTSP: 1}", "partner: [1]"},
		{"empty matrix", "    matrix:\n      - {name: at, partner: {VTSP: 2}, as_of: 2010-03-03, expect: {tier: Registered}}\n      - {partner: {VTSP: 1}, expect: {tier: Professional}}\n", "    matrix: []\n    expect: {tier: Registered}\n"},
		{"no tier", "      tier: Enterprise\n", ""},
		{"no tier in a row", "expect: {tier: Professional}", "expect: {status: qualified}"},
		{"no program", "program: vpn-2009\ntrack", "track"},
		{"no as_of", "as_of: 2010-03-01\nfixtures", "fixtures"},
		{"expect not a mapping", "expect: {tier: Professional}", "expect: Professional"},
	}
	rejectSame(t, baseSuite, cases, s, func(doc string) error {
		_, err := suite.ParseYAML("typo_test.yaml", []byte(doc), in.Records)
		return err
	})
}
