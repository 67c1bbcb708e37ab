package suite

import "slices"

// The YAML suite format as data: every mapping the loader reads, its keys,
// what each holds and whether it is required, with one sentence on each.
// The loader takes its known and required keys from this table (keysOf,
// requiredOf) and the JSON Schema (pkg/schema) is generated from it, so
// the two cannot drift apart.

// ValueType is what a key of a suite holds.
type ValueType int

// The value types of the format.
const (
	TypeText       ValueType = iota + 1 // a name or free text (a number is read as written)
	TypeProgramID                       // a program id: [a-z0-9][a-z0-9-]*
	TypeDate                            // a day, YYYY-MM-DD
	TypeTier                            // a tier name, or null for none
	TypeDateOrNull                      // a day, or null for none
	TypeTexts                           // a list of sentences
	TypeNumber                          // a number (quoted or not)
	TypePartner                         // partner fields, as in a YAML record
	TypeAny                             // anything: not read
	TypeObject                          // one mapping of kind Ref
	TypeList                            // a non-empty list of mappings of kind Ref
	TypeMap                             // name -> a mapping of kind Ref, or null
)

// Key is one key of a mapping of a suite. Enum, when set, lists the values
// the key takes; NonEmpty is a list that needs an item.
type Key struct {
	Name     string
	Type     ValueType
	Ref      string
	Required bool
	NonEmpty bool
	Enum     []string
	Doc      string
	Hint     string // what the loader says when a required key is missing
}

// Object is one kind of mapping in a suite: its name, how the loader's
// messages name it, and its keys in file order.
type Object struct {
	Name string
	What string
	Doc  string
	Keys []Key
}

// Format returns the mappings of the suite format, the top level
// ("suite") first.
func Format() []Object { return slices.Clone(formatObjects) }

// The names of the format's mappings.
const (
	objSuite  = "suite"
	objCase   = "case"
	objRow    = "matrix row"
	objExpect = "expect"
	objGap    = "gap"
)

// Sentences shared by keys of several mappings.
const (
	hintCases   = "a suite is a mapping with cases: [{name, partner, expect: {tier}}, ...]"
	docAsOf     = "the day evaluated, YYYY-MM-DD; given on the suite, the case or every matrix row, so a test gives the same answer every day."
	docProgram  = "the id of the program tested (its rulebook loaded with --rules, or beside the suite); given on the suite or on the case."
	docTrack    = "the id of the track tested; needed for a program with more than one track."
	docPartner  = "The partner: the fields of a YAML partner record (id optional: the case name stands in). Anchors, aliases and merge keys (<<: *base) share fixtures between cases."
	docExpect   = "The result expected; only the keys given are checked. tier is required, here or in every matrix row."
	docCaseName = "The case's name in every report; unique in the suite (with the names its matrix rows make)."
)

var formatObjects = []Object{
	{Name: objSuite, What: "a suite", Doc: "A tiercalc rulebook test suite (*_test.yaml): cases that name a partner, a day, a program and a track, and the result the rulebook must give them (tiercalc rules test).", Keys: []Key{
		{Name: "program", Type: TypeProgramID, Doc: "Default of the cases: " + docProgram},
		{Name: "track", Type: TypeText, Doc: "Default of the cases: " + docTrack},
		{Name: "as_of", Type: TypeDate, Doc: "Default of the cases: " + docAsOf},
		{Name: "fixtures", Type: TypeAny, Doc: "A free place for YAML anchors the cases share (partners, expectations); not read otherwise."},
		{Name: "cases", Type: TypeList, Ref: objCase, Required: true, Doc: "The tests, each reported on its own.",
			Hint: hintCases},
	}},
	{Name: objCase, What: "a case", Doc: "One test: a partner on a day, under a program and track, and the result expected.", Keys: []Key{
		{Name: "name", Type: TypeText, Required: true, Doc: docCaseName},
		{Name: "program", Type: TypeProgramID, Doc: "The case's program (default: the suite's): " + docProgram},
		{Name: "track", Type: TypeText, Doc: "The case's track (default: the suite's): " + docTrack},
		{Name: "as_of", Type: TypeDate, Doc: "The case's day (default: the suite's): " + docAsOf},
		{Name: "partner", Type: TypePartner, Required: true, Doc: docPartner,
			Hint: "give the partner's fields as in a YAML record: {VTSP: 2, competencies: [...]}"},
		{Name: "expect", Type: TypeObject, Ref: objExpect, Doc: docExpect},
		{Name: "matrix", Type: TypeList, Ref: objRow, NonEmpty: true, Doc: "Rows that expand the case into one case per row, each reported on its own as \"name [changes]\": a row changes partner fields, the day and expectations."},
	}},
	{Name: objRow, What: "a matrix row", Doc: "One row of a case's matrix: what it changes of the case.", Keys: []Key{
		{Name: "name", Type: TypeText, Doc: "Replaces the generated suffix of the row's case name (\"name [VTSP=1]\")."},
		{Name: "partner", Type: TypePartner, Doc: "The partner fields this row changes; the others are the case's."},
		{Name: "as_of", Type: TypeDate, Doc: "Replaces the case's day (YYYY-MM-DD)."},
		{Name: "expect", Type: TypeObject, Ref: objExpect, Doc: "Replaces the case's expectations key by key."},
	}},
	{Name: objExpect, What: "expect", Doc: "The result a case expects. Only the keys given are checked.", Keys: []Key{
		{Name: "tier", Type: TypeTier, Doc: "The tier the partner holds on the day; null for no tier. Required, in the case's expect or in every matrix row's."},
		{Name: "status", Type: TypeText, Enum: statuses, Doc: "The result's status: qualified, grace (kept in a grace window), incomplete (unknown fields leave it open) or ineligible."},
		{Name: "next_tier", Type: TypeTier, Doc: "The tier above the one held; null at the top."},
		{Name: "grace_until", Type: TypeDateOrNull, Doc: "The last day of grace (YYYY-MM-DD); null for none."},
		{Name: "gaps", Type: TypeMap, Ref: objGap, Doc: "The unmet requirements of the next tier, exactly, by requirement id (or label, for a requirement without an id) -> {short: N}, or null when its short is not checked."},
		{Name: "notes", Type: TypeTexts, Doc: "Sentences the result's notes must contain, each as a part of one note; [] expects no notes."},
	}},
	{Name: objGap, What: "a gap", Doc: "What one expected gap must hold.", Keys: []Key{
		{Name: "short", Type: TypeNumber, Doc: "How far the partner is from the requirement (items, for an N-of-set requirement); not checked when absent."},
	}},
}

// keysOf lists the keys of the mapping called name, for the loader.
func keysOf(name string) []string {
	ob := objectOf(name)
	out := make([]string, len(ob.Keys))
	for i, k := range ob.Keys {
		out[i] = k.Name
	}
	return out
}

// requiredOf lists the keys the mapping called name must hold.
func requiredOf(name string) []Key {
	var out []Key
	for _, k := range objectOf(name).Keys {
		if k.Required {
			out = append(out, k)
		}
	}
	return out
}

func objectOf(name string) Object {
	for _, o := range formatObjects {
		if o.Name == name {
			return o
		}
	}
	panic("suite: no format object " + name)
}
