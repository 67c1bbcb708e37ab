package partner

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf16"
)

// wantErr is one expected rejection: position and a piece of the message.
type wantErr struct {
	line, col int // col 0: not checked
	msg       string
	id        string
}

// badCase is an input with the records it should still give, the
// rejections in order, and the fatal error ("" for none).
type badCase struct {
	name  string
	in    string
	ids   string
	errs  []wantErr
	fatal string
}

func runBadCases(t *testing.T, f Format, cases []badCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			recs, rej, fatal := readAll(t, f, c.in, ReadOptions{})
			if got := ids(recs); got != c.ids {
				t.Errorf("records %q, want %q", got, c.ids)
			}
			switch {
			case c.fatal == "" && fatal != nil:
				t.Errorf("fatal %v", fatal)
			case c.fatal != "" && (fatal == nil || !strings.Contains(fatal.Error(), c.fatal)):
				t.Errorf("fatal %v, want %q", fatal, c.fatal)
			}
			if len(rej) != len(c.errs) {
				t.Fatalf("rejected %v, want %d", rej, len(c.errs))
			}
			for i, w := range c.errs {
				e := rej[i]
				if e.File != "in" || e.Line != w.line || (w.col != 0 && e.Column != w.col) || !strings.Contains(e.Error(), w.msg) || e.ID != w.id {
					t.Errorf("error %d: %q (%d:%d, id %q), want %d:%d %q id %q", i, e.Error(), e.Line, e.Column, e.ID, w.line, w.col, w.msg, w.id)
				}
			}
		})
	}
}

func TestJSONResync(t *testing.T) {
	deep := strings.Repeat("[", 100_000)
	cases := []badCase{
		{name: "missing comma inside an element", in: `[{"id":"G1"},{"id":"B" "VTSP":1},{"id":"G2"}]`, ids: "G1,G2",
			errs: []wantErr{{1, 24, `malformed JSON: invalid character '"' after object key:value pair`, ""}}},
		{name: "leading zero, one element a line", in: "[\n{\"id\":\"G1\"},\n{\"id\":\"B\",\"VTSP\":01},\n{\"id\":\"G2\"}\n]\n", ids: "G1,G2",
			errs: []wantErr{{3, 19, "malformed JSON: invalid character '1'", ""}}},
		{name: "trailing comma in an object", in: "[\n{\"id\":\"G1\"},\n{\"id\":\"B\",}, \n{\"id\":\"G2\"}\n]", ids: "G1,G2",
			errs: []wantErr{{3, 11, "malformed JSON: invalid character '}'", ""}}},
		{name: "bare NaN element", in: `[{"id":"G1"},NaN,{"id":"G2"}]`, ids: "G1,G2",
			errs: []wantErr{{1, 14, "malformed JSON: invalid character 'N'", ""}}},
		{name: "NaN value", in: "[{\"id\":\"G1\"},\n {\"id\":\"B\",\"VTSP\":NaN},\n {\"id\":\"G2\"}]", ids: "G1,G2",
			errs: []wantErr{{2, 19, "malformed JSON: invalid character 'N'", ""}}},
		{name: "single quotes", in: `[{"id":"G1"},{'id':'B'},{"id":"G2"}]`, ids: "G1,G2",
			errs: []wantErr{{1, 15, "malformed JSON: invalid character '\\''", ""}}},
		{name: "100k brackets, balanced", in: `[{"id":"G1"},{"id":"B","x":` + deep + strings.Repeat("]", 100_000) + `},{"id":"G2"}]`, ids: "G1,G2",
			errs: []wantErr{{1, 10027, "exceeded max depth", ""}}},
		{name: "100k brackets, never closed", in: "[{\"id\":\"G1\"},\n{\"id\":\"B\",\"x\":" + deep + "},\n{\"id\":\"G2\"}]", ids: "G1,G2",
			errs: []wantErr{{2, 10014, "exceeded max depth", ""}}},
		{name: "mismatched bracket", in: "[\n{\"id\":\"G1\"},\n{\"id\":\"B\",\"VTSP\":[1},\n{\"id\":\"G2\"}\n]", ids: "G1,G2",
			errs: []wantErr{{3, 20, "malformed JSON: invalid character '}'", ""}}},
		{name: "missing comma between elements", in: "[{\"id\":\"G1\"}\n {\"id\":\"B\"}\n {\"id\":\"G2\"}\n,{\"id\":\"G3\"}]", ids: "G1,G3",
			errs: []wantErr{{2, 2, "malformed JSON: missing ','", ""}, {3, 2, "missing ','", ""}}},
		{name: "stray quotes", in: "[{\"id\":\"A\",\"name\":\"b\"c\"},\n{\"id\":\"B\"},\n{\"id\":\"C\",\"n\"ame\":\"x\"}\n,{\"id\":\"D\"}]", ids: "B,D",
			errs: []wantErr{{1, 22, "invalid character 'c' after object key:value pair", ""}, {3, 14, "invalid character 'a' after object key", ""}}},
		{name: "garbage between elements", in: `[{"id":"G1"} xx "{", {"id":"G2"}]`, ids: "G1,G2",
			errs: []wantErr{{1, 14, "malformed JSON: invalid character 'x' after array element", ""}}},
		{name: "garbage at the end", in: `[{"id":"G1"},{"id":"G2"} xx]`, ids: "G1,G2",
			errs: []wantErr{{1, 26, "invalid character 'x' after array element", ""}}},
		{name: "double comma", in: `[{"id":"G1"},,{"id":"G2"}]`, ids: "G1,G2",
			errs: []wantErr{{1, 14, "invalid character ','", ""}}},
		{name: "trailing comma", in: `[{"id":"G1"},{"id":"G2"},]`, ids: "G1,G2",
			errs: []wantErr{{1, 26, "invalid character ']' after ','", ""}}},
		{name: "stray closer", in: `[{"id":"G1"},{"id":"B"}},{"id":"G2"}]`, ids: "G1,B,G2",
			errs: []wantErr{{1, 24, "invalid character '}' after array element", ""}}},
		{name: "leading colon", in: `[{"id":"G1"},:{"id":"G2"}]`, ids: "G1,G2",
			errs: []wantErr{{1, 14, "invalid character ':' looking for beginning of value", ""}}},
		{name: "unclosed object swallows the next", in: "[\n{\"id\":\"G1\"},\n{\"id\":\"B\",\"x\":{\"a\":1},\n{\"id\":\"G3\"}\n]\n", ids: "G1",
			errs: []wantErr{{4, 1, "malformed JSON: invalid character '{' looking for beginning of object key string", ""}}},
		{name: "unclosed last element", in: "[\n{\"id\":\"G1\"},\n{\"id\":\"B\",\"x\":\"a\"\n]\n", ids: "G1",
			errs: []wantErr{{3, 1, "malformed JSON: unexpected end of the record", ""}}},
		{name: "wrong-typed elements", in: `[{"id":"G1"},"x",5,null,[1],true,{"id":"G2"}]`, ids: "G1,G2",
			errs: []wantErr{{1, 14, "got a string", ""}, {1, 18, "got a number", ""}, {1, 20, "got null", ""}, {1, 25, "got a list", ""}, {1, 29, "got a boolean", ""}}},
		{name: "brackets and quotes in strings", in: `[{"id":"G1","name":"a]}{[\"\\"},{"id":"G2","name":"}"}]`, ids: "G1,G2"},
		{name: "stream with commas", in: "{\"id\":\"G1\"},\n{\"id\":\"G2\"}", ids: "G1,G2",
			errs: []wantErr{{1, 12, "invalid character ',' after top-level value", ""}}},
		{name: "stream with a broken object", in: "{\"id\":\"G1\"}\n{\"id\":\"B\" 1}\n{\"id\":\"G2\"}\n", ids: "G1,G2",
			errs: []wantErr{{2, 11, "malformed JSON", ""}}},
		{name: "single object", in: ` {"id":"G1"} `, ids: "G1"},
		{name: "truncated element", in: "[{\"id\":\"G1\"},\n {\"id\":\"G2\"", ids: "G1", fatal: "in:2:12: malformed JSON: unexpected end of input"},
		{name: "truncated after comma", in: "[{\"id\":\"G1\"},\n", ids: "G1", fatal: "in:2:1: malformed JSON: unexpected end of input"},
		{name: "truncated in garbage", in: `[{"id":"G1"} x`, ids: "G1", fatal: "in:1:15: malformed JSON: unexpected end of input",
			errs: []wantErr{{1, 14, "invalid character 'x'", ""}}},
		{name: "data after the array", in: "[{\"id\":\"G1\"}]\n[]", ids: "G1", fatal: "in:2:1: data after the JSON array"},
	}
	runBadCases(t, FormatJSON, cases)
}

func TestJSONLongElement(t *testing.T) {
	in := "[{\"id\":\"G1\"},\n{\"id\":\"B\",\"name\":\"" + strings.Repeat("x", maxElem) + "\"},\n{\"id\":\"G2\"}]"
	runBadCases(t, FormatJSON, []badCase{{name: "long", in: in, ids: "G1,G2", errs: []wantErr{{2, 1, "element longer than 16 MiB", ""}}}})
}

// Reads in small pieces: elements and brackets split across reads.
func TestJSONSmallReads(t *testing.T) {
	in := "\uFEFF[\n" + strings.Repeat(`{"id":"P`, 1) + `1","name":"a\"]}"},` + "\n" + `{"id":"B",},` + "\n" + `{"id":"P2"}]`
	r, err := NewReader(&oneByteReader{strings.NewReader(in)}, "in", FormatJSON, testSchema(), ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for {
		rec, err := r.Next()
		if err != nil && err.Error() == "EOF" {
			break
		}
		if err != nil {
			got = append(got, err.Error())
			continue
		}
		got = append(got, rec.ID)
	}
	want := `P1|in:3:11: malformed JSON: invalid character '}' looking for beginning of object key string|P2`
	if g := strings.Join(got, "|"); g != want {
		t.Errorf("got %s\nwant %s", g, want)
	}
}

type oneByteReader struct{ r *strings.Reader }

func (o *oneByteReader) Read(p []byte) (int, error) {
	if len(p) > 1 {
		p = p[:1]
	}
	return o.r.Read(p)
}

// Record errors in minified JSON and NDJSON name the column.
func TestJSONColumns(t *testing.T) {
	line := `{"id":"A","VTSP":1},{"id":"B","name":"Acme","country":"FR","VTSP":-2},{"name":"x"},{"id":"C","competencies":["business-continuity","nope"]}`
	want := map[Format][]string{
		FormatJSON: {
			`in:1:68: record B: field VTSP: negative value "-2"`,
			`in:1:72: field id: missing id`,
			`in:1:133: record C: field competencies: unknown competency "nope"`,
		},
		FormatNDJSON: {
			`in:2:47: record B: field VTSP: negative value "-2"`,
			`in:3:1: field id: missing id`,
			`in:4:49: record C: field competencies: unknown competency "nope"`,
		},
	}
	for _, f := range []Format{FormatJSON, FormatNDJSON} {
		in := "[" + line + "]"
		if f == FormatNDJSON {
			in = strings.ReplaceAll(line, "},{", "}\n{")
		}
		_, rej, fatal := readAll(t, f, in, ReadOptions{})
		if fatal != nil || len(rej) != len(want[f]) {
			t.Fatalf("%v: %v %v", f, rej, fatal)
		}
		for i, e := range rej {
			if e.Error() != want[f][i] {
				t.Errorf("%v: got %q, want %q", f, e.Error(), want[f][i])
			}
		}
	}
	// NDJSON: columns count the BOM and leading blanks.
	_, rej, _ := readAll(t, FormatNDJSON, "\uFEFF  {\"id\":\"B\",\"VTSP\":\"x\"}\n", ReadOptions{})
	if len(rej) != 1 || rej[0].Column != 23 {
		t.Errorf("ndjson: %v", rej)
	}
}

func TestYAMLInvalidUTF8(t *testing.T) {
	utf16le := func(s string) string {
		var b bytes.Buffer
		b.WriteString("\xff\xfe")
		for _, u := range utf16.Encode([]rune(s)) {
			b.WriteByte(byte(u))
			b.WriteByte(byte(u >> 8))
		}
		return b.String()
	}
	cases := []badCase{
		{name: "in a value", in: "- {id: G1}\n- id: B\n  name: \"x\xff\"\n- {id: G2}\n", ids: "G1,G2",
			errs: []wantErr{{3, 11, "in:3:11: record B: invalid UTF-8", "B"}}},
		{name: "in the id", in: "- {id: G1}\n- id: B\xff\n  VTSP: 1\n- {id: G2}\n", ids: "G1,G2",
			errs: []wantErr{{2, 8, "invalid UTF-8", ""}}},
		{name: "in a key", in: "- {id: G1}\n- id: B\n  n\xe9me: x\n- {id: G2}\n", ids: "G1,G2",
			errs: []wantErr{{3, 4, "invalid UTF-8", "B"}}},
		{name: "in the last element", in: "- {id: G1}\n- {id: G2}\n- id: B\n  name: |\n    a\n    b\xc0\n", ids: "G1,G2",
			errs: []wantErr{{6, 6, "invalid UTF-8", "B"}}},
		{name: "in a comment before", in: "# caf\xe9\n- {id: G1}\n- {id: G2}\n", ids: "G1,G2",
			errs: []wantErr{{1, 6, "in:1:6: invalid UTF-8", ""}}},
		{name: "in a comment after", in: "- {id: G1}\n- {id: G2}\n\n# caf\xe9\n", ids: "G1,G2",
			errs: []wantErr{{4, 6, "invalid UTF-8", ""}}},
		{name: "control character", in: "- {id: G1}\n- {id: B, name: \"a\x01\"}\n- {id: G2}\n", ids: "G1,G2",
			errs: []wantErr{{2, 19, "control character U+0001", "B"}}},
		{name: "C1 control character", in: "- {id: G1}\n- {id: B, name: \"a\u0090\"}\n- {id: G2}\n", ids: "G1,G2",
			errs: []wantErr{{2, 19, "control character U+0090", "B"}}},
		{name: "CR line ends", in: "- {id: G1}\r- {id: B, name: \"\xff\"}\r- {id: G2}\r", ids: "G1,G2",
			errs: []wantErr{{2, 18, "invalid UTF-8", "B"}}},
		{name: "two bad lines in one element", in: "- {id: G1}\n- id: B\n  name: \xff\n  country: \xff\n- {id: G2}\n- {id: G3, name: \xfe}\n", ids: "G1,G2",
			errs: []wantErr{{3, 9, "invalid UTF-8", "B"}, {6, 18, "invalid UTF-8", "G3"}}},
		{name: "alias to a bad value", in: "- {id: G1, name: &n \"\xff\"}\n- {id: B, name: *n}\n- {id: G2}\n", ids: "G2",
			errs: []wantErr{{1, 22, "invalid UTF-8", "G1"}, {2, 3, "in:2:3: record B: invalid UTF-8 or control character in a value", "B"}}},
		{name: "in a multi-line value", in: "- id: B\n  name: \"x\n    y\xff\"\n- {id: G2}\n", ids: "G2",
			errs: []wantErr{{3, 6, "in:3:6: record B: invalid UTF-8", "B"}}},
		{name: "in a multi-line value of the last element", in: "- {id: G1}\n- id: B\n  name: \"x\n    y\xff\"\n", ids: "G1",
			errs: []wantErr{{2, 3, "record B: invalid UTF-8 or control character in a value", "B"}, {4, 6, "in:4:6: invalid UTF-8", ""}}},
		{name: "in the next document", in: "- {id: G1}\n---\n- {id: B, name: \"\xff\"}\n- {id: G2}\n", ids: "G1,G2",
			errs: []wantErr{{3, 18, "invalid UTF-8", "B"}}},
		{name: "UTF-16 still read", in: utf16le("- {id: G1, name: caf\u00e9}\n- {id: G2}\n"), ids: "G1,G2"},
	}
	runBadCases(t, FormatYAML, cases)

	var b strings.Builder
	for range maxBadSpots + 1 {
		b.WriteString("# \xff\n")
	}
	b.WriteString("- {id: G1}\n")
	runBadCases(t, FormatYAML, []badCase{{name: "too many", in: b.String(), fatal: "in: invalid UTF-8 or control characters on more than"}})
}

// An unclosed quote is a rejection naming the lines it swallowed, and each
// swallowed line is a rejection of its own: the count adds up to the rows.
func TestCSVUnclosedQuote(t *testing.T) {
	const inside = "inside the quoted cell opened on line "
	cases := []badCase{
		{name: "opens mid-file", in: "id,name,VTSP\nG1,a,1\nB,\"open,1\nG2,b,2\n\nG3,c,3\n", ids: "G1",
			errs: []wantErr{{3, 0, "in:3: record B: malformed CSV: a quoted cell opened on this line is never closed: it swallowed lines 4-6, to the end of the input", "B"},
				{4, 0, inside + "3", "G2"}, {6, 0, inside + "3", "G3"}}},
		{name: "after a multi-line cell", in: "id,name,VTSP\nB,\"two\nlines\",\"open\nG2,b,2", ids: "",
			errs: []wantErr{{3, 0, "never closed: it swallowed line 4, to the end", "B"}, {4, 0, inside + "3", "G2"}}},
		{name: "in the id", in: "id,name\nG1,a\n\"B,b\nG2,c\n", ids: "G1",
			errs: []wantErr{{3, 0, "never closed", ""}, {4, 0, inside + "3", "G2"}}},
		{name: "on the last line", in: "id,name\nG1,a\nB,\"b\n", ids: "G1",
			errs: []wantErr{{3, 0, "a quoted cell opened on this line is never closed", "B"}}},
		{name: "two stray quotes", in: "id,name,country,VTSP\nR1,\"Acme,FR,1\nR2,Beta,FR,1\nR3,\"Gamma,FR,1\nR4,Delta,FR,1\n", ids: "R4",
			errs: []wantErr{{2, 0, "in:2: record R1: malformed CSV: extraneous or missing \" in quoted-field on line 4: the quoted cell opened on line 2 swallowed lines 3-4", "R1"},
				{3, 0, inside + "2, which goes wrong on line 4", "R2"}, {4, 0, inside + "2, which goes wrong on line 4", "R3"}}},
		{name: "junk after a closing quote", in: "id,name\nG1,a\nB,\"x\ny\"z\nG2,c\n", ids: "G1,G2",
			errs: []wantErr{{4, 2, `extraneous or missing " in quoted-field`, "B"}}},
	}
	runBadCases(t, FormatCSV, cases)
}

// A stray quote that folds rows into one cell is valid CSV: the record is
// kept, with a warning naming the lines shaped like rows.
func TestCSVStrayQuote(t *testing.T) {
	var warns []string
	opt := ReadOptions{Warn: func(e *RecordError) { warns = append(warns, e.Error()) }}
	recs, rej, fatal := readAll(t, FormatCSV, "id,name,country,VTSP\nR1,\"Acme,FR,1\nR2,Beta,FR,1\nR3,Gamma\",FR,1\nR4,Delta,FR,1\n", opt)
	if fatal != nil || len(rej) != 0 || ids(recs) != "R1,R4" {
		t.Fatalf("%v %v %v", ids(recs), rej, fatal)
	}
	want := "in:2: record R1: a quoted cell spans lines 2-4 and holds text shaped like rows on line(s) 3, 4: is a quote stray?"
	if len(warns) != 1 || warns[0] != want {
		t.Errorf("warnings %q, want %q", warns, want)
	}
	// a cell that legitimately spans lines says nothing
	warns = nil
	recs, _, _ = readAll(t, FormatCSV, "id,name,country,VTSP\nR1,\"Acme\nParis, 1st floor\",FR,1\nR2,\"x\ny\",FR,1\n", opt)
	if len(recs) != 2 || len(warns) != 0 {
		t.Errorf("%v %q", ids(recs), warns)
	}
}

func TestCSVUnknownColumns(t *testing.T) {
	many := "id"
	for i := range 12 {
		many += ",zz" + strings.Repeat("q", i)
	}
	cases := []struct {
		name, in, msg, field, hint string
		col                        int
	}{
		{"one", "id,VTPS\n", "in:1:4: column \"VTPS\": unknown column", "VTPS", "did you mean VTSP?", 4},
		{"two with hints", "id,name,VTPS,revenu_usd\n", `in:1:9: unknown columns "VTPS", "revenu_usd"`, "", `"VTPS": did you mean VTSP?; "revenu_usd": did you mean revenue_usd?`, 9},
		{"some hints", "id,VTPS,zzzzzz\n", `unknown columns "VTPS", "zzzzzz"`, "", `"VTPS": did you mean VTSP?`, 4},
		{"no hints", "id,zzzzzz,yyyyyy\n", `unknown columns "zzzzzz", "yyyyyy"`, "", "known columns are", 4},
		{"capped", many + "\n", `"zzqqqqqqqqq", and 2 more`, "", "known columns", 4},
	}
	for _, c := range cases {
		_, _, err := readAll(t, FormatCSV, c.in, ReadOptions{})
		he, ok := err.(*HeaderError)
		if !ok || !strings.Contains(he.Error(), c.msg) || he.Field != c.field || !strings.Contains(he.Hint, c.hint) || he.Column != c.col {
			t.Errorf("%s: got %#v", c.name, err)
		}
	}
}

// Names from the input are cut in messages, and no did-you-mean is
// searched for a huge one: one byte over the bound on names closest
// compares is enough to take that path.
func TestLongNamesCut(t *testing.T) {
	huge := strings.Repeat("v", 4*maxName+1)
	check := func(what string, err error) {
		t.Helper()
		if err == nil {
			t.Fatalf("%s: no error", what)
		}
		if msg := err.Error(); len(msg) > 200 || !strings.Contains(msg, "vvv") || !strings.Contains(msg, "...") {
			t.Errorf("%s: message of %d bytes: %.200q", what, len(msg), msg)
		}
	}
	_, _, err := readAll(t, FormatCSV, "id,"+huge+"\n", ReadOptions{})
	check("csv", err)
	_, _, err = readAll(t, FormatCSV, "id,"+huge+",x"+huge+"\n", ReadOptions{})
	check("csv, two", err)
	_, rej, _ := readAll(t, FormatJSON, `[{"id":"B","`+huge+`":1}]`, ReadOptions{})
	if len(rej) != 1 {
		t.Fatalf("json: %v", len(rej))
	}
	check("json", rej[0])
	_, rej, _ = readAll(t, FormatYAML, "- id: B\n  ? "+huge+"\n  : 1\n", ReadOptions{})
	if len(rej) != 1 {
		t.Fatalf("yaml: %v", len(rej))
	}
	check("yaml", rej[0])
	var warns []*RecordError
	_, _, _ = readAll(t, FormatNDJSON, `{"id":"A","`+huge+`":1}`+"\n"+`{"id":"B","`+huge+`":1}`, ReadOptions{Lenient: true, Warn: func(e *RecordError) { warns = append(warns, e) }})
	if len(warns) != 1 {
		t.Fatalf("lenient: %d warnings", len(warns))
	}
	check("lenient", warns[0])
}

// A CSV row has the cap of a JSON element, and a row of many fields costs
// time linear in its length (encoding/csv took seconds on ten million).
func TestCSVLongRows(t *testing.T) {
	huge := strings.Repeat("x", maxRow)
	runBadCases(t, FormatCSV, []badCase{
		{name: "a long cell", in: "id,name\nG1,a\nB," + huge + "\nG2,b\n", ids: "G1,G2",
			errs: []wantErr{{3, 0, "in:3: row longer than 16 MiB (line 3)", ""}}},
		{name: "an unclosed quote", in: "id,name\nG1,a\nB,\"" + huge + "\nG2,b\n", ids: "G1",
			errs: []wantErr{{3, 0, "never closed: it swallowed line 4", ""}}},
		{name: "a long quoted cell that closes", in: "id,name\nG1,a\nB,\"x\n" + huge + "\"\nG2,b\n", ids: "G1,G2",
			errs: []wantErr{{3, 0, "row longer than 16 MiB (lines 3-4)", ""}}},
		{name: "ten million commas", in: "id,name\nG1,a\n" + strings.Repeat(",", 10_000_000) + "\nG2,b\n", ids: "G1,G2",
			errs: []wantErr{{3, 0, "row has 10000001 fields, the header has 2", ""}}},
	})
}
