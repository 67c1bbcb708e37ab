package rulebook

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/tiercalc/tiercalc/pkg/partner"
)

// Set is the rulebooks loaded for one run, in a stable order: the shipped
// ones by effective date, then the user's in the order given (one that
// replaces a loaded program takes its place). Every program fits the set's
// schema: its credential and metric keys have slots of their kind.
type Set struct {
	programs []*Program
	schema   *partner.Schema
	warnings Problems
	// beside are the rulebook files loaded by AddBeside, which replace
	// nothing.
	beside []*Program
}

// NewSet returns an empty set whose schema has the built-in names only.
func NewSet() *Set {
	return &Set{schema: partner.NewSchema()}
}

// LoadFSAs loads every *.yaml and *.yml file at the root of fsys (the
// shipped rulebooks) but test suites and costs files (NotRulebook), ordered by effective date then id, naming each file
// dir/name in positions and listings, so embedded rulebooks read as the
// repository paths they come from. Problems in any file are all reported
// together, as Problems.
func LoadFSAs(fsys fs.FS, dir string) (*Set, error) {
	var names []string
	for _, pat := range []string{"*.yaml", "*.yml"} {
		m, err := fs.Glob(fsys, pat)
		if err != nil {
			return nil, err
		}
		names = append(names, m...)
	}
	names = slices.DeleteFunc(names, NotRulebook)
	slices.Sort(names)
	var files []file
	for _, name := range names {
		f, err := fsys.Open(name)
		if err != nil {
			return nil, err
		}
		data, err := readLimited(f)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		files = append(files, file{path.Join(dir, name), data})
	}
	s := NewSet()
	progs, err := s.parse(files)
	if err != nil {
		return nil, err
	}
	for _, p := range progs {
		p.embedded = true
	}
	slices.SortStableFunc(progs, func(a, b *Program) int {
		return cmp.Or(a.Effective.Compare(b.Effective), cmp.Compare(a.ID, b.ID))
	})
	if err := s.merge(progs); err != nil {
		return nil, err
	}
	return s, nil
}

type file struct {
	name string
	data []byte
}

// AddPath loads a rulebook file, or every *.yaml and *.yml file in a folder
// (not its subfolders). A program whose id is already loaded replaces it.
// Nothing is added unless every file is valid. Invalid rulebooks give
// Problems; a path that cannot be read gives the I/O error.
func (s *Set) AddPath(p string) error {
	names, err := Files(p)
	if err != nil {
		return err
	}
	var files []file
	total := 0
	for _, name := range names {
		data, err := ReadFile(name)
		if err != nil {
			return err
		}
		// Files checked the sizes it saw; a file that grew since still
		// counts against the folder's cap.
		if total += len(data); total > MaxFolderSize {
			return &RefusedError{p, fmt.Sprintf("rulebooks in this folder are over %d bytes (32 MiB) in all, the limit", MaxFolderSize)}
		}
		files = append(files, file{name, data})
	}
	progs, err := s.parse(files)
	if err != nil {
		return err
	}
	return s.merge(progs)
}

// parse parses every file, gathering all problems, and refuses two files of
// one batch defining the same program id.
func (s *Set) parse(files []file) ([]*Program, error) {
	var probs Problems
	var out []*Program
	first := map[string]string{}
	for _, f := range files {
		p, err := Parse(f.name, f.data)
		var ps Problems
		if errors.As(err, &ps) {
			probs = append(probs, ps...)
			continue
		} else if err != nil {
			return nil, err
		}
		if other, dup := first[p.ID]; dup {
			probs = append(probs, Problem{Pos: p.at.of("id", p.Pos), Msg: fmt.Sprintf("program %q is also defined in %s", p.ID, other)})
			continue
		}
		first[p.ID] = f.name
		out = append(out, p)
	}
	return out, probs.Err()
}

// merge adds or replaces programs, rebuilds the schema and checks every
// program against it. On failure the set is left as it was.
func (s *Set) merge(add []*Program) error {
	progs := slices.Clone(s.programs)
	check := slices.Clone(add) // whose mappings to check
	for _, p := range add {
		if i := slices.IndexFunc(progs, func(x *Program) bool { return x.ID == p.ID }); i >= 0 {
			progs[i] = p
			continue
		}
		progs = append(progs, p)
		// A new predecessor's successors, loaded before it, are checked
		// now, so that the order of --rules does not matter.
		for _, x := range s.programs {
			if x.Predecessor != nil && x.Predecessor.Program == p.ID && !slices.Contains(check, x) {
				check = append(check, x)
			}
		}
	}
	schema := schemaOf(append(slices.Clip(progs), s.beside...))
	var probs Problems
	for _, p := range progs {
		var ps Problems
		if errors.As(p.CheckSchema(schema), &ps) {
			probs = append(probs, ps...)
		}
	}
	for _, p := range check {
		errs, _ := CheckPredecessor(p, progs)
		probs = append(probs, errs...)
	}
	if len(probs) > 0 {
		return probs.sorted()
	}
	var warns Problems
	for _, p := range progs { // a predecessor loaded later clears its warning
		_, ws := CheckPredecessor(p, progs)
		warns = append(warns, ws...)
	}
	s.programs, s.schema, s.warnings = progs, schema, warns.sorted()
	return nil
}

// Warnings returns what loading found doubtful but not invalid: a
// predecessor mapping naming a program that is not loaded.
func (s *Set) Warnings() Problems { return slices.Clone(s.warnings) }

func schemaOf(progs []*Program) *partner.Schema {
	vs := make([]partner.Vocabulary, len(progs))
	for i, p := range progs {
		vs[i] = p.Vocab()
	}
	return partner.NewSchema(vs...)
}

// CheckPredecessor checks p's predecessor mapping against the programs
// loaded beside it: a from: tier that the predecessor (when loaded) does not
// have is an error; a predecessor that is not loaded is a warning, since its
// tiers cannot be checked and a current_tier of it may be misread. (A to:
// tier p lacks is Validate's error.) A loaded program whose predecessor is
// replaced is not checked again by a Set: replacing a shipped rulebook
// with one of other tier names must not fail the shipped successor, whose
// mapping then simply matches no current_tier.
func CheckPredecessor(p *Program, loaded []*Program) (errs, warns Problems) {
	m := p.Predecessor
	if m == nil || m.Program == "" || m.Program == p.ID {
		return nil, nil
	}
	i := slices.IndexFunc(loaded, func(x *Program) bool { return x.ID == m.Program })
	if i < 0 {
		var ids []string
		for _, x := range loaded {
			if x.ID != p.ID {
				ids = append(ids, x.ID)
			}
		}
		hint := didYouMean(m.Program, ids)
		if hint == "" {
			hint = "load it with --rules, or correct the id (loaded: " + strings.Join(ids, ", ") + ")"
		}
		warns = append(warns, Problem{Pos: m.at.of("program", m.Pos), Hint: hint,
			Msg: fmt.Sprintf("predecessor: program %q is not loaded: its tier names cannot be checked", m.Program)})
		return nil, warns
	}
	var names []string
	for _, t := range loaded[i].Tracks {
		for _, n := range tierNames(t) {
			if !slices.Contains(names, n) {
				names = append(names, n)
			}
		}
	}
	for _, tm := range m.Tiers {
		if tm.From != "" && !slices.Contains(names, tm.From) {
			errs = append(errs, Problem{Pos: tm.at.of("from", tm.Pos), Msg: fmt.Sprintf("tier mapping: predecessor %s has no tier %q", m.Program, tm.From), Hint: didYouMean(tm.From, names)})
		}
	}
	return errs, nil
}

// Get returns the program with the given id, or nil.
func (s *Set) Get(id string) *Program {
	for _, p := range s.programs {
		if p.ID == id {
			return p
		}
	}
	return nil
}

// Programs returns the loaded programs in order.
func (s *Set) Programs() []*Program { return slices.Clone(s.programs) }

// IDs returns the loaded program ids in order (for hints on a bad
// --program).
func (s *Set) IDs() []string {
	out := make([]string, len(s.programs))
	for i, p := range s.programs {
		out[i] = p.ID
	}
	return out
}

// Schema returns the record format: built-in names plus every loaded
// program's vocabulary.
func (s *Set) Schema() *partner.Schema { return s.schema }
