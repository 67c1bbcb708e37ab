package rulebook

import "testing"

func TestValidate(t *testing.T) {
	tests := []struct {
		name string
		body string
		want []string
	}{
		{"valid", `tiers:
  - name: A
    requires: [{credential: VTSP, min: 1, label: x, source: s}]
`, nil},
		{"duplicate ids", `derived:
  - {id: d, requires: {competency: a, label: a, source: s}}
  - {id: d, requires: {competency: b, label: b, source: s}}
tracks:
  - id: x
    tiers:
      - {name: A, requires: [{id: r, competency: a, label: a, source: s}]}
      - {name: A, requires: [{id: r, competency: b, label: b, source: s}]}
  - {id: x, tiers: [{name: B}]}
`, []string{
			`3:5: derived competency "d" repeated`,
			`8:9: tier "A" repeated`,
			`8:35: requirement id "r" repeated (first at line 14)`,
			`9:5: track "x" repeated`,
		}},
		{"dup edition ids", `tiers: [{name: A}]
editions:
  - {id: e, effective: 2021-01-01, changes: [{tier: A, regions: [emea]}]}
  - {id: e, effective: 2022-01-01, changes: [{tier: A, regions: [apj]}]}
  - {id: 2020-01-01, effective: 2023-01-01, changes: [{tier: A, regions: []}]}
`, []string{`4:10: edition id "e" repeated`, `5:10: edition id "2020-01-01" repeated (first at line 3)`}},
		{"undefined references", `tiers:
  - name: A
    requires:
      - {credential: VTPS, min: 1, label: x, source: s}
      - {credential: cores, min: 1, label: x, source: s}
      - {metric: VTSP, min: 1, label: x, source: s}
      - {metric: profit, min: 1, label: x, source: s}
      - {competency: zz, label: x, source: s}
      - {competencies: [a, zz], min: 1, label: x, source: s}
      - {attestation: smb-practise, label: x, source: sx}
`, []string{
			`4:22: undefined credential "VTPS" did you mean "VTSP"?`,
			`5:22: undefined credential "cores" cores is a metric`,
			`6:18: undefined metric "VTSP" VTSP is a credential`,
			`7:18: undefined metric "profit" list it under vocabulary: metrics:`,
			`8:22: undefined competency "zz" [vocabulary: competencies:, or define it under derived:]`,
			`9:28: undefined competency "zz"`,
			`10:23: undefined attestation "smb-practise" did you mean "smb-practice"?`,
			`10:55: undefined source "sx" did you mean "s"?`,
		}},
		{"inherited source checked", `tiers:
  - name: A
    requires:
      - source: nope
        any: [{attestation: smb-practice, label: x}]
`, []string{`4:17: undefined source "nope"`}},
		{"derived cycle", `derived:
  - {id: d1, requires: {competency: d2, label: x, source: s}}
  - {id: d2, requires: {all: [{competency: a, label: a}, {competency: d1, label: x}], source: s}}
  - {id: d3, requires: {competency: d3, label: x, source: s}}
tiers: [{name: A}]
`, []string{
			`2:5: derived competencies form a cycle: d1 -> d2 -> d1`,
			`4:5: derived competencies form a cycle: d3 -> d3`,
		}},
		{"regions and profiles", `tracks:
  - id: x
    profiles: [resellr]
    tiers:
      - name: A
        regions: [europe]
        requires: [{attestation: smb-practice, label: x, source: s, regions: [amercias]}]
`, []string{
			`3:16: track "x": unknown profile "resellr" [did you mean "reseller"?]`,
			`6:19: unknown region "europe"`,
			`7:79: unknown region "amercias" [did you mean "americas"?]`,
		}},
		{"illustrative without note", `predecessor:
  program: old
  illustrative: true
  tiers: [{from: X, to: A}]
tiers:
  - name: A
    requires: [{attestation: smb-practice, label: x, source: s, illustrative: true}]
`, []string{`3:17: illustrative mapping without a note`, `7:79: illustrative requirement without a note`}},
		{"mapping and grace to unknown tiers", `predecessor:
  program: t
  source: nope
  tiers:
    - {from: X, to: B}
    - {from: Y, to: A, track: other}
    - {from: X, to: A}
grace:
  from: 2020-01-01
  months: {A: 6, Z: 3, A2: -1}
tiers: [{name: A}]
`, []string{
			`2:12: a program cannot be its own predecessor`,
			`3:11: undefined source "nope"`,
			`5:21: tier mapping: no tier "B" in this program`,
			`6:31: tier mapping: no track "other"`,
			`7:7: tier mapping for "X" repeated (first at line 12)`,
			`10:18: grace months: no tier "Z"`,
			`10:24: grace months: no tier "A2"`,
			`10:24: grace months: -1 months for "A2" is negative`,
		}},
		{"edition dates", `ends: 2019-01-01
tiers: [{name: A}]
editions:
  - {effective: 2019-06-01, changes: [{tier: A, regions: [emea]}]}
  - {effective: 2022-01-01, changes: [{tier: A, regions: [emea]}]}
  - {effective: 2021-01-01, changes: [{tier: A, regions: [emea]}]}
`, []string{
			`1:7: program ends (2019-01-01) before it is effective (2020-01-01)`,
			`4:17: edition 2019-06-01 starts 2019-06-01, not after the program's effective date 2020-01-01`,
			`5:17: edition 2022-01-01 starts 2022-01-01, after the program ends`,
			`6:17: edition 2021-01-01 starts 2021-01-01, not after edition 2022-01-01 (2022-01-01)`,
		}},
		{"edition changes that do not apply", `tracks:
  - {id: x, tiers: [{name: A, requires: [{id: r, attestation: smb-practice, label: x, source: s}]}]}
editions:
  - effective: 2021-01-01
    changes:
      - {track: y, tier: A, remove: r}
      - {track: x, tier: Z, remove: r}
      - {tier: Q, drop: true}
      - {tier: A, remove: r2}
      - {tier: A, replace: r2, with: {attestation: smb-practice, label: y, source: s}}
      - {tier: A, drop: true}
  - effective: 2022-01-01
    changes:
      - {tier: A, regions: [emea]}
`, []string{
			`6:17: edition 2021-01-01: no track "y"`,
			`7:26: edition 2021-01-01: track "x" has no tier "Z"`,
			`8:16: edition 2021-01-01: no track has a tier "Q"`,
			`9:27: edition 2021-01-01: tier "A" has no requirement "r2"`,
			`10:28: tier "A" has no requirement "r2"`,
			`14:16: edition 2022-01-01: no track has a tier "A" (dropped by an earlier edition?)`,
		}},
		{"edition adds a duplicate id", `tiers:
  - {name: A, requires: [{id: r, attestation: smb-practice, label: x, source: s}]}
editions:
  - effective: 2021-01-01
    source: s
    changes:
      - {tier: A, add: {id: r, attestation: dedicated-sales, label: y}}
`, []string{`7:29: requirement id (in track "" after edition 2021-01-01) "r" repeated (first at line 9)`}},
		{"not as strict as below", `tiers:
  - name: A
    requires:
      - {credential: VTSP, min: 2, label: x, source: s}
      - {credentials: [VCP-NV, VCP-DCV], min: 3, label: x, source: s}
  - name: B
    requires:
      - {metric: revenue_usd, min: 10, label: x, source: s}
  - name: C
    requires:
      - all:
        - {credential: VTSP, min: 1, label: x, source: s}
      - {credentials: [VCP-DCV, VCP-NV], min: 2, label: x, source: s}
      - {metric: revenue_usd, min: 10, label: x, source: s}
      - {metric: revenue_usd, min: 5, label: x, source: s, regions: [emea]}
      - any: [{metric: revenue_usd, min: 1, label: x, source: s}]
`, []string{
			`12:35: tier "C" requires VTSP >= 1, less than the 2 of tier "A" below it raise it to at least 2`,
			`13:47: tier "C" requires VCP-DCV+VCP-NV >= 2, less than the 3 of tier "A"`,
		}},
		{"edition makes a tier less strict", `tiers:
  - {name: A, requires: [{credential: VTSP, min: 2, label: x, source: s}]}
  - {name: B, requires: [{id: b, credential: VTSP, min: 3, label: x, source: s}]}
editions:
  - effective: 2021-01-01
    source: s
    changes: [{tier: B, replace: b, with: {credential: VTSP, min: 1, label: y}}]
`, []string{`7:67: tier "B" requires VTSP >= 1, less than the 2 of tier "A" below it after edition 2021-01-01`}},
		{"unreachable", `derived:
  - {id: never, requires: {competencies: [a], min: 2, label: x, source: s}}
tiers:
  - name: A
    requires:
      - {competencies: [a, b, b], min: 3, label: x, source: s}
  - name: B
    requires:
      - {competency: never, label: x, source: s}
  - name: C
    requires:
      - {credential: VTSP, min: -1, label: x, source: s}
      - {credential: VTSP, min: 1.5, label: x, source: s}
      - {any: [], label: x, source: s}
`, []string{
			`2:52: derived competency "never" can never be held: min 2 but only 1 competencies listed`,
			`6:31: "b" listed twice`,
			`6:40: tier "A" can never be reached: min 3 but only 2 competencies listed`,
			`12:33: min -1 is negative`,
			`13:33: min 1.5 is not a whole number (it counts people)`,
		}},
		{"any never met", `tiers:
  - name: A
    requires:
      - any: [{competencies: [a], min: 2, label: x}]
        source: s
`, []string{`4:9: tier "A" can never be reached: no alternative of any: can be met`}},
		{"a base problem is not repeated per edition", `tiers:
  - {name: A, requires: [{credential: VTSP, min: 2, label: x, source: s}]}
  - {name: B, requires: [{credential: VTSP, min: 1, label: x, source: s}]}
editions:
  - {effective: 2021-01-01, changes: [{tier: A, regions: [emea]}]}
  - {effective: 2022-01-01, changes: [{tier: A, regions: []}]}
`, []string{`3:50: tier "B" requires VTSP >= 1, less than the 2 of tier "A" below it [raise it to at least 2]`}},
		{"without", `tiers:
  - {name: A, requires: [{id: a1, credential: VTSP, min: 2, label: x, source: s}, {id: g, any: [{id: in, competency: a, label: x}], source: s}]}
  - {name: B, without: [a1], requires: [{id: b1, credential: VTSP, min: 1, label: x, source: s}]}
  - {name: C, without: [a2, in, b1, c1, a1, x, x], requires: [{id: c1, competency: b, label: x, source: s}]}
  - {name: D, without: [], requires: []}
`, []string{
			`4:25: tier "C": without: no requirement "a2" in the tiers below [did you mean "a1"?]`,
			`4:29: tier "C": without: "in" is inside a group of tier "A" [name the group's id]`,
			`4:37: tier "C": without: "c1" is a requirement of tier "C", not of a tier below`,
			`4:41: tier "C": without: requirement "a1" of tier "A" is already left out by tier "B"`,
			`4:45: tier "C": without: no requirement "x" in the tiers below`,
			`4:48: tier "C": without: "x" listed twice`,
			`5:24: without: the list is empty`,
		}},
		{"without after editions", `tiers:
  - {name: A, requires: [{id: a1, credential: VTSP, min: 2, label: x, source: s}]}
  - {name: B, without: [a1], requires: [{id: b1, credential: VTSP, min: 1, label: x, source: s}]}
  - {name: C, without: [b1], requires: []}
editions:
  - {effective: 2021-01-01, changes: [{tier: A, drop: true}, {tier: B, remove: b1}]}
  - {effective: 2022-01-01, changes: [{tier: C, add: {id: a1, competency: a, label: x, source: s}}]}
  - {effective: 2023-01-01, changes: [{tier: C, replace: a1, with: {id: a9, competency: a, label: x, source: s}}]}
`, nil},
		{"without names a replaced id", `tiers:
  - {name: A, requires: [{id: a1, credential: VTSP, min: 2, label: x, source: s}]}
  - {name: B, without: [a1], requires: []}
editions:
  - {effective: 2021-01-01, changes: [{tier: A, replace: a1, with: {id: a2, credential: VTSP, min: 3, label: x, source: s}}]}
`, []string{`3:25: tier "B": without: no requirement "a1" in the tiers below after edition 2021-01-01 [did you mean "a2"?]`}},
		{"held_until", `tiers: [{name: A}, {name: B}]
editions:
  - effective: 2021-01-01
    changes:
      - {tier: A, regions: [emea], held_until: 2021-03-31}
      - {tier: B, regions: [apj], held_until: 2020-12-31}
  - effective: 2022-01-01
    changes:
      - {tier: A, regions: [emea, apj], held_until: 2022-03-31}
      - {tier: B, drop: true, held_until: 2022-02-28}
      - {tier: A, add: {competency: a, label: x, source: s}, held_until: 2022-03-31}
`, []string{
			`6:47: edition 2021-01-01: held_until 2020-12-31 is before the edition starts (2021-01-01)`,
			`9:53: edition 2022-01-01: held_until: tier "A" is taken from no region (it existed in emea)`,
			`11:62: held_until: goes with regions: or drop: true`,
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			checkProblems(t, problemsOf(t, tc.body), headLines, tc.want...)
		})
	}
}

func TestValidateVocabulary(t *testing.T) {
	src := `id: t
name: T
effective: 2020-01-01
sources: [{id: s, title: S}, {id: s, title: again}]
vocabulary:
  credentials: [{id: X}, {id: X}, {id: cores}, {id: Y}]
  metrics: [{id: VTSP}, {id: Y}]
tiers: [{name: A}]
`
	_, err := Parse("t.yaml", []byte(src))
	ps, _ := err.(Problems)
	checkProblems(t, ps, 0,
		`4:30: source "s" repeated (first at line 4)`,
		`6:26: vocabulary credential "X" repeated`,
		`6:35: vocabulary credential "cores" is also a metric`,
		`6:48: vocabulary credential "Y" is also a metric`,
		`7:13: vocabulary metric "VTSP" is a built-in credential`,
	)
}

// A threshold is held to what a record may hold (partner.CheckValue): no
// more than a record's largest value, and money in whole cents, whether
// the metric is built in (revenue_usd) or a rulebook's own in USD.
func TestValidateMinWithinRecords(t *testing.T) {
	src := `id: t
name: T
effective: 2020-01-01
sources: [{id: s, title: S}]
vocabulary:
  metrics: [{id: services_usd, label: services revenue, unit: USD}, {id: seats, label: seats, unit: seats}]
tiers:
  - name: A
    requires:
      - {metric: revenue_usd, min: 1e308, label: x, source: s}
      - {metric: services_usd, min: 1000.505, label: x, source: s}
      - {metric: seats, min: 2.5, label: x, source: s}
      - {credential: VTSP, min: 1e16, label: x, source: s}
      - {metric: tier_credits, min: 0.125, label: x, source: s}
      - {metric: services_usd, min: 1000.5, label: x, source: s}
      - {metric: revenue_usd, min: 10000000000000, label: x, source: s}
`
	_, err := Parse("t.yaml", []byte(src))
	ps, _ := err.(Problems)
	checkProblems(t, ps, 0,
		`10:36: min 1e+308 is beyond what a record may hold: above 1e13`,
		`11:37: min 1000.505 is beyond what a record may hold: more than two decimals`,
		`12:30: min 2.5 is beyond what a record may hold: not a whole number`,
		`13:33: min 1e+16 is beyond what a record may hold: above 1e15`,
	)
}
