package rulebook

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"

	"github.com/tiercalc/tiercalc/pkg/partner"
)

// Set is the rulebooks loaded for one run, in a stable order: the shipped
// ones by effective date, then the user's in the order given (one that
// replaces a loaded program takes its place). Every program fits the set's
// schema: its credential and metric keys have slots of their kind.
type Set struct {
	programs []*Program
	schema   *partner.Schema
}

// NewSet returns an empty set whose schema has the built-in names only.
func NewSet() *Set {
	return &Set{schema: partner.NewSchema()}
}

// LoadFSAs loads every *.yaml and *.yml file at the root of fsys (the
// shipped rulebooks), ordered by effective date then id, naming each file
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
	for _, p := range add {
		if i := slices.IndexFunc(progs, func(x *Program) bool { return x.ID == p.ID }); i >= 0 {
			progs[i] = p
		} else {
			progs = append(progs, p)
		}
	}
	schema := schemaOf(progs)
	var probs Problems
	for _, p := range progs {
		var ps Problems
		if errors.As(p.CheckSchema(schema), &ps) {
			probs = append(probs, ps...)
		}
	}
	probs = append(probs, predecessorTiers(progs, add)...)
	if len(probs) > 0 {
		return probs.sorted()
	}
	s.programs, s.schema = progs, schema
	return nil
}

func schemaOf(progs []*Program) *partner.Schema {
	vs := make([]partner.Vocabulary, len(progs))
	for i, p := range progs {
		vs[i] = p.Vocab()
	}
	return partner.NewSchema(vs...)
}

// predecessorTiers checks that the mappings of the programs just added name
// tiers their predecessor has, when it is loaded too. A loaded program whose
// predecessor is replaced is not checked again: replacing a shipped rulebook
// with one of other tier names must not fail the shipped successor, whose
// mapping then simply matches no current_tier.
func predecessorTiers(progs, added []*Program) Problems {
	var probs Problems
	for _, p := range added {
		m := p.Predecessor
		if m == nil {
			continue
		}
		i := slices.IndexFunc(progs, func(x *Program) bool { return x.ID == m.Program })
		if i < 0 {
			continue
		}
		var names []string
		for _, t := range progs[i].Tracks {
			names = append(names, tierNames(t)...)
		}
		for _, tm := range m.Tiers {
			if tm.From != "" && !slices.Contains(names, tm.From) {
				probs = append(probs, Problem{Pos: tm.at.of("from", tm.Pos), Msg: fmt.Sprintf("tier mapping: predecessor %s has no tier %q", m.Program, tm.From), Hint: didYouMean(tm.From, names)})
			}
		}
	}
	return probs
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
