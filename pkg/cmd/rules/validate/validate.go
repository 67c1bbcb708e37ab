// Package validate is `tiercalc rules validate`: rulebook files checked
// on their own, every problem with file:line:column.
package validate

import (
	"errors"
	"fmt"
	"io/fs"

	"github.com/spf13/cobra"

	"github.com/tiercalc/tiercalc/pkg/cmdutil"
	"github.com/tiercalc/tiercalc/pkg/internal/safetext"
	"github.com/tiercalc/tiercalc/pkg/iostreams"
	"github.com/tiercalc/tiercalc/pkg/rulebook"
)

// ValidateOptions are the settings of `rules validate`.
type ValidateOptions struct {
	Factory *cmdutil.Factory
	Paths   []string
}

// printReadError reports a path that could not be read, or was refused for
// its size or kind, as a usage error (exit 2).
func printReadError(ios *iostreams.IOStreams, path string, err error) {
	if errors.Is(err, fs.ErrNotExist) || errors.Is(err, fs.ErrPermission) {
		err = fmt.Errorf("%s: %w", path, iostreams.PathErr(err))
	}
	cmdutil.PrintError(ios.ErrOut, cmdutil.UsageErrorf("%v", err))
}

// NewCmdValidate builds `tiercalc rules validate`.
func NewCmdValidate(f *cmdutil.Factory, runF func(*ValidateOptions) error) *cobra.Command {
	o := &ValidateOptions{Factory: f}
	return &cobra.Command{
		Use:   "validate FILE...",
		Short: "Check rulebook files and report every problem with file:line:column",
		Long: `Check rulebook files, or every *.yaml and *.yml file of a folder, on their own
(not against the loaded rulebooks) and report every problem with
file:line:column; "-" reads one rulebook from stdin. Exits 3 when any rulebook is invalid, 2 when a path cannot
be read, or is refused (not a regular file, over a size cap), and none is
invalid.`,
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
	for _, path := range o.Paths {
		if err := cmdutil.CheckNotOut(ios, path); err != nil {
			return err
		}
	}
	stdinSeen := false
	for _, path := range o.Paths {
		// A folder is read as --rules reads it (rulebook.Files); each
		// path's problems are printed in argument order. "-" is stdin,
		// read with the same cap as a file.
		var files []string
		if path == "-" {
			if stdinSeen {
				return cmdutil.UsageErrorf("stdin (-) is named twice")
			}
			stdinSeen = true
			files = []string{"-"}
		} else {
			var err error
			if files, err = rulebook.Files(path); err != nil {
				unreadable++
				printReadError(ios, path, err)
				continue
			}
		}
		for _, file := range files {
			var data []byte
			var err error
			name := file
			if file == "-" {
				name = "stdin"
				data, err = rulebook.ReadFrom(name, ios.In)
			} else {
				data, err = rulebook.ReadFile(file)
			}
			if err != nil {
				unreadable++
				printReadError(ios, file, err)
				continue
			}
			p, err := rulebook.Parse(name, data)
			if err != nil {
				invalid++
				cmdutil.PrintError(ios.ErrOut, cmdutil.RulebookErr(err))
				continue
			}
			tiers := 0
			for _, t := range p.Tracks {
				tiers += len(t.Tiers)
			}
			if _, err := fmt.Fprintf(ios.ResultsOut(), "%s: ok: %s (%s), %d track(s), %d tier(s), %d later edition(s)\n",
				safetext.Terminal(name), safetext.Terminal(p.ID), safetext.Terminal(p.Name), len(p.Tracks), tiers, len(p.Editions)); err != nil {
				return err
			}
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
