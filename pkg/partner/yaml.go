package partner

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// FormatYAML is a YAML sequence of record mappings.
var FormatYAML = register(formatSpec{
	name: "yaml", aliases: []string{"yml"}, exts: []string{".yaml", ".yml"},
	raw: true, desc: "a YAML sequence of record mappings",
	// A sequence item, a document marker or a leading comment.
	sniff: func(peek []byte) bool { return len(peek) > 0 && (peek[0] == '-' || peek[0] == '#') },
	open: func(r io.Reader, file string, s *Schema, opt ReadOptions) (Reader, error) {
		r, err := capYAML(r, file)
		if err != nil {
			return nil, err
		}
		return newYAMLReader(r, file, s, opt), nil
	},
})

// MaxYAML bounds a YAML input. yaml.v3 builds a document's whole node tree
// (about 25 times the text's size) before a record can be read, so a larger
// input is refused whole, before it is read: NDJSON, JSON and CSV stream
// any size in bounded memory.
const MaxYAML = 16 << 20

// capYAML refuses an input over MaxYAML: a file by its size, anything else
// (stdin, a pipe) by reading up to the cap first.
func capYAML(r io.Reader, file string) (io.Reader, error) {
	tooLarge := &TooLargeError{File: file, Limit: MaxYAML, What: "YAML input",
		Hint: "YAML is read whole; convert larger inputs to NDJSON (one JSON record a line), which is read one record at a time"}
	if f, ok := r.(interface{ Stat() (fs.FileInfo, error) }); ok {
		if st, err := f.Stat(); err == nil && st.Mode().IsRegular() {
			if st.Size() > MaxYAML {
				return nil, tooLarge
			}
			return r, nil
		}
	}
	data, err := io.ReadAll(io.LimitReader(r, MaxYAML+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	if len(data) > MaxYAML {
		return nil, tooLarge
	}
	return bytes.NewReader(data), nil
}

// yamlReader decodes each document into a node tree (yaml.v3 has no event
// API) and turns the sequence's elements into records one at a time,
// releasing each element's nodes once read.
//
// Characters yaml.v3 refuses (invalid UTF-8, control characters) are
// replaced on the way in (see yamlInput); the element whose lines hold one
// is rejected at its position, and one outside any element is reported on
// its own.
type yamlReader struct {
	b     *builder
	in    *yamlInput
	dec   *yaml.Decoder
	seq   []*yaml.Node
	spots []badSpot // not yet reported
	ahead *yamlDoc  // the next document, decoded early
	err   error
}

// yamlDoc is a decoded document, or the error that ended the input.
type yamlDoc struct {
	node yaml.Node
	err  error
}

func newYAMLReader(r io.Reader, file string, s *Schema, opt ReadOptions) *yamlReader {
	in := newYAMLInput(r)
	return &yamlReader{b: newBuilder(file, s, opt, true), in: in, dec: yaml.NewDecoder(in)}
}

func (y *yamlReader) fatal(err error) error {
	y.err = err
	return err
}

// decode returns the next document (or error), and takes the spots the
// input found on the way.
func (y *yamlReader) decode() *yamlDoc {
	d := y.ahead
	if d == nil {
		d = &yamlDoc{}
		d.err = y.dec.Decode(&d.node)
	}
	y.ahead = nil
	y.spots = append(y.spots, y.in.spots...)
	y.in.spots = y.in.spots[:0]
	return d
}

// spotErr reports y.spots[0] on its own.
func (y *yamlReader) spotErr() error {
	sp := y.spots[0]
	y.spots = y.spots[1:]
	return &RecordError{File: y.b.file, Line: sp.line, Column: sp.col, Msg: sp.msg, Hint: "save the file as UTF-8"}
}

// Next returns the next element's record.
func (y *yamlReader) Next() (*Record, error) {
	if y.err != nil {
		return nil, y.err
	}
	if len(y.seq) == 0 {
		if err := y.nextSeq(); err != nil {
			return nil, err
		}
	}
	n := y.seq[0]
	if len(y.spots) > 0 {
		if y.spots[0].line < n.Line {
			return nil, y.spotErr()
		}
		// The element's lines: up to the next one; the last one ends
		// with its last node (a comment after it is not part of it).
		end := lastLine(n, n.Line)
		if len(y.seq) > 1 {
			end = y.seq[1].Line - 1
		}
		if y.spots[0].line <= end {
			sp := y.spots[0]
			for len(y.spots) > 0 && y.spots[0].line <= end {
				y.spots = y.spots[1:]
			}
			y.drop()
			e := &RecordError{File: y.b.file, Line: sp.line, Column: sp.col, Msg: sp.msg, Hint: "save the file as UTF-8"}
			if id := yamlID(n); id != "" {
				e.ID = printable(clip(id))
			}
			return nil, e
		}
	}
	y.drop()
	r, err := y.b.fromYAML(n)
	if r != nil && y.in.nSpots > 0 && strings.ContainsRune(r.ID+r.Name+r.CurrentTier, utf8.RuneError) {
		// an alias to a value on a line with a refused character, a
		// multi-line value ending on one, or an element sharing its
		// line with one
		return nil, &RecordError{File: y.b.file, Line: r.Line, Column: n.Column, ID: printable(clip(r.ID)), Msg: "invalid UTF-8 or control character in a value", Hint: "save the file as UTF-8"}
	}
	return r, err
}

// nextSeq decodes documents until one holds a sequence with elements. The
// error is what Next returns.
func (y *yamlReader) nextSeq() error {
	for len(y.seq) == 0 {
		d := y.decode()
		if err := d.err; err != nil {
			if y.in.err == errTooManyBad {
				return y.fatal(fmt.Errorf("%s: invalid UTF-8 or control characters on more than %d lines", y.b.file, maxBadSpots))
			}
			if len(y.spots) > 0 {
				y.ahead = d // report the spots first
				return y.spotErr()
			}
			if err == io.EOF {
				y.err = io.EOF
				return io.EOF
			}
			return y.fatal(y.yamlErr(err))
		}
		n := &d.node
		if n.Kind == yaml.DocumentNode {
			if len(n.Content) == 0 {
				continue
			}
			n = n.Content[0]
		}
		switch {
		case n.Kind == yaml.SequenceNode:
			y.seq = n.Content
		case n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null":
		default:
			return y.fatal(fmt.Errorf("%s:%d:%d: expected a sequence of partner records, got %s", y.b.file, n.Line, n.Column, yamlKind(n)))
		}
	}
	return nil
}

// drop lets the element's nodes go.
func (y *yamlReader) drop() {
	y.seq[0] = nil
	y.seq = y.seq[1:]
}

// lastLine returns the last line n spans as far as its nodes tell (a
// multi-line scalar counted by the line breaks it keeps; aliases not
// followed), at least min.
func lastLine(n *yaml.Node, min int) int {
	if n == nil {
		return min
	}
	if l := n.Line + strings.Count(n.Value, "\n"); l > min {
		min = l
	}
	if n.Kind != yaml.AliasNode {
		for _, c := range n.Content {
			min = lastLine(c, min)
		}
	}
	return min
}

// yamlID returns the id of a record's mapping, if plainly given.
func yamlID(n *yaml.Node) string {
	n = deref(n)
	if n == nil || n.Kind != yaml.MappingNode {
		return ""
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if k, v := n.Content[i], deref(n.Content[i+1]); strings.EqualFold(strings.TrimSpace(k.Value), "id") && v != nil && v.Kind == yaml.ScalarNode {
			id := strings.TrimSpace(v.Value)
			if utf8.ValidString(id) && !strings.ContainsRune(id, utf8.RuneError) {
				return id
			}
		}
	}
	return ""
}

// yamlErr gives yaml.v3's message the FILE:LINE form when it names a line.
func (y *yamlReader) yamlErr(err error) error {
	msg := err.Error()
	var te *yaml.TypeError
	if errors.As(err, &te) && len(te.Errors) > 0 {
		msg = te.Errors[0]
	}
	msg = strings.TrimPrefix(msg, "yaml: ")
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if i := strings.IndexByte(rest, ':'); i > 0 {
			if line, err := strconv.Atoi(rest[:i]); err == nil {
				return fmt.Errorf("%s:%d: malformed YAML:%s", y.b.file, line, rest[i+1:])
			}
		}
	}
	return fmt.Errorf("%s: malformed YAML: %s", y.b.file, msg)
}

func yamlKind(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		return "an alias"
	case yaml.ScalarNode:
		switch n.ShortTag() {
		case "!!null":
			return "null"
		case "!!bool":
			return "a boolean"
		case "!!int", "!!float":
			return "a number"
		}
		return "a string"
	}
	return "nothing"
}

// deref follows an alias (once; yaml.v3 refuses alias cycles).
func deref(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode && i < 8; i++ {
		n = n.Alias
	}
	return n
}

func (b *builder) fromYAML(n *yaml.Node) (*Record, error) {
	n = deref(n)
	if n == nil || n.Kind != yaml.MappingNode {
		e := &RecordError{File: b.file, Msg: "expected a mapping", Hint: "each partner record is a mapping of field: value"}
		if n != nil {
			e.Line, e.Column = n.Line, n.Column
			e.Msg = "expected a mapping, got " + yamlKind(n)
		}
		return nil, e
	}
	r := b.newRecord(n.Line)
	b.col = n.Column
	var first *RecordError
	keep := func(e *RecordError, k *yaml.Node) {
		if e != nil && first == nil {
			if e.Line == 0 {
				e.Line, e.Column = k.Line, k.Column
			}
			first = e
		}
	}
	b.yamlMapping(r, n, nil, keep)
	return b.result(r, first)
}

// yamlMapping reads a record's mapping, or a credentials:/metrics: group
// when g is set.
func (b *builder) yamlMapping(r *Record, n *yaml.Node, g *field, keep func(*RecordError, *yaml.Node)) {
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := deref(n.Content[i]), deref(n.Content[i+1])
		if k == nil || v == nil {
			continue
		}
		if k.Kind != yaml.ScalarNode {
			keep(&RecordError{Msg: "expected a field name, got " + yamlKind(k)}, k)
			continue
		}
		key := strings.TrimSpace(k.Value)
		if !utf8.ValidString(key) {
			keep(&RecordError{Msg: "invalid UTF-8", Hint: "save the file as UTF-8"}, k)
			continue
		}
		f := b.lookup(key)
		if f == nil {
			keep(b.unknownKey(key, "key", k.Line, k.Column), k)
			continue
		}
		if e := b.claim(g, f); e != nil {
			keep(e, k)
			continue
		}
		switch f.kind {
		case kGroupCredentials, kGroupMetrics:
			switch {
			case v.Kind == yaml.MappingNode:
				b.yamlMapping(r, v, f, keep)
			case isNull(v):
			default:
				keep(fieldErr(f, "expected a mapping, got "+yamlKind(v), ""), v)
			}
		default:
			keep(b.yamlValue(r, f, v), v)
		}
	}
}

func isNull(n *yaml.Node) bool { return n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null" }

func (b *builder) yamlValue(r *Record, f *field, v *yaml.Node) *RecordError {
	if isNull(v) {
		return nil
	}
	switch f.kind {
	case kNum:
		if v.Kind != yaml.ScalarNode || v.ShortTag() == "!!bool" {
			return fieldErr(f, "expected a number, got "+yamlKind(v), "")
		}
		s := strings.TrimSpace(v.Value)
		e := b.setNum(r, f, s)
		if e != nil && !utf8.ValidString(s) {
			e.Msg = "invalid UTF-8"
		}
		return e
	case kProfiles, kCompetencies, kAttestations:
		return b.yamlList(r, f, v)
	}
	if v.Kind != yaml.ScalarNode {
		return fieldErr(f, "expected a string, got "+yamlKind(v), "")
	}
	return b.setText(r, f, strings.TrimSpace(v.Value))
}

// yamlList reads a list field given as a sequence or as a ';'-separated
// string.
func (b *builder) yamlList(r *Record, f *field, v *yaml.Node) *RecordError {
	switch {
	case v.Kind == yaml.ScalarNode && v.ShortTag() == "!!str":
		return b.setListString(r, f, strings.TrimSpace(v.Value))
	case v.Kind != yaml.SequenceNode:
		return fieldErr(f, "expected a list of strings, got "+yamlKind(v), "")
	}
	items := b.scratch[:0]
	for _, it := range v.Content {
		it = deref(it)
		if it == nil || it.Kind != yaml.ScalarNode || isNull(it) {
			kind := "nothing"
			if it != nil {
				kind = yamlKind(it)
			}
			e := fieldErr(f, "expected a list of strings, got a list with "+kind, "")
			if it != nil {
				e.Line, e.Column = it.Line, it.Column
			}
			return e
		}
		if s := strings.TrimSpace(it.Value); s != "" {
			items = append(items, s)
		}
	}
	b.scratch = items
	return b.commitList(r, f, items, false)
}
