package rulebook

import (
	"github.com/tiercalc/tiercalc/pkg/internal/suggest"

	"cmp"
	"fmt"
	"slices"
	"strings"
)

// String gives "file:line:col", dropping the parts that are unknown (zero).
func (p Pos) String() string {
	switch {
	case p.Line == 0:
		return p.File
	case p.Col == 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// Problem is one thing wrong with a rulebook, at a place in its file.
type Problem struct {
	Pos  Pos
	Msg  string
	Hint string // a whole sentence, e.g. `did you mean "source"?`; may be empty
}

// Error gives "file:line:col: msg". The hint is left out so that every
// problem stays one line; callers that show hints read Hint.
func (p Problem) Error() string {
	if p.Pos == (Pos{}) {
		return p.Msg
	}
	return p.Pos.String() + ": " + p.Msg
}

// Problems is every problem found in one or more rulebooks, in file order.
// It is the error type of Parse, Validate, CheckSchema and the Set loaders; find it
// with errors.As to tell an invalid rulebook from an I/O failure.
type Problems []Problem

// Error joins the problems one a line.
func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.Error()
	}
	return strings.Join(lines, "\n")
}

// Err returns ps as an error, or nil when there are none (a nil Problems in
// an error interface would not compare equal to nil).
func (ps Problems) Err() error {
	if len(ps) == 0 {
		return nil
	}
	return ps
}

// sorted returns the problems ordered by file, line and column, without
// exact repeats (validation of several editions finds the same problem of
// the base edition once per edition).
func (ps Problems) sorted() Problems {
	slices.SortStableFunc(ps, func(a, b Problem) int {
		return cmp.Or(
			cmp.Compare(a.Pos.File, b.Pos.File),
			cmp.Compare(a.Pos.Line, b.Pos.Line),
			cmp.Compare(a.Pos.Col, b.Pos.Col),
		)
	})
	return slices.Compact(ps)
}

// didYouMean gives a Problem hint for s among candidates, or "".
func didYouMean(s string, candidates []string) string {
	if c := suggest.Closest(s, candidates); c != "" {
		return fmt.Sprintf("did you mean %q?", c)
	}
	return ""
}
