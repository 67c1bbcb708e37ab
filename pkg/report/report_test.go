package report

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"errors"
	"flag"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/tiercalc/tiercalc/pkg/engine"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

func render(t *testing.T, f Format, o Options, rs []engine.Result) string {
	t.Helper()
	var buf bytes.Buffer
	p, err := New(f, &buf, o)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rs {
		if err := p.Print(r); err != nil {
			t.Fatalf("%s: Print: %v", f, err)
		}
	}
	if err := p.Close(); err != nil {
		t.Fatalf("%s: Close: %v", f, err)
	}
	return buf.String()
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the golden file (go test -update rewrites it):\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

func TestGolden(t *testing.T) {
	for _, f := range Formats() {
		if Format(f) == XLSX {
			continue // a zip: xlsx_test.go reads it back
		}
		t.Run(f, func(t *testing.T) {
			golden(t, f+".golden", render(t, Format(f), testOptions, fixtures()))
			golden(t, "empty."+f+".golden", render(t, Format(f), testOptions, nil))
		})
	}
}

// TestNoRawControls: whatever the format, hostile partner data never
// reaches the output as a raw escape or control character (line ends aside).
func TestNoRawControls(t *testing.T) {
	for _, f := range Formats() {
		if Format(f) == XLSX {
			continue // a zip: xlsx_test.go reads it back
		}
		out := render(t, Format(f), testOptions, fixtures())
		for i, r := range out {
			if r == '\n' {
				continue
			}
			if r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f) {
				t.Errorf("%s: raw control %U at byte %d", f, r, i)
			}
		}
		if !utf8.ValidString(out) {
			t.Errorf("%s: invalid UTF-8", f)
		}
	}
}

func TestTableSanitizes(t *testing.T) {
	out := render(t, Table, testOptions, fixtures())
	for _, want := range []string{`\x1b[31mEvil\x1b[0m`, `Corp\x07`, `Charlie\nSystems`, `\u202eevil`} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
	if strings.ContainsRune(out, '\u202e') {
		t.Error("table has a raw bidi override")
	}
	// Every partner's row starts a line: no name broke a row in two.
	for _, id := range []string{"P001", "P002", "P003", "P004", "P005"} {
		if !strings.Contains(out, "\n"+id+" ") {
			t.Errorf("no row starts with %s:\n%s", id, out)
		}
	}
}

func TestMarkdownEscapes(t *testing.T) {
	out := render(t, Markdown, testOptions, fixtures())
	for _, want := range []string{
		`Bravo \| Partners`,
		`Charlie<br>Systems`,
		`\\x1b\[31mEvil\\x1b\[0m Corp\\x07`,
		`\<Cloud\>`,
		`revenue\_usd`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("markdown lacks %q:\n%s", want, out)
		}
	}
	// Each table line has exactly one unescaped | per column boundary.
	for _, line := range strings.Split(out, "\n") {
		if !strings.HasPrefix(line, "|") {
			continue
		}
		got := strings.Count(line, "|") - strings.Count(line, `\|`)
		if got != 9 { // 8 columns
			t.Errorf("%d cell separators in %q", got, line)
		}
	}
}

func TestJSONIsSpecResult(t *testing.T) {
	out := render(t, JSON, testOptions, fixtures())
	var got []engine.Result
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("invalid JSON: %v\n%s", err, out)
	}
	want := fixtures()
	for i := range want {
		for j := range want[i].Missing {
			clearPrinterFields(want[i].Missing[j : j+1])
		}
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("round trip differs:\n got %+v\nwant %+v", got, want)
	}
	var raw []map[string]any
	_ = json.Unmarshal([]byte(out), &raw)
	keys := "partner name program edition track tier qualified_tier status grace_until next_tier missing unknown notes"
	for _, m := range raw {
		if len(m) != len(strings.Fields(keys)) {
			t.Errorf("keys %v, want %s", m, keys)
		}
		for _, k := range strings.Fields(keys) {
			if _, ok := m[k]; !ok {
				t.Errorf("no key %q in %v", k, m)
			}
		}
	}
	if raw[5]["tier"] != nil || raw[5]["qualified_tier"] != nil || raw[0]["grace_until"] != nil {
		t.Error("null tiers not null")
	}
}

// clearPrinterFields drops the fields that are not part of the JSON
// contract, for round-trip comparisons.
func clearPrinterFields(gs []engine.Gap) {
	for i := range gs {
		gs[i].Unit, gs[i].Noun = "", ""
		clearGapExtras(&gs[i])
		clearPrinterFields(gs[i].Options)
	}
}

func TestNDJSON(t *testing.T) {
	out := render(t, NDJSON, testOptions, fixtures())
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != len(fixtures()) {
		t.Fatalf("%d lines, want %d", len(lines), len(fixtures()))
	}
	for i, line := range lines {
		want, _ := json.Marshal(fixtures()[i])
		if line != string(want) {
			t.Errorf("line %d:\n got %s\nwant %s", i, line, want)
		}
	}
}

func TestNilSlicesAreArrays(t *testing.T) {
	r := engine.Result{Partner: "P", Program: "p", Status: engine.StatusQualified}
	for _, f := range []Format{JSON, NDJSON} {
		out := render(t, f, Options{}, []engine.Result{r})
		if !strings.Contains(out, `"missing": []`) && !strings.Contains(out, `"missing":[]`) ||
			strings.Contains(out, "null,\n  \"unknown\"") || strings.Contains(out, `"unknown":null`) {
			t.Errorf("%s: nil slices not written []:\n%s", f, out)
		}
	}
	if out := render(t, YAML, Options{}, []engine.Result{r}); !strings.Contains(out, "missing: []") || !strings.Contains(out, "unknown: []") {
		t.Errorf("yaml: nil slices not written []:\n%s", out)
	}
}

func TestCSVRoundTrip(t *testing.T) {
	out := render(t, CSV, testOptions, fixtures())
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(rows[0], ",") != "partner,name,program,edition,track,tier,qualified_tier,status,grace_until,next_tier,missing,unknown,notes" {
		t.Errorf("header %v", rows[0])
	}
	fx := fixtures()
	if len(rows) != len(fx)+1 {
		t.Fatalf("%d rows", len(rows))
	}
	for i, r := range fx {
		row := rows[i+1]
		if row[1] != sanitizeData(r.Name) || row[0] != r.Partner {
			t.Errorf("row %d: name %q, want %q", i, row[1], r.Name)
		}
		if row[10] != GapsPhrase(r.Missing) || row[11] != strings.Join(r.Unknown, ";") {
			t.Errorf("row %d: missing/unknown %q %q", i, row[10], row[11])
		}
		if row[12] != strings.Join(r.Notes, "; ") {
			t.Errorf("row %d: notes %q", i, row[12])
		}
	}
	if rows[4][1] != "Bravo | Partners" || rows[5][1] != "Charlie\nSystems" || rows[6][1] != `\x1b[31mEvil\x1b[0m Corp\x07` {
		t.Errorf("names: %q %q %q", rows[4][1], rows[5][1], rows[6][1])
	}
	if rows[6][5] != "" || rows[4][8] != "2009-10-14" {
		t.Errorf("null tier or grace_until wrong: %v / %v", rows[6], rows[4])
	}
}

func TestYAMLRoundTrip(t *testing.T) {
	out := render(t, YAML, testOptions, fixtures())
	var got []map[string]any
	if err := yaml.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("invalid YAML: %v\n%s", err, out)
	}
	if len(got) != len(fixtures()) {
		t.Fatalf("%d items", len(got))
	}
	for i, r := range fixtures() {
		if got[i]["name"] != r.Name || got[i]["partner"] != r.Partner {
			t.Errorf("item %d: name %q, want %q", i, got[i]["name"], r.Name)
		}
	}
	if got[5]["tier"] != nil {
		t.Errorf("null tier: %v", got[5]["tier"])
	}
	if _, ok := got[0]["qualified_tier"]; !ok {
		t.Error("keys are not the JSON ones")
	}
}

func TestJUnit(t *testing.T) {
	out := render(t, JUnit, testOptions, fixtures())
	type testcase struct {
		Name      string `xml:"name,attr"`
		Classname string `xml:"classname,attr"`
		Failure   *struct {
			Message string `xml:"message,attr"`
			Body    string `xml:",chardata"`
		} `xml:"failure"`
	}
	var doc struct {
		XMLName xml.Name `xml:"testsuites"`
		Suites  []struct {
			Name     string     `xml:"name,attr"`
			Tests    int        `xml:"tests,attr"`
			Failures int        `xml:"failures,attr"`
			Cases    []testcase `xml:"testcase"`
		} `xml:"testsuite"`
	}
	if err := xml.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("invalid XML: %v\n%s", err, out)
	}
	if len(doc.Suites) != 1 || len(doc.Suites[0].Cases) != len(fixtures()) {
		t.Fatalf("shape: %+v", doc)
	}
	cases := doc.Suites[0].Cases
	failed := 0
	for i, r := range fixtures() {
		bad, why := gate(r)
		c := cases[i]
		if (c.Failure != nil) != bad {
			t.Errorf("case %d: failure %v, gate says %v", i, c.Failure, bad)
		}
		if bad {
			failed++
			if c.Failure.Message != why {
				t.Errorf("case %d: message %q, want %q", i, c.Failure.Message, why)
			}
		}
	}
	if cases[6].Name != `P005 (Dee, Ltd: 100% <Cloud> & "Co" \u202eevil) broadcom-advantage-2024/cloud-provider` || cases[6].Classname != "broadcom-advantage-2024/cloud-provider" {
		t.Errorf("case 6: %+v", cases[6])
	}
	if cases[5].Name != `P004 (\x1b[31mEvil\x1b[0m Corp\x07) vpn-2009` {
		t.Errorf("case 5 name %q", cases[5].Name)
	}
	if s := doc.Suites[0]; s.Tests != 8 || s.Failures != 4 || failed != 4 || s.Name != "partners P001 to P005" {
		t.Errorf("suite %q: %d tests, %d failures (failed %d)", s.Name, s.Tests, s.Failures, failed)
	}
	if out := render(t, JUnit, Options{}, fixtures()); strings.Contains(out, "<failure") {
		t.Error("no gate, yet a failure")
	}
}

func TestGitHub(t *testing.T) {
	out := render(t, GitHub, testOptions, fixtures())
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != 4 {
		t.Fatalf("%d annotations, want 4:\n%s", len(lines), out)
	}
	for _, line := range lines {
		if !strings.HasPrefix(line, "::error title=") {
			t.Errorf("not an error command: %q", line)
		}
		rest := strings.TrimPrefix(line, "::error title=")
		title, msg, ok := strings.Cut(rest, "::")
		if !ok || strings.ContainsAny(title, ":,\r\n") || strings.ContainsAny(msg, "\r\n") {
			t.Errorf("badly escaped: %q", line)
		}
	}
	if want := "title=P005 (Dee%2C Ltd%3A 100%25 <Cloud> & \"Co\" \\u202eevil) — broadcom-advantage-2024/cloud-provider::"; !strings.Contains(out, want) {
		t.Errorf("want %q in\n%s", want, out)
	}
	// Without a gate, the incomplete results are notices, nothing fails.
	out = render(t, GitHub, Options{}, fixtures())
	if strings.Count(out, "::notice title=") != 2 || strings.Contains(out, "::error") {
		t.Errorf("no gate:\n%s", out)
	}
}

func TestSanitize(t *testing.T) {
	for in, want := range map[string]string{
		"plain":               "plain",
		"Bé Ωmega 日本":         "Bé Ωmega 日本",
		"\x1b[31mred\x1b[0m":  `\x1b[31mred\x1b[0m`,
		"a\nb\rc\td":          `a\nb\rc\td`,
		"del\x7f":             `del\x7f`,
		"c1\u009b31m":         `c1\u009b31m`,
		"bidi\u202eok\u2066":  `bidi\u202eok\u2066`,
		"ls\u2028":            `ls\u2028`,
		"bad\xffutf8":         "bad\uFFFDutf8",
		"nul\x00":             `nul\x00`,
		"":                    "",
		"pipe | stays":        "pipe | stays",
		"\\x1b literal stays": "\\x1b literal stays",
	} {
		if got := sanitize(in); got != want {
			t.Errorf("sanitize(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestMarkdownEscape(t *testing.T) {
	for in, want := range map[string]string{
		"a|b":           `a\|b`,
		"a\nb":          "a<br>b",
		"a\r\nb\rc":     "a<br>b<br>c",
		"[x](http://e)": `\[x\](http://e)`,
		"<b>&":          `\<b\>&`,
		"US$8,500":      `US\$8,500`,
		`back\slash`:    `back\\slash`,
		"\x1b[1m":       `\\x1b\[1m`,
	} {
		if got := markdownEscape(in); got != want {
			t.Errorf("markdownEscape(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestParseFormat(t *testing.T) {
	want := []string{"table", "wide", "json", "ndjson", "csv", "yaml", "markdown", "junit", "github", "xlsx"}
	if got := Formats(); !reflect.DeepEqual(got, want) {
		t.Errorf("Formats() = %v", got)
	}
	for _, s := range want {
		f, err := ParseFormat(strings.ToUpper(s))
		if err != nil || string(f) != s {
			t.Errorf("ParseFormat(%q) = %q, %v", s, f, err)
		}
		if p, err := New(Format(strings.ToUpper(s)), io.Discard, Options{}); err != nil || p == nil {
			t.Errorf("New(%q): %v", f, err)
		}
	}
	if _, err := ParseFormat("xml"); err == nil || !strings.Contains(err.Error(), "table, wide, json") {
		t.Errorf("ParseFormat(xml): %v", err)
	}
	if _, err := New("xml", io.Discard, Options{}); err == nil {
		t.Error("New(xml): no error")
	}
	if NDJSON.String() != "ndjson" {
		t.Errorf("String: %v", NDJSON)
	}
}

// Nothing is written before the first Print or Close, so a lazily
// created output file is not created by New.
func TestNothingWrittenUntilUsed(t *testing.T) {
	for _, f := range Formats() {
		w := &countWriter{}
		if _, err := New(Format(f), w, testOptions); err != nil {
			t.Fatal(err)
		}
		if w.n != 0 {
			t.Errorf("%s: New wrote %d bytes", f, w.n)
		}
	}
}

type countWriter struct{ n int }

func (w *countWriter) Write(p []byte) (int, error) { w.n += len(p); return len(p), nil }

var errBroken = errors.New("broken pipe")

type brokenWriter struct{}

func (brokenWriter) Write([]byte) (int, error) { return 0, errBroken }

func TestWriteErrorsSurface(t *testing.T) {
	for _, f := range Formats() {
		p, _ := New(Format(f), brokenWriter{}, testOptions)
		var err error
		for _, r := range fixtures() {
			if err = p.Print(r); err != nil {
				break
			}
		}
		if err == nil {
			err = p.Close()
		}
		if !errors.Is(err, errBroken) {
			t.Errorf("%s: error %v, want the writer's", f, err)
		}
		_ = p.Close() // a second Close must not panic
		if err := p.Print(fixtures()[0]); !errors.Is(err, errClosed) {
			t.Errorf("%s: Print after Close: %v", f, err)
		}
	}
}

// Zero-width and invisible characters are escaped in tables and Markdown as
// the bidi controls are; machine formats keep them exactly.
func TestInvisiblesEscaped(t *testing.T) {
	rs := fixtures()[:1]
	rs[0].Name = "Ac\u200bme\u00ad Co\ufeffrp\u2060"
	for _, f := range []Format{Table, Markdown} {
		out := render(t, f, testOptions, rs)
		for _, r := range []rune{0x200b, 0x00ad, 0xfeff, 0x2060} {
			if strings.ContainsRune(out, r) {
				t.Errorf("%s: raw %U in\n%s", f, r, out)
			}
		}
		if !strings.Contains(out, "u200b") || !strings.Contains(out, "u00ad") {
			t.Errorf("%s: escapes missing in\n%s", f, out)
		}
	}
	if out := render(t, JSON, testOptions, rs); !strings.Contains(out, "Ac\u200bme\u00ad Co\ufeffrp\u2060") &&
		!strings.Contains(out, `Ac\u200bme\u00ad Co\ufeffrp\u2060`) {
		t.Errorf("json changed the name: %s", out)
	}
}
