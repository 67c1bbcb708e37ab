// Package suite holds rulebook test suites: cases that name a partner, a
// day, a program and a track, and the result the rulebook must give them
// (`tiercalc rules test`). It reads suites from YAML (*_test.yaml beside a
// rulebook) and from a CSV form a program manager can fill in a
// spreadsheet, expands matrices, runs the cases through the engine,
// measures which requirements the cases exercise (coverage of requirements,
// not of lines) and writes actual results back into YAML suites (--update)
// by editing their node tree, so comments, anchors and order stay.
//
// The types File, Case, Row, Expect and GapExpect describe a YAML suite
// file key by key; the loader accepts exactly their yaml keys (a test holds
// the two together), so a JSON Schema can be generated from them.
package suite

import (
	"go.yaml.in/yaml/v3"

	"time"

	"github.com/tiercalc/tiercalc/pkg/partner"
)

// File is one YAML test suite file. Program, Track and AsOf are defaults
// for its cases.
type File struct {
	// Program is the id of the program the cases test, unless a case names
	// another.
	Program string `yaml:"program,omitempty" json:"program,omitempty"`
	// Track is the track the cases test, unless a case names another;
	// needed for a program with more than one track.
	Track string `yaml:"track,omitempty" json:"track,omitempty"`
	// AsOf is the day (YYYY-MM-DD) the cases are evaluated on, unless a
	// case gives its own.
	AsOf string `yaml:"as_of,omitempty" json:"as_of,omitempty"`
	// Fixtures is a free place for YAML anchors shared by the cases
	// (partners, expectations); it is not read otherwise.
	Fixtures any `yaml:"fixtures,omitempty" json:"fixtures,omitempty"`
	// Cases are the tests, each reported on its own.
	Cases []Case `yaml:"cases" json:"cases"`
}

// Case is one test: a partner on a day, under a program and track, and
// the result expected.
type Case struct {
	// Name names the case in every report; unique in the suite (with the
	// names its matrix rows make).
	Name string `yaml:"name" json:"name"`
	// Program is the program id (default: the suite's).
	Program string `yaml:"program,omitempty" json:"program,omitempty"`
	// Track is the track id (default: the suite's).
	Track string `yaml:"track,omitempty" json:"track,omitempty"`
	// AsOf is the day evaluated, YYYY-MM-DD (default: the suite's).
	AsOf string `yaml:"as_of,omitempty" json:"as_of,omitempty"`
	// Partner is the partner record, with the fields of a YAML input
	// record (id optional: the case name stands in). Anchors, aliases and
	// merge keys (<<: *base) share fixtures between cases.
	Partner map[string]any `yaml:"partner" json:"partner"`
	// Expect is the result expected (tier required, here or in every
	// matrix row).
	Expect *Expect `yaml:"expect,omitempty" json:"expect,omitempty"`
	// Matrix expands the case into one case per row, each reported on its
	// own as "name [changes]": a row overrides partner fields, the day and
	// expectations.
	Matrix []Row `yaml:"matrix,omitempty" json:"matrix,omitempty"`
}

// Row is one row of a case's matrix.
type Row struct {
	// Name replaces the generated suffix of the row's case name.
	Name string `yaml:"name,omitempty" json:"name,omitempty"`
	// Partner holds the partner fields this row changes.
	Partner map[string]any `yaml:"partner,omitempty" json:"partner,omitempty"`
	// AsOf replaces the case's day.
	AsOf string `yaml:"as_of,omitempty" json:"as_of,omitempty"`
	// Expect replaces the case's expectations key by key.
	Expect *Expect `yaml:"expect,omitempty" json:"expect,omitempty"`
}

// Expect is the result a case expects. Only the keys given are checked.
type Expect struct {
	// Tier is the tier the partner holds on the day (required); null for
	// no tier.
	Tier *string `yaml:"tier" json:"tier"`
	// Status is qualified, grace, incomplete or ineligible.
	Status string `yaml:"status,omitempty" json:"status,omitempty"`
	// NextTier is the tier above the qualified one; null at the top.
	NextTier *string `yaml:"next_tier,omitempty" json:"next_tier,omitempty"`
	// GraceUntil is the last day of grace (YYYY-MM-DD); null for none.
	GraceUntil *string `yaml:"grace_until,omitempty" json:"grace_until,omitempty"`
	// Gaps are the unmet requirements of the next tier, exactly, by
	// requirement id (or label, for a requirement without an id).
	Gaps map[string]GapExpect `yaml:"gaps,omitempty" json:"gaps,omitempty"`
	// Notes are sentences the result's notes must contain, each as a part
	// of one note; an empty list expects no notes.
	Notes []string `yaml:"notes,omitempty" json:"notes,omitempty"`
}

// GapExpect is what one expected gap must hold.
type GapExpect struct {
	// Short is how far the partner is (items for N-of-set requirements);
	// not checked when absent.
	Short *float64 `yaml:"short,omitempty" json:"short,omitempty"`
}

// Test is one case ready to run: a Case or a matrix row expanded, or a CSV
// row, with where it was written.
type Test struct {
	Name    string
	File    string // the suite file, as named to rules test
	Line    int    // the case's (or row's) line
	Program string
	Track   string
	AsOf    time.Time
	Partner *partner.Record
	Want    Want

	// edit is where --update writes (YAML suites only).
	edit *editSpot
}

// Want is the expectations of a test after defaults and matrix overrides.
// A pointer field is nil when the key was not given (not checked); an
// *Opt holds a value that may be null.
type Want struct {
	Tier       *Opt
	Status     string
	NextTier   *Opt
	GraceUntil *Opt
	Gaps       []GapWant // nil: not checked
	GapsSet    bool
	Notes      []string
	NotesSet   bool
}

// Opt is a string that may be null (Null: no tier, no date).
type Opt struct {
	Null  bool
	Value string
}

// String gives the value, or "none" for null.
func (o Opt) String() string {
	if o.Null {
		return "none"
	}
	return o.Value
}

// GapWant is one expected gap: a requirement id (or label) and, when
// given, its short.
type GapWant struct {
	ID    string
	Short *float64
}

// editSpot is where --update writes a test's actual result: the expect:
// node of its case or matrix row (nil when it has none), in the mapping
// that holds it.
type editSpot struct {
	owner  *yaml.Node
	expect *yaml.Node
	row    bool
}
