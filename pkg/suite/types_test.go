package suite

import (
	"bytes"
	"io/fs"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/tiercalc/tiercalc/rules"
)

// The documented types (File, Case, Row, Expect, GapExpect) describe the
// suites key for key: every shipped suite decodes into File strictly, so a
// JSON Schema generated from them accepts what the loader accepts.
func TestTypesDescribeTheSuites(t *testing.T) {
	names, _ := fs.Glob(rules.FS, "*_test.yaml")
	srcs := map[string][]byte{"fixture": []byte(fixtureSuite)}
	for _, n := range names {
		srcs[n], _ = fs.ReadFile(rules.FS, n)
	}
	for name, data := range srcs {
		dec := yaml.NewDecoder(bytes.NewReader(data))
		dec.KnownFields(true)
		var f File
		if err := dec.Decode(&f); err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if len(f.Cases) == 0 || f.Cases[0].Name == "" {
			t.Errorf("%s: decoded no cases", name)
		}
	}
	// And a key the loader refuses, the types refuse too.
	dec := yaml.NewDecoder(bytes.NewReader([]byte("cases: [{name: a, partner: {}, expct: {tier: X}}]\n")))
	dec.KnownFields(true)
	var f File
	if err := dec.Decode(&f); err == nil {
		t.Error("the types accept a key the loader refuses")
	}
}
