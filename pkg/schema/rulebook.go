package schema

import (
	"strings"

	"github.com/tiercalc/tiercalc/pkg/partner"
	"github.com/tiercalc/tiercalc/pkg/region"
	"github.com/tiercalc/tiercalc/pkg/rulebook"
)

// Def names of the two contexts a requirement or change is decoded in:
// with a source to inherit (from an enclosing group or the edition) or
// without one, where a leaf requirement must name its own.
const (
	defRequirement        = "requirement"
	defRequirementSourced = "requirement-sourced"
	defChange             = "change"
	defChangeSourced      = "change-sourced"
)

// rulebookSchema is the schema of a rulebook, from rulebook.Format and
// rulebook.KindForms.
func rulebookSchema(Inputs) *Obj {
	objs := rulebook.Format()
	defs := O()
	var root *Obj
	for _, ob := range objs {
		switch ob.Name {
		case "rulebook":
			root = objectSchema(ob, false)
			root.Set("oneOf", []*Obj{
				O("required", []string{"tracks"}),
				O("required", []string{"tiers"}),
			})
		case "requirement":
			defs.Set(defRequirement, requirementSchema(ob, false))
			defs.Set(defRequirementSourced, requirementSchema(ob, true))
		case "change":
			defs.Set(defChange, changeSchema(ob, false))
			defs.Set(defChangeSourced, changeSchema(ob, true))
		case "edition":
			e := objectSchema(ob, false)
			props, _ := e.Get("properties")
			changes, _ := props.(*Obj).Get("changes")
			// Editors complete from the lenient form; without a source
			// here, else adds that each leaf names its own.
			changes.(*Obj).Set("items", ref(defChangeSourced))
			// Requirements an edition adds take its source when they
			// name none.
			e.Set("if", O("required", []string{"source"}))
			e.Set("then", O("properties", O("changes", O("items", ref(defChangeSourced)))))
			e.Set("else", O("properties", O("changes", O("items", ref(defChange)))))
			defs.Set(defName(ob.Name), e)
		default:
			defs.Set(defName(ob.Name), objectSchema(ob, false))
		}
	}
	return document("tiercalc rulebook",
		"A partner program's tiers, requirements and dated editions, as tiercalc reads it. Reference: rules/README.md in tiercalc's repository.",
		root, defs)
}

// defName is the $defs name of a format object ("tier mapping" ->
// "tier-mapping").
func defName(object string) string { return strings.ReplaceAll(object, " ", "-") }

// objectSchema is one mapping of the format: its keys with their types and
// descriptions, its required keys, nothing else. sourced picks the
// requirement def its requirement keys refer to.
func objectSchema(ob rulebook.Object, sourced bool) *Obj {
	props := O()
	var required []string
	for _, k := range ob.Keys {
		props.Set(k.Name, keySchema(k, sourced))
		if k.Required {
			required = append(required, k.Name)
		}
	}
	o := O("type", "object", "description", ob.Doc, "properties", props)
	if len(required) > 0 {
		o.Set("required", required)
	}
	o.Set("additionalProperties", false)
	return o
}

var (
	datePattern    = `^[0-9]{4}-[0-9]{2}-[0-9]{2}$`
	pubDatePattern = `^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$`
	idPattern      = `^[a-z0-9][a-z0-9-]*$`
)

// keySchema is the schema of one key's value.
func keySchema(k rulebook.Key, sourced bool) *Obj {
	o := O("description", k.Doc)
	switch k.Type {
	case rulebook.TypeText:
		o.Set("type", textType)
	case rulebook.TypeProgramID:
		o.Set("type", textType)
		o.Set("pattern", idPattern)
	case rulebook.TypeDate:
		o.Set("type", "string")
		o.Set("format", "date")
		o.Set("pattern", datePattern)
	case rulebook.TypePubDate:
		// A year alone may be written unquoted: YAML reads it as a number.
		o.Set("type", []string{"string", "integer"})
		o.Set("pattern", pubDatePattern)
		o.Set("minimum", 0)
		o.Set("maximum", 9999)
	case rulebook.TypeNumber:
		o.Set("type", "number")
	case rulebook.TypeBool:
		o.Set("type", "boolean")
	case rulebook.TypeNames:
		o.Set("type", []string{"array", "null"})
		o.Set("items", O("type", textType))
		if k.Name == "without" {
			o.Set("minItems", 1)
		}
	case rulebook.TypeRegions:
		o.Set("type", []string{"array", "null"})
		o.Set("items", O("enum", region.Names()))
	case rulebook.TypeProfiles:
		o.Set("type", []string{"array", "null"})
		o.Set("items", O("enum", partner.Profiles))
	case rulebook.TypeMonths:
		o.Set("type", "object")
		o.Set("additionalProperties", O("type", "integer", "minimum", 0))
	case rulebook.TypeObject:
		o.Set("$ref", "#/$defs/"+refDef(k.Ref, sourced))
	case rulebook.TypeList:
		o.Set("type", []string{"array", "null"})
		o.Set("items", ref(refDef(k.Ref, sourced)))
	}
	return o
}

// refDef is the def a key refers to: a requirement in the context given.
func refDef(object string, sourced bool) string {
	if object == "requirement" && sourced {
		return defRequirementSourced
	}
	return defName(object)
}

// requirementSchema: the requirement's own keys, its kind keys (exactly one,
// each with what it asks of min, label and source), and its items' context.
func requirementSchema(ob rulebook.Object, sourced bool) *Obj {
	o := objectSchema(ob, sourced)
	props, _ := o.Get("properties")
	p := props.(*Obj)
	var one []*Obj
	deps := O()
	for _, f := range rulebook.KindForms() {
		one = append(one, O("required", []string{f.Key}))
		deps.Set(f.Key, kindRule(f, sourced))
		switch {
		case f.Items:
			// The lenient form for editors to complete from; kindRule
			// adds what the context asks.
			v := O("description", f.Doc, "type", "array", "items", ref(defRequirementSourced))
			if f.Key == "any" {
				v.Set("minItems", 1)
			}
			p.Set(f.Key, v)
		case f.Names:
			p.Set(f.Key, O("description", f.Doc, "type", "array", "minItems", 1, "items", O("type", textType)))
		default:
			p.Set(f.Key, O("description", f.Doc, "type", textType, "minLength", 1))
		}
	}
	o.Set("oneOf", one)
	o.Set("dependentSchemas", deps)
	return o
}

// kindRule is what a kind key asks of the rest of its requirement.
func kindRule(f rulebook.KindForm, sourced bool) *Obj {
	r := O()
	var required []string
	if f.MinNeed {
		required = append(required, "min")
	}
	if !f.MinTakes {
		r.Set("properties", O("min", false))
	}
	if f.Items {
		// Items take the group's source, or the context's.
		inner := defRequirement
		if sourced {
			inner = defRequirementSourced
		}
		if !sourced {
			r.Set("if", O("required", []string{"source"}))
			r.Set("then", O("properties", O(f.Key, O("items", ref(defRequirementSourced)))))
			r.Set("else", O("properties", O(f.Key, O("items", ref(inner)))))
		} else {
			r.Set("properties", O(f.Key, O("items", ref(inner)), "min", false))
		}
		return r
	}
	required = append(required, "label")
	if !sourced {
		required = append(required, "source")
	}
	r.Set("required", required)
	return r
}

// changeSchema: exactly one edit, with: only with replace:, held_until: only
// with regions: or drop:, drop: only true.
func changeSchema(ob rulebook.Object, sourced bool) *Obj {
	o := objectSchema(ob, sourced)
	props, _ := o.Get("properties")
	p := props.(*Obj)
	drop, _ := p.Get("drop")
	d := drop.(*Obj)
	d.Set("const", true)
	p.Set("drop", d)
	var one []*Obj
	for _, verb := range rulebook.ChangeVerbs() {
		one = append(one, O("required", []string{verb}))
	}
	o.Set("oneOf", one)
	o.Set("dependentRequired", O("replace", []string{"with"}, "with", []string{"replace"}))
	o.Set("dependentSchemas", O("held_until", O("anyOf", []*Obj{
		O("required", []string{"regions"}),
		O("required", []string{"drop"}),
	})))
	return o
}
