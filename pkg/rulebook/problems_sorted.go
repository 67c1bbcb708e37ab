package rulebook

// Sorted returns the problems in file order (file, line, column) without
// exact repeats, as the loaders report them; other readers of positioned
// YAML (test suites) report theirs the same way.
func (ps Problems) Sorted() Problems { return ps.sorted() }
