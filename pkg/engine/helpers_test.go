package engine

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/tiercalc/tiercalc/pkg/partner"
	"github.com/tiercalc/tiercalc/pkg/rulebook"
)

// Small constructors for hand-built rulebooks and records, which use the
// built-in schema.

var schema = partner.NewSchema()

func cred(min float64, keys ...string) *rulebook.Requirement {
	return &rulebook.Requirement{Kind: rulebook.KindCredential, Keys: keys, Min: min,
		Label: fmt.Sprintf("%g %s", min, strings.Join(keys, "+"))}
}

func metric(key string, min float64) *rulebook.Requirement {
	return &rulebook.Requirement{Kind: rulebook.KindMetric, Keys: []string{key}, Min: min,
		Label: fmt.Sprintf("%s >= %g", key, min)}
}

func comp(id string) *rulebook.Requirement {
	return &rulebook.Requirement{Kind: rulebook.KindCompetency, Keys: []string{id}, Label: "competency " + id}
}

// derivedComp is a competency requirement naming a derived competency.
func derivedComp(d *rulebook.Derived) *rulebook.Requirement {
	r := comp(d.ID)
	r.Label = d.Label
	return r
}

func comps(min float64, ids ...string) *rulebook.Requirement {
	return &rulebook.Requirement{Kind: rulebook.KindCompetencySet, Keys: ids, Min: min,
		Label: fmt.Sprintf("%g of %s", min, strings.Join(ids, ", "))}
}

func attest(id string) *rulebook.Requirement {
	return &rulebook.Requirement{Kind: rulebook.KindAttestation, Keys: []string{id}, Label: "attests " + id}
}

func anyOf(items ...*rulebook.Requirement) *rulebook.Requirement {
	return &rulebook.Requirement{Kind: rulebook.KindAny, Items: items}
}

func allOf(items ...*rulebook.Requirement) *rulebook.Requirement {
	return &rulebook.Requirement{Kind: rulebook.KindAll, Items: items}
}

func labelled(r *rulebook.Requirement, label string) *rulebook.Requirement {
	r.Label = label
	return r
}

func inRegions(r *rulebook.Requirement, regions ...string) *rulebook.Requirement {
	r.Regions = regions
	return r
}

func tier(name string, reqs ...*rulebook.Requirement) *rulebook.Tier {
	return &rulebook.Tier{Name: name, Requires: reqs}
}

func regionalTier(name string, regions []string, reqs ...*rulebook.Requirement) *rulebook.Tier {
	t := tier(name, reqs...)
	t.Regions = regions
	return t
}

func track(id string, profiles []string, tiers ...*rulebook.Tier) *rulebook.Track {
	return &rulebook.Track{ID: id, Profiles: profiles, Tiers: tiers}
}

func resolve(p *rulebook.Program, edition string) *rulebook.Resolved {
	return &rulebook.Resolved{Program: p, Edition: edition, Effective: p.Effective, Tracks: p.Tracks}
}

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// A record is built from options.
type opt func(*partner.Record)

func rec(opts ...opt) *partner.Record {
	r := schema.NewRecord()
	r.ID, r.Name, r.Line = "P1", "Acme", 2
	for _, o := range opts {
		o(r)
	}
	return r
}

// n sets numeric fields: n("VTSP", 2, "revenue_usd", 10000).
func n(kv ...any) opt {
	return func(r *partner.Record) {
		for i := 0; i < len(kv); i += 2 {
			s, ok := schema.Slot(kv[i].(string))
			if !ok {
				panic("no slot for " + kv[i].(string))
			}
			switch v := kv[i+1].(type) {
			case int:
				r.Nums[s] = float64(v)
			case float64:
				r.Nums[s] = v
			}
		}
	}
}

func holds(ids ...string) opt {
	return func(r *partner.Record) { r.Competencies = append([]string{}, ids...) }
}

func attests(ids ...string) opt {
	return func(r *partner.Record) { r.Attestations = append([]string{}, ids...) }
}

func country(c string) opt     { return func(r *partner.Record) { r.Country = c } }
func current(t string) opt     { return func(r *partner.Record) { r.CurrentTier = t } }
func profiles(p ...string) opt { return func(r *partner.Record) { r.Profiles = p } }
func id(partnerID string) opt  { return func(r *partner.Record) { r.ID = partnerID } }
func line(l int) opt           { return func(r *partner.Record) { r.Line = l } }

// vpnProgram is a VPN-2009-like rulebook with the firm facts of the programs.
func vpnProgram() *rulebook.Program {
	iv := "infrastructure-virtualization"
	p := &rulebook.Program{
		ID: "vpn-2009", Effective: day("2009-04-14"), Edition: "2009-04-14",
		Vocabulary: rulebook.Vocabulary{
			Credentials: []*rulebook.VocabEntry{{ID: "VTSP", Label: "VMware Technical Sales Professional", Unit: "people"},
				{ID: "VSP", Label: "VMware Sales Professional", Unit: "people"}},
			Metrics: []*rulebook.VocabEntry{{ID: "revenue_usd", Label: "revenue", Unit: "USD"}},
		},
		Grace: &rulebook.Grace{From: day("2009-04-14"), Months: map[string]int{"Professional": 6, "Enterprise": 9, "Premier": 9}},
		Tracks: []*rulebook.Track{track("", nil,
			tier("Registered"),
			tier("Professional", labelled(cred(1, "VTSP"), "1 VTSP"), labelled(cred(1, "VSP"), "1 VSP")),
			tier("Enterprise", labelled(cred(2, "VTSP"), "2 VTSP"), comp(iv), labelled(metric("revenue_usd", 10000), "US$10,000 revenue")),
			tier("Premier", labelled(cred(4, "VTSP"), "4 VTSP"),
				labelled(allOf(comp(iv), comps(2, "business-continuity", "desktop-virtualization", "virtualization-management")), "premier competencies"),
				labelled(metric("revenue_usd", 1000000), "US$1,000,000 revenue")),
		)},
	}
	return p
}

// pcProgram is a Partner-Connect-like rulebook: one data-center track whose
// competencies are derived from credential counts.
func pcProgram() *rulebook.Program {
	sol := &rulebook.Derived{ID: "dcv-solution", Label: "DCV Solution Competency",
		Requires: allOf(cred(1, "VCP-DCV"), cred(1, "VSP"), cred(1, "VTSP"))}
	msc := &rulebook.Derived{ID: "dcv-msc", Label: "DCV Master Services Competency",
		Requires: allOf(cred(5, "VCP-DCV"), cred(2, "VCAP-DCV"))}
	p := &rulebook.Program{
		ID: "partner-connect-2020", Effective: day("2020-02-29"), Edition: "2020-02-29",
		Derived: []*rulebook.Derived{sol, msc},
		Predecessor: &rulebook.Mapping{Program: "vpn-2009", Tiers: []*rulebook.TierMap{
			{From: "Professional", To: "Partner"}, {From: "Enterprise", To: "Advanced"}, {From: "Premier", To: "Principal"}}},
		Tracks: []*rulebook.Track{track("data-center-virtualization", nil,
			tier("Enrolled", attest("ethics-training"), attest("program-fee-paid")),
			tier("Partner", derivedComp(sol)),
			tier("Advanced", labelled(anyOf(metric("tier_credits", 250000), metric("cloud_points", 3600), metric("deployments", 3)), "tier credits, cloud points or deployments")),
			tier("Principal", derivedComp(msc)),
		)},
	}
	return p
}

// bapProgram is a Broadcom-Advantage-like rulebook: reseller and
// cloud-provider tracks, the reseller Registered tier in EMEA only.
func bapProgram() *rulebook.Program {
	return &rulebook.Program{
		ID: "broadcom-advantage-2024", Effective: day("2024-02-05"), Edition: "2025-06",
		Vocabulary: rulebook.Vocabulary{Metrics: []*rulebook.VocabEntry{{ID: "cores", Label: "committed cores", Unit: "cores"}}},
		Predecessor: &rulebook.Mapping{Program: "partner-connect-2020", Illustrative: true, Tiers: []*rulebook.TierMap{
			{From: "Partner", To: "Select", Track: "reseller"}, {From: "Partner", To: "Registered"},
			{From: "Advanced", To: "Premier"}, {From: "Principal", To: "Pinnacle"}}},
		Tracks: []*rulebook.Track{
			track("reseller", []string{"reseller"},
				regionalTier("Registered", []string{"emea"}),
				tier("Select", metric("revenue_usd", 500000)),
				tier("Premier", attest("dedicated-sales"), attest("dedicated-technical"), attest("joint-business-plan")),
				tier("Pinnacle", anyOf(attest("expert-advantage"), attest("smb-practice")))),
			track("cloud-provider", []string{"cloud-provider"},
				tier("Registered"),
				tier("Premier", labelled(metric("cores", 3500), "3,500 committed cores")),
				tier("Pinnacle", labelled(metric("cores", 7000), "7,000 committed cores"))),
		},
	}
}

func str(p *string) string {
	if p == nil {
		return "-"
	}
	return *p
}

// brief renders a result's decision in one line for table-driven checks:
// "tier/qualified/next status grace_until [missing phrases] {unknown}".
func brief(r Result) string {
	return fmt.Sprintf("%s/%s/%s %s %s [%s] {%s}", str(r.Tier), str(r.QualifiedTier), str(r.NextTier),
		r.Status, str(r.GraceUntil), gapsText(r.Missing), strings.Join(r.Unknown, ","))
}

// evaluateOnce compiles rv and evaluates one record, as a test wants it.
func evaluateOnce(rv *rulebook.Resolved, s *partner.Schema, rec *partner.Record, asOf time.Time, dst []Result) []Result {
	return NewEvaluator(rv, s).Evaluate(rec, asOf, dst)
}

// gapsText renders gaps in the tests' notation ("1 more VTSP; competency
// x"): ids, not labels. The words users read are pkg/report's.
func gapsText(gaps []Gap) string {
	var b []byte
	for i := range gaps {
		if i > 0 {
			b = append(b, "; "...)
		}
		b = appendGapText(b, &gaps[i])
	}
	return string(b)
}

func appendGapText(b []byte, g *Gap) []byte {
	noun := g.Noun
	if noun == "" {
		noun = g.Key
	}
	switch g.Kind {
	case kindCredential:
		b = appendNum(b, g.Short)
		return append(append(b, " more "...), noun...)
	case kindMetric:
		// The metric's label names what is counted ("committed cores",
		// "tier credits"); money carries its currency.
		switch g.Unit {
		case "USD", "usd", "US$":
			b = append(b, "US$"...)
		}
		b = appendNum(b, g.Short)
		return append(append(b, " more "...), noun...)
	case kindCompetencies:
		b = appendNum(b, g.Short)
		return append(append(b, " more of "...), strings.ReplaceAll(g.Key, "|", " / ")...)
	case kindCompetency:
		return append(append(b, "competency "...), g.Key...)
	case kindAttestation:
		return append(append(b, "attestation "...), g.Key...)
	case kindAny:
		b = append(b, "one of: "...)
		for i := range g.Options {
			o := &g.Options[i]
			if i > 0 {
				b = append(b, " or "...)
			}
			paren := o.Kind == kindAll && len(o.Options) > 1
			if paren {
				b = append(b, '(')
			}
			b = appendGapText(b, o)
			if paren {
				b = append(b, ')')
			}
		}
		return b
	case kindAll:
		for i := range g.Options {
			if i > 0 {
				b = append(b, " and "...)
			}
			b = appendGapText(b, &g.Options[i])
		}
		return b
	}
	return append(b, g.Label...)
}

func appendNum(b []byte, v float64) []byte {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return strconv.AppendFloat(b, v, 'f', -1, 64)
	}
	var buf [64]byte
	s := strconv.AppendFloat(buf[:0], v, 'f', -1, 64)
	if s[0] == '-' {
		b = append(b, '-')
		s = s[1:]
	}
	intLen := len(s)
	for i, c := range s {
		if c == '.' {
			intLen = i
			break
		}
	}
	head := intLen % 3
	if head == 0 {
		head = 3
	}
	b = append(b, s[:min(head, intLen)]...)
	for i := head; i < intLen; i += 3 {
		b = append(b, ',')
		b = append(b, s[i:i+3]...)
	}
	return append(b, s[intLen:]...)
}
