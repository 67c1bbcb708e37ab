package partner

import (
	"slices"
	"strings"
	"testing"
)

func TestFormatRegistry(t *testing.T) {
	if got := strings.Join(FormatNames(), ","); got != "csv,json,ndjson,xlsx,yaml" {
		t.Errorf("names %s", got)
	}
	exts, fallbacks := map[string]string{}, 0
	for _, f := range Formats() {
		if f.Description() == "" || len(f.Extensions()) == 0 {
			t.Errorf("%s: no description or extension", f)
		}
		for _, e := range f.Extensions() {
			if prev, dup := exts[e]; dup || e != strings.ToLower(e) || e[0] != '.' {
				t.Errorf("%s: extension %q (also %s)", f, e, prev)
			}
			exts[e] = f.Name()
		}
		if f.spec.sniff == nil {
			fallbacks++
		}
	}
	if fallbacks != 1 {
		t.Errorf("%d formats without a signature, want 1", fallbacks)
	}
}

func TestFormatByName(t *testing.T) {
	for in, want := range map[string]Format{
		"csv": FormatCSV, " JSON ": FormatJSON, "ndjson": FormatNDJSON, "jsonl": FormatNDJSON,
		"yaml": FormatYAML, "YML": FormatYAML, "xlsx": FormatXLSX, "tsv": FormatCSV,
	} {
		if f, err := ParseFormat(in); err != nil || f != want {
			t.Errorf("ParseFormat(%q) = %v, %v", in, f, err)
		}
	}
	_, err := ParseFormat("xml")
	if err == nil || err.Error() != `unknown input format "xml" (want csv, json, ndjson, xlsx or yaml)` {
		t.Errorf("xml: %v", err)
	}
	if _, ok := FormatByName(""); ok {
		t.Error("empty name accepted")
	}
}

func TestFormatForPath(t *testing.T) {
	for in, want := range map[string]Format{
		"a.csv": FormatCSV, "dir.x/A.JSON": FormatJSON, "a.ndjson": FormatNDJSON, "a.jsonl": FormatNDJSON,
		"a.yaml": FormatYAML, "a.Yml": FormatYAML, "a.txt": FormatCSV, "a.tsv": FormatCSV, "b.csv.GZ": FormatCSV,
		"c.json.zst": FormatJSON, "a.doc": {}, "a.gz": {}, "csv": {}, "a.": {},
	} {
		f, ok := FormatForPath(in)
		if f != want || ok != (want != Format{}) {
			t.Errorf("FormatForPath(%q) = %v, %v", in, f, ok)
		}
	}
}

func TestSniff(t *testing.T) {
	for in, want := range map[string]Format{
		"[{}]": FormatJSON, "\uFEFF \n[": FormatJSON, "{\"id\":1}\n": FormatNDJSON, "\t{": FormatNDJSON,
		"- id: A\n": FormatYAML, "---\n": FormatYAML, "# partners\n": FormatYAML,
		"id,name\n": FormatCSV, "": FormatCSV, " \n": FormatCSV,
	} {
		f, ok := Sniff([]byte(in))
		if f != want || ok != (want != FormatCSV) {
			t.Errorf("Sniff(%q) = %v, %v", in, f, ok)
		}
	}
}

func TestFormatZero(t *testing.T) {
	var f Format
	if f.Name() != "" || f.Extensions() != nil || f.Aliases() != nil || f.Description() != "" {
		t.Errorf("zero format %q %v", f.Name(), f.Extensions())
	}
	// The lists handed out are copies: the registry stays as registered.
	FormatNDJSON.Extensions()[0], FormatNDJSON.Aliases()[0] = ".x", "x"
	if !slices.Equal(FormatNDJSON.Extensions(), []string{".ndjson", ".jsonl"}) || FormatNDJSON.Aliases()[0] != "jsonl" {
		t.Error("registry changed through a returned list")
	}
	if _, err := NewReader(strings.NewReader(""), "in", f, nil, ReadOptions{}); err == nil {
		t.Error("NewReader with no format")
	}
}
