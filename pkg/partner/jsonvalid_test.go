package partner

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/go-json-experiment/json/jsontext"
)

// jsonValidCases are inputs where a validator could drift from json.Valid:
// nesting at the depth limit, escapes of lone surrogates, invalid UTF-8,
// duplicate names, number edge cases, blanks around the value.
func jsonValidCases() []string {
	deep := func(n int) string { return strings.Repeat("[", n) + strings.Repeat("]", n) }
	deepObj := func(n int) string { return strings.Repeat(`{"a":`, n) + "1" + strings.Repeat("}", n) }
	return []string{
		``, ` `, `{}`, ` {"a":1} `, "\t[1,2]\r\n", `{"a":1,"a":2}`, `"\ud800"`, `"\udc00\ud800x"`,
		"\"\xff\xfe\"", "{\"\xc3\":1}", `"\u00e"`, `"\x"`, `01`, `-`, `1.`, `1e`, `1e+`, `-0.0e-0`,
		`1E400`, `tru`, `true false`, `{"a" 1}`, `{"a":1,}`, `[1,]`, `[,1]`, "\"a\x01\"", `nul`,
		"\v{}", "{}\f", "\u00a0{}", deep(10000), deep(10001), deepObj(10000), deepObj(10001),
		// where quickValid could drift: closers, separators, escapes, numbers, its depth bound
		`[1}`, `{"a":1]`, `[[]]`, `{"a":{}}`, `{"a":[]}`, `[{},[]]`, `[1 2]`, `{"a":1 "b":2}`, `{1:2}`,
		`{"a"}`, `{"a":}`, `{,}`, `[,]`, `"\u12"`, `"\u12g4"`, `"\/\b\f\n\r\t\"\\"`, `"\U0041"`,
		`-01`, `-0`, `0.5`, `.5`, `1.e5`, `1.5e`, `0e0`, `1E-2`, `1e+2`, `--1`, `+1`, `0x1`, `[-]`,
		`{"a":[1,{"b":null}],"c":true}`, `{"a":1}}`, `[1]]`, `"a`, `{"a":"b`, `[true,fals]`,
		deep(32), deep(33), deepObj(32), deepObj(33), "[\n1\r,\t2 ]",
	}
}

func TestJSONValidAsEncodingJSON(t *testing.T) {
	for _, c := range jsonValidCases() {
		if got, want := jsonValid([]byte(c)), json.Valid([]byte(c)); got != want {
			t.Errorf("jsonValid(%.40q) = %v, json.Valid says %v", c, got, want)
		}
	}
}

// TestQuickValidTakesRecords checks that the quick syntax check is the one
// that passes the records exports write (jsontext is only its fallback).
func TestQuickValidTakesRecords(t *testing.T) {
	data := benchData(t, 200, FormatNDJSON)
	for l := range bytes.Lines(data) {
		if !quickValid(bytes.TrimSpace(l)) {
			t.Fatalf("quickValid refused %s", l)
		}
	}
}

func FuzzJSONValid(f *testing.F) {
	for _, c := range jsonValidCases() {
		f.Add([]byte(c))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if got, want := jsonValid(data), json.Valid(data); got != want {
			t.Fatalf("jsonValid(%q) = %v, json.Valid says %v", data, got, want)
		}
	})
}

// BenchmarkJSONValid compares the syntax check JSON and NDJSON records get
// (jsonValid) with encoding/json's json.Valid it replaced, on synthetic
// records one a line.
func BenchmarkJSONValid(b *testing.B) {
	lines := bytes.Split(bytes.TrimSpace(benchData(b, 20_000, FormatNDJSON)), []byte{'\n'})
	size := 0
	for _, l := range lines {
		size += len(l)
	}
	for _, c := range []struct {
		name  string
		valid func([]byte) bool
	}{{"encoding_json", json.Valid}, {"jsontext", func(b []byte) bool { return jsontext.Value(b).IsValid(validOpts...) }}, {"jsonValid", jsonValid}} {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(size))
			for b.Loop() {
				for _, l := range lines {
					if !c.valid(l) {
						b.Fatalf("%s refused %s", c.name, l)
					}
				}
			}
		})
	}
}
