package report

import (
	"testing"

	"go.yaml.in/yaml/v3"
)

// FuzzYAMLString: whatever the string, the encoded scalar decodes back to
// it (invalid UTF-8 as U+FFFD, as JSON has it).
func FuzzYAMLString(f *testing.F) {
	for _, s := range []string{"", "plain text", "2010-07", "yes", "No", "null", "~", "a: b", "a #b", "- x", "x ",
		"\x85next", "tab\there", "\u2028", "\ufeffbom", "quote\"back\\", "\x1b[31m", "日本語", "😀", "\xff", "'q'", "1e3", ".inf", "a:b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		doc := yamlString([]byte("k: "), s)
		var got map[string]string
		if err := yaml.Unmarshal(doc, &got); err != nil {
			t.Fatalf("%q: %v", doc, err)
		}
		want := string([]rune(s)) // invalid UTF-8 -> U+FFFD
		if got["k"] != want {
			t.Fatalf("%q decoded to %q, want %q", doc, got["k"], want)
		}
	})
}
