package cmdutil

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/tiercalc/tiercalc/pkg/internal/safetext"
	"github.com/tiercalc/tiercalc/pkg/partner"
	"github.com/tiercalc/tiercalc/pkg/rulebook"
)

// Exit codes fixed by the README's contract.
const (
	ExitOK       = 0
	ExitFailure  = 1
	ExitUsage    = 2
	ExitRulebook = 3
	ExitRejected = 4
	ExitGate     = 6
)

// How tiercalc talks to the user, in age's manner: results alone on stdout;
// everything else on stderr, one message a line, prefixed "tiercalc: error:",
// "tiercalc: warning:", "tiercalc: note:" or "tiercalc: hint:". Messages
// start lower case and end without a period; hints name the short and long
// flag. An error is a value returned to the root, which prints it once with
// its hints (carried by the error's type, never found by matching its text)
// and exits with its code.

// ExitError is an error that carries its exit code and hints.
type ExitError struct {
	Code  int
	Err   error
	Hints []string
	// Quiet errors have already been reported (each rejected record, each
	// rulebook problem); nothing more is printed for them.
	Quiet bool
	// Partial marks an exit 4 whose run stopped before the end of its
	// input (--max-errors, an input not read to the end).
	Partial bool
}

func (e *ExitError) Error() string {
	if e.Err == nil {
		return fmt.Sprintf("exit %d", e.Code)
	}
	return e.Err.Error()
}

func (e *ExitError) Unwrap() error { return e.Err }

// Hintf adds a hint to e.
func (e *ExitError) Hintf(format string, args ...any) *ExitError {
	e.Hints = append(e.Hints, fmt.Sprintf(format, args...))
	return e
}

// UsageErrorf is an error of the command line (exit 2).
func UsageErrorf(format string, args ...any) *ExitError {
	return &ExitError{Code: ExitUsage, Err: fmt.Errorf(format, args...)}
}

// Hinter is an error that knows what the user can do about it (a bad date
// says which form a date takes).
type Hinter interface {
	error
	ErrorHints() []string
}

// WithHint returns err with hints added: an *ExitError keeps its code,
// anything else exits 1.
func WithHint(err error, hints ...string) *ExitError {
	var ee *ExitError
	if errors.As(err, &ee) && ee == err {
		ee.Hints = append(ee.Hints, hints...)
		return ee
	}
	return &ExitError{Code: CodeOf(err), Err: err, Hints: hints}
}

// CodeOf picks the exit code of an error returned by a command.
func CodeOf(err error) int {
	var ee *ExitError
	if errors.As(err, &ee) {
		return ee.Code
	}
	return ExitFailure
}

// hintsOf gathers the hints an error carries: its own and those of the
// errors it wraps.
func hintsOf(err error) []string {
	var hints []string
	var ee *ExitError
	if errors.As(err, &ee) {
		hints = append(hints, ee.Hints...)
	}
	var h Hinter
	if errors.As(err, &h) {
		hints = append(hints, h.ErrorHints()...)
	}
	return hints
}

// PrintError writes err (and its hints) to w in the form the README's contract fixes,
// each line sanitised: messages name files, rulebooks and tiers, which come
// from the user's data and must never reach the terminal raw.
func PrintError(w io.Writer, err error) {
	var ee *ExitError
	if errors.As(err, &ee) && ee.Quiet {
		return
	}
	var probs rulebook.Problems
	if errors.As(err, &probs) {
		// Each problem with its own hint under it, in file order.
		for _, p := range probs {
			fmt.Fprintf(w, "tiercalc: error: %s\n", safetext.Terminal(p.Error()))
			if p.Hint != "" {
				fmt.Fprintf(w, "tiercalc: hint: %s\n", safetext.Terminal(p.Hint))
			}
		}
		return
	}
	msg := strings.TrimSpace(err.Error())
	for _, line := range strings.Split(msg, "\n") {
		fmt.Fprintf(w, "tiercalc: error: %s\n", safetext.Terminal(line))
	}
	for _, h := range hintsOf(err) {
		fmt.Fprintf(w, "tiercalc: hint: %s\n", safetext.Terminal(h))
	}
}

// Rejection is a rejected record or an unreadable input, as printed: exit 4
// with the reader's hint.
func Rejection(err error) error {
	hint := ""
	switch e := err.(type) {
	case *partner.RecordError:
		hint = e.Hint
	case *partner.HeaderError:
		hint = e.Hint
	default:
		return err
	}
	ee := &ExitError{Code: ExitRejected, Err: err}
	if hint == "" {
		return ee
	}
	return WithHint(ee, hint)
}

// InternalError turns a recovered panic into an error for the user: one
// line, no stack trace, and where to report it.
func InternalError(err error) *ExitError {
	return WithHint(&ExitError{Code: ExitFailure, Err: err},
		"this is a defect in tiercalc; please report it with the command and input that caused it")
}
