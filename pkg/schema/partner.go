package schema

import (
	"regexp"
	"strings"

	"github.com/tiercalc/tiercalc/pkg/partner"
)

// numberPattern is a number as a record may quote it ("12000.50").
const numberPattern = `^\s*[0-9]+(\.[0-9]+)?\s*$`

// partnerSchema is the schema of partner records in JSON or YAML: a list of
// records, each with the fields of the record format in.Records (built-in
// names plus the loaded rulebooks' vocabularies). Names are spelt as the
// record format spells them; tiercalc also takes other letter cases.
func partnerSchema(in Inputs) *Obj {
	s := in.Records
	props := O(
		"id", O("description", "Required, unique in the input: the partner's id.", "type", textType, "minLength", 1),
		"name", O("description", "The partner's name (free text).", "type", append(textType, "null")),
		"country", O("description", "ISO 3166-1 alpha-2 country code (FR, DE, US); the region (americas, emea, apj) derives from it. Absent: unknown.",
			"type", []string{"string", "null"}, "pattern", `^\s*[A-Za-z]{2}\s*$`),
		"current_tier", O("description", "The tier held today, of any loaded program: drives grace periods and downgrade reports.",
			"type", []string{"string", "null"}, "examples", nonNil(s.TierNames())),
		"profiles", listField("Kinds of partner, which pick the tracks that apply; none: every track.", partner.Profiles),
		"competencies", listField("Competency ids held (a derived competency is earned, never listed).", nonNil(s.Competencies())),
		"attestations", listField("Yes/no facts the partner attests.", nonNil(s.AttestationIDs())),
		"credentials", group("Credentials grouped: id -> people holding it (the same keys may appear at the top level).", s, true),
		"metrics", group("Metrics grouped: id -> value (the same keys may appear at the top level).", s, false),
	)
	for i, n := range s.NumFields() {
		props.Set(n, numField(s, i))
	}
	record := O("type", "object",
		"description", "One partner record. An absent key or null is unknown, not zero: a requirement on it stays undecided.",
		"properties", props, "required", []string{"id"}, "additionalProperties", false)
	return document("tiercalc partner records",
		"Partner records as tiercalc reads them from JSON or YAML: a list of records. In NDJSON each line is one #/$defs/record.",
		O("type", "array", "items", ref("record")), O("record", record))
}

// listField is a list of known ids: a list, or one string of ids separated
// by ';' (as in CSV); [] is a known empty list, null unknown.
func listField(doc string, ids []string) *Obj {
	return O("description", doc+" A list, or one string of ids separated by ';'; [] is known and empty, absent or null unknown.",
		"type", []string{"array", "string", "null"}, "items", O("enum", ids), "pattern", idsPattern(ids))
}

// idsPattern matches a string of ids separated by ';' (blanks around them
// and empty items are fine, as in a CSV cell).
func idsPattern(ids []string) string {
	quoted := make([]string, len(ids))
	for i, id := range ids {
		quoted[i] = regexp.QuoteMeta(id)
	}
	one := `\s*(` + strings.Join(quoted, "|") + `)?\s*`
	return "^" + one + "(;" + one + ")*$"
}

// group is credentials: or metrics: with their keys.
func group(doc string, s *partner.Schema, credentials bool) *Obj {
	props := O()
	for i, n := range s.NumFields() {
		if s.IsCredential(i) == credentials {
			props.Set(n, numField(s, i))
		}
	}
	return O("description", doc, "type", []string{"object", "null"}, "properties", props, "additionalProperties", false)
}

// numField is a credential or metric value: a number within the bounds of
// its precision (or that number quoted), null for unknown.
func numField(s *partner.Schema, slot int) *Obj {
	doc, max, step := "People holding this credential (a whole number).", partner.MaxValue, 1.0
	switch {
	case !s.IsCredential(slot) && s.Precision(slot) == partner.Cents:
		doc, max, step = "An amount of US dollars: at most two decimals (cents), up to 1e13.", partner.MaxMoney, 0.01
	case !s.IsCredential(slot) && s.Precision(slot) == partner.Fraction:
		doc, step = "A number, zero or more; may be fractional.", 0
	case !s.IsCredential(slot):
		doc = "A count, zero or more (a whole number)."
	}
	o := O("description", doc+" null or absent: unknown.", "type", []string{"number", "string", "null"},
		"minimum", 0, "maximum", max, "pattern", numberPattern)
	if step != 0 {
		o.Set("multipleOf", step)
	}
	return o
}
