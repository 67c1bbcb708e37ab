// Package suite holds rulebook test suites: cases that name a partner, a
// day, a program and a track, and the result the rulebook must give them
// (`tiercalc rules test`). It reads suites from YAML (*_test.yaml beside a
// rulebook) and from a CSV form a program manager can fill in a
// spreadsheet, expands matrices, runs the cases through the engine,
// measures which requirements the cases exercise (coverage of requirements,
// not of lines) and writes actual results back into YAML suites (--update)
// by editing their node tree, so comments, anchors and order stay.
//
// The YAML suite format is a table (Format, in format.go): the loader
// accepts exactly its keys and requires its required ones, and the JSON
// Schema of suites (pkg/schema) is generated from it.
package suite

import (
	"go.yaml.in/yaml/v3"

	"time"

	"github.com/tiercalc/tiercalc/pkg/partner"
)

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
