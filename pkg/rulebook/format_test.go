package rulebook

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestReferenceListsEveryKey: rules/README.md has a section per mapping of
// the format whose table lists exactly the keys the decoder accepts.
func TestReferenceListsEveryKey(t *testing.T) {
	src, err := os.ReadFile("../../rules/README.md")
	if err != nil {
		t.Fatal(err)
	}
	sections := map[string][]string{}
	heading := regexp.MustCompile("^### `([a-z ]+)`")
	row := regexp.MustCompile("^\\| `([a-z_]+)` \\|")
	cur := ""
	for _, line := range strings.Split(string(src), "\n") {
		if m := heading.FindStringSubmatch(line); m != nil {
			cur = m[1]
			sections[cur] = []string{}
			continue
		}
		if strings.HasPrefix(line, "## ") {
			cur = ""
		}
		if m := row.FindStringSubmatch(line); m != nil && cur != "" {
			sections[cur] = append(sections[cur], m[1])
		}
	}
	for _, ob := range Format() {
		documented, ok := sections[ob.Name]
		if !ok {
			t.Errorf("rules/README.md has no section ### `%s`", ob.Name)
			continue
		}
		want := keysOf(ob.Name)
		for _, k := range want {
			if !slices.Contains(documented, k) {
				t.Errorf("rules/README.md, %s: key %s is not documented", ob.Name, k)
			}
		}
		for _, k := range documented {
			if !slices.Contains(want, k) {
				t.Errorf("rules/README.md, %s: documents %s, which the decoder does not accept", ob.Name, k)
			}
		}
	}
}

// TestEveryKindIsDescribed: a new kind in kindForms needs its sentence for
// the schema's hover text.
func TestEveryKindIsDescribed(t *testing.T) {
	for _, f := range KindForms() {
		if f.Doc == "" {
			t.Errorf("kind key %s has no entry in kindDocs", f.Key)
		}
	}
	for _, ob := range Format() {
		for _, k := range ob.Keys {
			if k.Doc == "" || k.Type == 0 {
				t.Errorf("%s: key %s lacks its type or description", ob.Name, k.Name)
			}
			if (k.Type == TypeObject || k.Type == TypeList) && !slices.ContainsFunc(Format(), func(o Object) bool { return o.Name == k.Ref }) {
				t.Errorf("%s: key %s refers to no mapping %q", ob.Name, k.Name, k.Ref)
			}
		}
	}
}
