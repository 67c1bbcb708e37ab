package partner

import (
	"strings"
	"testing"
)

// jsonKey resolves every key as lookup does, whatever order the records
// give their keys in, however they spell, quote, escape and space them,
// and however long they are; it leaves the scan just past the ':' and
// hands back the key as unescaped.
func TestJSONKeyAsLookup(t *testing.T) {
	b := newBuilder("in", testSchema(), ReadOptions{}, true)
	long := strings.Repeat("k", maxKeyLen+1)
	records := [][]string{
		{`"id":`, `"name":`, `"VXP":`, `"credentials":`, `"widgets":`},
		{`"id":`, `"name":`, `"VXP":`, `"credentials":`, `"widgets":`},
		{`"ids":`, `"i":`, `"VXP" :`, `"cred\u0065ntials":`, `"widgets"	:`},
		{`"ID":`, `"Name":`, `"vxp":`, `"odd":`, `"widgets":`, `"metrics":`},
		{`"id":`, `"` + long + `":`, `"VXP":`, `"odd":`, `"Widgets":`},
		{`"name":`, `"id":`, `"` + long + `":`, `"nope":`, `"widgets":`, `"credentials":`, `"profiles":`},
		{`"id":`, `"name":`, `"VXP":`, `"credentials":`, `"widgets":`},
	}
	unquote := strings.NewReplacer(`"`, "", ":", "", " ", "", "\t", "", `\u0065`, "e")
	for range 2 {
		for _, keys := range records {
			b.keyN = 0
			for _, k := range keys {
				s := &jscan{b: []byte(k + "1")}
				name := unquote.Replace(k)
				f, key := b.jsonKey(s)
				if want := b.lookup(name); f != want {
					t.Fatalf("jsonKey(%.20q) = %v, lookup gives %v", k, f, want)
				}
				if string(key) != name || s.bad || s.i != len(k) {
					t.Fatalf("jsonKey(%.20q): key %q, bad %v, at %d; want %q, false, %d", k, key, s.bad, s.i, name, len(k))
				}
			}
		}
	}
	if b.keys[0].raw != `"id":` || b.keys[2].raw != `"VXP":` {
		t.Fatalf("keys remembered as %q and %q, want the input's bytes", b.keys[0].raw, b.keys[2].raw)
	}
}
