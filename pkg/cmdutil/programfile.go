package cmdutil

import (
	"errors"
	"os"
	"strings"

	"github.com/tiercalc/tiercalc/pkg/iostreams"
	"github.com/tiercalc/tiercalc/pkg/rulebook"
)

// ProgramArg is a program named on the command line: a loaded program by
// id, or a rulebook file evaluated beside the loaded ones (--program PATH),
// which replaces nothing, so a proposal that keeps a shipped id can be set
// beside the shipped rulebook.
type ProgramArg struct {
	Program *rulebook.Program
	// File is the rulebook file as given; "" for a loaded program.
	File string
	// Origin is where the rulebook was read: "embedded" for a shipped
	// one, else its file (as given to --rules or on the command line).
	Origin string
}

// LooksLikeFile reports whether arg names a rulebook file rather than a
// program id: it has a path separator or a .yaml or .yml extension, or is
// a file that exists. A loaded id always wins (see ResolveProgram).
func LooksLikeFile(arg string) bool {
	if strings.ContainsRune(arg, '/') || strings.ContainsRune(arg, os.PathSeparator) ||
		strings.HasSuffix(arg, ".yaml") || strings.HasSuffix(arg, ".yml") {
		return true
	}
	st, err := os.Stat(arg)
	return err == nil && !st.IsDir()
}

// ResolveProgram resolves arg: the loaded program of that id, else, when
// arg looks like a file, that rulebook loaded beside the set (its warnings
// printed on f's stderr), else the unknown-program usage error.
func ResolveProgram(f *Factory, set *rulebook.Set, arg string) (ProgramArg, error) {
	if p := set.Get(arg); p != nil {
		return ProgramArg{Program: p, Origin: origin(p)}, nil
	}
	if !LooksLikeFile(arg) {
		_, err := SelectPrograms(set, []string{arg})
		return ProgramArg{}, err
	}
	if err := CheckNotOut(f.IOStreams, arg); err != nil {
		return ProgramArg{}, err
	}
	p, warns, err := set.AddBeside(arg)
	if err != nil {
		return ProgramArg{}, programFileErr(arg, err)
	}
	PrintWarnings(f.IOStreams, warns)
	return ProgramArg{Program: p, File: arg, Origin: arg}, nil
}

func origin(p *rulebook.Program) string {
	if p.Embedded() {
		return "embedded"
	}
	return p.Pos.File
}

// programFileErr is a rulebook file's error: exit 3 for an invalid
// rulebook, exit 2 (naming the file once) for one that cannot be read.
func programFileErr(arg string, err error) error {
	var probs rulebook.Problems
	var re *rulebook.RefusedError
	switch {
	case errors.As(err, &probs):
		return RulebookErr(err)
	case errors.As(err, &re):
		return UsageErrorf("%v", err)
	}
	return UsageErrorf("%s: %v", arg, iostreams.PathErr(err)).
		Hintf("--program takes a loaded program's id or a rulebook file")
}

// Label names a program where others may share its id: the id (with
// suffix, such as "@DATE"), followed by its origin in parentheses when
// shared is set or it was given as a file: "vpn-2009 (embedded)",
// "vpn-2009 (./proposal.yaml)".
func (a ProgramArg) Label(suffix string, shared bool) string {
	l := a.Program.ID + suffix
	if shared || a.File != "" {
		l += " (" + a.Origin + ")"
	}
	return l
}

// SharedIDs reports, for each of args, whether another of them has the same
// program id but another origin.
func SharedIDs(args []ProgramArg) []bool {
	out := make([]bool, len(args))
	for i, a := range args {
		for j, b := range args {
			if i != j && a.Program.ID == b.Program.ID && a.Origin != b.Origin {
				out[i] = true
			}
		}
	}
	return out
}
