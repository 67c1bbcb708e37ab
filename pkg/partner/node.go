package partner

import "go.yaml.in/yaml/v3"

// RecordFromYAML reads one record from a YAML mapping node, as the YAML
// reader reads each element of its sequence: the same keys, checks and
// messages, positions from the node. Test suites (pkg/suite) hold their
// partners this way. Aliases are followed; merge keys (<<) are the
// caller's to expand. A nil schema means the built-in one.
func RecordFromYAML(n *yaml.Node, file string, s *Schema, opt ReadOptions) (*Record, error) {
	if s == nil {
		s = NewSchema()
	}
	return newBuilder(file, s, opt, true).fromYAML(n)
}
