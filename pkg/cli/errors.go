package cli

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/tiercalc/tiercalc/pkg/rulebook"
)

// Exit codes fixed by SPEC.md.
const (
	ExitOK       = 0
	ExitFailure  = 1
	ExitUsage    = 2
	ExitRulebook = 3
	ExitRejected = 4
	ExitGate     = 6
)

// ExitError is an error that carries its exit code and hints. Every error a
// command returns is printed once, by Main, as "tiercalc: error: ..." followed
// by one "tiercalc: hint: ..." line per hint.
type ExitError struct {
	Code  int
	Err   error
	Hints []string
	// Quiet errors have already been reported (each rejected record, each
	// rulebook problem); Main prints nothing more for them.
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

func usageErr(format string, args ...any) *ExitError {
	return &ExitError{Code: ExitUsage, Err: fmt.Errorf(format, args...)}
}

func (e *ExitError) hint(format string, args ...any) *ExitError {
	e.Hints = append(e.Hints, fmt.Sprintf(format, args...))
	return e
}

// codeOf picks the exit code of an error returned by a command.
func codeOf(err error) int {
	var ee *ExitError
	if errors.As(err, &ee) {
		return ee.Code
	}
	return ExitFailure
}

// printError writes err (and its hints) to w in the form SPEC.md fixes.
func printError(w io.Writer, err error) {
	var ee *ExitError
	if errors.As(err, &ee) && ee.Quiet {
		return
	}
	var probs rulebook.Problems
	if errors.As(err, &probs) {
		// Each problem with its own hint under it, in file order.
		for _, p := range probs {
			fmt.Fprintf(w, "tiercalc: error: %s\n", p.Error())
			if p.Hint != "" {
				fmt.Fprintf(w, "tiercalc: hint: %s\n", p.Hint)
			}
		}
		return
	}
	msg := strings.TrimSpace(err.Error())
	for _, line := range strings.Split(msg, "\n") {
		fmt.Fprintf(w, "tiercalc: error: %s\n", line)
	}
	if ee != nil {
		for _, h := range ee.Hints {
			fmt.Fprintf(w, "tiercalc: hint: %s\n", h)
		}
	}
}

// warn writes one warning line to w.
func warn(w io.Writer, format string, args ...any) {
	fmt.Fprintf(w, "tiercalc: warning: %s\n", fmt.Sprintf(format, args...))
}

// internalError turns a recovered panic into an error for the user: one
// line, no stack trace, and where to report it.
func internalError(v any) error {
	return &ExitError{Code: ExitFailure, Err: fmt.Errorf("internal error: %v", v),
		Hints: []string{"this is a defect in tiercalc; please report it with the command and input that caused it"}}
}
