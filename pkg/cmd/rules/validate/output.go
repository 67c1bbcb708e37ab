package validate

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"go.yaml.in/yaml/v3"

	"github.com/tiercalc/tiercalc/pkg/internal/ci"
	"github.com/tiercalc/tiercalc/pkg/rulebook"
)

// problem is one problem as -o json reports it.
type problem struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Column  int    `json:"column"`
	Field   string `json:"field"`
	Level   string `json:"level"` // error or warning
	Message string `json:"message"`
	Hint    string `json:"hint,omitempty"`
}

// problemsOf lists what validation found in the files, in argument order:
// an unreadable path (file only), a rulebook's problems, the predecessor
// mapping's errors or warnings.
func problemsOf(files []parsed) []problem {
	out := []problem{}
	for _, f := range files {
		if f.readErr != nil {
			out = append(out, problem{File: f.name, Level: "error", Message: f.readErr.Error()})
			continue
		}
		var probs rulebook.Problems
		if f.err != nil && !errors.As(f.err, &probs) {
			out = append(out, problem{File: f.name, Level: "error", Message: f.err.Error()})
			continue
		}
		var root *yaml.Node
		add := func(ps rulebook.Problems, level string) {
			for _, p := range ps {
				if root == nil {
					root = parseNodes(f.data)
				}
				file := p.Pos.File
				if file == "" {
					file = f.name
				}
				out = append(out, problem{File: file, Line: p.Pos.Line, Column: p.Pos.Col,
					Field: fieldAt(root, p.Pos.Line, p.Pos.Col), Level: level, Message: p.Msg, Hint: p.Hint})
			}
		}
		add(probs, "error")
		add(f.errs, "error")
		add(f.warns, "warning")
	}
	return out
}

// writeProblems writes the problems as JSON, or as GitHub annotations.
func writeProblems(w io.Writer, format string, files []parsed) error {
	probs := problemsOf(files)
	if format == formatJSON {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(probs)
	}
	c := ci.NewCapped(w, func(level string, n int) ci.Annotation {
		return ci.Annotation{Title: "rulebook", Message: fmt.Sprintf("%d more rulebook %s(s) not shown: GitHub shows 10 of each; tiercalc rules validate lists them all", n, level)}
	})
	for _, p := range probs {
		msg := p.Message
		if p.Hint != "" {
			msg += "\n" + p.Hint
		}
		title := p.Field // the key, where a problem is about one
		if title == "" {
			title = "rulebook"
		}
		if err := c.Add(ci.Annotation{Level: p.Level, File: p.File, Line: p.Line, Col: p.Column, Title: title, Message: msg}); err != nil {
			return err
		}
	}
	return c.Close()
}

// parseNodes is the YAML node tree of a rulebook, nil when it does not
// parse (its problem then has no field).
func parseNodes(data []byte) *yaml.Node {
	var n yaml.Node
	if yaml.Unmarshal(data, &n) != nil {
		return nil
	}
	return &n
}

// fieldAt is the key a problem at line:col is about: the key written
// there, or the key whose value starts there; "" when none.
func fieldAt(n *yaml.Node, line, col int) string {
	if n == nil || line == 0 {
		return ""
	}
	if n.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if (k.Line == line && k.Column == col) || (v.Line == line && v.Column == col && v.Kind == yaml.ScalarNode) {
				return k.Value
			}
		}
	}
	for _, c := range n.Content {
		if f := fieldAt(c, line, col); f != "" {
			return f
		}
	}
	return ""
}
