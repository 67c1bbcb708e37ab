package suite

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/tiercalc/tiercalc/pkg/internal/suggest"
	"github.com/tiercalc/tiercalc/pkg/rulebook"
)

// Node helpers of the YAML loader: aliases, merge keys, positions and
// strict keys.

// deref follows aliases (yaml.v3 refuses alias cycles when decoding).
func deref(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode && i < 16; i++ {
		n = n.Alias
	}
	return n
}

func isNull(n *yaml.Node) bool {
	n = deref(n)
	return n == nil || (n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null")
}

// problems gathers a suite file's problems.
type problems struct {
	file string
	list rulebook.Problems
	flat map[*yaml.Node][]pair // flattened mappings, so shared fixtures are expanded once
}

func (p *problems) at(n *yaml.Node, hint, format string, args ...any) {
	pos := rulebook.Pos{File: p.file}
	if n != nil {
		pos.Line, pos.Col = n.Line, n.Column
	}
	p.list = append(p.list, rulebook.Problem{Pos: pos, Msg: fmt.Sprintf(format, args...), Hint: hint})
}

// pair is one key and value of a mapping.
type pair struct{ k, v *yaml.Node }

// fields returns the pairs of mapping n (merge keys expanded: a key given
// in n wins over a merged one), refusing keys not in allowed (nil: any
// key) with a did-you-mean.
func (p *problems) fields(n *yaml.Node, what string, allowed []string) []pair {
	n = deref(n)
	if n == nil || n.Kind != yaml.MappingNode {
		p.at(n, "", "%s: expected a mapping, got %s", what, kindOf(n))
		return nil
	}
	out := p.flatten(n, 0)
	for _, kv := range out {
		if allowed != nil && !slices.Contains(allowed, kv.k.Value) {
			hint := ""
			if m := suggest.Closest(kv.k.Value, allowed); m != "" {
				hint = fmt.Sprintf("did you mean %q?", m)
			} else {
				hint = "keys of " + what + ": " + strings.Join(allowed, ", ")
			}
			p.at(kv.k, hint, "unknown key %s in %s", kv.k.Value, what)
		}
	}
	return out
}

// maxDepth bounds how deeply merge keys may chain.
const maxDepth = 32

// flatten lists mapping n's pairs with merge keys (<<: *a, or a list of
// aliases) expanded as YAML 1.1 defines them: explicit keys win, then the
// merged mappings in order. Each mapping is flattened once (a fixture
// merged into many cases, or merged many times over, costs no more), and
// merges nested deeper than maxDepth are left out with a problem.
func (p *problems) flatten(n *yaml.Node, depth int) []pair {
	if out, ok := p.flat[n]; ok {
		return out
	}
	if depth > maxDepth {
		p.at(n, "", "merge keys (<<) nest deeper than %d levels", maxDepth)
		return nil
	}
	var own, merged []pair
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := deref(n.Content[i]), n.Content[i+1]
		if k.Kind == yaml.ScalarNode && k.Value == "<<" && k.Tag != "!!str" {
			src := deref(v)
			srcs := []*yaml.Node{src}
			if src != nil && src.Kind == yaml.SequenceNode {
				srcs = src.Content
			}
			for _, s := range srcs {
				if s = deref(s); s != nil && s.Kind == yaml.MappingNode {
					merged = appendNew(merged, p.flatten(s, depth+1))
				}
			}
			continue
		}
		own = append(own, pair{k, v})
	}
	out := appendNew(own, merged)
	if p.flat == nil {
		p.flat = map[*yaml.Node][]pair{}
	}
	p.flat[n] = out
	return out
}

// appendNew appends the pairs of add whose keys out lacks.
func appendNew(out, add []pair) []pair {
	for _, kv := range add {
		if !slices.ContainsFunc(out, func(x pair) bool { return x.k.Value == kv.k.Value }) {
			out = append(out, kv)
		}
	}
	return out
}

// mapping builds a mapping node of pairs, placed at n's position.
func mapping(at *yaml.Node, pairs []pair) *yaml.Node {
	m := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: at.Line, Column: at.Column}
	for _, kv := range pairs {
		m.Content = append(m.Content, kv.k, kv.v)
	}
	return m
}

// overlay is base's pairs with over's replacing those of the same key, new
// keys after.
func overlay(base, over []pair) []pair {
	out := slices.Clone(base)
	for _, kv := range over {
		if i := slices.IndexFunc(out, func(x pair) bool { return x.k.Value == kv.k.Value }); i >= 0 {
			out[i] = kv
			continue
		}
		out = append(out, kv)
	}
	return out
}

// scalar returns n's text, or a problem when it is not a scalar.
func (p *problems) scalar(n *yaml.Node, what string) (string, bool) {
	d := deref(n)
	if d == nil || d.Kind != yaml.ScalarNode {
		p.at(n, "", "%s: expected a string, got %s", what, kindOf(d))
		return "", false
	}
	return d.Value, true
}

// number returns n's number, or a problem.
func (p *problems) number(n *yaml.Node, what string) (float64, bool) {
	s, ok := p.scalar(n, what)
	if !ok {
		return 0, false
	}
	x, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || x != x {
		p.at(n, "", "%s: expected a number, got %q", what, s)
		return 0, false
	}
	return x, true
}

func kindOf(n *yaml.Node) string {
	switch {
	case n == nil:
		return "nothing"
	case n.Kind == yaml.MappingNode:
		return "a mapping"
	case n.Kind == yaml.SequenceNode:
		return "a list"
	case isNull(n):
		return "null"
	}
	return "a scalar"
}
