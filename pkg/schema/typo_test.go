package schema

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/tiercalc/tiercalc/pkg/partner"
	"github.com/tiercalc/tiercalc/pkg/plan"
	"github.com/tiercalc/tiercalc/pkg/rulebook"
)

// baseRulebook is a small valid rulebook using most of the format; each
// case below changes one line of it the way a person mistypes.
const baseRulebook = `id: mine
name: My program
vendor: Me
effective: 2024-01-01
sources:
  - {id: me, title: My notes, date: "2024-01", url: https://example.org/notes}
vocabulary:
  metrics: [{id: services_usd, label: services revenue, unit: USD}]
  competencies: [{id: cloud, label: Cloud}, {id: edge, label: Edge}]
grace:
  from: 2024-01-01
  source: me
  months: {Gold: 6}
tracks:
  - id: resale
    profiles: [reseller]
    tiers:
      - name: Base
        requires: []
      - name: Gold
        regions: [emea, apj]
        requires:
          - {id: gold-vtsp, credential: VTSP, min: 3, label: 3 VTSP, source: me}
          - {competencies: [cloud, edge], min: 1, label: one competency, source: me}
          - any:
              - {metric: services_usd, min: 1000, label: "US$1,000 services"}
              - {attestation: program-fee-paid, label: fee paid}
            source: me
editions:
  - id: "2025"
    effective: 2025-01-01
    source: me
    changes:
      - {tier: Gold, replace: gold-vtsp, with: {credential: VTSP, min: 4, label: 4 VTSP}}
      - {tier: Gold, regions: [emea], held_until: 2025-03-31}
`

func TestDecoderAndSchemaRejectTheSameTypos(t *testing.T) {
	s := compile(t, "rulebook", shippedInputs(t))
	cases := []typo{
		{"unknown top-level key", "vendor: Me", "vendr: Me"},
		{"unknown requirement key", "credential: VTSP, min: 3", "credentail: VTSP, min: 3"},
		{"unknown tier key", "regions: [emea, apj]\n", "region: [emea, apj]\n"},
		{"min not a number", "min: 3,", "min: many,"},
		{"bad effective date", "effective: 2024-01-01", "effective: 2024-13-01"},
		{"month for a date", "effective: 2025-01-01", "effective: 2025-01"},
		{"bad source date", `date: "2024-01"`, `date: "January 2024"`},
		{"two kinds", "credential: VTSP, min: 3", "credential: VTSP, metric: services_usd, min: 3"},
		{"no kind", "credential: VTSP, min: 3,", "min: 3,"},
		{"min missing", "credential: VTSP, min: 3,", "credential: VTSP,"},
		{"min on a competency", "{attestation: program-fee-paid, label: fee paid}", "{attestation: program-fee-paid, min: 1, label: fee paid}"},
		{"label missing", ", label: 3 VTSP, source: me}", ", source: me}"},
		{"source missing", "min: 3, label: 3 VTSP, source: me}", "min: 3, label: 3 VTSP}"},
		{"item without source, group without one", "            source: me\n", ""},
		{"added requirement without source, edition without one", "    effective: 2025-01-01\n    source: me\n", "    effective: 2025-01-01\n"},
		{"unknown region", "regions: [emea, apj]", "regions: [europe]"},
		{"unknown profile", "profiles: [reseller]", "profiles: [resellers]"},
		{"program id in capitals", "id: mine", "id: Mine"},
		{"tracks and tiers", "tracks:\n", "tiers: []\ntracks:\n"},
		{"illustrative not a bool", "min: 3,", "min: 3, illustrative: maybe,"},
		{"empty credentials list", "credential: VTSP, min: 3", "credentials: [], min: 3"},
		{"replace without with", "replace: gold-vtsp, with: {credential: VTSP, min: 4, label: 4 VTSP}", "replace: gold-vtsp"},
		{"two edits", "{tier: Gold, regions: [emea]", "{tier: Gold, remove: x, regions: [emea]"},
		{"held_until with add", "replace: gold-vtsp, with: {credential: VTSP, min: 4, label: 4 VTSP}}", "add: {credential: VTSP, min: 4, label: 4 VTSP}, held_until: 2025-03-31}"},
		{"grace months not whole", "months: {Gold: 6}", "months: {Gold: six}"},
		{"name missing", "name: My program\n", ""},
		{"list where a mapping goes", "grace:\n  from: 2024-01-01\n  source: me\n  months: {Gold: 6}", "grace: [6]"},
	}
	rejectSame(t, baseRulebook, cases, s, func(doc string) error {
		_, err := rulebook.Parse("typo.yaml", []byte(doc))
		return err
	})
}

type typo struct{ name, old, new string }

// rejectSame checks that each case (base with one change) is rejected by
// the decoder and by the schema alike, and that base itself passes both.
func rejectSame(t *testing.T, base string, cases []typo, s *jsonschema.Schema, decode func(string) error) {
	t.Helper()
	if err := decode(base); err != nil {
		t.Fatalf("the decoder rejects the base: %v", err)
	}
	if err := s.Validate(fromYAML(t, []byte(base))); err != nil {
		t.Fatalf("the schema rejects the base: %v", err)
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if !strings.Contains(base, tc.old) {
				t.Fatalf("the base has no %q", tc.old)
			}
			doc := strings.Replace(base, tc.old, tc.new, 1)
			derr := decode(doc)
			if derr == nil {
				t.Fatalf("the decoder accepts it:\n%s", doc)
			}
			if err := s.Validate(fromYAML(t, []byte(doc))); err == nil {
				t.Fatalf("the decoder rejects it (%v) but the schema accepts it:\n%s", derr, doc)
			}
		})
	}
}

const baseCosts = `day_rate: 800
credentials:
  VTSP: {days: 0.5, money: 0, lead_days: 1, source: seed-003}
attestations:
  ethics-training: {days: 0.5, money: 0, lead_days: 1, illustrative: true, note: "assumed"}
`

func TestCostsTypos(t *testing.T) {
	in := shippedInputs(t)
	s := compile(t, "costs", in)
	cases := []typo{
		{"unknown key", "money: 0, lead_days: 1, source", "mony: 0, lead_days: 1, source"},
		{"three decimals", "days: 0.5, money: 0, lead_days: 1, source", "days: 0.505, money: 0, lead_days: 1, source"},
		{"negative money", "money: 0, lead_days: 1, source", "money: -5, lead_days: 1, source"},
		{"unknown credential", "VTSP:", "VTPS:"},
		{"day rate missing", "day_rate: 800\n", ""},
		{"unknown section", "attestations:", "attestation:"},
	}
	rejectSame(t, baseCosts, cases, s, func(doc string) error {
		_, err := plan.ParseCosts("c.yaml", []byte(doc), in.Records)
		return err
	})
}

const baseRecords = `- id: P1
  name: Acme
  country: FR
  profiles: [reseller]
  competencies: [business-continuity]
  attestations: program-fee-paid;ethics-training
  current_tier: Enterprise
  VTSP: 2
  revenue_usd: 9999.99
  metrics: {cores: 3500}
  credentials: {VCP-DCV: null}
`

func TestRecordTypos(t *testing.T) {
	in := shippedInputs(t)
	s := compile(t, "partner", in)
	yamlFormat, _ := partner.FormatByName("yaml")
	cases := []typo{
		{"unknown key", "VTSP: 2", "VTPS: 2"},
		{"unknown profile", "[reseller]", "[resseller]"},
		{"unknown competency", "[business-continuity]", "[business-continuty]"},
		{"unknown attestation", "program-fee-paid;", "program-fee;"},
		{"negative count", "VTSP: 2", "VTSP: -2"},
		{"fractional count", "VTSP: 2", "VTSP: 2.5"},
		{"money with three decimals", "9999.99", "9999.999"},
		{"not a number", "VTSP: 2", "VTSP: two"},
		{"metric under credentials", "credentials: {VCP-DCV: null}", "credentials: {cores: 1}"},
		{"id missing", "- id: P1\n  name", "- name"},
		{"country not a code", "country: FR", "country: France"},
	}
	rejectSame(t, baseRecords, cases, s, func(doc string) error { return readAll(yamlFormat, doc, in.Records) })
}

// readAll reads every record of doc, returning the first rejection.
func readAll(f partner.Format, doc string, s *partner.Schema) error {
	r, err := partner.NewReader(bytes.NewReader([]byte(doc)), "p.yaml", f, s, partner.ReadOptions{})
	if err != nil {
		return err
	}
	for {
		_, err := r.Next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
	}
}
