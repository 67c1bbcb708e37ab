package schema

import "github.com/tiercalc/tiercalc/pkg/suite"

// Def names of the suite schema besides its format objects.
const (
	defPartner   = "partner"
	defCaseDated = "case-dated"
	defCaseTier  = "case-tier"
)

// numberText is a number as YAML may quote it (short: "1.5").
const numberText = `^\s*[-+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?\s*$`

// suiteSchema is the schema of a YAML rulebook test suite, from
// suite.Format; a partner is the record format of in.Records, as in the
// partner schema, its id optional.
func suiteSchema(in Inputs) *Obj {
	defs := O()
	var root *Obj
	for _, ob := range suite.Format() {
		o := suiteObject(ob, in)
		if ob.Name == "suite" {
			root = o
			continue
		}
		defs.Set(defName(ob.Name), o)
	}
	p := recordSchema(in.Records, "A partner's fields, as in a YAML partner record. An absent key or null is unknown, not zero.")
	props, _ := p.Get("properties")
	props.(*Obj).Set("id", O("description", "The partner's id (default: \"case\"; the case name stands in for name).", "type", textType, "minLength", 1))
	p.Set("additionalProperties", false)
	defs.Set(defPartner, p)
	inherited(root, defs)
	return document("tiercalc rulebook test suite",
		"Test cases for tiercalc rules test (*_test.yaml beside a rulebook): a partner on a day, under a program and track, and the result the rulebook must give. Reference: rules/README.md in tiercalc's repository.",
		root, defs)
}

// suiteObject is one mapping of the suite format.
func suiteObject(ob suite.Object, in Inputs) *Obj {
	return closedObject(ob.Doc, ob.Keys, func(k suite.Key) (string, bool, *Obj) {
		return k.Name, k.Required, suiteKey(k, in)
	})
}

// suiteKey is the schema of one key's value.
func suiteKey(k suite.Key, in Inputs) *Obj {
	o := O("description", k.Doc)
	switch k.Type {
	case suite.TypeText:
		o.Set("type", textType)
	case suite.TypeProgramID:
		programID(o)
	case suite.TypeDate, suite.TypeDateOrNull:
		day(o, k.Type == suite.TypeDateOrNull)
	case suite.TypeTier:
		o.Set("type", append(textType, "null"))
		o.Set("examples", nonNil(in.Records.TierNames()))
	case suite.TypeTexts:
		o.Set("type", "array")
		o.Set("items", O("type", textType))
	case suite.TypeNumber:
		o.Set("type", []string{"number", "string"})
		o.Set("pattern", numberText)
	case suite.TypePartner:
		o.Set("$ref", "#/$defs/"+defPartner)
	case suite.TypeObject:
		o.Set("$ref", "#/$defs/"+defName(k.Ref))
	case suite.TypeList:
		o.Set("type", "array")
		if k.NonEmpty {
			o.Set("minItems", 1)
		}
		o.Set("items", ref(defName(k.Ref)))
	case suite.TypeMap:
		o.Set("type", "object")
		o.Set("additionalProperties", O("anyOf", []*Obj{ref(defName(k.Ref)), O("type", "null")}))
	}
	if k.Enum != nil {
		o.Set("enum", k.Enum)
	}
	return o
}

// inherited adds what the loader asks of keys a case inherits: program
// on the suite or on every case; as_of on the suite, the case or every
// matrix row; tier in the case's expect or in every matrix row's.
func inherited(root, defs *Obj) {
	hasTier := O("required", []string{"expect"}, "properties", O("expect", O("required", []string{"tier"})))
	defs.Set(defCaseTier, O("description", "A case whose tests each expect a tier.", "anyOf", []*Obj{
		hasTier,
		O("required", []string{"matrix"}, "properties", O("matrix", O("items", hasTier))),
	}))
	defs.Set(defCaseDated, O("description", "A case whose tests each have a day.", "anyOf", []*Obj{
		O("required", []string{"as_of"}),
		O("required", []string{"matrix"}, "properties", O("matrix", O("items", O("required", []string{"as_of"})))),
	}))
	caseDef, _ := defs.Get("case")
	caseDef.(*Obj).Set("$ref", "#/$defs/"+defCaseTier)
	root.Set("allOf", []*Obj{
		O("anyOf", []*Obj{
			O("required", []string{"program"}),
			O("properties", O("cases", O("items", O("required", []string{"program"})))),
		}),
		O("anyOf", []*Obj{
			O("required", []string{"as_of"}),
			O("properties", O("cases", O("items", ref(defCaseDated)))),
		}),
	})
}
