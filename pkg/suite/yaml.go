package suite

import (
	"bytes"
	"fmt"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/tiercalc/tiercalc/pkg/partner"
	"github.com/tiercalc/tiercalc/pkg/rulebook"
)

// Suite is one suite file read: its tests in file order and, for a YAML
// suite, its node tree for --update.
type Suite struct {
	Name  string // the file as named (or its embedded name)
	Tests []*Test
	CSV   bool

	doc  *yaml.Node
	data []byte
}

// The keys the loader accepts are the yaml keys of the model's types.
var (
	fileKeys   = yamlKeys(File{})
	caseKeys   = yamlKeys(Case{})
	rowKeys    = yamlKeys(Row{})
	expectKeys = yamlKeys(Expect{})
	gapKeys    = yamlKeys(GapExpect{})
)

func yamlKeys(v any) []string {
	t := reflect.TypeOf(v)
	out := make([]string, 0, t.NumField())
	for i := range t.NumField() {
		out = append(out, strings.Split(t.Field(i).Tag.Get("yaml"), ",")[0])
	}
	return out
}

// defaults are the program, track and day a case inherits.
type defaults struct {
	program, track string
	asOf           time.Time
	asOfSet        bool
}

// loader reads one YAML suite.
type loader struct {
	problems
	schema *partner.Schema
	suite  *Suite
	names  map[string]int // test name -> line, for uniqueness
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// ParseYAML reads a YAML suite named name, its partners checked against
// schema (nil: the built-in record format). Every problem is reported at
// once, as rulebook.Problems with file:line:column, in file order; the
// suite then holds the tests that could be read, so that they can still be
// checked against the rulebooks.
func ParseYAML(name string, data []byte, schema *partner.Schema) (*Suite, error) {
	l := &loader{problems: problems{file: name}, schema: schema, names: map[string]int{},
		suite: &Suite{Name: name, data: data}}
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&doc); err != nil {
		msg, line := err.Error(), 0
		if m := yamlLine.FindStringSubmatch(msg); m != nil {
			line, _ = strconv.Atoi(m[1])
			msg = m[2]
		}
		if msg == "EOF" {
			msg = "empty file: a suite needs cases:"
		}
		l.list = append(l.list, rulebook.Problem{Pos: rulebook.Pos{File: name, Line: line}, Msg: strings.TrimPrefix(msg, "yaml: ")})
		return nil, l.list
	}
	l.suite.doc = &doc
	if len(doc.Content) == 0 {
		l.at(nil, "", "empty file: a suite needs cases:")
		return nil, l.list
	}
	l.suiteFile(doc.Content[0])
	return l.suite, l.list.Sorted().Err()
}

func (l *loader) suiteFile(root *yaml.Node) {
	var def defaults
	var cases *yaml.Node
	for _, kv := range l.fields(root, "a suite", fileKeys) {
		switch kv.k.Value {
		case "program":
			def.program, _ = l.scalar(kv.v, "program")
		case "track":
			def.track, _ = l.scalar(kv.v, "track")
		case "as_of":
			def.asOf, def.asOfSet = l.date(kv.v, "as_of")
		case "cases":
			cases = deref(kv.v)
		}
	}
	if cases == nil || cases.Kind != yaml.SequenceNode {
		l.at(root, "a suite is a mapping with cases: [{name, partner, expect: {tier}}, ...]", "cases: expected a list of cases, got %s", kindOf(cases))
		return
	}
	for _, c := range cases.Content {
		l.testCase(c, def)
	}
}

func (l *loader) date(n *yaml.Node, what string) (time.Time, bool) {
	s, ok := l.scalar(n, what)
	if !ok {
		return time.Time{}, false
	}
	d, err := time.Parse(time.DateOnly, strings.TrimSpace(s))
	if err != nil {
		l.at(n, "write a day as YYYY-MM-DD", "%s: %q is not a date", what, s)
		return time.Time{}, false
	}
	return d, true
}

// caseParts is what a case (or a row) gives before expansion.
type caseParts struct {
	name    string
	node    *yaml.Node
	def     defaults
	partner []pair
	want    Want
	expect  *yaml.Node
}

func (l *loader) testCase(n *yaml.Node, def defaults) {
	c := caseParts{node: n, def: def}
	var matrix, partnerNode *yaml.Node
	for _, kv := range l.fields(n, "a case", caseKeys) {
		switch kv.k.Value {
		case "name":
			c.name, _ = l.scalar(kv.v, "name")
		case "program":
			c.def.program, _ = l.scalar(kv.v, "program")
		case "track":
			c.def.track, _ = l.scalar(kv.v, "track")
		case "as_of":
			c.def.asOf, c.def.asOfSet = l.date(kv.v, "as_of")
		case "partner":
			partnerNode = kv.v
		case "expect":
			c.expect = kv.v
			c.want = l.want(kv.v)
		case "matrix":
			matrix = deref(kv.v)
		}
	}
	if deref(n) == nil || deref(n).Kind != yaml.MappingNode {
		return
	}
	if strings.TrimSpace(c.name) == "" {
		l.at(n, "", "a case needs a name")
		return
	}
	if partnerNode == nil {
		l.at(n, "give the partner's fields as in a YAML record: {VTSP: 2, competencies: [...]}", "case %q: no partner", c.name)
		return
	}
	c.partner = l.fields(partnerNode, "partner", nil)
	if matrix == nil {
		l.add(c, c.name, &editSpot{owner: n, expect: c.expect})
		return
	}
	if matrix.Kind != yaml.SequenceNode || len(matrix.Content) == 0 {
		l.at(matrix, "", "case %q: matrix: expected a list of rows", c.name)
		return
	}
	for i, row := range matrix.Content {
		l.row(c, row, i+1)
	}
}

// row expands one matrix row of case c.
func (l *loader) row(c caseParts, n *yaml.Node, index int) {
	r := c
	r.node = n
	var suffix []string
	custom := ""
	var rowExpect *yaml.Node
	for _, kv := range l.fields(n, "a matrix row", rowKeys) {
		switch kv.k.Value {
		case "name":
			custom, _ = l.scalar(kv.v, "name")
		case "partner":
			over := l.fields(kv.v, "partner", nil)
			r.partner = overlay(r.partner, over)
			for _, o := range over {
				suffix = append(suffix, o.k.Value+"="+brief(o.v))
			}
		case "as_of":
			r.def.asOf, r.def.asOfSet = l.date(kv.v, "as_of")
			suffix = append(suffix, "as_of="+brief(kv.v))
		case "expect":
			rowExpect = kv.v
			r.want = c.want.with(l.want(kv.v))
		}
	}
	if custom != "" {
		suffix = []string{custom}
	}
	if len(suffix) == 0 {
		suffix = []string{"row " + strconv.Itoa(index)}
	}
	l.add(r, c.name+" ["+strings.Join(suffix, ", ")+"]", &editSpot{owner: n, expect: rowExpect, row: true})
}

// brief is a partner value as a matrix case name shows it: a scalar, or
// a list of scalars; anything deeper is "...".
func brief(n *yaml.Node) string {
	d := deref(n)
	switch {
	case d == nil:
		return ""
	case d.Kind == yaml.ScalarNode:
		return d.Value
	case d.Kind == yaml.SequenceNode:
		var items []string
		for _, it := range d.Content {
			if it = deref(it); it != nil && it.Kind == yaml.ScalarNode {
				items = append(items, it.Value)
			} else {
				items = append(items, "...")
			}
		}
		return "[" + strings.Join(items, " ") + "]"
	}
	return "{...}"
}

// add builds the test of c named name.
func (l *loader) add(c caseParts, name string, spot *editSpot) {
	if prev, dup := l.names[name]; dup {
		l.at(c.node, "give each case (and matrix row) its own name", "case %q is also defined on line %d", name, prev)
		return
	}
	l.names[name] = c.node.Line
	t := &Test{Name: name, File: l.file, Line: c.node.Line, Program: c.def.program, Track: c.def.track,
		AsOf: c.def.asOf, Want: c.want, edit: spot}
	ok := true
	switch {
	case c.def.program == "":
		l.at(c.node, "set program: on the suite or the case", "case %q: no program", name)
		ok = false
	case !c.def.asOfSet:
		l.at(c.node, "set as_of: YYYY-MM-DD on the suite or the case, so the test gives the same answer every day", "case %q: no as_of", name)
		ok = false
	case c.want.Tier == nil:
		l.at(c.node, "expect: {tier: NAME} (null for no tier)", "case %q: no expected tier", name)
		ok = false
	}
	t.Partner = l.record(c.node, c.partner, name)
	if ok && t.Partner != nil {
		l.suite.Tests = append(l.suite.Tests, t)
	}
}

// record reads the partner of a case from its (flattened) pairs; the case
// name stands in for a missing id.
func (l *loader) record(at *yaml.Node, pairs []pair, name string) *partner.Record {
	pairs = l.deepFlatten(pairs)
	// A partner without an id is "case", named after the case, so the
	// explanation of a failure reads "case NAME: ...".
	for _, k := range []string{"id", "name"} {
		if hasKey(pairs, k) {
			continue
		}
		v := name
		if k == "id" {
			v = "case"
		}
		pairs = append(pairs, pair{&yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: k},
			&yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: v, Line: at.Line, Column: at.Column}})
	}
	rec, err := partner.RecordFromYAML(mapping(at, pairs), l.file, l.schema, partner.ReadOptions{})
	if err != nil {
		l.list = append(l.list, recordProblem(err, l.file, 0, fmt.Sprintf(" (case %q)", name)))
		return nil
	}
	return rec
}

// recordProblem is a rejected partner record as a suite problem at the
// record error's position (or at line, when given: the suite's line of a
// rewritten CSV row), its message without the position.
func recordProblem(err error, file string, line int, suffix string) rulebook.Problem {
	re, ok := err.(*partner.RecordError)
	if !ok {
		return rulebook.Problem{Pos: rulebook.Pos{File: file, Line: line}, Msg: err.Error() + suffix}
	}
	pos := rulebook.Pos{File: file, Line: re.Line, Col: re.Column}
	if line > 0 {
		pos = rulebook.Pos{File: file, Line: line}
	}
	plain := *re
	plain.File, plain.Line, plain.Column = "", 0, 0
	return rulebook.Problem{Pos: pos, Msg: plain.Error() + suffix, Hint: re.Hint}
}

// deepFlatten expands merge keys in the values of pairs (a credentials:
// or metrics: group built from a fixture).
func (l *loader) deepFlatten(pairs []pair) []pair {
	out := make([]pair, len(pairs))
	for i, kv := range pairs {
		if d := deref(kv.v); d != nil && d.Kind == yaml.MappingNode {
			kv.v = mapping(d, l.flatten(d, 0))
		}
		out[i] = kv
	}
	return out
}

func hasKey(pairs []pair, k string) bool {
	for _, kv := range pairs {
		if kv.k.Value == k {
			return true
		}
	}
	return false
}
