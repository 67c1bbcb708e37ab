package rulebook

import "slices"

// The rulebook format as data: every mapping the decoder reads, its keys,
// what each holds and whether it is required, with one sentence on each.
// The decoder takes its known and required keys from this table (keysOf,
// requiredOf), the JSON Schema (pkg/schema) is generated from it and the
// format reference (rules/README.md) is tested against it, so the three
// cannot drift apart. A requirement's kind keys are kindForms' (kind.go);
// their sentences are in kindDocs.

// ValueType is what a key of the format holds.
type ValueType int

// The value types of the format.
const (
	TypeText      ValueType = iota + 1 // a name or free text (a number is read as written)
	TypeProgramID                      // a program id: [a-z0-9][a-z0-9-]*
	TypeDate                           // a day, YYYY-MM-DD
	TypePubDate                        // a publication date: YYYY, YYYY-MM or YYYY-MM-DD
	TypeNumber                         // a finite number
	TypeBool                           // true or false
	TypeNames                          // a list of names
	TypeRegions                        // a list of region names (pkg/region)
	TypeProfiles                       // a list of partner profiles (pkg/partner)
	TypeMonths                         // a mapping of tier name -> whole number of months
	TypeObject                         // one mapping of kind Ref
	TypeList                           // a list of mappings of kind Ref
)

// Key is one key of a mapping of the format.
type Key struct {
	Name     string
	Type     ValueType
	Ref      string // the Object a TypeObject or TypeList key holds
	Required bool
	Doc      string
}

// Object is one kind of mapping in a rulebook: its name as the decoder's
// messages say it ("tier", "requirement") and its keys in the order the
// reference lists them.
type Object struct {
	Name string
	Doc  string
	Keys []Key
}

// KindForm is one requirement kind key as the format writes it: its key,
// its value (one name, a list of names or a list of requirements) and
// whether it takes min.
type KindForm struct {
	Key      string
	Names    bool // a list of names (else one name, or Items)
	Items    bool // a list of requirements
	MinNeed  bool // min must be given
	MinTakes bool // min may be given (MinNeed implies it)
	Doc      string
}

// KindForms returns the requirement kind keys, in kindForms' order.
func KindForms() []KindForm {
	out := make([]KindForm, len(kindForms))
	for i, f := range kindForms {
		out[i] = KindForm{Key: f.key, Names: f.shape == formNames, Items: f.shape == formItems,
			MinNeed: f.min == minRequired, MinTakes: f.min != minNone, Doc: kindDocs[f.key]}
	}
	return out
}

// Format returns the mappings of the rulebook format, the top level
// ("rulebook") first.
func Format() []Object {
	return slices.Clone(formatObjects)
}

// keysOf lists the keys of the mapping called what, for the decoder; the
// requirement's kind keys are added to its own.
func keysOf(what string) []string {
	var out []string
	for _, k := range objectOf(what).Keys {
		out = append(out, k.Name)
	}
	if what == objRequirement {
		out = append(out, formKeys()...)
	}
	return out
}

// requiredOf lists the keys the mapping called what must hold.
func requiredOf(what string) []string {
	var out []string
	for _, k := range objectOf(what).Keys {
		if k.Required {
			out = append(out, k.Name)
		}
	}
	return out
}

func objectOf(what string) Object {
	for _, o := range formatObjects {
		if o.Name == what {
			return o
		}
	}
	panic("rulebook: no format object " + what)
}

// The names of the format's mappings, as the decoder's messages say them.
const (
	objRulebook    = "rulebook"
	objSource      = "source"
	objVocabulary  = "vocabulary"
	objVocabEntry  = "vocabulary entry"
	objPredecessor = "predecessor"
	objTierMap     = "tier mapping"
	objGrace       = "grace"
	objDerived     = "derived competency"
	objTrack       = "track"
	objTier        = "tier"
	objRequirement = "requirement"
	objEdition     = "edition"
	objChange      = "change"
)

var kindDocs = map[string]string{
	"credential":   "Requirement kind: at least min people hold this credential (a built-in credential such as VTSP, or one listed under vocabulary: credentials:).",
	"credentials":  "Requirement kind: at least min people hold these credentials, counted together (e.g. [VCP-DCV, VCAP-DCV]).",
	"competency":   "Requirement kind: the partner holds this competency (listed in its record, or a derived competency it earns).",
	"competencies": "Requirement kind: the partner holds at least min of these competencies (N of a set); without min, every one of them.",
	"metric":       "Requirement kind: the metric (revenue_usd, cores, ... or one of vocabulary: metrics:) is at least min.",
	"attestation":  "Requirement kind: the partner attests this yes/no fact (e.g. program-fee-paid).",
	"any":          "Requirement kind: at least one of these requirements is met (alternatives). Items without source: take the group's.",
	"all":          "Requirement kind: every one of these requirements is met (a group, e.g. inside any:). Items without source: take the group's.",
}

var formatObjects = []Object{
	{Name: objRulebook, Doc: "A tiercalc rulebook: one partner program, its tiers and requirements, and the dated editions that change them.", Keys: []Key{
		{Name: "id", Type: TypeProgramID, Required: true, Doc: "Program id, used by --program: lower-case letters, digits and dashes. A rulebook with a shipped id replaces the shipped one."},
		{Name: "name", Type: TypeText, Required: true, Doc: "The program's name, shown in titles."},
		{Name: "vendor", Type: TypeText, Doc: "The vendor that runs the program."},
		{Name: "summary", Type: TypeText, Doc: "A paragraph on the program for people: what it is, when it started and ended. Shown by no command; for readers of the file."},
		{Name: "effective", Type: TypeDate, Required: true, Doc: "First day of the base edition (YYYY-MM-DD). Before it the program is not in force."},
		{Name: "edition", Type: TypeText, Doc: "Id of the base edition, as results and rules show name it. Default: the effective date."},
		{Name: "ends", Type: TypeDate, Doc: "The last day the program is in force (YYYY-MM-DD). After it, check leaves the program out unless it is named with --program."},
		{Name: "sources", Type: TypeList, Ref: objSource, Doc: "The references requirements, grace and mappings cite by id."},
		{Name: "vocabulary", Type: TypeObject, Ref: objVocabulary, Doc: "The names requirements use, with labels and units; a name that is not built in extends the record format."},
		{Name: "predecessor", Type: TypeObject, Ref: objPredecessor, Doc: "How the previous program's tiers map onto this one's, so a current_tier of the old program is understood."},
		{Name: "grace", Type: TypeObject, Ref: objGrace, Doc: "How long a partner keeps a current tier it no longer qualifies for."},
		{Name: "derived", Type: TypeList, Ref: objDerived, Doc: "Competencies a partner holds when a requirement is met (earned from credentials), never listed in records."},
		{Name: "tracks", Type: TypeList, Ref: objTrack, Doc: "The ladders of tiers (solution paths, routes to market). Give tracks or tiers, not both."},
		{Name: "tiers", Type: TypeList, Ref: objTier, Doc: "The tiers of a program with one track, lowest first. Give tiers or tracks, not both."},
		{Name: "editions", Type: TypeList, Ref: objEdition, Doc: "Dated changes after the base edition, in date order; each states only what changes."},
	}},
	{Name: objSource, Doc: "A reference that requirements cite by id.", Keys: []Key{
		{Name: "id", Type: TypeText, Required: true, Doc: "The id requirements, grace, mappings and editions cite in source:."},
		{Name: "title", Type: TypeText, Required: true, Doc: "What the source is: a headline, or a description when it has none."},
		{Name: "url", Type: TypeText, Doc: "The source's address, when one is known (never made up)."},
		{Name: "date", Type: TypePubDate, Doc: "Publication date, as precise as the source gives it: YYYY, YYYY-MM or YYYY-MM-DD (quote it)."},
	}},
	{Name: objVocabulary, Doc: "The names the program's requirements use.", Keys: []Key{
		{Name: "credentials", Type: TypeList, Ref: objVocabEntry, Doc: "Credentials: counts of people holding an accreditation or certification."},
		{Name: "metrics", Type: TypeList, Ref: objVocabEntry, Doc: "Metrics: business figures (revenue, cores, points)."},
		{Name: "competencies", Type: TypeList, Ref: objVocabEntry, Doc: "Competencies partners hold; none is built in, so every competency a requirement names is listed here or under derived:."},
		{Name: "attestations", Type: TypeList, Ref: objVocabEntry, Doc: "Yes/no facts partners attest (program-fee-paid, ...)."},
	}},
	{Name: objVocabEntry, Doc: "One name of the vocabulary.", Keys: []Key{
		{Name: "id", Type: TypeText, Required: true, Doc: "The name as records and requirements write it (VTSP, revenue_usd, business-continuity)."},
		{Name: "label", Type: TypeText, Doc: "How gaps name it: a competency or attestation by its label, a metric by its label (the plural for a count)."},
		{Name: "unit", Type: TypeText, Doc: "What it counts (people, cores, ...). USD (or usd, US$) makes a metric money: worded US$..., held to the cent."},
	}},
	{Name: objPredecessor, Doc: "How the previous program's tiers map onto this program's.", Keys: []Key{
		{Name: "program", Type: TypeText, Required: true, Doc: "Id of the predecessor program."},
		{Name: "illustrative", Type: TypeBool, Doc: "true when the mapping is an assumption (by rank only), not documented; a note then says so."},
		{Name: "source", Type: TypeText, Doc: "Id of the source documenting the mapping."},
		{Name: "note", Type: TypeText, Doc: "What is assumed, for an illustrative mapping."},
		{Name: "tiers", Type: TypeList, Ref: objTierMap, Required: true, Doc: "One entry per predecessor tier."},
	}},
	{Name: objTierMap, Doc: "One predecessor tier and the tier it maps to.", Keys: []Key{
		{Name: "from", Type: TypeText, Required: true, Doc: "The predecessor's tier name."},
		{Name: "to", Type: TypeText, Required: true, Doc: "This program's tier name."},
		{Name: "track", Type: TypeText, Doc: "Only on this track (default: every track)."},
	}},
	{Name: objGrace, Doc: "The window during which a partner keeps a current tier it no longer qualifies for.", Keys: []Key{
		{Name: "from", Type: TypeDate, Required: true, Doc: "The day the window opens (YYYY-MM-DD)."},
		{Name: "source", Type: TypeText, Doc: "Id of the source documenting the grace period."},
		{Name: "note", Type: TypeText, Doc: "How the window is counted, for people."},
		{Name: "months", Type: TypeMonths, Required: true, Doc: "Tier name -> length of the window in months; a tier not listed has no grace."},
	}},
	{Name: objDerived, Doc: "A competency a partner holds when a requirement is met.", Keys: []Key{
		{Name: "id", Type: TypeText, Required: true, Doc: "The competency's id, which competency: requirements name."},
		{Name: "label", Type: TypeText, Doc: "The competency's name for people."},
		{Name: "requires", Type: TypeObject, Ref: objRequirement, Required: true, Doc: "The one requirement (often all: [...]) that earns it."},
	}},
	{Name: objTrack, Doc: "One ladder of tiers: a solution path or a route to market.", Keys: []Key{
		{Name: "id", Type: TypeText, Required: true, Doc: "Track id, as results and --track name it."},
		{Name: "label", Type: TypeText, Doc: "The track's name for people."},
		{Name: "profiles", Type: TypeProfiles, Doc: "The partner profiles the track applies to; none: every partner."},
		{Name: "tiers", Type: TypeList, Ref: objTier, Required: true, Doc: "The track's tiers, lowest first."},
	}},
	{Name: objTier, Doc: "One tier, lowest first: a tier also requires what the tiers below it require.", Keys: []Key{
		{Name: "name", Type: TypeText, Required: true, Doc: "The tier's name, as results, current_tier and --fail-below name it."},
		{Name: "label", Type: TypeText, Doc: "A longer description of the tier, for readers of the file."},
		{Name: "regions", Type: TypeRegions, Doc: "The regions where the tier exists (americas, emea, apj); none: everywhere."},
		{Name: "without", Type: TypeNames, Doc: "Ids of requirements of the tiers below that this tier does not carry over."},
		{Name: "requires", Type: TypeList, Ref: objRequirement, Doc: "The tier's own requirements ([] or left out: none)."},
	}},
	{Name: objRequirement, Doc: "One requirement: exactly one kind key (credential, credentials, competency, competencies, metric, attestation, any, all).", Keys: []Key{
		{Name: "id", Type: TypeText, Doc: "Optional id that editions (remove:, replace:) and without: refer to."},
		{Name: "label", Type: TypeText, Doc: "The requirement in words (\"4 VTSP-accredited presales staff\"). Required, except on any:/all: groups."},
		{Name: "source", Type: TypeText, Doc: "Id of the source documenting it. Required, unless an enclosing any:/all: group or the edition gives one, which it then takes."},
		{Name: "illustrative", Type: TypeBool, Doc: "true when the number is an assumption, not a documented fact; a note then says what is assumed."},
		{Name: "note", Type: TypeText, Doc: "What is assumed, or any remark for people."},
		{Name: "regions", Type: TypeRegions, Doc: "The regions where it applies (americas, emea, apj); elsewhere it counts as met. None: everywhere."},
		{Name: "min", Type: TypeNumber, Doc: "The threshold: people for credentials, the amount for a metric, how many of a competencies: set."},
	}},
	{Name: objEdition, Doc: "A dated change of the program; it states only what changes from the edition before.", Keys: []Key{
		{Name: "id", Type: TypeText, Doc: "The edition's id, as results name it. Default: its effective date."},
		{Name: "effective", Type: TypeDate, Required: true, Doc: "The first day it is in force (YYYY-MM-DD)."},
		{Name: "label", Type: TypeText, Doc: "What the edition is, shown by rules list -o json."},
		{Name: "source", Type: TypeText, Doc: "Id of the source documenting it; requirements it adds without source: take it."},
		{Name: "note", Type: TypeText, Doc: "Any remark for readers of the file."},
		{Name: "changes", Type: TypeList, Ref: objChange, Required: true, Doc: "The edits, each to one tier."},
	}},
	{Name: objChange, Doc: "One edit of one tier: exactly one of add, remove, replace (with with), regions or drop.", Keys: []Key{
		{Name: "track", Type: TypeText, Doc: "Only on this track (default: every track that has the tier)."},
		{Name: "tier", Type: TypeText, Required: true, Doc: "The tier the change edits."},
		{Name: "with", Type: TypeObject, Ref: objRequirement, Doc: "The new requirement, with replace:."},
		{Name: "held_until", Type: TypeDate, Doc: "With regions: or drop: true, the last day a partner whose current tier the change takes away keeps it (status grace)."},
		{Name: "add", Type: TypeObject, Ref: objRequirement, Doc: "Edit: add this requirement to the tier."},
		{Name: "remove", Type: TypeText, Doc: "Edit: remove the requirement with this id."},
		{Name: "replace", Type: TypeText, Doc: "Edit: replace the requirement with this id by with:."},
		{Name: "regions", Type: TypeRegions, Doc: "Edit: from now on the tier exists only in these regions."},
		{Name: "drop", Type: TypeBool, Doc: "Edit: drop: true removes the tier."},
	}},
}

// ChangeVerbs lists the edits a change makes, one per change.
func ChangeVerbs() []string { return slices.Clone(changeVerbs) }

// SourceYAML returns the rulebook file exactly as it was read (for rules
// export); nil for a Program built in code.
func (p *Program) SourceYAML() []byte { return p.source }

// Embedded reports whether the rulebook was built into the binary (the
// shipped ones), so that its file exists only in tiercalc's source tree.
func (p *Program) Embedded() bool { return p.embedded }
