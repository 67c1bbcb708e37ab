package rulebook

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Kind is what a requirement tests. A new kind is this file (a constant
// below, its YAML forms in kindForms, its kindSpec in kindSpecs) and one
// kind_*.go file in pkg/engine (compile, evaluate, gaps, unknowns).
type Kind int

const (
	KindCredential    Kind = iota + 1 // sum of Keys' credential counts >= Min
	KindCompetency                    // holds Keys[0] (listed, or derived)
	KindCompetencySet                 // holds at least Min of Keys
	KindMetric                        // metric Keys[0] >= Min
	KindAttestation                   // attests Keys[0]
	KindAny                           // at least one of Items
	KindAll                           // every one of Items
)

// The shapes of a kind's YAML value.
const (
	formName  = iota // one name: credential: VTSP
	formNames        // a list of names: credentials: [VCP-DCV, VCAP-DCV]
	formItems        // a list of requirements: any: [...]
)

// How a kind's form takes min.
const (
	minNone     = iota // min does not apply
	minRequired        // min must be given
	minOptional        // min may be given; without it, every name of the list
)

// kindForm is one way a kind is written in a rulebook: its key, the shape of
// the key's value and whether it takes a min. The decoder reads this table,
// so a kind's YAML form is one line here.
type kindForm struct {
	key   string
	kind  Kind
	shape int
	min   int
}

var kindForms = []kindForm{
	{"credential", KindCredential, formName, minRequired},
	{"credentials", KindCredential, formNames, minRequired},
	{"competency", KindCompetency, formName, minNone},
	{"competencies", KindCompetencySet, formNames, minOptional},
	{"metric", KindMetric, formName, minRequired},
	{"attestation", KindAttestation, formName, minNone},
	{"any", KindAny, formItems, minNone},
	{"all", KindAll, formItems, minNone},
}

// formKeys lists the keys of kindForms, in order.
func formKeys() []string {
	keys := make([]string, len(kindForms))
	for i, f := range kindForms {
		keys[i] = f.key
	}
	return keys
}

func formOf(key string) (kindForm, bool) {
	for _, f := range kindForms {
		if f.key == key {
			return f, true
		}
	}
	return kindForm{}, false
}

// kindSpec is what this package knows of one requirement kind beyond its
// YAML form (kindForms): what its keys name, when it can never be met, what
// it tests and how it reads. Validate, CheckSchema and Diff ask it instead
// of switching on kinds, so a new kind is one entry in kindSpecs.
type kindSpec struct {
	// names is what each key names ("credential", "competency", ...; ""
	// for groups), section the vocabulary list that defines it.
	names, section string
	// undefined is the hint for a key nothing defines; "" for the usual
	// "list it under vocabulary: <section>:".
	undefined string
	// other is the numeric kind a key of this one may have been meant
	// as, for the hint "x is a metric: write metric: x".
	other string
	// counts is what Min counts, when it must be a whole number and the
	// keys distinct ("people"); "" otherwise.
	counts string
	// numeric kinds read record slots; credential says which kind of
	// slot.
	numeric, credential bool
	// all is set for the group whose items must all hold: thresholds and
	// Diff's cumulative leaves look inside it.
	all bool

	// threshold names what Min bounds, for the check that tiers grow
	// stricter; nil when Min is no threshold.
	threshold func(r *Requirement) string
	// never says why r can never be met and where; nil: it can.
	never func(v *validator, r *Requirement, visiting map[*Derived]bool) (string, Pos)
	// signature names what r tests, without its threshold; nil: the kind
	// and the keys.
	signature func(r *Requirement) (sig, key string)
	// rule is r's test in short form, for RuleText.
	rule func(r *Requirement) string
}

// kindSpecs holds every kind. It is filled by init: the group kinds'
// functions recurse through it, which a package-level initializer cannot.
var kindSpecs map[Kind]*kindSpec

// noSpec stands in for a kind the package does not know (a zero
// Requirement built in code).
var noSpec = &kindSpec{rule: func(*Requirement) string { return "?" }}

func specOf(k Kind) *kindSpec {
	if s := kindSpecs[k]; s != nil {
		return s
	}
	return noSpec
}

func init() {
	kindSpecs = map[Kind]*kindSpec{
		KindCredential: {
			names: "credential", section: "credentials", other: "metric", counts: "people",
			numeric: true, credential: true,
			threshold: func(r *Requirement) string { return "credential " + strings.Join(uniq(r.Keys), "+") },
			rule:      atLeast,
		},
		KindMetric: {
			names: "metric", section: "metrics", other: "credential", numeric: true,
			threshold: func(r *Requirement) string { return "metric " + strings.Join(r.Keys, "") },
			rule:      atLeast,
		},
		KindCompetency: {
			names: "competency", section: "competencies",
			undefined: "list it under vocabulary: competencies:, or define it under derived:",
			never:     neverDerived,
			rule:      func(r *Requirement) string { return "competency " + r.Keys[0] },
		},
		KindCompetencySet: {
			names: "competency", section: "competencies", counts: "competencies",
			undefined: "list it under vocabulary: competencies:, or define it under derived:",
			threshold: func(r *Requirement) string { return "competencies " + strings.Join(uniq(r.Keys), "|") },
			never:     neverSet,
			signature: func(r *Requirement) (string, string) {
				k := strings.Join(r.Keys, "|")
				return "set:" + k, k
			},
			rule: func(r *Requirement) string {
				return formatMin(r.Min) + " of {" + strings.Join(r.Keys, ", ") + "}"
			},
		},
		KindAttestation: {
			names: "attestation", section: "attestations",
			rule: func(r *Requirement) string { return "attestation " + r.Keys[0] },
		},
		KindAny: {
			never:     neverAny,
			signature: signatureAny,
			rule:      func(r *Requirement) string { return groupRule(r, " or ") },
		},
		KindAll: {
			all:   true,
			never: neverAll,
			rule:  func(r *Requirement) string { return groupRule(r, " and ") },
		},
	}
}

func formatMin(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

func atLeast(r *Requirement) string { return strings.Join(r.Keys, " + ") + " >= " + formatMin(r.Min) }

func groupRule(r *Requirement, word string) string {
	parts := make([]string, len(r.Items))
	for i, it := range r.Items {
		parts[i] = RuleText(it)
	}
	return "(" + strings.Join(parts, word) + ")"
}

func neverSet(_ *validator, r *Requirement, _ map[*Derived]bool) (string, Pos) {
	if n := len(uniq(r.Keys)); r.Min > float64(n) {
		return fmt.Sprintf("min %g but only %d competencies listed", r.Min, n), r.at.of("min", r.Pos)
	}
	return "", Pos{}
}

// neverDerived: a competency the program derives can never be held when its
// requirement can never be met.
func neverDerived(v *validator, r *Requirement, visiting map[*Derived]bool) (string, Pos) {
	if len(r.Keys) != 1 {
		return "", Pos{}
	}
	d := v.p.DerivedCompetency(r.Keys[0])
	if d == nil || d.Requires == nil || visiting[d] {
		return "", Pos{}
	}
	visiting[d] = true
	defer delete(visiting, d)
	if why, _ := v.never(d.Requires, visiting); why != "" {
		return fmt.Sprintf("derived competency %q can never be held", d.ID), r.Pos
	}
	return "", Pos{}
}

func neverAll(v *validator, r *Requirement, visiting map[*Derived]bool) (string, Pos) {
	for _, it := range r.Items {
		if why, at := v.never(it, visiting); why != "" {
			return why, at
		}
	}
	return "", Pos{}
}

func neverAny(v *validator, r *Requirement, visiting map[*Derived]bool) (string, Pos) {
	if len(r.Items) == 0 {
		return "any: lists no alternatives", r.Pos
	}
	for _, it := range r.Items {
		if why, _ := v.never(it, visiting); why == "" {
			return "", Pos{}
		}
	}
	return "no alternative of any: can be met", r.Pos
}

// signatureAny: an any-group tests its alternatives, in any order.
func signatureAny(r *Requirement) (string, string) {
	parts := make([]string, len(r.Items))
	keys := make([]string, len(r.Items))
	for i, it := range r.Items {
		parts[i], keys[i] = signature(it)
	}
	slices.Sort(parts)
	return "any(" + strings.Join(parts, ",") + ")", "one of " + strings.Join(keys, ", ")
}

// signature names what a requirement tests, without its threshold.
func signature(r *Requirement) (sig, key string) {
	if f := specOf(r.Kind).signature; f != nil {
		return f(r)
	}
	k := strings.Join(r.Keys, "+")
	return strconv.Itoa(int(r.Kind)) + ":" + k, k
}

// RuleText is a requirement's test in short form: "VTSP >= 2", "2 of {a, b,
// c}", "competency x", "any of (...)".
func RuleText(r *Requirement) string { return specOf(r.Kind).rule(r) }

// never says why r can never be met ("" when it can), and where.
// visiting guards against derived cycles, which derivedCycles reports.
func (v *validator) never(r *Requirement, visiting map[*Derived]bool) (string, Pos) {
	if f := specOf(r.Kind).never; f != nil {
		return f(v, r, visiting)
	}
	return "", Pos{}
}

func uniq(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return slices.Compact(s)
}
