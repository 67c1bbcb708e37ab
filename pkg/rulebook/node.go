package rulebook

import (
	"github.com/tiercalc/tiercalc/pkg/internal/suggest"

	"fmt"
	"math"
	"regexp"
	"slices"
	"time"

	"go.yaml.in/yaml/v3"
)

// decoder turns a YAML node tree into the model, collecting every problem
// instead of stopping at the first.
type decoder struct {
	file  string
	probs Problems
}

func (d *decoder) pos(n *yaml.Node) Pos { return Pos{File: d.file, Line: n.Line, Col: n.Column} }

func (d *decoder) add(at Pos, hint, format string, args ...any) {
	d.probs = append(d.probs, Problem{Pos: at, Msg: fmt.Sprintf(format, args...), Hint: hint})
}

// deref follows an alias to its anchored node. parseYAML has refused cycles.
func deref(n *yaml.Node) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	return n
}

// describe names what a node is, for "expected X, got Y" messages.
func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		switch n.ShortTag() {
		case "!!null":
			return "nothing (null)"
		case "!!bool":
			return "true/false " + n.Value
		case "!!int", "!!float":
			return "number " + n.Value
		case "!!str":
			return fmt.Sprintf("string %q", truncate(n.Value, 40))
		}
		return fmt.Sprintf("%s %q", n.ShortTag(), truncate(n.Value, 40))
	}
	return "something else"
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "..."
}

// fieldPos records where each field of a model value was written, for
// problems found after decoding (a list item is "key[i]").
type fieldPos map[string]Pos

func (f fieldPos) of(key string, def Pos) Pos {
	if p, ok := f[key]; ok {
		return p
	}
	return def
}

// object is one YAML mapping being decoded into a model value.
type object struct {
	d     *decoder
	what  string // "requirement", "tier", ... for messages
	at    Pos
	vals  map[string]*yaml.Node
	order []string              // keys in file order
	typos map[string]bool       // known keys an unknown key looked like
	keyAt map[string]*yaml.Node // key nodes
	fp    fieldPos
	ok    bool // n was a mapping
}

// object reads mapping n, reporting unknown and repeated keys (known nil:
// any key, for mappings keyed by data). A non-mapping is reported and gives
// an empty object, so decoding carries on.
func (d *decoder) object(n *yaml.Node, what string, known ...string) *object {
	n = deref(n)
	o := &object{d: d, what: what, at: d.pos(n), vals: map[string]*yaml.Node{}, typos: map[string]bool{}, keyAt: map[string]*yaml.Node{}, fp: fieldPos{}}
	if n.Kind != yaml.MappingNode {
		d.add(d.pos(n), "", "%s: expected a mapping, got %s", what, describe(n))
		return o
	}
	o.ok = true
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := deref(n.Content[i]), n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			d.add(d.pos(k), "", "%s: a key must be a plain name, got %s", what, describe(k))
			continue
		}
		name := k.Value
		if first, dup := o.keyAt[name]; dup {
			d.add(d.pos(k), "", "%s: key %s repeated (first at line %d)", what, name, first.Line)
			continue
		}
		if known != nil && !slices.Contains(known, name) {
			hint := ""
			if s := suggest.Closest(name, known); s != "" {
				o.typos[s] = true
				hint = fmt.Sprintf("did you mean %q?", s)
			}
			d.add(d.pos(k), hint, "unknown key %s in %s", name, what)
			continue
		}
		o.keyAt[name] = k
		o.vals[name] = deref(v)
		o.order = append(o.order, name)
		o.fp[name] = d.pos(deref(v))
	}
	return o
}

func (o *object) has(key string) bool { return o.vals[key] != nil }

// require reports each missing key, unless an unknown key already looked
// like it (one typo, one problem).
func (o *object) require(keys ...string) {
	if !o.ok {
		return // not a mapping: said once already
	}
	for _, k := range keys {
		if !o.has(k) && !o.typos[k] {
			o.d.add(o.at, "", "%s: missing required key %s", o.what, k)
		}
	}
}

// oneOf returns which of keys the mapping holds (file order decides),
// reporting each further one as "<clash>: first and second". typo says an
// unknown key looked like one of keys, so a missing one is already said.
func (o *object) oneOf(keys []string, clash, hint string) (got string, typo bool) {
	for _, k := range o.order {
		switch {
		case !slices.Contains(keys, k):
		case got != "":
			o.d.add(o.d.pos(o.keyAt[k]), hint, "%s: %s and %s", clash, got, k)
		default:
			got = k
		}
	}
	for _, k := range keys {
		typo = typo || o.typos[k]
	}
	return got, typo
}

func (o *object) wrong(key string, n *yaml.Node, want string) {
	o.d.add(o.d.pos(n), "", "%s: expected %s, got %s", key, want, describe(n))
}

// text reads a scalar as text. Numbers and dates are taken as written (an
// unquoted id: 2010-07-01 is fine); booleans, nulls and collections are not.
func (o *object) str(key string) string {
	n := o.vals[key]
	if n == nil {
		return ""
	}
	s, ok := scalarText(n)
	if !ok {
		o.wrong(key, n, "a string")
	}
	return s
}

func scalarText(n *yaml.Node) (string, bool) {
	if n.Kind != yaml.ScalarNode {
		return "", false
	}
	switch n.ShortTag() {
	case "!!str", "!!int", "!!float", "!!timestamp":
		return n.Value, true
	}
	return "", false
}

func (o *object) num(key string) float64 {
	n := o.vals[key]
	if n == nil {
		return 0
	}
	var f float64
	if n.Kind != yaml.ScalarNode || (n.ShortTag() != "!!int" && n.ShortTag() != "!!float") || n.Decode(&f) != nil {
		o.wrong(key, n, "a number")
		return 0
	}
	if math.IsNaN(f) || math.IsInf(f, 0) {
		o.d.add(o.d.pos(n), "", "%s: expected a finite number, got %s", key, n.Value)
		return 0
	}
	return f
}

func (o *object) integer(key string, n *yaml.Node) int {
	var i int
	if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!int" || n.Decode(&i) != nil {
		o.wrong(key, n, "a whole number")
		return 0
	}
	return i
}

func (o *object) boolean(key string) bool {
	n := o.vals[key]
	if n == nil {
		return false
	}
	var b bool
	if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!bool" || n.Decode(&b) != nil {
		o.wrong(key, n, "true or false")
		return false
	}
	return b
}

var datePattern = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)

// date reads a YYYY-MM-DD day as midnight UTC.
func (o *object) date(key string) time.Time {
	n := o.vals[key]
	if n == nil {
		return time.Time{}
	}
	s, ok := scalarText(n)
	if !ok {
		o.wrong(key, n, "a date (YYYY-MM-DD)")
		return time.Time{}
	}
	t, err := parseDate(s)
	if err != nil {
		hint := "write the full date, e.g. 2009-04-14"
		if len(s) == 7 && s[4] == '-' {
			hint = fmt.Sprintf("a full date is needed: %s-01 for the first day of that month", s)
		}
		o.d.add(o.d.pos(n), hint, "%s: bad date %q: expected YYYY-MM-DD", key, truncate(s, 40))
	}
	return t
}

var pubDatePattern = regexp.MustCompile(`^\d{4}(-\d{2}(-\d{2})?)?$`)

// pubDate reads a publication date, which may be as precise as the source
// is: YYYY, YYYY-MM or YYYY-MM-DD.
func (o *object) pubDate(key string) string {
	n := o.vals[key]
	s, ok := scalarText(n)
	if !ok {
		o.wrong(key, n, "a date (YYYY, YYYY-MM or YYYY-MM-DD)")
		return ""
	}
	layout := map[int]string{4: "2006", 7: "2006-01", 10: time.DateOnly}[len(s)]
	if _, err := time.Parse(layout, s); err != nil || !pubDatePattern.MatchString(s) {
		o.d.add(o.d.pos(n), "write the date as precisely as the source gives it: 2010, 2010-07 or 2010-07-23", "%s: bad date %q: expected YYYY, YYYY-MM or YYYY-MM-DD", key, truncate(s, 40))
		return ""
	}
	return s
}

func parseDate(s string) (time.Time, error) {
	if !datePattern.MatchString(s) {
		return time.Time{}, fmt.Errorf("bad date %q", s)
	}
	return time.Parse(time.DateOnly, s)
}

// seq returns a list's items; null counts as an empty list.
func (o *object) seq(key string) []*yaml.Node {
	n := o.vals[key]
	if n == nil || (n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null") {
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		o.wrong(key, n, "a list")
		return nil
	}
	out := make([]*yaml.Node, len(n.Content))
	for i, c := range n.Content {
		out[i] = deref(c)
	}
	return out
}

// strs reads a list of names, recording each item's position as key[i].
// A present but empty list is non-nil.
func (o *object) strs(key string) []string {
	if !o.has(key) {
		return nil
	}
	items := o.seq(key)
	out := make([]string, 0, len(items))
	for i, n := range items {
		s, ok := scalarText(n)
		if !ok {
			o.wrong(fmt.Sprintf("%s item %d", key, i+1), n, "a name")
			continue
		}
		o.fp[fmt.Sprintf("%s[%d]", key, len(out))] = o.d.pos(n)
		out = append(out, s)
	}
	return out
}

var idPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)

// id reads a program id, which names files and flags: [a-z0-9-]+.
func (o *object) id(key string) string {
	s := o.str(key)
	if s != "" && !idPattern.MatchString(s) {
		o.d.add(o.fp[key], "use lower-case letters, digits and dashes only", "%s: %q is not a valid program id", key, truncate(s, 40))
	}
	return s
}
