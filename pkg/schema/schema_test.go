package schema

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"go.yaml.in/yaml/v3"

	"github.com/tiercalc/tiercalc/pkg/partner"
	"github.com/tiercalc/tiercalc/pkg/plan"
	"github.com/tiercalc/tiercalc/pkg/rulebook"
	"github.com/tiercalc/tiercalc/rules"
	"github.com/tiercalc/tiercalc/rules/costs"
)

// shippedInputs is what `rules schema` sees with the shipped rulebooks only.
func shippedInputs(t *testing.T) Inputs {
	t.Helper()
	set, err := rulebook.LoadFSAs(rules.FS, "rules")
	if err != nil {
		t.Fatal(err)
	}
	return Inputs{Records: set.Schema()}
}

// compile generates the schema called name and compiles it with a real
// validator, which also checks it against the draft 2020-12 metaschema.
// Formats (date) are asserted, as strict editors do.
func compile(t *testing.T, name string, in Inputs) *jsonschema.Schema {
	t.Helper()
	e, ok := Lookup(name)
	if !ok {
		t.Fatalf("no schema %q", name)
	}
	b, err := JSON(e.Generate(in))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	url := "file:///" + name + ".schema.json"
	if err := c.AddResource(url, doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile(url)
	if err != nil {
		t.Fatalf("schema %s does not compile: %v", name, err)
	}
	return s
}

// fromYAML turns YAML into the values a JSON Schema validator reads, as
// editors' YAML servers do (YAML 1.2: an unquoted date is a string).
func fromYAML(t *testing.T, data []byte) any {
	t.Helper()
	var n yaml.Node
	if err := yaml.Unmarshal(data, &n); err != nil {
		t.Fatal(err)
	}
	if len(n.Content) == 0 {
		return nil
	}
	v, err := nodeValue(n.Content[0])
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func nodeValue(n *yaml.Node) (any, error) {
	for n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	switch n.Kind {
	case yaml.MappingNode:
		m := map[string]any{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			if k.Kind == yaml.AliasNode {
				k = k.Alias
			}
			v, err := nodeValue(n.Content[i+1])
			if err != nil {
				return nil, err
			}
			m[k.Value] = v
		}
		return m, nil
	case yaml.SequenceNode:
		out := []any{}
		for _, c := range n.Content {
			v, err := nodeValue(c)
			if err != nil {
				return nil, err
			}
			out = append(out, v)
		}
		return out, nil
	}
	switch n.ShortTag() {
	case "!!null":
		return nil, nil
	case "!!bool":
		return n.Value == "true", nil
	case "!!int", "!!float":
		var f float64
		if err := n.Decode(&f); err != nil {
			return nil, err
		}
		return json.Number(strconv.FormatFloat(f, 'f', -1, 64)), nil
	}
	return n.Value, nil
}

func TestShippedRulebooksValidate(t *testing.T) {
	s := compile(t, "rulebook", shippedInputs(t))
	names, err := fs.Glob(rules.FS, "*.yaml")
	if err != nil || len(names) < 3 {
		t.Fatalf("shipped rulebooks: %v %v", names, err)
	}
	for _, name := range names {
		if rulebook.NotRulebook(name) { // the suites beside the rulebooks
			continue
		}
		data, _ := fs.ReadFile(rules.FS, name)
		if err := s.Validate(fromYAML(t, data)); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func TestShippedCostsValidate(t *testing.T) {
	s := compile(t, "costs", shippedInputs(t))
	if err := s.Validate(fromYAML(t, costs.Default)); err != nil {
		t.Error(err)
	}
}

// TestPartnerRecordsValidate takes the sample partners (CSV), writes them
// as JSON records the way a user's export would hold them, and validates
// them; the reader takes the same JSON.
func TestPartnerRecordsValidate(t *testing.T) {
	in := shippedInputs(t)
	s := compile(t, "partner", in)
	f, err := os.Open("../../testdata/partners.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var recs []any
	for _, row := range rows[1:] {
		rec := map[string]any{}
		for i, h := range rows[0] {
			rec[h] = csvCell(in.Records, h, row[i])
		}
		recs = append(recs, rec)
	}
	doc, _ := json.Marshal(recs)
	if err := s.Validate(mustJSON(t, doc)); err != nil {
		t.Fatal(err)
	}
	jsonFormat, _ := partner.FormatByName("json")
	if err := readAll(jsonFormat, string(doc), in.Records); err != nil {
		t.Fatalf("the reader rejects a record the schema accepts: %v", err)
	}
}

// csvCell is a CSV cell as a JSON value: null for empty (unknown), a list
// for list fields, a number for numeric ones.
func csvCell(s *partner.Schema, field, cell string) any {
	switch {
	case cell == "":
		return nil
	case field == "profiles" || field == "competencies" || field == "attestations":
		out := []any{}
		for _, it := range strings.Split(cell, ";") {
			if it != "" {
				out = append(out, it)
			}
		}
		return out
	}
	if _, ok := s.Slot(field); ok {
		return json.Number(cell)
	}
	return cell
}

func mustJSON(t *testing.T, b []byte) any {
	t.Helper()
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// TestEveryKeyHasADescription: editors show descriptions on hover, so every
// property of every schema has one.
func TestEveryKeyHasADescription(t *testing.T) {
	in := shippedInputs(t)
	for _, e := range Entries() {
		b, err := JSON(e.Generate(in))
		if err != nil {
			t.Fatal(err)
		}
		var doc any
		if err := json.Unmarshal(b, &doc); err != nil {
			t.Fatal(err)
		}
		checkDescribed(t, e.Name, "#", doc)
	}
}

func checkDescribed(t *testing.T, schema, path string, v any) {
	m, ok := v.(map[string]any)
	if !ok {
		return
	}
	for key, sub := range m {
		switch key {
		case "properties", "$defs":
			for name, p := range sub.(map[string]any) {
				pm, isObj := p.(map[string]any)
				if key == "properties" && isObj && pm["description"] == nil && pm["$ref"] == nil && len(pm) > 1 {
					t.Errorf("%s: %s/%s has no description", schema, path, name)
				}
				checkDescribed(t, schema, path+"/"+key+"/"+name, p)
			}
		default:
			checkDescribed(t, schema, path+"/"+key, sub)
		}
	}
}

// TestRegistryNames: the default schema is the rulebook's, and names are
// unique.
func TestRegistryNames(t *testing.T) {
	names := Names()
	if names[0] != "rulebook" {
		t.Errorf("first schema %q, want rulebook (the default)", names[0])
	}
	seen := map[string]bool{}
	for _, n := range names {
		if seen[n] {
			t.Errorf("schema %q registered twice", n)
		}
		seen[n] = true
	}
	if _, ok := Lookup("nope"); ok {
		t.Error("Lookup found a schema that is not registered")
	}
}

// TestCostsFormatIsTheDecoders: every key CostsFormat and CostFormat list
// is one ParseCosts takes (so the schema accepts nothing it refuses).
func TestCostsFormatIsTheDecoders(t *testing.T) {
	var b strings.Builder
	for _, k := range plan.CostsFormat {
		switch k.Value {
		case "amount":
			fmt.Fprintf(&b, "%s: 1.5\n", k.Name)
		case "text":
			fmt.Fprintf(&b, "%s: x\n", k.Name)
		case "list":
			fmt.Fprintf(&b, "%s: []\n", k.Name)
		case "section":
			fmt.Fprintf(&b, "%s: {}\n", k.Name)
		}
	}
	b.WriteString("credentials:\n  VTSP: {")
	for i, k := range plan.CostFormat {
		if i > 0 {
			b.WriteString(", ")
		}
		v := map[string]string{"amount": "1.25", "whole": "3", "bool": "true", "text": "x"}[k.Value]
		fmt.Fprintf(&b, "%s: %s", k.Name, v)
	}
	b.WriteString("}\n")
	doc := strings.Replace(b.String(), "credentials: {}\n", "", 1)
	if _, err := plan.ParseCosts("all.yaml", []byte(doc), nil); err != nil {
		t.Fatalf("%v\n%s", err, doc)
	}
	if err := compile(t, "costs", shippedInputs(t)).Validate(fromYAML(t, []byte(doc))); err != nil {
		t.Fatalf("%v\n%s", err, doc)
	}
}
