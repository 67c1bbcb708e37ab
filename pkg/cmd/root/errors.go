package root

import (
	"errors"
	"strings"

	"github.com/tiercalc/tiercalc/pkg/cmdutil"
	"github.com/tiercalc/tiercalc/pkg/internal/batch"
)

// classify gives every error a command returned its exit code. Ours are
// *cmdutil.ExitError already; a panic in the pipeline is a defect; what is
// left are cobra's own errors, which have no type to tell them apart, so
// their text is read here and nowhere else.
func classify(err error) error {
	var ee *cmdutil.ExitError
	if errors.As(err, &ee) {
		return err
	}
	var pe *batch.PanicError
	if errors.As(err, &pe) {
		return cmdutil.InternalError(err)
	}
	msg := err.Error()
	if strings.HasPrefix(msg, "unknown command") {
		first, rest, _ := strings.Cut(msg, "\n")
		e := cmdutil.UsageErrorf("%s", first)
		var sugg []string
		for _, l := range strings.Split(rest, "\n") {
			if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "Did you mean") {
				sugg = append(sugg, l)
			}
		}
		if len(sugg) > 0 {
			e.Hintf("did you mean %q?", strings.Join(sugg, ", "))
		}
		return e.Hintf("run 'tiercalc --help' for the list of commands")
	}
	// Commands cobra builds itself (completion) check their arguments with
	// cobra's own validators.
	if strings.Contains(msg, "arg(s)") || strings.HasPrefix(msg, "invalid argument") {
		return &cmdutil.ExitError{Code: cmdutil.ExitUsage, Err: err}
	}
	return &cmdutil.ExitError{Code: cmdutil.ExitFailure, Err: err}
}
