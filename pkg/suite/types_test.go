package suite

import (
	"bytes"
	"testing"

	"go.yaml.in/yaml/v3"
)

// The documented types (File, Case, Row, Expect, GapExpect) describe the
// suites key for key: every shipped suite decodes into File strictly, so a
// JSON Schema generated from them accepts what the loader accepts.
func TestTypesDescribeTheSuites(t *testing.T) {
	srcs := embeddedSuites(t)
	srcs["fixture"] = []byte(fixtureSuite)
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
