// Package schema generates JSON Schemas (draft 2020-12) for the files people
// write for tiercalc: rulebooks, costs files and partner records in JSON or
// YAML. Each is generated from the table the file's decoder reads
// (rulebook.Format and rulebook.KindForms, plan.CostsFormat, the record
// format of the loaded rulebooks), so a schema cannot drift from what
// tiercalc accepts. Every key carries a description, which editors show on
// hover.
//
// A schema is a little looser than its decoder where JSON Schema cannot say
// more (a program id defined twice, a source cited but not listed: rules
// validate reports those), never stricter: a file tiercalc accepts passes.
package schema

import (
	"bytes"
	"encoding/json"
	"slices"

	"github.com/tiercalc/tiercalc/pkg/partner"
)

// Draft is the JSON Schema dialect of every schema here.
const Draft = "https://json-schema.org/draft/2020-12/schema"

// Inputs is what a generator may read besides its own tables: the record
// format of the loaded rulebooks (built-in names plus their vocabularies).
type Inputs struct {
	Records *partner.Schema
}

// Entry is one schema `tiercalc rules schema NAME` prints.
type Entry struct {
	Name     string
	Short    string // one line for the help
	Generate func(Inputs) *Obj
}

// registry lists the schemas, the default (rulebook) first. A new file
// format is one entry here.
var registry = []Entry{
	{"rulebook", "a rulebook (YAML), as --rules and rules validate read it", rulebookSchema},
	{"costs", "a costs file for plan and summary (--costs)", costsSchema},
	{"partner", "partner records in JSON or YAML (a list of records; #/$defs/record is one NDJSON line)", partnerSchema},
}

// Entries returns the schemas in the order the help lists them.
func Entries() []Entry { return slices.Clone(registry) }

// Lookup returns the schema called name.
func Lookup(name string) (Entry, bool) {
	i := slices.IndexFunc(registry, func(e Entry) bool { return e.Name == name })
	if i < 0 {
		return Entry{}, false
	}
	return registry[i], true
}

// Names lists the schema names.
func Names() []string {
	out := make([]string, len(registry))
	for i, e := range registry {
		out[i] = e.Name
	}
	return out
}

// JSON renders a schema, indented, with a final newline.
func JSON(o *Obj) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(o); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// Obj is a JSON object that keeps its keys in the order they were set, so a
// schema reads top-down (description before properties) as a person would
// write it.
type Obj struct {
	keys []string
	vals map[string]any
}

// O builds an object from key, value pairs.
func O(kv ...any) *Obj {
	o := &Obj{vals: map[string]any{}}
	for i := 0; i+1 < len(kv); i += 2 {
		o.Set(kv[i].(string), kv[i+1])
	}
	return o
}

// Set sets key to v, keeping the key's first place.
func (o *Obj) Set(key string, v any) {
	if o.vals == nil {
		o.vals = map[string]any{}
	}
	if _, ok := o.vals[key]; !ok {
		o.keys = append(o.keys, key)
	}
	o.vals[key] = v
}

// Get returns the value of key.
func (o *Obj) Get(key string) (any, bool) {
	v, ok := o.vals[key]
	return v, ok
}

// MarshalJSON writes the keys in order.
func (o *Obj) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, k := range o.keys {
		if i > 0 {
			b.WriteByte(',')
		}
		kb, _ := json.Marshal(k)
		b.Write(kb)
		b.WriteByte(':')
		var vb bytes.Buffer
		enc := json.NewEncoder(&vb)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(o.vals[k]); err != nil {
			return nil, err
		}
		b.Write(bytes.TrimRight(vb.Bytes(), "\n"))
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// document wraps a root schema with the dialect, a title and its $defs.
func document(title, desc string, root *Obj, defs *Obj) *Obj {
	o := O("$schema", Draft, "title", title, "description", desc)
	for _, k := range root.keys {
		o.Set(k, root.vals[k])
	}
	if len(defs.keys) > 0 {
		o.Set("$defs", defs)
	}
	return o
}

func ref(def string) *Obj { return O("$ref", "#/$defs/"+def) }

// textType is a scalar the decoders read as text: a string, or a number
// taken as written (edition: 2010).
var textType = []string{"string", "number"}
