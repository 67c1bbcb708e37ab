package schema

import (
	"github.com/tiercalc/tiercalc/pkg/partner"
	"github.com/tiercalc/tiercalc/pkg/plan"
)

// amountPattern is an amount as a costs file may quote it: at most two
// decimals, no sign.
const amountPattern = `^[0-9]{1,12}(\.[0-9]{1,2})?$`

// costsSchema is the schema of a costs file, from plan.CostsFormat and
// plan.CostFormat; the item ids of each section are those of the record
// format in.Records (built-in names and the loaded rulebooks').
func costsSchema(in Inputs) *Obj {
	props, required := O(), []string{}
	for _, k := range plan.CostsFormat {
		props.Set(k.Name, costValue(k, in.Records))
		if k.Required {
			required = append(required, k.Name)
		}
	}
	root := O("type", "object", "properties", props, "required", required, "additionalProperties", false)
	cost := O()
	for _, k := range plan.CostFormat {
		cost.Set(k.Name, costValue(k, in.Records))
	}
	defs := O("cost", O("type", "object", "description", "What one unit of an item takes.",
		"properties", cost, "additionalProperties", false))
	return document("tiercalc costs file",
		"What one more unit of each credential, competency, attestation and metric takes, for tiercalc plan (--costs FILE). An item without an entry is not plannable.",
		root, defs)
}

func costValue(k plan.FormatKey, s *partner.Schema) *Obj {
	o := O("description", k.Doc)
	switch k.Value {
	case "amount":
		o.Set("type", []string{"number", "string"})
		o.Set("minimum", 0)
		o.Set("maximum", 999999999999.99)
		o.Set("multipleOf", 0.01)
		o.Set("pattern", amountPattern)
	case "whole":
		o.Set("type", []string{"integer", "string"})
		o.Set("minimum", 0)
		o.Set("pattern", `^[0-9]{1,12}$`)
	case "bool":
		o.Set("type", "boolean")
	case "text":
		o.Set("type", textType)
	case "list":
		o.Set("type", "array")
		o.Set("items", O("type", "object"))
	case "section":
		o.Set("type", "object")
		o.Set("propertyNames", O("enum", sectionNames(k.Name, s)))
		o.Set("additionalProperties", ref("cost"))
	}
	return o
}

// sectionNames lists the ids a costs section may price.
func sectionNames(section string, s *partner.Schema) []string {
	switch section {
	case "competencies":
		return nonNil(s.Competencies())
	case "attestations":
		return nonNil(s.AttestationIDs())
	}
	var out []string
	for i, n := range s.NumFields() {
		if s.IsCredential(i) == (section == "credentials") {
			out = append(out, n)
		}
	}
	return nonNil(out)
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
