package partner

import (
	"strings"
	"testing"
)

// jsonField resolves every key as lookup does, whatever order the records
// give their keys in, however they spell them, and however long they are.
func TestJSONFieldAsLookup(t *testing.T) {
	b := newBuilder("in", testSchema(), ReadOptions{}, true)
	long := strings.Repeat("k", maxKeyLen+1)
	records := [][]string{
		{"id", "name", "VXP", "credentials", "widgets"},
		{"id", "name", "VXP", "credentials", "widgets"},
		{"ID", "Name", "vxp", "odd", "widgets", "metrics"},
		{"id", long, "VXP", "odd", "Widgets"},
		{"name", "id", long, "nope", "widgets", "credentials", "profiles"},
	}
	for range 2 {
		for _, keys := range records {
			b.keyN = 0
			for _, k := range keys {
				if got, want := b.jsonField([]byte(k)), b.lookup(k); got != want {
					t.Fatalf("jsonField(%.20q) = %v, lookup gives %v", k, got, want)
				}
			}
		}
	}
}
