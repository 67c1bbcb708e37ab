package suite

import (
	"bytes"
	"errors"
	"strconv"
	"strings"

	"github.com/rogpeppe/go-internal/diff"
	"go.yaml.in/yaml/v3"
)

// ErrNotEditable is Update's error for a suite it cannot write: a CSV
// suite (the spreadsheet is its source).
var ErrNotEditable = errors.New("only YAML suites are updated: edit a CSV suite in its spreadsheet")

// Update writes the actual results of the failed outcomes of s into their
// expectations, editing s's node tree: the keys that failed take the
// actual values, in place (a matrix row gets its own expect: when the
// failing key came from its case); every other node, comment, anchor and
// the order of keys stay. It returns the new text and a unified diff from
// the old (nil, nil when nothing changed).
func Update(s *Suite, outs []*Outcome) (text, unified []byte, err error) {
	if s.CSV || s.doc == nil {
		return nil, nil, ErrNotEditable
	}
	changed := false
	for _, o := range outs {
		if o.Test.edit == nil || o.Passed() || o.Test.File != s.Name {
			continue
		}
		target := o.Test.edit.target()
		for _, key := range o.failed {
			setKey(target, key, actualNode(key, o.Got))
			changed = true
		}
	}
	if !changed {
		return nil, nil, nil
	}
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(indentOf(s.data))
	if err := enc.Encode(s.doc); err != nil {
		return nil, nil, err
	}
	enc.Close()
	text = keepBlankLines(s.data, buf.Bytes())
	return text, diff.Diff(s.Name, s.data, s.Name+" (updated)", text), nil
}

// target is the expect: mapping to write into, made when the case or row
// has none, and copied out of an alias (so the anchor's other users keep
// their values).
func (e *editSpot) target() *yaml.Node {
	owner := deref(e.owner)
	if e.expect == nil {
		m := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
		if e.row {
			m.Style = yaml.FlowStyle
		}
		owner.Content = append(owner.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: "expect"}, m)
		e.expect = m
	}
	if e.expect.Kind == yaml.AliasNode {
		cp := copyNode(deref(e.expect))
		cp.Anchor, cp.HeadComment, cp.LineComment, cp.FootComment = "", "", "", ""
		for i := 1; i < len(owner.Content); i += 2 {
			if owner.Content[i] == e.expect {
				owner.Content[i] = cp
			}
		}
		e.expect = cp
	}
	return e.expect
}

func copyNode(n *yaml.Node) *yaml.Node {
	cp := *n
	cp.Content = make([]*yaml.Node, len(n.Content))
	for i, c := range n.Content {
		cp.Content[i] = copyNode(c)
	}
	return &cp
}

// setKey sets key in mapping m to v, in place when it is there (keeping
// the old value's line comment), else at the end.
func setKey(m *yaml.Node, key string, v *yaml.Node) {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			v.LineComment = m.Content[i+1].LineComment
			m.Content[i+1] = v
			return
		}
	}
	m.Content = append(m.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: key}, v)
}

// actualNode is the actual value of expectation key as YAML.
func actualNode(key string, g Got) *yaml.Node {
	switch key {
	case "tier":
		return optNode(g.Tier)
	case "status":
		return &yaml.Node{Kind: yaml.ScalarNode, Value: g.Status}
	case "next_tier":
		return optNode(g.NextTier)
	case "grace_until":
		return optNode(g.GraceUntil)
	case "gaps":
		m := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Style: yaml.FlowStyle}
		for _, gap := range g.Gaps {
			v := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Style: yaml.FlowStyle}
			if gap.Short != nil {
				v.Content = []*yaml.Node{{Kind: yaml.ScalarNode, Value: "short"},
					{Kind: yaml.ScalarNode, Value: strconv.FormatFloat(*gap.Short, 'f', -1, 64)}}
			}
			m.Content = append(m.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: gap.ID}, v)
		}
		return m
	}
	seq := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
	for _, n := range g.Notes {
		seq.Content = append(seq.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: n, Style: yaml.DoubleQuotedStyle})
	}
	return seq
}

func optNode(s *string) *yaml.Node {
	if s == nil {
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Value: "null"}
	}
	return &yaml.Node{Kind: yaml.ScalarNode, Value: *s}
}

// indentOf is the suite's indentation step: the smallest indentation of a
// line that is not a comment (2 when there is none).
func indentOf(data []byte) int {
	step := 0
	for _, line := range strings.Split(string(data), "\n") {
		trimmed := strings.TrimLeft(line, " ")
		n := len(line) - len(trimmed)
		if n > 0 && trimmed != "" && !strings.HasPrefix(trimmed, "#") && (step == 0 || n < step) {
			step = n
		}
	}
	if step < 2 {
		return 2
	}
	return step
}

// keepBlankLines puts back the blank lines yaml.v3's encoder drops: a
// line of the new text that matches a line of the old one (in order, a
// little way ahead) gets the blank lines that came before it there.
func keepBlankLines(old, new []byte) []byte {
	ol := strings.Split(string(old), "\n")
	var out []string
	p := 0
	for _, line := range strings.Split(string(new), "\n") {
		for q := p; q < len(ol) && q < p+64; q++ {
			if ol[q] != line || line == "" {
				continue
			}
			blanks := 0
			for b := q - 1; b >= 0 && strings.TrimSpace(ol[b]) == ""; b-- {
				blanks++
			}
			for ; blanks > 0 && len(out) > 0 && out[len(out)-1] != ""; blanks-- {
				out = append(out, "")
			}
			p = q + 1
			break
		}
		out = append(out, line)
	}
	return []byte(strings.Join(out, "\n"))
}
