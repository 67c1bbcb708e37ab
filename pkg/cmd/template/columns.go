package template

import (
	"slices"
	"strings"

	"github.com/tiercalc/tiercalc/pkg/partner"
	"github.com/tiercalc/tiercalc/pkg/rulebook"
)

// Column is one column of the template.
type Column struct {
	Name   string
	UsedBy string // program ids, ", "-separated; "" for the record's own columns
	What   string // what to write
}

// uses is what the selected programs' requirements name, in every track,
// tier, edition and derived competency.
type uses struct {
	by           map[string][]string // credential or metric -> program ids
	competencies []string
	attestations []string
	compBy       []string
	attBy        []string
}

// Columns lists the template's columns: the record's own, then the
// competencies and attestations and the credentials and metrics (in the
// schema's order, nums) that progs use. Labels come from the vocabularies
// of all loaded programs.
func Columns(progs, all []*rulebook.Program, nums []string) []Column {
	u := &uses{by: map[string][]string{}}
	for _, p := range progs {
		u.program(p)
	}
	cols := []Column{
		{Name: "id", What: "required: the partner's id, unique in the file"},
		{Name: "name", What: "the partner's name"},
		{Name: "country", What: "ISO 3166-1 alpha-2 code, e.g. FR (regions derive from it)"},
		{Name: "profiles", What: "the kinds of partner, ';'-separated: " + strings.Join(partner.Profiles, ", ") + "; empty: evaluated on every track"},
		{Name: "current_tier", What: "the tier held today, e.g. Premier (for grace periods and downgrades)"},
	}
	if len(u.competencies) > 0 {
		cols = append(cols, Column{Name: "competencies", UsedBy: join(u.compBy), What: "competency ids held, ';'-separated: " + strings.Join(u.competencies, ", ")})
	}
	if len(u.attestations) > 0 {
		cols = append(cols, Column{Name: "attestations", UsedBy: join(u.attBy), What: "the facts attested, ';'-separated (listed: yes; not listed: no): " + strings.Join(u.attestations, ", ")})
	}
	for _, n := range nums {
		if by := u.by[n]; len(by) > 0 {
			cols = append(cols, Column{Name: n, UsedBy: join(by), What: describe(n, all)})
		}
	}
	return cols
}

func join(ids []string) string { return strings.Join(ids, ", ") }

func (u *uses) program(p *rulebook.Program) {
	for _, t := range p.Tracks {
		for _, tier := range t.Tiers {
			for _, r := range tier.Requires {
				u.requirement(p.ID, r)
			}
		}
	}
	for _, e := range p.Editions {
		for _, c := range e.Changes {
			u.requirement(p.ID, c.Add)
			u.requirement(p.ID, c.With)
		}
	}
	for _, d := range p.Derived {
		u.requirement(p.ID, d.Requires)
	}
}

func (u *uses) requirement(prog string, r *rulebook.Requirement) {
	if r == nil {
		return
	}
	switch r.Kind {
	case rulebook.KindCredential, rulebook.KindMetric:
		for _, k := range r.Keys {
			u.by[k] = addOnce(u.by[k], prog)
		}
	case rulebook.KindCompetency:
		if r.Derived != nil {
			u.requirement(prog, r.Derived.Requires) // held through what it derives from
			return
		}
		u.competencies, u.compBy = addAll(u.competencies, r.Keys), addOnce(u.compBy, prog)
	case rulebook.KindCompetencySet:
		u.competencies, u.compBy = addAll(u.competencies, r.Keys), addOnce(u.compBy, prog)
	case rulebook.KindAttestation:
		u.attestations, u.attBy = addAll(u.attestations, r.Keys), addOnce(u.attBy, prog)
	}
	for _, it := range r.Items {
		u.requirement(prog, it)
	}
}

func addOnce(list []string, s string) []string {
	if slices.Contains(list, s) {
		return list
	}
	return append(list, s)
}

func addAll(list, items []string) []string {
	for _, s := range items {
		list = addOnce(list, s)
	}
	return list
}

// describe says what a credential or metric column holds, from the first
// vocabulary that labels it.
func describe(name string, all []*rulebook.Program) string {
	for _, p := range all {
		for _, e := range slices.Concat(p.Vocabulary.Credentials, p.Vocabulary.Metrics) {
			if e.ID != name || e.Label == "" {
				continue
			}
			switch e.Unit {
			case "people":
				return e.Label + ": the number of people holding it"
			case "":
				return e.Label + ": a number"
			}
			if partner.IsCurrency(e.Unit) {
				return e.Label + ", in " + e.Unit + " (a decimal point; cents allowed)"
			}
			return e.Label + ", in " + e.Unit + " (a whole number)"
		}
	}
	return "a number"
}
