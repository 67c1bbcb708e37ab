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
	// Format is -o: text (problems on stderr), github or json (on stdout).
	Format string
}

// Output formats of rules validate.
const (
	formatText   = "text"
	formatGitHub = "github"
	formatJSON   = "json"
)

// readError is a path that could not be read, or was refused for its size
// or kind: a usage error (exit 2).
func readError(path string, err error) error {
	if errors.Is(err, fs.ErrNotExist) || errors.Is(err, fs.ErrPermission) {
		err = fmt.Errorf("%s: %w", path, iostreams.PathErr(err))
	}
	return cmdutil.UsageErrorf("%v", err)
}

// NewCmdValidate builds `tiercalc rules validate`.
func NewCmdValidate(f *cmdutil.Factory, runF func(*ValidateOptions) error) *cobra.Command {
	o := &ValidateOptions{Factory: f}
	cmd := &cobra.Command{
		Use:   "validate FILE...",
		Short: "Check rulebook files and report every problem with file:line:column",
		Long: `Check rulebook files, or every *.yaml and *.yml file of a folder, on their own
and report every problem with file:line:column; "-" reads one rulebook from
stdin. A predecessor mapping is checked against the loaded rulebooks and the
other files given: a tier the loaded predecessor lacks is a problem, a
predecessor not loaded a warning. Exits 3 when any rulebook is invalid, 2 when a path cannot
be read, or is refused (not a regular file, over a size cap), and none is
invalid.

-o github writes each problem as a GitHub Actions annotation at its
file:line:column (at most 10 of each level, the 10th counting the rest),
for rulebook pull requests; -o json writes one list of problems, each with
file, line, column, field (the YAML key it is about, "" when none), level
(error or warning), message and hint. Both go to stdout; the exit codes
are the same in every format.`,
		Args: cmdutil.MinArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Paths = args
			if runF != nil {
				return runF(o)
			}
			return validateRun(o)
		},
	}
	cmdutil.StringEnumFlag(cmd, &o.Format, "output", "o", formatText,
		[]string{formatText, formatGitHub, formatJSON}, "how to report problems")
	return cmd
}

func validateRun(o *ValidateOptions) error {
	ios := o.Factory.IOStreams
	for _, path := range o.Paths {
		if err := cmdutil.CheckNotOut(ios, path); err != nil {
			return err
		}
	}
	// Every path is read and parsed first, so that a predecessor mapping
	// can be checked against the other files given; problems are then
	// reported in argument order.
	files, err := readPaths(ios, o.Paths)
	if err != nil {
		return err
	}
	pool := checkPool(o.Factory, files)
	invalid, unreadable := 0, 0
	for i := range files {
		f := &files[i]
		switch {
		case f.readErr != nil:
			unreadable++
		case f.err != nil:
			invalid++
		default:
			f.errs, f.warns = rulebook.CheckPredecessor(f.p, pool)
			if len(f.errs) > 0 {
				invalid++
			}
		}
	}
	if err := report(o, files); err != nil {
		return err
	}
	switch {
	case invalid > 0:
		return &cmdutil.ExitError{Code: cmdutil.ExitRulebook, Err: errors.New("invalid rulebook"), Quiet: true}
	case unreadable > 0:
		return &cmdutil.ExitError{Code: cmdutil.ExitUsage, Err: errors.New("unreadable path"), Quiet: true}
	}
	return nil
}

// report writes what validation found in o's format.
func report(o *ValidateOptions, files []parsed) error {
	if o.Format != formatText {
		return writeProblems(o.Factory.IOStreams.ResultsOut(), o.Format, files)
	}
	ios := o.Factory.IOStreams
	for _, f := range files {
		switch {
		case f.readErr != nil:
			cmdutil.PrintError(ios.ErrOut, f.readErr)
		case f.err != nil:
			cmdutil.PrintError(ios.ErrOut, cmdutil.RulebookErr(f.err))
		case len(f.errs) > 0:
			cmdutil.PrintError(ios.ErrOut, cmdutil.RulebookErr(f.errs))
		default:
			cmdutil.PrintWarnings(ios, f.warns)
			if err := printOK(ios, f); err != nil {
				return err
			}
		}
	}
	return nil
}

// parsed is one rulebook file given to validate, read, parsed and checked.
type parsed struct {
	name    string
	data    []byte
	p       *rulebook.Program
	readErr error // why the path could not be read
	err     error // the rulebook's problems
	// errs and warns are what checking the predecessor mapping found.
	errs, warns rulebook.Problems
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
				files = append(files, parsed{name: path, readErr: readError(path, err)})
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
		return parsed{name: file, readErr: readError(file, err)}
	}
	p, err := rulebook.Parse(name, data)
	return parsed{name: name, data: data, p: p, err: err}
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

// printOK says a valid rulebook is valid, with what it holds.
func printOK(ios *iostreams.IOStreams, f parsed) error {
	p := f.p
	tiers := 0
	for _, t := range p.Tracks {
		tiers += len(t.Tiers)
	}
	_, err := fmt.Fprintf(ios.ResultsOut(), "%s: ok: %s (%s), %d track(s), %d tier(s), %d later edition(s)\n",
		safetext.Terminal(f.name), safetext.Terminal(p.ID), safetext.Terminal(p.Name), len(p.Tracks), tiers, len(p.Editions))
	return err
}
