// Package validate is `tiercalc rules validate`: rulebook files checked
// on their own, every problem with file:line:column.
package validate

import (
	"errors"
	"fmt"
	"io/fs"
	"slices"

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
and report every problem with file:line:column; "-" reads one rulebook from
stdin. A predecessor mapping is checked against the loaded rulebooks and the
other files given: a tier the loaded predecessor lacks is a problem, a
predecessor not loaded a warning. Exits 3 when any rulebook is invalid, 2 when a path cannot
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
	// Every path is read and parsed first, so that a predecessor mapping
	// can be checked against the other files given; problems are then
	// printed in argument order.
	files, err := readPaths(ios, o.Paths)
	if err != nil {
		return err
	}
	pool := checkPool(o.Factory, files)
	for _, f := range files {
		switch {
		case f.readErr != nil:
			unreadable++
			f.readErr()
		case f.err != nil:
			invalid++
			cmdutil.PrintError(ios.ErrOut, cmdutil.RulebookErr(f.err))
		default:
			ok, err := checkParsed(ios, f, pool)
			if err != nil {
				return err
			}
			if !ok {
				invalid++
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

// parsed is one rulebook file given to validate, read and parsed.
type parsed struct {
	name    string
	p       *rulebook.Program
	readErr func() // prints why the path could not be read
	err     error  // the rulebook's problems
}

// readPaths reads and parses every file of paths, in order. A folder is
// read as --rules reads it (rulebook.Files). "-" is stdin, read with the
// same cap as a file, and may be named once.
func readPaths(ios *iostreams.IOStreams, paths []string) ([]parsed, error) {
	var files []parsed
	stdinSeen := false
	for _, path := range paths {
		var names []string
		if path == "-" {
			if stdinSeen {
				return nil, cmdutil.UsageErrorf("stdin (-) is named twice")
			}
			stdinSeen = true
			names = []string{"-"}
		} else {
			var err error
			if names, err = rulebook.Files(path); err != nil {
				files = append(files, parsed{readErr: func() { printReadError(ios, path, err) }})
				continue
			}
		}
		for _, file := range names {
			files = append(files, readRulebook(ios, file))
		}
	}
	return files, nil
}

// readRulebook reads and parses one file, "-" for stdin.
func readRulebook(ios *iostreams.IOStreams, file string) parsed {
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
		return parsed{readErr: func() { printReadError(ios, file, err) }}
	}
	p, err := rulebook.Parse(name, data)
	return parsed{name: name, p: p, err: err}
}

// checkPool is what predecessor mappings are checked against: the loaded
// rulebooks, with the valid files given in place of those of the same id.
func checkPool(f *cmdutil.Factory, files []parsed) []*rulebook.Program {
	var pool []*rulebook.Program
	if set, err := f.Rules(); err == nil {
		pool = set.Programs()
	}
	for _, f := range files {
		if f.p == nil || f.err != nil {
			continue
		}
		if i := slices.IndexFunc(pool, func(x *rulebook.Program) bool { return x.ID == f.p.ID }); i >= 0 {
			pool[i] = f.p
		} else {
			pool = append(pool, f.p)
		}
	}
	return pool
}

// checkParsed checks a parsed rulebook's predecessor mapping against pool
// and prints its problems, or its warnings and an ok line; false when it
// has problems.
func checkParsed(ios *iostreams.IOStreams, f parsed, pool []*rulebook.Program) (bool, error) {
	p := f.p
	errs, warns := rulebook.CheckPredecessor(p, pool)
	if len(errs) > 0 {
		cmdutil.PrintError(ios.ErrOut, cmdutil.RulebookErr(errs))
		return false, nil
	}
	cmdutil.PrintWarnings(ios, warns)
	tiers := 0
	for _, t := range p.Tracks {
		tiers += len(t.Tiers)
	}
	_, err := fmt.Fprintf(ios.ResultsOut(), "%s: ok: %s (%s), %d track(s), %d tier(s), %d later edition(s)\n",
		safetext.Terminal(f.name), safetext.Terminal(p.ID), safetext.Terminal(p.Name), len(p.Tracks), tiers, len(p.Editions))
	return true, err
}
