package rulebook

import (
	"path"
	"strings"
)

// A folder of rulebooks may hold other YAML beside them: test suites for
// `tiercalc rules test` (named *_test.yaml or *_test.yml, as Go names its
// tests) and costs files for `tiercalc plan` (named costs.yaml or
// *-costs.yaml, *_costs.yaml, and .yml alike). The loaders never take
// those for rulebooks: a folder given to --rules, `rules validate`, and
// the embedded set all skip them. A file named on its own is read as
// given.

// NotRulebook reports whether a file named name in a rulebook folder is a
// test suite or a costs file, which the loaders skip.
func NotRulebook(name string) bool {
	base := strings.ToLower(path.Base(strings.ReplaceAll(name, "\\", "/")))
	stem := strings.TrimSuffix(strings.TrimSuffix(base, ".yaml"), ".yml")
	if stem == base {
		return false
	}
	return strings.HasSuffix(stem, "_test") || stem == "costs" ||
		strings.HasSuffix(stem, "-costs") || strings.HasSuffix(stem, "_costs")
}
