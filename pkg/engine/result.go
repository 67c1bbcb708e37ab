package engine

// Status values of a Result.
const (
	StatusQualified  = "qualified"
	StatusGrace      = "grace"
	StatusIncomplete = "incomplete"
	StatusIneligible = "ineligible"
)

// Result is the outcome for one partner, program and track: the contract's JSON
// result, plus the edition that decided it.
type Result struct {
	Partner       string  `json:"partner" yaml:"partner"`
	Name          string  `json:"name" yaml:"name"`
	Program       string  `json:"program" yaml:"program"`
	Edition       string  `json:"edition" yaml:"edition"`
	Track         string  `json:"track" yaml:"track"`
	Tier          *string `json:"tier" yaml:"tier"`
	QualifiedTier *string `json:"qualified_tier" yaml:"qualified_tier"`
	Status        string  `json:"status" yaml:"status"`
	GraceUntil    *string `json:"grace_until" yaml:"grace_until"` // YYYY-MM-DD, last day of grace
	NextTier      *string `json:"next_tier" yaml:"next_tier"`
	// Missing are the unmet requirements of NextTier. Never nil. Results
	// of one partner and program whose next tiers are stated alike share
	// one slice (as Unknown): never assign to its elements.
	Missing []Gap `json:"missing" yaml:"missing"`
	// Unknown are the sorted keys of the data the undecided requirements
	// of NextTier need. Never nil. Results of one partner and program may
	// share one slice, full to capacity (as Notes): never assign to its
	// elements.
	Unknown []string `json:"unknown" yaml:"unknown"`
	// Notes are plain sentences a user would otherwise have to guess: why
	// a result is ineligible, that a program had ended, that a move was
	// judged through an illustrative mapping. Never nil. Results may share
	// one notes slice (full to capacity, so that appending copies it):
	// append to it, never assign to its elements.
	Notes []string `json:"notes" yaml:"notes"`
}

// Gap is one unmet requirement of the next tier.
type Gap struct {
	Tier  string  `json:"tier" yaml:"tier"`
	Kind  string  `json:"kind" yaml:"kind"` // credential, competency, competencies, metric, attestation, any; "all" only in Options
	Key   string  `json:"key" yaml:"key"`
	Have  float64 `json:"have" yaml:"have"`
	Need  float64 `json:"need" yaml:"need"`
	Short float64 `json:"short" yaml:"short"`
	Label string  `json:"label" yaml:"label"`
	// Illustrative is true when the requirement's number is an assumption,
	// not a documented fact; Source is the rulebook's source id for it.
	Illustrative bool   `json:"illustrative" yaml:"illustrative"`
	Source       string `json:"source" yaml:"source"`
	// Options are the alternatives of an any-of group, any one of which
	// closes the gap.
	Options []Gap `json:"options,omitempty" yaml:"options,omitempty"`

	// For printers, not part of the JSON contract (see Phrase).
	// Unit is the vocabulary unit of a credential or metric ("people",
	// "USD", "cores"); Noun is what the vocabulary calls the subject: the
	// credential id(s), the metric's label ("committed cores", plural for
	// a count), the competency's or attestation's label ("" when it has
	// none), or the competency set's labels (ids where none) joined " / ".
	// pkg/report words them.
	Unit string `json:"-" yaml:"-"`
	Noun string `json:"-" yaml:"-"`
}
