package report

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"reflect"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/tiercalc/tiercalc/pkg/engine"
)

// The printers' fuzz targets: each prints results made from the fuzzer's
// strings and parses the output back with the format's own reader.

func addSeeds(f *testing.F) {
	f.Add("P1", "Acme", "network-virtualization", "below Enterprise", 250)
	f.Add("=cmd|' /C calc'!A0", "a,b\"c\nd", "", "a|b\\|c", 1)
	f.Add("\x1b]0;title\a", "\u202eevil\u200b", "t:r,a%ck", "50%\r\n::warning::x", 9999)
	f.Add("", "\xff\xfe", "<x&y>", "]]>", 0)
}

// fuzzResults makes results of every status from the fuzzer's strings.
func fuzzResults(id, name, track, why string, n int) []engine.Result {
	have := float64(n%1000000) / 100 // cents: exact in JSON
	tier := track
	gap := engine.Gap{Tier: tier, Kind: "credential", Key: why, Have: have, Need: have + 2, Short: 2, Label: name, Unit: "people", Noun: why, Source: id}
	var rs []engine.Result
	for i, st := range []string{engine.StatusQualified, engine.StatusGrace, engine.StatusIncomplete, engine.StatusIneligible} {
		r := engine.Result{Partner: id, Name: name, Program: "vpn-2009", Edition: "2010-07", Track: track,
			Status: st, Missing: []engine.Gap{}, Unknown: []string{}, Notes: []string{}}
		switch st {
		case engine.StatusQualified:
			r.Tier, r.QualifiedTier, r.NextTier = &tier, &tier, &name
			r.Missing = []engine.Gap{gap, {Tier: tier, Kind: "any", Key: "a|b", Need: 1, Short: 1, Label: why, Options: []engine.Gap{gap}}}
		case engine.StatusGrace:
			until := "2026-01-31"
			r.Tier, r.QualifiedTier, r.GraceUntil = &name, &tier, &until
		case engine.StatusIncomplete:
			r.Unknown = []string{why, track}
			r.NextTier = &tier
		case engine.StatusIneligible:
			r.Notes = []string{why}
		}
		r.Partner = id + strings.Repeat("+", i) // distinct rows
		rs = append(rs, r)
	}
	return rs
}

// fuzzGate fails every other result, giving the fuzzer's reason.
func fuzzGate(why string) func(engine.Result) (bool, string) {
	return func(r engine.Result) (bool, string) {
		return strings.Count(r.Partner, "+")%2 == 0, why
	}
}

func renderFuzz(t *testing.T, f Format, rs []engine.Result, o Options) []byte {
	t.Helper()
	var buf bytes.Buffer
	p, err := New(f, &buf, o)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rs {
		if err := p.Print(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// plain reports whether s is text every format carries unchanged: valid
// UTF-8, printable, not starting like a spreadsheet formula.
func plain(s string) bool {
	if !utf8.ValidString(s) || s != strings.TrimSpace(s) || strings.ContainsAny(s[:min(1, len(s))], "=+-@") {
		return false
	}
	for _, c := range s {
		if !unicode.IsPrint(c) {
			return false
		}
	}
	return true
}

func FuzzCSVOutput(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, id, name, track, why string, n int) {
		rs := fuzzResults(id, name, track, why, n)
		out := renderFuzz(t, CSV, rs, Options{})
		cr := csv.NewReader(bytes.NewReader(out))
		cr.FieldsPerRecord = len(csvHeader)
		rows, err := cr.ReadAll()
		if err != nil {
			t.Fatalf("%v\n%s", err, out)
		}
		if len(rows) != 1+len(rs) {
			t.Fatalf("%d rows for %d results\n%s", len(rows), len(rs), out)
		}
		for i, r := range rs {
			row := rows[i+1]
			for j, v := range []string{r.Partner, r.Name, r.Program, r.Edition, r.Track} {
				if plain(v) && row[j] != v {
					t.Errorf("row %d column %s: %q, want %q", i+1, csvHeader[j], row[j], v)
				}
			}
			if row[7] != r.Status {
				t.Errorf("status %q, want %q", row[7], r.Status)
			}
		}
	})
}

// JSON and NDJSON are machine formats: the data come back exactly.
func FuzzJSONOutput(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, id, name, track, why string, n int) {
		if !utf8.ValidString(id) || !utf8.ValidString(name) || !utf8.ValidString(track) || !utf8.ValidString(why) {
			t.Skip("invalid UTF-8 cannot come back from JSON")
		}
		rs := fuzzResults(id, name, track, why, n)
		for i := range rs {
			for j := range rs[i].Missing {
				clearGapExtras(&rs[i].Missing[j])
				for k := range rs[i].Missing[j].Options {
					clearGapExtras(&rs[i].Missing[j].Options[k])
				}
			}
		}
		var got []engine.Result
		out := renderFuzz(t, JSON, rs, Options{})
		if err := json.Unmarshal(out, &got); err != nil {
			t.Fatalf("json: %v\n%s", err, out)
		}
		if !reflect.DeepEqual(got, rs) {
			t.Fatalf("json round trip:\n got %+v\nwant %+v", got, rs)
		}
		out = renderFuzz(t, NDJSON, rs, Options{})
		dec := json.NewDecoder(bytes.NewReader(out))
		lines := bytes.Split(bytes.TrimSuffix(out, []byte("\n")), []byte("\n"))
		if len(lines) != len(rs) {
			t.Fatalf("ndjson: %d lines for %d results", len(lines), len(rs))
		}
		for i := range rs {
			var r engine.Result
			if err := dec.Decode(&r); err != nil {
				t.Fatalf("ndjson: %v", err)
			}
			if !reflect.DeepEqual(r, rs[i]) {
				t.Fatalf("ndjson round trip:\n got %+v\nwant %+v", r, rs[i])
			}
		}
	})
}

// A table never writes a control character but its line ends, and shows
// every plain id.
func FuzzTableOutput(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, id, name, track, why string, n int) {
		rs := fuzzResults(id, name, track, why, n)
		out := string(renderFuzz(t, Table, rs, Options{Width: -1}))
		for _, c := range out {
			if c != '\n' && (c < 0x20 || c == 0x7f || c >= 0x80 && c < 0xa0 || unicode.Is(unicode.Bidi_Control, c)) {
				t.Fatalf("control character %U in\n%s", c, out)
			}
		}
		for _, r := range rs {
			if plain(r.Partner) && !strings.ContainsAny(r.Partner, " \\") && !strings.Contains(out, r.Partner) {
				t.Errorf("partner %q not shown\n%s", r.Partner, out)
			}
		}
	})
}

// Every Markdown table row has its header's cell count, and there is one
// row per result.
func FuzzMarkdownOutput(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, id, name, track, why string, n int) {
		rs := fuzzResults(id, name, track, why, n)
		out := string(renderFuzz(t, Markdown, rs, Options{}))
		cells, rows := 0, 0
		for _, line := range strings.Split(out, "\n") {
			if !strings.HasPrefix(line, "|") {
				cells = 0 // between tables
				continue
			}
			k := markdownCells(line)
			switch {
			case cells == 0:
				cells = k
			case k != cells:
				t.Fatalf("row of %d cells under a header of %d: %q\n%s", k, cells, line, out)
			case !strings.HasPrefix(line, "|---"):
				rows++
			}
		}
		if rows != len(rs) {
			t.Fatalf("%d rows for %d results\n%s", rows, len(rs), out)
		}
	})
}

// markdownCells counts a GFM table row's cells: pipes not escaped by a
// backslash, less the closing one.
func markdownCells(line string) int {
	n := 0
	for i := 0; i < len(line); i++ {
		switch line[i] {
		case '\\':
			i++
		case '|':
			n++
		}
	}
	return n - 1
}

type junitDoc struct {
	Suites []struct {
		Cases []struct {
			Name    string `xml:"name,attr"`
			Class   string `xml:"classname,attr"`
			Failure *struct {
				Message string `xml:"message,attr"`
				Text    string `xml:",chardata"`
			} `xml:"failure"`
		} `xml:"testcase"`
	} `xml:"testsuite"`
}

// JUnit parses as XML with one case per result, its names and failure
// text exactly as the printer meant them.
func FuzzJUnitOutput(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, id, name, track, why string, n int) {
		rs := fuzzResults(id, name, track, why, n)
		gate := fuzzGate(why)
		out := renderFuzz(t, JUnit, rs, Options{Gate: gate})
		var doc junitDoc
		if err := xml.Unmarshal(out, &doc); err != nil {
			t.Fatalf("xml: %v\n%s", err, out)
		}
		if len(doc.Suites) != 1 || len(doc.Suites[0].Cases) != len(rs) {
			t.Fatalf("cases for %d results\n%s", len(rs), out)
		}
		for i, c := range doc.Suites[0].Cases {
			r := &rs[i]
			if c.Name != subject(r)+" "+suite(r) || c.Class != suite(r) {
				t.Errorf("case %q %q, want %q %q", c.Name, c.Class, subject(r)+" "+suite(r), suite(r))
			}
			failed, w := gate(*r)
			if w == "" {
				w = "failed the gate"
			}
			switch {
			case failed != (c.Failure != nil):
				t.Errorf("case %d: failure %v, want %v", i, c.Failure != nil, failed)
			case failed && (c.Failure.Message != sanitize(w) || c.Failure.Text != sanitize(describe(r))):
				t.Errorf("failure %q %q, want %q %q", c.Failure.Message, c.Failure.Text, sanitize(w), sanitize(describe(r)))
			}
		}
	})
}

// GitHub workflow commands: one "::error prop=value,...::message" line per
// failed result; unescaping the properties (%25 %0D %0A %3A %2C) and the
// message (%25 %0D %0A) gives back what the printer meant.
func FuzzGitHubOutput(f *testing.F) {
	addSeeds(f)
	unprop := strings.NewReplacer("%0D", "\r", "%0A", "\n", "%3A", ":", "%2C", ",", "%25", "%")
	undata := strings.NewReplacer("%0D", "\r", "%0A", "\n", "%25", "%")
	f.Fuzz(func(t *testing.T, id, name, track, why string, n int) {
		rs := fuzzResults(id, name, track, why, n)
		gate := fuzzGate(why)
		out := string(renderFuzz(t, GitHub, rs, Options{Gate: gate}))
		lines := errorLines(out)
		var failed []*engine.Result
		for i := range rs {
			if f, _ := gate(rs[i]); f {
				failed = append(failed, &rs[i])
			}
		}
		if len(lines) != len(failed) {
			t.Fatalf("%d lines for %d failures\n%s", len(lines), len(failed), out)
		}
		for i, line := range lines {
			r := failed[i]
			rest, ok := strings.CutPrefix(line, "::error ")
			props, msg, ok2 := strings.Cut(rest, "::")
			if !ok || !ok2 || strings.ContainsAny(props, "\r\n") || strings.ContainsAny(msg, "\r\n") {
				t.Fatalf("not a workflow command: %q", line)
			}
			got := map[string]string{}
			for _, p := range strings.Split(props, ",") {
				k, v, ok := strings.Cut(p, "=")
				if !ok || strings.Contains(v, ":") {
					t.Fatalf("property %q in %q", p, line)
				}
				got[k] = unprop.Replace(v)
			}
			if want := subject(r) + " — " + suite(r); got["title"] != want {
				t.Errorf("title %q, want %q", got["title"], want)
			}
			_, w := gate(*r)
			if w == "" {
				w = "failed the gate"
			}
			if want := sanitize(w) + ": " + describe(r); undata.Replace(msg) != want {
				t.Errorf("message %q, want %q", undata.Replace(msg), want)
			}
		}
	})
}

// errorLines are the lines of -o github output but its notices (the
// incomplete results that pass).
func errorLines(out string) []string {
	var lines []string
	for _, l := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		if !strings.HasPrefix(l, "::notice ") && l != "" {
			lines = append(lines, l)
		}
	}
	return lines
}
