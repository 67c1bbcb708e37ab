// Package validate is `tiercalc rules validate`: rulebook files checked
// on their own, every problem with file:line:column.
package validate

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"slices"

	"github.com/spf13/cobra"

	"github.com/tiercalc/tiercalc/pkg/cmdutil"
	"github.com/tiercalc/tiercalc/pkg/iostreams"
	"github.com/tiercalc/tiercalc/pkg/rulebook"
)

// ValidateOptions are the settings of `rules validate`.
type ValidateOptions struct {
	Factory *cmdutil.Factory
	Paths   []string
}

// NewCmdValidate builds `tiercalc rules validate`.
func NewCmdValidate(f *cmdutil.Factory, runF func(*ValidateOptions) error) *cobra.Command {
	o := &ValidateOptions{Factory: f}
	return &cobra.Command{
		Use:   "validate FILE...",
		Short: "Check rulebook files and report every problem with file:line:column",
		Long: `Check rulebook files, or every *.yaml and *.yml file of a folder, on their own
and report every problem with file:line:column. A predecessor mapping is
checked against the loaded rulebooks and the other files given: a tier the
loaded predecessor lacks is a problem, a predecessor not loaded a warning. Exits 3 when any rulebook is invalid, 2 when a path cannot
be read and none is invalid.`,
		Args: cmdutil.MinArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Paths = args
			if runF != nil {
				return runF(o)
			}
			return validateRun(o)
		},
	}
}

func validateRun(o *ValidateOptions) error {
	ios := o.Factory.IOStreams
	invalid, unreadable := 0, 0
	type parsed struct {
		file string
		p    *rulebook.Program
		err  error
	}
	var files []parsed
	for _, path := range o.Paths {
		// A folder is read as --rules reads it (rulebook.Files); each
		// path's problems are printed in argument order.
		names, err := rulebook.Files(path)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) || errors.Is(err, fs.ErrPermission) {
				err = fmt.Errorf("%s: %w", path, iostreams.PathErr(err))
			}
			files = append(files, parsed{err: cmdutil.UsageErrorf("%v", err)})
			continue
		}
		for _, file := range names {
			data, err := os.ReadFile(file)
			if err != nil {
				files = append(files, parsed{err: cmdutil.UsageErrorf("%s: %v", file, iostreams.PathErr(err))})
				continue
			}
			p, err := rulebook.Parse(file, data)
			if err != nil {
				err = cmdutil.RulebookErr(err)
			}
			files = append(files, parsed{file: file, p: p, err: err})
		}
	}
	// A predecessor mapping is checked against the loaded rulebooks and
	// the other files given.
	var pool []*rulebook.Program
	if set, err := o.Factory.Rules(); err == nil {
		pool = set.Programs()
	}
	for _, f := range files {
		if f.p == nil {
			continue
		}
		if i := slices.IndexFunc(pool, func(x *rulebook.Program) bool { return x.ID == f.p.ID }); i >= 0 {
			pool[i] = f.p
		} else {
			pool = append(pool, f.p)
		}
	}
	for _, f := range files {
		if f.err != nil {
			var ee *cmdutil.ExitError
			if errors.As(f.err, &ee) && ee.Code == cmdutil.ExitRulebook {
				invalid++
			} else {
				unreadable++
			}
			cmdutil.PrintError(ios.ErrOut, f.err)
			continue
		}
		p := f.p
		errs, warns := rulebook.CheckPredecessor(p, pool)
		if len(errs) > 0 {
			invalid++
			cmdutil.PrintError(ios.ErrOut, errs)
			continue
		}
		cmdutil.PrintWarnings(ios, warns)
		tiers := 0
		for _, t := range p.Tracks {
			tiers += len(t.Tiers)
		}
		if _, err := fmt.Fprintf(ios.ResultsOut(), "%s: ok: %s (%s), %d track(s), %d tier(s), %d later edition(s)\n",
			f.file, p.ID, p.Name, len(p.Tracks), tiers, len(p.Editions)); err != nil {
			return err
		}
	}
	switch {
	case invalid > 0:
		return &cmdutil.ExitError{Code: cmdutil.ExitRulebook, Err: errors.New("invalid rulebook"), Quiet: true}
	case unreadable > 0:
		return &cmdutil.ExitError{Code: cmdutil.ExitUsage, Err: errors.New("unreadable path"), Quiet: true}
	}
	return nil
}
