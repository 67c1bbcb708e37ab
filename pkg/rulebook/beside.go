package rulebook

import (
	"errors"
	"slices"
)

// AddBeside loads the rulebook file p as a program evaluated beside the
// loaded ones under a label of its own: it replaces no loaded program, even
// one of the same id, so a proposal can be compared with the rulebook it
// would replace. Its vocabulary joins the set's schema, and its predecessor
// mapping is checked against the loaded programs. It returns the program and
// what loading found doubtful (Warnings' kind);
// invalid rulebooks give Problems, a path that cannot be read the I/O
// error (or a *RefusedError).
func (s *Set) AddBeside(p string) (*Program, Problems, error) {
	data, err := ReadFile(p)
	if err != nil {
		return nil, nil, err
	}
	progs, err := s.parse([]file{{p, data}})
	if err != nil {
		return nil, nil, err
	}
	prog := progs[0]
	all := append(slices.Clip(s.programs), append(slices.Clip(s.beside), prog)...)
	schema := schemaOf(all)
	var probs Problems
	for _, x := range all {
		var ps Problems
		if errors.As(x.CheckSchema(schema), &ps) {
			probs = append(probs, ps...)
		}
	}
	errs, warns := CheckPredecessor(prog, s.programs)
	if probs = append(probs, errs...); len(probs) > 0 {
		return nil, nil, probs.sorted()
	}
	s.beside, s.schema = append(s.beside, prog), schema
	return prog, warns, nil
}
