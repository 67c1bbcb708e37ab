package partner

import (
	"maps"
	"math"
	"slices"
	"strings"
)

// The names the README's contract fixes. They are always known, whichever programs are
// selected; rulebooks may add names of their own through a Vocabulary.
var (
	// Credentials are counts of people holding each accreditation or
	// certification.
	Credentials = []string{
		"VSP", "VTSP",
		"VCP-DCV", "VCP-NV", "VCP-CMA", "VCP-DW", "VCP-VCF",
		"VCAP-DCV", "VCAP-NV", "VCAP-CMA", "VCAP-DW", "VCAP-VCF",
		"VCDX",
	}
	// Metrics are business figures.
	Metrics = []string{"revenue_usd", "tier_credits", "cores", "cloud_points", "deployments", "customer_references"}
	// Profiles are the kinds of partner a track can apply to.
	Profiles = []string{"reseller", "cloud-provider", "msp", "system-integrator", "distributor", "oem"}
	// Attestations are yes/no facts a partner states.
	Attestations = []string{
		"program-fee-paid", "ethics-training", "dedicated-sales", "dedicated-technical",
		"joint-business-plan", "expert-advantage", "smb-practice",
	}
	// TextFields and ListFields are the remaining record fields.
	TextFields = []string{"id", "name", "country", "current_tier"}
	ListFields = []string{"profiles", "competencies", "attestations"}
)

// Vocabulary is a set of names a rulebook adds to the record format.
type Vocabulary struct {
	Credentials  []string
	Metrics      []string
	Competencies []string
	Attestations []string
	// Tiers are the tier names a current_tier may hold: the program's own
	// and those its predecessor mapping reads.
	Tiers []string
	// Money lists the metrics whose unit is a currency (IsCurrency): their
	// values are amounts in dollars and cents.
	Money []string
}

// Schema is the record format in force for one run: the built-in names plus
// those of every loaded rulebook. Numeric fields (credentials and metrics) are
// stored in a Record's Nums slice at the index Slot gives, so the engine reads
// them without map lookups.
type Schema struct {
	nums         []string
	slot         map[string]int
	isCredential []bool
	prec         []Precision
	competencies map[string]bool
	attestations map[string]bool
	tiers        map[string]string // lower case -> as the rulebook spells it
}

// NewSchema returns the built-in schema extended by the given vocabularies.
func NewSchema(extra ...Vocabulary) *Schema {
	s := &Schema{slot: map[string]int{}, competencies: map[string]bool{}, attestations: map[string]bool{}, tiers: map[string]string{}}
	addNum := func(name string, cred bool) {
		if _, ok := s.slot[name]; ok {
			return
		}
		s.slot[name] = len(s.nums)
		s.nums = append(s.nums, name)
		s.isCredential = append(s.isCredential, cred)
		s.prec = append(s.prec, builtinPrecision(name, cred))
	}
	for _, n := range Credentials {
		addNum(n, true)
	}
	for _, n := range Metrics {
		addNum(n, false)
	}
	for _, a := range Attestations {
		s.attestations[a] = true
	}
	for _, v := range extra {
		for _, n := range v.Credentials {
			addNum(n, true)
		}
		for _, n := range v.Metrics {
			addNum(n, false)
		}
		for _, c := range v.Competencies {
			s.competencies[c] = true
		}
		for _, a := range v.Attestations {
			s.attestations[a] = true
		}
		for _, t := range v.Tiers {
			s.tiers[strings.ToLower(t)] = t
		}
	}
	// A metric some rulebook counts in a currency holds cents, whatever
	// another says (it then has no more than two decimals either way).
	for _, v := range extra {
		for _, n := range v.Money {
			if i, ok := s.slot[n]; ok && !s.isCredential[i] {
				s.prec[i] = Cents
			}
		}
	}
	return s
}

// Precision is what values a numeric field holds.
type Precision uint8

const (
	// Whole: counts of people or things, 0 to MaxValue.
	Whole Precision = iota
	// Cents: money, 0 to MaxMoney with at most two decimals. Up to
	// MaxMoney a float64 keeps every cent apart (and exact once rounded
	// to the nearest cent): 1e13 * 100 < 2^53.
	Cents
	// Fraction: any decimal number from 0 to MaxValue (tier credits).
	Fraction
)

// The largest values a record may hold. Larger ones are typing errors (or
// attacks) rather than partner figures.
const (
	MaxValue = 1e15 // counts and fractional metrics: exact integers in a float64
	MaxMoney = 1e13 // currency amounts, so that cents stay exact
)

// builtinPrecision is the precision of a name of the contract's record format:
// revenue is money, tier credits may be fractional, the rest counts.
func builtinPrecision(name string, cred bool) Precision {
	switch {
	case cred:
		return Whole
	case name == "revenue_usd":
		return Cents
	case name == "tier_credits":
		return Fraction
	}
	return Whole
}

// Precision returns the precision of the numeric field at slot i.
func (s *Schema) Precision(i int) Precision { return s.prec[i] }

// CheckValue says why x is not a value a field of precision p may hold,
// or "" when it is: records (when read) and rulebook thresholds (when
// validated) are held to the same bounds. hint may say what to write.
func CheckValue(x float64, p Precision) (msg, hint string) {
	switch {
	case math.IsNaN(x) || math.IsInf(x, 0):
		return "not a finite number", ""
	case x < 0:
		return "negative", "counts and amounts are zero or more"
	case x > limit(p):
		return "above " + limitText(p), limitHint(p)
	case p == Whole && x != math.Trunc(x):
		return "not a whole number", "this field counts people or things"
	case p == Cents && math.Round(x*100)/100 != x:
		return "more than two decimals", "an amount of money has at most two decimals (cents)"
	}
	return "", ""
}

func limit(p Precision) float64 {
	if p == Cents {
		return MaxMoney
	}
	return MaxValue
}

func limitText(p Precision) string {
	if p == Cents {
		return "1e13"
	}
	return "1e15"
}

func limitHint(p Precision) string {
	if p == Cents {
		return "amounts of money go up to 1e13"
	}
	return "numbers go up to 1e15"
}

// Slot returns the index of a numeric field in Record.Nums.
func (s *Schema) Slot(name string) (int, bool) {
	i, ok := s.slot[name]
	return i, ok
}

// NumFields returns the numeric field names in slot order.
func (s *Schema) NumFields() []string { return s.nums }

// IsCredential reports whether the numeric field at slot i is a credential
// (as opposed to a metric).
func (s *Schema) IsCredential(i int) bool { return s.isCredential[i] }

// KnownCompetency reports whether id is a competency some rulebook names.
func (s *Schema) KnownCompetency(id string) bool { return s.competencies[id] }

// KnownAttestation reports whether id is a built-in or rulebook attestation.
func (s *Schema) KnownAttestation(id string) bool { return s.attestations[id] }

// KnownTier reports whether a current_tier value names a tier of some
// loaded program (case-insensitively). With no rulebook tiers known, every
// value passes.
func (s *Schema) KnownTier(name string) bool {
	if len(s.tiers) == 0 {
		return true
	}
	_, ok := s.tiers[strings.ToLower(name)]
	return ok
}

// TierNames returns the known tier names, sorted.
func (s *Schema) TierNames() []string {
	return slices.Sorted(maps.Values(s.tiers))
}

// Competencies returns the known competency ids, sorted.
func (s *Schema) Competencies() []string { return sortedKeys(s.competencies) }

// AttestationIDs returns the known attestation ids, sorted.
func (s *Schema) AttestationIDs() []string { return sortedKeys(s.attestations) }

// FieldNames returns every field name a record may carry (for did-you-mean
// hints on unknown columns).
func (s *Schema) FieldNames() []string {
	out := append([]string{}, TextFields...)
	out = append(out, ListFields...)
	return append(out, s.nums...)
}

// NewRecord returns a record with every numeric field unknown.
func (s *Schema) NewRecord() *Record {
	r := &Record{Nums: make([]float64, len(s.nums))}
	for i := range r.Nums {
		r.Nums[i] = Unknown
	}
	return r
}

func sortedKeys(m map[string]bool) []string {
	return slices.Sorted(maps.Keys(m))
}

// Unknown marks a numeric field with no value. NaN is never a valid input
// value (readers reject it), so it is free to mean "absent".
var Unknown = math.NaN()

// IsUnknown reports whether v is the Unknown marker.
func IsUnknown(v float64) bool { return v != v }

// IsCurrency reports whether a vocabulary unit is money (US dollars: "USD",
// "usd" or "US$"), whose values carry cents.
func IsCurrency(unit string) bool {
	switch unit {
	case "USD", "usd", "US$":
		return true
	}
	return false
}
