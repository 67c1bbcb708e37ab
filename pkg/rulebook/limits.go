package rulebook

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"

	"go.yaml.in/yaml/v3"
)

// Limits on what Parse reads, so that a hostile rulebook is refused quickly
// and within a fixed memory bound. The shipped rulebooks are a few hundred
// lines, nested about ten deep.
const (
	// MaxFileSize is the largest rulebook file Parse accepts.
	MaxFileSize = 4 << 20
	// MaxFolderFiles is the most rulebook files a --rules folder may hold.
	MaxFolderFiles = 256
	// MaxFolderSize is the most bytes the rulebook files of a --rules
	// folder may hold in all.
	MaxFolderSize = 32 << 20
	// MaxDepth is how deeply mappings and lists may nest (aliases included).
	MaxDepth = 64
	// maxTokens bounds the structural characters (",:-[{?\n*&") in a file.
	// yaml.v3 spends about 200 bytes per node, and a 4 MiB file of "1,"
	// would be two million nodes (half a gigabyte); every node but the
	// first needs one of these characters, and a mapping pair is two nodes
	// per ':', so this caps the tree near 2*maxTokens nodes before parsing.
	maxTokens = 100_000
	// maxExpanded bounds the nodes the decoder visits once aliases are
	// followed: the "billion laughs" defence.
	maxExpanded = 100_000
)

// Anchors and aliases are allowed (a shared requirement written once and
// aliased into several tiers is reasonable YAML), but an alias is followed
// each time it is used, so the expanded tree is measured before decoding and
// refused when larger than maxExpanded nodes or deeper than MaxDepth. A
// self-containing anchor is refused too. Merge keys (<<) are not supported:
// they are reported as unknown keys.

// parseYAML reads data into one YAML document node, enforcing the limits.
func parseYAML(file string, data []byte) (*yaml.Node, *Problem) {
	at := Pos{File: file}
	if len(data) > MaxFileSize {
		return nil, &Problem{Pos: at, Msg: fmt.Sprintf("rulebook is %d bytes; the limit is %d (4 MiB)", len(data), MaxFileSize)}
	}
	if n := countTokens(data); n > maxTokens {
		return nil, &Problem{Pos: at, Msg: fmt.Sprintf("rulebook has too many YAML items (over %d); a rulebook is a few thousand lines at most", maxTokens)}
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, &Problem{Pos: at, Msg: "rulebook is empty"}
		}
		return nil, yamlProblem(file, err)
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		return nil, &Problem{Pos: Pos{file, extra.Line, extra.Column}, Msg: "a rulebook file holds one YAML document; found another", Hint: "remove the second --- separator or split the file"}
	} else if !errors.Is(err, io.EOF) {
		return nil, yamlProblem(file, err)
	}
	root := &doc
	if root.Kind == yaml.DocumentNode {
		if len(root.Content) == 0 {
			return nil, &Problem{Pos: at, Msg: "rulebook is empty"}
		}
		root = root.Content[0]
	}
	m := measurer{memo: map[*yaml.Node]measure{}}
	if p := m.check(file, root); p != nil {
		return nil, p
	}
	return root, nil
}

func countTokens(data []byte) int {
	n := 0
	for _, c := range data {
		switch c {
		case ',', ':', '-', '[', '{', '?', '\n', '*', '&':
			n++
		}
	}
	return n
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// yamlProblem turns a yaml.v3 syntax error into a Problem at its line.
func yamlProblem(file string, err error) *Problem {
	msg := err.Error()
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		return &Problem{Pos: Pos{File: file, Line: line}, Msg: "YAML syntax: " + m[2]}
	}
	if len(msg) > 6 && msg[:6] == "yaml: " {
		msg = msg[6:]
	}
	return &Problem{Pos: Pos{File: file}, Msg: "YAML syntax: " + msg}
}

type measure struct{ size, depth int }

// measurer sizes the tree as the decoder will walk it, following aliases,
// in time linear in the unexpanded tree (each node is measured once).
type measurer struct {
	memo     map[*yaml.Node]measure
	visiting map[*yaml.Node]bool
	aliases  int
	cycle    *yaml.Node // an alias inside the node it refers to
	deep     *yaml.Node // the first node found below MaxDepth
}

func (m *measurer) check(file string, root *yaml.Node) *Problem {
	m.visiting = map[*yaml.Node]bool{}
	r := m.walk(root, 1)
	switch {
	case m.cycle != nil:
		return &Problem{Pos: Pos{file, m.cycle.Line, m.cycle.Column}, Msg: fmt.Sprintf("alias *%s refers to an anchor that contains it", m.cycle.Value)}
	case r.size > maxExpanded:
		return &Problem{Pos: Pos{File: file}, Msg: fmt.Sprintf("rulebook expands to over %d YAML nodes through %d aliases (an alias bomb?)", maxExpanded, m.aliases), Hint: "write the repeated parts out, or use fewer aliases"}
	case m.deep != nil:
		at := Pos{File: file}
		if m.deep != nil {
			at = Pos{file, m.deep.Line, m.deep.Column}
		}
		return &Problem{Pos: at, Msg: fmt.Sprintf("rulebook nests deeper than %d levels", MaxDepth)}
	}
	return nil
}

// walk returns the measure of n, found at nesting level (root: 1). It stops
// early, with a measure over a limit or m.cycle set, once the answer is known.
func (m *measurer) walk(n *yaml.Node, level int) measure {
	if r, ok := m.memo[n]; ok {
		if level+r.depth-1 > MaxDepth && m.deep == nil {
			m.deep = n
		}
		return r
	}
	if level > MaxDepth {
		m.deep = n
		return measure{size: 1, depth: 1}
	}
	m.visiting[n] = true
	defer delete(m.visiting, n)
	r := measure{size: 1, depth: 1}
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		m.aliases++
		if m.visiting[n.Alias] {
			m.cycle = n
			return r
		}
		a := m.walk(n.Alias, level)
		r = measure{size: a.size + 1, depth: a.depth}
	}
	for _, c := range n.Content {
		cr := m.walk(c, level+1)
		r.size += cr.size
		r.depth = max(r.depth, cr.depth+1)
		if m.stopped(r) {
			return r
		}
	}
	if !m.stopped(r) {
		m.memo[n] = r
	}
	return r
}

func (m *measurer) stopped(r measure) bool {
	return m.cycle != nil || m.deep != nil || r.size > maxExpanded
}
