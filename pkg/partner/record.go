package partner

import "slices"

// Record is one partner as read from an input file.
//
// Unknown is not zero (the README's contract): an empty cell or an absent key leaves a
// numeric field at Unknown (NaN) and a list field nil. A list that was given
// but is empty (a JSON [] or YAML []) is a non-nil empty slice.
type Record struct {
	ID          string
	Name        string
	Country     string // ISO 3166-1 alpha-2, upper case; "" when unknown
	CurrentTier string // "" when unknown

	Profiles     []string // nil or empty: evaluated on every track
	Competencies []string // nil: unknown
	Attestations []string // nil: unknown; listed means yes, absent from a known list means no

	// Nums holds credentials and metrics at the slots of the Schema the
	// record was read with; Unknown (NaN) where no value was given.
	Nums []float64

	// Line is where the record starts in its input (1-based; for CSV the
	// header is line 1).
	Line int
}

// Has reports whether id is in list.
func Has(list []string, id string) bool {
	return slices.Contains(list, id)
}
