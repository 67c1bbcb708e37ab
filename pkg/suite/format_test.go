package suite

import (
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// TestRequiredKeysAreTheTables: the loader reports each key the format
// table marks required when a suite or a case lacks it.
func TestRequiredKeysAreTheTables(t *testing.T) {
	build := func() (map[string]any, map[string]any) {
		c := map[string]any{"name": "a", "partner": map[string]any{}, "expect": map[string]any{"tier": "Registered"}}
		return map[string]any{"program": "vpn-2009", "as_of": "2010-03-01", "cases": []any{c}}, c
	}
	seen := 0
	for _, ob := range []string{objSuite, objCase} {
		for _, k := range requiredOf(ob) {
			doc, c := build()
			if ob == objSuite {
				delete(doc, k.Name)
			} else {
				delete(c, k.Name)
			}
			data, _ := yaml.Marshal(doc)
			_, err := ParseYAML("r_test.yaml", data, nil)
			want := objectOf(ob).What + " has no " + k.Name
			if err == nil || !strings.Contains(err.Error(), want) {
				t.Errorf("without %s: %v, want %q", k.Name, err, want)
			}
			seen++
		}
	}
	if seen == 0 {
		t.Fatal("the table marks no key required")
	}
	doc, _ := build()
	data, _ := yaml.Marshal(doc)
	if _, err := ParseYAML("r_test.yaml", data, nil); err != nil {
		t.Fatalf("the base suite: %v", err)
	}
}

// TestEveryKeyIsDescribed: the schema's hover text comes from the table.
func TestEveryKeyIsDescribed(t *testing.T) {
	for _, ob := range Format() {
		if ob.Doc == "" || ob.What == "" {
			t.Errorf("%s: no Doc or What", ob.Name)
		}
		for _, k := range ob.Keys {
			if k.Doc == "" || k.Type == 0 || (k.Type >= TypeObject) != (k.Ref != "") {
				t.Errorf("%s: key %s: no Doc, no Type, or a Ref that does not fit its Type", ob.Name, k.Name)
			}
		}
	}
}
