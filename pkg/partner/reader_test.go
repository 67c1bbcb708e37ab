package partner

import (
	"github.com/tiercalc/tiercalc/pkg/internal/suggest"
	"github.com/tiercalc/tiercalc/pkg/region"

	"errors"
	"io"
	"math"
	"slices"
	"strings"
	"testing"
)

func testSchema() *Schema {
	return NewSchema(Vocabulary{
		Competencies: []string{"infrastructure-virtualization", "business-continuity", "desktop-virtualization"},
		Metrics:      []string{"widgets", "services_usd", "seats"},
		Money:        []string{"services_usd"},
		Credentials:  []string{"VXP"},
	})
}

// readAll drains a reader: the records, the record errors in order, and the
// fatal error (from NewReader or Next) if any.
func readAll(t testing.TB, f Format, in string, opt ReadOptions) (recs []*Record, rejected []*RecordError, fatal error) {
	t.Helper()
	r, err := NewReader(strings.NewReader(in), "in", f, testSchema(), opt)
	if err != nil {
		return nil, nil, err
	}
	for i := 0; ; i++ {
		if i > len(in)+10 {
			t.Fatalf("reader makes no progress")
		}
		rec, err := r.Next()
		if err == io.EOF {
			return recs, rejected, nil
		}
		var re *RecordError
		if errors.As(err, &re) {
			if rec != nil {
				t.Fatalf("record and error both returned")
			}
			rejected = append(rejected, re)
			continue
		}
		if err != nil {
			// fatal errors repeat
			if _, err2 := r.Next(); err2 == nil || err2.Error() != err.Error() {
				t.Fatalf("fatal error %v not sticky: %v", err, err2)
			}
			return recs, rejected, err
		}
		recs = append(recs, rec)
	}
}

func ids(recs []*Record) string {
	var out []string
	for _, r := range recs {
		out = append(out, r.ID)
	}
	return strings.Join(out, ",")
}

func num(t *testing.T, r *Record, name string) float64 {
	t.Helper()
	i, ok := testSchema().Slot(name)
	if !ok {
		t.Fatalf("no slot %s", name)
	}
	return r.Nums[i]
}

func TestParseFormat(t *testing.T) {
	for in, want := range map[string]Format{"csv": FormatCSV, "JSON": FormatJSON, "ndjson": FormatNDJSON, "jsonl": FormatNDJSON, "yaml": FormatYAML, " yml ": FormatYAML} {
		if got, err := ParseFormat(in); err != nil || got != want {
			t.Errorf("ParseFormat(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	if _, err := ParseFormat("xml"); err == nil || !strings.Contains(err.Error(), `"xml"`) {
		t.Errorf("ParseFormat(xml) error = %v", err)
	}
	for in, want := range map[string]Format{"a.csv": FormatCSV, "dir.x/B.JSON": FormatJSON, "a.ndjson": FormatNDJSON, "a.jsonl": FormatNDJSON, "a.yaml": FormatYAML, "a.yml": FormatYAML, "a.csv.gz": FormatCSV, "A.TSV.ZST": FormatCSV, "a.txt": FormatCSV} {
		if got, ok := FormatForPath(in); !ok || got != want {
			t.Errorf("FormatForPath(%q) = %v, %v", in, got, ok)
		}
	}
	for _, in := range []string{"a.doc", "csv", "-", "a.gz"} {
		if _, ok := FormatForPath(in); ok {
			t.Errorf("FormatForPath(%q) ok", in)
		}
	}
	for _, f := range []Format{FormatCSV, FormatJSON, FormatNDJSON, FormatYAML} {
		if g, _ := ParseFormat(f.String()); g != f {
			t.Errorf("round trip %v", f)
		}
	}
}

func TestErrorStrings(t *testing.T) {
	cases := []struct {
		err  error
		want string
	}{
		{&RecordError{File: "a.csv", Line: 3, Column: 7, Field: "VTSP", ID: "P1", Msg: "negative value"}, "a.csv:3:7: record P1: field VTSP: negative value"},
		{&RecordError{File: "a.csv", Line: 3, Msg: "row has 2 fields"}, "a.csv:3: row has 2 fields"},
		{&RecordError{Msg: "bad"}, "bad"},
		{&RecordError{Line: 2, Msg: "bad"}, "2: bad"},
		{&HeaderError{File: "a.csv", Line: 1, Column: 4, Field: "vtps", Msg: "unknown column"}, `a.csv:1:4: column "vtps": unknown column`},
	}
	for _, c := range cases {
		if got := c.err.Error(); got != c.want {
			t.Errorf("got %q, want %q", got, c.want)
		}
	}
}

func TestCSVGood(t *testing.T) {
	in := "\uFEFF Id , NAME,country,Profiles,competencies,attestations,vtsp,VCP-DCV,revenue_usd,Current_Tier,widgets\r\n" +
		"P1, Acme ,fr, reseller ; msp ;,infrastructure-virtualization,program-fee-paid,2,0,10000.5, Enterprise ,3\r\n" +
		"P2,,,,,,,,,,\r\n" +
		"\r\n" +
		"P3,\"Big, Co\",US,;,;,;, 4 ,,1e3,,\r\n" +
		",,,,,,,,,,\r\n"
	recs, rej, fatal := readAll(t, FormatCSV, in, ReadOptions{})
	if fatal != nil || len(rej) > 0 {
		t.Fatalf("fatal %v, rejected %v", fatal, rej)
	}
	if ids(recs) != "P1,P2,P3" {
		t.Fatalf("ids %s", ids(recs))
	}
	p1, p2, p3 := recs[0], recs[1], recs[2]
	if p1.Name != "Acme" || p1.Country != "FR" || p1.CurrentTier != "Enterprise" || p1.Line != 2 {
		t.Errorf("p1 %+v", p1)
	}
	if !slices.Equal(p1.Profiles, []string{"reseller", "msp"}) || !slices.Equal(p1.Competencies, []string{"infrastructure-virtualization"}) || !slices.Equal(p1.Attestations, []string{"program-fee-paid"}) {
		t.Errorf("p1 lists %q %q %q", p1.Profiles, p1.Competencies, p1.Attestations)
	}
	if num(t, p1, "VTSP") != 2 || num(t, p1, "VCP-DCV") != 0 || num(t, p1, "revenue_usd") != 10000.5 || num(t, p1, "widgets") != 3 || !IsUnknown(num(t, p1, "VSP")) {
		t.Errorf("p1 nums %v", p1.Nums)
	}
	// unknown vs zero
	if p2.Profiles != nil || p2.Competencies != nil || p2.Attestations != nil || p2.Country != "" || !IsUnknown(num(t, p2, "VTSP")) || !IsUnknown(num(t, p2, "revenue_usd")) {
		t.Errorf("p2 not all unknown: %+v", p2)
	}
	if p3.Line != 5 || p3.Name != "Big, Co" || p3.Profiles == nil || len(p3.Profiles) != 0 || p3.Competencies == nil || num(t, p3, "VTSP") != 4 || num(t, p3, "revenue_usd") != 1000 {
		t.Errorf("p3 %+v", p3)
	}
}

func TestCSVEmpty(t *testing.T) {
	for _, in := range []string{"", "\uFEFF", "\n\n", "id,name\n", "id,name\r\n\r\n", "  \n id \n"} {
		recs, rej, fatal := readAll(t, FormatCSV, in, ReadOptions{})
		if fatal != nil || len(rej) > 0 || len(recs) > 0 {
			t.Errorf("%q: %v %v %v", in, recs, rej, fatal)
		}
	}
}

func TestCSVHeaderErrors(t *testing.T) {
	cases := []struct {
		in, want, field, hint string
		col                   int
	}{
		{"id,name,vtps\nP1,a,1\n", "unknown column", "vtps", "did you mean VTSP?", 9},
		{"id,name,revenu_usd\n", "unknown column", "revenu_usd", "did you mean revenue_usd?", 9},
		{"id,competences\n", "unknown column", "competences", "did you mean competencies?", 4},
		{"id,zzzqqq\n", "unknown column", "zzzqqq", "known columns", 4},
		{"id,VTSP,vtsp\n", "duplicate column (also column 2)", "vtsp", "", 9},
		{"name,VTSP\n", "no id column", "id", "add an id column", 0},
		{"P1,Acme,FR\n", "no known column names", "", "header row", 0},
		{"id,\"na\"me\n", "unreadable header", "", "quote", 7},
		{"id,n\xffame\n", "invalid UTF-8", "n\uFFFDame", "UTF-8", 4},
	}
	for _, c := range cases {
		_, _, err := readAll(t, FormatCSV, c.in, ReadOptions{ExportOptions: ExportOptions{Encoding: "UTF-8"}})
		var he *HeaderError
		if !errors.As(err, &he) {
			t.Errorf("%q: want HeaderError, got %v", c.in, err)
			continue
		}
		if !strings.Contains(he.Msg, c.want) || he.Field != c.field || !strings.Contains(he.Hint, c.hint) || he.Column != c.col || he.Line != 1 || he.File != "in" {
			t.Errorf("%q: got %+v", c.in, he)
		}
	}
}

func TestCSVLenient(t *testing.T) {
	var warns []*RecordError
	opt := ReadOptions{Lenient: true, Warn: func(e *RecordError) { warns = append(warns, e) }}
	recs, rej, fatal := readAll(t, FormatCSV, "id,vtps,notes\nP1,1,x\nP2,2,y\n", opt)
	if fatal != nil || len(rej) > 0 || ids(recs) != "P1,P2" {
		t.Fatalf("%v %v %v", recs, rej, fatal)
	}
	if len(warns) != 2 || warns[0].Field != "vtps" || warns[0].Hint != "did you mean VTSP?" || warns[0].Line != 1 || warns[0].Column != 4 || !strings.Contains(warns[0].Msg, "ignored") {
		t.Errorf("warnings %+v", warns)
	}
	// Lenient still needs an id column and some known column.
	if _, _, err := readAll(t, FormatCSV, "foo,bar\n1,2\n", opt); err == nil {
		t.Errorf("no error for a header of unknown columns")
	}
}

// recordCase is one bad record between two good ones (G1 before, G2 after).
type recordCase struct {
	name  string
	rec   string // the bad record in the format of the test
	line  int
	col   int // 0: not checked
	field string
	id    string
	msg   string
	hint  string
}

func checkRejected(t *testing.T, c recordCase, recs []*Record, rej []*RecordError, fatal error) {
	t.Helper()
	if fatal != nil {
		t.Errorf("%s: fatal %v", c.name, fatal)
		return
	}
	if ids(recs) != "G1,G2" {
		t.Errorf("%s: good records %q", c.name, ids(recs))
	}
	if len(rej) != 1 {
		t.Errorf("%s: rejected %v", c.name, rej)
		return
	}
	e := rej[0]
	if e.File != "in" || e.Line != c.line || (c.col != 0 && e.Column != c.col) || e.Field != c.field || e.ID != c.id || !strings.Contains(e.Msg, c.msg) || !strings.Contains(e.Hint, c.hint) {
		t.Errorf("%s: got %#v (%s)", c.name, e, e.Error())
	}
}

func TestCSVRecordErrors(t *testing.T) {
	const hdr = "id,name,country,profiles,competencies,attestations,VTSP,revenue_usd,tier_credits,cores\n"
	cases := []recordCase{
		{"non-numeric", "B,,,,,,two,,,", 3, 8, "VTSP", "B", `not a number: "two"`, ""},
		{"thousands", "B,,,,,,,\"10,000\",,", 3, 0, "revenue_usd", "B", "not a number", "thousands"},
		{"negative", "B,,,,,,-1,,,", 3, 0, "VTSP", "B", "negative", ""},
		{"fractional", "B,,,,,,1.5,,,", 3, 0, "VTSP", "B", "not a whole number", ""},
		{"fractional cores", "B,,,,,,,,,2.5", 3, 0, "cores", "B", "not a whole number", ""},
		{"nan", "B,,,,,,NaN,,,", 3, 0, "VTSP", "B", "not a finite number", ""},
		{"inf", "B,,,,,,,-Inf,,", 3, 0, "revenue_usd", "B", "not a finite number", ""},
		{"huge", "B,,,,,,,1e16,,", 3, 0, "revenue_usd", "B", "out of range", ""},
		{"overflow", "B,,,,,,,1e999,,", 3, 0, "revenue_usd", "B", "out of range", ""},
		{"huge plain integer", "B,,,,,,,99999999999999,,", 3, 0, "revenue_usd", "B", "out of range", ""},
		{"hex", "B,,,,,,0x10,,,", 3, 0, "VTSP", "B", "not a number", "decimal"},
		{"missing id", ",Acme,,,,,1,,,", 3, 0, "id", "", "missing id", ""},
		{"blank id", "  ,Acme,,,,,1,,,", 3, 0, "id", "", "missing id", ""},
		{"duplicate id", "G1,again,,,,,,,,", 3, 0, "id", "G1", "duplicate id \"G1\" (first on line 2)", ""},
		{"ragged short", "B,x", 3, 0, "", "B", "row has 2 fields, the header has 10", ""},
		{"ragged long", "B,,,,,,,,,,,", 3, 0, "", "B", "row has 12 fields", ""},
		{"bare quote", "B,Ac\"me,,,,,,,,", 3, 5, "", "B", "malformed CSV", "quote"},
		{"unknown profile", "B,,,resseler,,,,,,", 3, 0, "profiles", "B", `unknown profile "resseler"`, "did you mean reseller?"},
		{"unknown competency", "B,,,,infrastructure-virtualisation,,,,,", 3, 0, "competencies", "B", "unknown competency", "did you mean infrastructure-virtualization?"},
		{"unknown attestation", "B,,,,,fee-paid,,,,", 3, 0, "attestations", "B", "unknown attestation", "known attestations"},
		{"bad country", "B,,France,,,,,,,", 3, 0, "country", "B", `invalid country code "France"`, "ISO 3166-1"},
		{"uk", "B,,uk,,,,,,,", 3, 0, "country", "B", "invalid country", "did you mean GB?"},
		{"unassigned country", "B,,XX,,,,,,,", 3, 0, "country", "B", "invalid country", ""},
		{"utf8 name", "B,Ac\xffme,,,,,,,,", 3, 0, "name", "B", "invalid UTF-8", ""},
		{"utf8 number", "B,,,,,,\xff,,,", 3, 0, "VTSP", "B", "invalid UTF-8", ""},
		{"utf8 list", "B,,,reseller;\xff,,,,,,", 3, 0, "profiles", "B", "invalid UTF-8", ""},
		{"first error wins", "B,,ZZ,,,,-1,,,", 3, 0, "country", "B", "invalid country", ""},
		{"control chars in id", "B\x1b[2J,,,,,,x,,,", 3, 0, "VTSP", `"B\x1b[2J"`, "not a number", ""},
	}
	for _, c := range cases {
		in := hdr + "G1,Good,FR,,,,1,,,\n" + c.rec + "\nG2,Good,DE,,,,2,,,\n"
		// UTF-8 forced: bytes that are not UTF-8 are rejected where they are
		recs, rej, fatal := readAll(t, FormatCSV, in, ReadOptions{ExportOptions: ExportOptions{Encoding: "utf-8"}})
		checkRejected(t, c, recs, rej, fatal)
	}
}

func TestCSVQuoteErrors(t *testing.T) {
	// An unterminated quote swallows the rest of the input: the row and
	// each line swallowed are rejected, the ones before it kept.
	recs, rej, fatal := readAll(t, FormatCSV, "id,name\nG1,a\nB,\"open\nG2,b\n", ReadOptions{})
	if fatal != nil || ids(recs) != "G1" || len(rej) != 2 || rej[0].Line != 3 || rej[0].ID != "B" || !strings.Contains(rej[0].Msg, "malformed CSV") {
		t.Errorf("%v %v %v", ids(recs), rej, fatal)
	}
	// Multi-line quoted cells keep the record's first line.
	recs, rej, _ = readAll(t, FormatCSV, "id,name,VTSP\nG1,\"a\nb\",1\nG2,c,x\n", ReadOptions{})
	if ids(recs) != "G1" || recs[0].Name != "a\nb" || len(rej) != 1 || rej[0].Line != 4 || rej[0].Column != 6 {
		t.Errorf("%v %+v", ids(recs), rej)
	}
}

func TestRecordLine(t *testing.T) {
	recs, rej, _ := readAll(t, FormatCSV, "id,VTSP\nA,1\nB,x\nC,2\n", ReadOptions{})
	if len(rej) != 1 || recs[0].Line != 2 || recs[1].Line != 4 {
		t.Errorf("%+v %+v", recs, rej)
	}
}

func TestJSONGood(t *testing.T) {
	in := "\uFEFF [\n" +
		`  {"id": "P1", "name": " Acme ", "country": "fr", "profiles": ["reseller", " msp ", ""], "competencies": [],` + "\n" +
		`   "credentials": {"VTSP": 2, "vcp-dcv": "0"}, "metrics": {"revenue_usd": 10000.5, "widgets": null}, "current_tier": "Enterprise"},` + "\n" +
		`  {"id": 42, "attestations": "program-fee-paid; ethics-training", "VTSP": " 3 ", "name": null},` + "\n" +
		`  {"id": "P\u00e9\"3", "competencies": null, "VCDX": 1e2}` + "\n" +
		"]\n"
	recs, rej, fatal := readAll(t, FormatJSON, in, ReadOptions{})
	if fatal != nil || len(rej) > 0 {
		t.Fatalf("%v %v", rej, fatal)
	}
	if ids(recs) != "P1,42,Pé\"3" {
		t.Fatalf("ids %q", ids(recs))
	}
	p1, p2, p3 := recs[0], recs[1], recs[2]
	if p1.Line != 2 || p2.Line != 4 || p3.Line != 5 {
		t.Errorf("lines %d %d %d", p1.Line, p2.Line, p3.Line)
	}
	if p1.Name != "Acme" || p1.Country != "FR" || !slices.Equal(p1.Profiles, []string{"reseller", "msp"}) || p1.Competencies == nil || len(p1.Competencies) != 0 || p1.Attestations != nil {
		t.Errorf("p1 %+v", p1)
	}
	if num(t, p1, "VTSP") != 2 || num(t, p1, "VCP-DCV") != 0 || num(t, p1, "revenue_usd") != 10000.5 || !IsUnknown(num(t, p1, "widgets")) || p1.CurrentTier != "Enterprise" {
		t.Errorf("p1 nums %v", p1.Nums)
	}
	if !slices.Equal(p2.Attestations, []string{"program-fee-paid", "ethics-training"}) || num(t, p2, "VTSP") != 3 || p2.Competencies != nil {
		t.Errorf("p2 %+v", p2)
	}
	if p3.Competencies != nil || num(t, p3, "VCDX") != 100 {
		t.Errorf("p3 %+v", p3)
	}
}

func TestJSONEmptyAndStream(t *testing.T) {
	for _, in := range []string{"", "  \n", "[]", " [ ] \n", "\uFEFF[]"} {
		recs, rej, fatal := readAll(t, FormatJSON, in, ReadOptions{})
		if fatal != nil || len(rej) > 0 || len(recs) > 0 {
			t.Errorf("%q: %v %v %v", in, recs, rej, fatal)
		}
	}
	recs, rej, fatal := readAll(t, FormatJSON, "{\"id\":\"A\"}\n{\"id\":\"B\"}", ReadOptions{})
	if fatal != nil || len(rej) > 0 || ids(recs) != "A,B" || recs[1].Line != 2 {
		t.Errorf("stream: %v %v %v", ids(recs), rej, fatal)
	}
}

func TestJSONFatal(t *testing.T) {
	cases := []struct{ in, want string }{
		{`"x"`, "in:1:1: expected a JSON array"},
		{"[\n{\"id\":\"G1\"},\n{\"id\":\"G2\"", "in:3:11: malformed JSON: unexpected end of input"},
		{"[{\"id\":\"G1\"},", "in:1:14: malformed JSON: unexpected end of input"},
		{"[{\"id\":\"G1\"}", "malformed JSON: unexpected end of input"},
		{"[{\"id\":\"G1\"}] x", "in:1:15: data after the JSON array"},
		{"[{\"id\":\"G1\"}]]", "data after the JSON array"},
	}
	for _, c := range cases {
		recs, _, fatal := readAll(t, FormatJSON, c.in, ReadOptions{})
		if fatal == nil || !strings.Contains(fatal.Error(), c.want) {
			t.Errorf("%q: got %v, want %q", c.in, fatal, c.want)
		}
		if strings.Contains(c.in, "G1") && ids(recs) != "G1" {
			t.Errorf("%q: records before the error lost: %q", c.in, ids(recs))
		}
	}
}

// jsonCases are bad records for JSON and NDJSON (one line each).
var jsonCases = []recordCase{
	{"non-numeric", `{"id":"B","VTSP":"two"}`, 3, 18, "VTSP", "B", "not a number", ""},
	{"bool number", `{"id":"B","VTSP":true}`, 3, 0, "VTSP", "B", "expected a number, got a boolean", ""},
	{"negative", `{"id":"B","VTSP":-1}`, 3, 0, "VTSP", "B", "negative", ""},
	{"fractional", `{"id":"B","credentials":{"VTSP":1.5}}`, 3, 0, "VTSP", "B", "not a whole number", ""},
	{"huge", `{"id":"B","revenue_usd":1e300}`, 3, 0, "revenue_usd", "B", "out of range", ""},
	{"huge plain integer", `{"id":"B","revenue_usd":99999999999999}`, 3, 0, "revenue_usd", "B", "out of range", ""},
	{"nan string", `{"id":"B","revenue_usd":"NaN"}`, 3, 0, "revenue_usd", "B", "not a finite number", ""},
	{"missing id", `{"name":"x"}`, 3, 1, "id", "", "missing id", ""},
	{"null id", `{"id":null}`, 3, 0, "id", "", "missing id", ""},
	{"empty id", `{"id":"  "}`, 3, 0, "id", "", "missing id", ""},
	{"object id", `{"id":{}}`, 3, 0, "id", "", "expected a string, got an object", ""},
	{"duplicate id", `{"id":"G1"}`, 3, 1, "id", "G1", "first on line 2", ""},
	{"unknown key", `{"id":"B","vtps":1}`, 3, 11, "vtps", "B", "unknown key", "did you mean VTSP?"},
	{"unknown group key", `{"id":"B","credentials":{"VTPS":1}}`, 3, 26, "VTPS", "B", "unknown key", "did you mean VTSP?"},
	{"wrong group", `{"id":"B","metrics":{"VTSP":1}}`, 3, 22, "VTSP", "B", "a credential, not a metric", "credentials:"},
	{"text in group", `{"id":"B","credentials":{"name":"x"}}`, 3, 0, "name", "B", "not a credential or metric", ""},
	{"group not object", `{"id":"B","metrics":[1]}`, 3, 21, "metrics", "B", "expected an object, got a list", ""},
	{"duplicate key", `{"id":"B","VTSP":1,"credentials":{"VTSP":2}}`, 3, 35, "VTSP", "B", "duplicate key", ""},
	{"list of numbers", `{"id":"B","profiles":[1]}`, 3, 23, "profiles", "B", "expected a list of strings", ""},
	{"list as number", `{"id":"B","competencies":5}`, 3, 0, "competencies", "B", "expected a list of strings, got a number", ""},
	{"unknown profile", `{"id":"B","profiles":["oem","ISV"]}`, 3, 29, "profiles", "B", `unknown profile "ISV"`, "known profiles"},
	{"unknown competency", `{"id":"B","competencies":"business-continuty"}`, 3, 0, "competencies", "B", "unknown competency", "did you mean business-continuity?"},
	{"bad country", `{"id":"B","country":"ZZ"}`, 3, 0, "country", "B", "invalid country", ""},
	{"country number", `{"id":"B","country":33}`, 3, 0, "country", "B", "expected a string", ""},
	{"not an object", `["B"]`, 3, 1, "", "", "expected an object, got a list", ""},
	{"string element", `"B"`, 3, 0, "", "", "expected an object, got a string", ""},
	{"invalid utf8", "{\"id\":\"B\",\"name\":\"\xff\"}", 3, 19, "", "", "invalid UTF-8", ""},
}

func TestJSONRecordErrors(t *testing.T) {
	for _, c := range jsonCases {
		in := "[\n{\"id\":\"G1\",\"VTSP\":1},\n" + c.rec + ",\n{\"id\":\"G2\"}\n]\n"
		recs, rej, fatal := readAll(t, FormatJSON, in, ReadOptions{})
		checkRejected(t, c, recs, rej, fatal)
	}
	// The line of a field error is the line of its key.
	_, rej, _ := readAll(t, FormatJSON, "[{\"id\":\"B\",\n\n \"VTSP\": -3}]", ReadOptions{})
	if len(rej) != 1 || rej[0].Line != 3 {
		t.Errorf("multi-line element: %+v", rej)
	}
}

func TestNDJSON(t *testing.T) {
	in := "\uFEFF{\"id\":\"P1\",\"VTSP\":1,\"competencies\":[]}\r\n\n  \n{\"id\":\"P2\"}\n{\"id\":\"P3\"}"
	recs, rej, fatal := readAll(t, FormatNDJSON, in, ReadOptions{})
	if fatal != nil || len(rej) > 0 || ids(recs) != "P1,P2,P3" || recs[1].Line != 4 || recs[2].Line != 5 || recs[0].Competencies == nil || recs[1].Competencies != nil {
		t.Fatalf("%v %v %v", recs, rej, fatal)
	}
	for _, in := range []string{"", "\n\n", "\uFEFF"} {
		if recs, rej, fatal := readAll(t, FormatNDJSON, in, ReadOptions{}); len(recs)+len(rej) > 0 || fatal != nil {
			t.Errorf("%q: %v %v %v", in, recs, rej, fatal)
		}
	}
	cases := append(slices.Clone(jsonCases),
		recordCase{"malformed", `{"id":"B",}`, 3, 11, "", "", "malformed JSON", "one JSON object"},
		recordCase{"two objects", `{"id":"B"} {"id":"C"}`, 3, 0, "", "", "malformed JSON", ""},
		recordCase{"truncated", `{"id":"B"`, 3, 0, "", "", "malformed JSON", ""},
	)
	for _, c := range cases {
		in := "\n{\"id\":\"G1\",\"VTSP\":1}\n" + c.rec + "\n{\"id\":\"G2\"}\n"
		recs, rej, fatal := readAll(t, FormatNDJSON, in, ReadOptions{})
		checkRejected(t, c, recs, rej, fatal)
	}
}

func TestNDJSONLongLine(t *testing.T) {
	in := "{\"id\":\"G1\"}\n{\"id\":\"B\",\"name\":\"" + strings.Repeat("x", maxLine) + "\"}\n{\"id\":\"G2\"}\n"
	recs, rej, fatal := readAll(t, FormatNDJSON, in, ReadOptions{})
	if fatal != nil || ids(recs) != "G1,G2" || len(rej) != 1 || rej[0].Line != 2 || !strings.Contains(rej[0].Msg, "longer than") {
		t.Errorf("%v %v %v", ids(recs), rej, fatal)
	}
}

func TestJSONLenient(t *testing.T) {
	var warns []*RecordError
	opt := ReadOptions{Lenient: true, Warn: func(e *RecordError) { warns = append(warns, e) }}
	recs, rej, fatal := readAll(t, FormatNDJSON, "{\"id\":\"A\",\"crm_id\":1}\n{\"id\":\"B\",\"crm_id\":2}\n", opt)
	if fatal != nil || len(rej) > 0 || ids(recs) != "A,B" || len(warns) != 1 || warns[0].Field != "crm_id" || warns[0].Line != 1 || warns[0].File != "in" {
		t.Errorf("%v %v %v %+v", ids(recs), rej, fatal, warns)
	}
}

func TestYAML(t *testing.T) {
	in := `# partners
- id: P1
  name: " Acme "
  country: fr
  profiles: [reseller, msp]
  competencies: []
  credentials:
    VTSP: 2
    VCP-DCV: "0"
  metrics: {revenue_usd: 10000.5}
- id: 42
  attestations: program-fee-paid;ethics-training
  VTSP: ~
  country: "NO"
- &base
  id: P3
  competencies: [business-continuity]
`
	recs, rej, fatal := readAll(t, FormatYAML, in, ReadOptions{})
	if fatal != nil || len(rej) > 0 || ids(recs) != "P1,42,P3" {
		t.Fatalf("%v %v %v", ids(recs), rej, fatal)
	}
	p1, p2 := recs[0], recs[1]
	if p1.Line != 2 || p2.Line != 11 || p1.Name != "Acme" || p1.Country != "FR" || p1.Competencies == nil || len(p1.Competencies) != 0 || num(t, p1, "VTSP") != 2 || num(t, p1, "VCP-DCV") != 0 || num(t, p1, "revenue_usd") != 10000.5 {
		t.Errorf("p1 %+v", p1)
	}
	if !IsUnknown(num(t, p2, "VTSP")) || p2.Competencies != nil || len(p2.Attestations) != 2 || p2.Country != "NO" {
		t.Errorf("p2 %+v", p2)
	}
	for _, in := range []string{"", "# nothing\n", "[]", "~\n", "---\n...\n"} {
		if recs, rej, fatal := readAll(t, FormatYAML, in, ReadOptions{}); len(recs)+len(rej) > 0 || fatal != nil {
			t.Errorf("%q: %v %v %v", in, recs, rej, fatal)
		}
	}
}

func TestYAMLRecordErrors(t *testing.T) {
	cases := []recordCase{
		{"non-numeric", "- {id: B, VTSP: two}", 3, 17, "VTSP", "B", "not a number", ""},
		{"bool", "- {id: B, VTSP: true}", 3, 0, "VTSP", "B", "expected a number, got a boolean", ""},
		{"negative", "- {id: B, VTSP: -2}", 3, 0, "VTSP", "B", "negative", ""},
		{"inf", "- {id: B, revenue_usd: .inf}", 3, 0, "revenue_usd", "B", "not a finite number", ""},
		{"fraction", "- {id: B, metrics: {cores: 0.5}}", 3, 0, "cores", "B", "not a whole number", ""},
		{"missing id", "- {name: x}", 3, 0, "id", "", "missing id", ""},
		{"duplicate id", "- {id: G1}", 3, 0, "id", "G1", "first on line 2", ""},
		{"unknown key", "- {id: B, revenu_usd: 1}", 3, 11, "revenu_usd", "B", "unknown key", "did you mean revenue_usd?"},
		{"wrong group", "- {id: B, credentials: {cores: 1}}", 3, 0, "cores", "B", "a metric, not a credential", ""},
		{"list of lists", "- {id: B, profiles: [[oem]]}", 3, 0, "profiles", "B", "expected a list of strings", ""},
		{"list as number", "- {id: B, profiles: 3}", 3, 0, "profiles", "B", "expected a list of strings, got a number", ""},
		{"unknown attestation", "- {id: B, attestations: [ethics]}", 3, 0, "attestations", "B", "unknown attestation", ""},
		{"bad country", "- {id: B, country: Germany}", 3, 0, "country", "B", "invalid country", ""},
		{"text as mapping", "- {id: B, name: {a: 1}}", 3, 0, "name", "B", "expected a string, got a mapping", ""},
		{"not a mapping", "- B", 3, 3, "", "", "expected a mapping, got a string", ""},
		{"duplicate key", "- {id: B, VTSP: 1, credentials: {VTSP: 1}}", 3, 0, "VTSP", "B", "duplicate key", ""},
	}
	for _, c := range cases {
		in := "# x\n- {id: G1, VTSP: 1}\n" + c.rec + "\n- {id: G2}\n"
		recs, rej, fatal := readAll(t, FormatYAML, in, ReadOptions{})
		checkRejected(t, c, recs, rej, fatal)
	}
}

func TestYAMLFatal(t *testing.T) {
	cases := []struct{ in, want string }{
		{"id: P1\n", "in:1:1: expected a sequence of partner records, got a mapping"},
		{"- id: P1\n - x: [\n", "in:1: malformed YAML"},
	}
	for _, c := range cases {
		_, _, fatal := readAll(t, FormatYAML, c.in, ReadOptions{})
		if fatal == nil || !strings.Contains(fatal.Error(), c.want) {
			t.Errorf("%q: got %v, want %q", c.in, fatal, c.want)
		}
	}
}

func TestParseNum(t *testing.T) {
	const whole, frac, cents = Whole, Fraction, Cents
	cases := []struct {
		in   string
		p    Precision
		want float64
		msg  string
	}{
		{"0", whole, 0, ""}, {"-0", whole, 0, ""}, {"+3", whole, 3, ""}, {"1e15", whole, 1e15, ""},
		{"1.25", frac, 1.25, ""}, {"2.0", whole, 2, ""}, {".5", frac, 0.5, ""},
		{"1e15.5", frac, 0, "not a number"}, {"1.000.000", frac, 0, "not a number"},
		{"-", whole, 0, "not a number"}, {"e", whole, 0, "not a number"}, {"infinity", frac, 0, "not a finite"},
		{"1000000000000001", whole, 0, "out of range"}, {"0.1", whole, 0, "whole"}, {"-0.0001", frac, 0, "negative"},
		// Money: cents, up to 1e13.
		{"9999.99", cents, 9999.99, ""}, {"1000.5", cents, 1000.5, ""}, {"0.01", cents, 0.01, ""}, {"1.230", cents, 1.23, ""},
		{"9999999999999.99", cents, 9999999999999.99, ""}, {"1e13", cents, 1e13, ""},
		{"0.001", cents, 0, "more than two decimals"}, {"1000.505", cents, 0, "more than two decimals"},
		{"10000000000000.01", cents, 0, "out of range"}, {"1e15", cents, 0, "out of range"},
		// Plain integers around the fast path's 13 digits, and the limits.
		{"9999999999999", cents, 9999999999999, ""}, {"10000000000000", cents, 1e13, ""},
		{"10000000000001", cents, 0, "out of range"}, {"99999999999999", cents, 0, "out of range"},
		{"999999999999999", whole, 999999999999999, ""}, {"1000000000000000", whole, 1e15, ""},
		{"0000000000000000007", whole, 7, ""},
		{"0.123", frac, 0.123, ""},
	}
	for _, c := range cases {
		got, msg, _ := parseNum(c.in, c.p)
		if (c.msg == "" && (msg != "" || got != c.want || math.Signbit(got))) || (c.msg != "" && !strings.Contains(msg, c.msg)) {
			t.Errorf("parseNum(%q, %d) = %v, %q", c.in, c.p, got, msg)
		}
	}
}

// A metric's precision follows its unit: a rulebook metric in USD holds
// cents (1000.5 is accepted, 0.001 is not); other metrics count.
func TestMoneyPrecisionFollowsUnit(t *testing.T) {
	s := testSchema()
	for name, want := range map[string]Precision{"services_usd": Cents, "seats": Whole, "revenue_usd": Cents, "tier_credits": Fraction, "VTSP": Whole} {
		if i, _ := s.Slot(name); s.Precision(i) != want {
			t.Errorf("%s: precision %d, want %d", name, s.Precision(i), want)
		}
	}
	recs, rej, fatal := readAll(t, FormatCSV, "id,services_usd,seats\nA,1000.5,3\nB,0.001,\nC,,1.5\n", ReadOptions{})
	if fatal != nil || len(recs) != 1 || len(rej) != 2 {
		t.Fatalf("recs %d rejected %v fatal %v", len(recs), rej, fatal)
	}
	if i, _ := s.Slot("services_usd"); recs[0].Nums[i] != 1000.5 {
		t.Errorf("services_usd = %v", recs[0].Nums[i])
	}
	if !strings.Contains(rej[0].Error(), "more than two decimals") || !strings.Contains(rej[1].Error(), "not a whole number") {
		t.Errorf("rejections: %v", rej)
	}
}

// Country codes are pkg/region's: any case in, upper case out, XK
// (Kosovo) accepted with its region, common non-ISO spellings hinted.
func TestCountries(t *testing.T) {
	in := "id,country\nA,fr\nB,XK\nC,xk\nD,ax\nE,UK\nF,ZZ\nG,FRA\nH,\n"
	recs, rej, fatal := readAll(t, FormatCSV, in, ReadOptions{})
	if fatal != nil {
		t.Fatal(fatal)
	}
	var got []string
	for _, r := range recs {
		got = append(got, r.ID+"="+r.Country)
	}
	if s := strings.Join(got, " "); s != "A=FR B=XK C=XK D=AX H=" {
		t.Errorf("accepted %s", s)
	}
	if region.Of(recs[1].Country) != region.EMEA {
		t.Errorf("XK: region %q", region.Of(recs[1].Country))
	}
	if len(rej) != 3 || rej[0].ID != "E" || rej[0].Hint != "did you mean GB?" || rej[1].ID != "F" || rej[2].ID != "G" ||
		!strings.Contains(rej[1].Msg, "invalid country code") || !strings.Contains(rej[2].Hint, "ISO 3166-1 alpha-2") {
		t.Errorf("rejected %v", rej)
	}
}

func TestUnknownColumnHintUsesFieldNames(t *testing.T) {
	names := NewSchema().FieldNames()
	for in, want := range map[string]string{"vtps": "VTSP", "Revenue-USD": "revenue_usd", "currenttier": "current_tier", "contry": "country", "x": "", "zzzzzzzz": "", "VCP_DCV": "VCP-DCV"} {
		if got := suggest.Closest(in, names); got != want {
			t.Errorf("suggest.Closest(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestDuplicateIDsAcrossManyRecords(t *testing.T) {
	var b strings.Builder
	b.WriteString("id\n")
	for i := range 5000 {
		b.WriteString("P")
		b.WriteString(strings.Repeat("x", i%7))
		b.WriteString(string(rune('a' + i%26)))
		b.WriteString("\n")
	}
	recs, rej, _ := readAll(t, FormatCSV, b.String(), ReadOptions{})
	if len(recs) != 7*26 || len(rej) != 5000-7*26 {
		t.Errorf("%d records, %d rejected", len(recs), len(rej))
	}
}

func TestJSONLinesPrettyPrinted(t *testing.T) {
	// Many lines per element, more than the read-ahead holds: exercises the
	// line tracker's compaction.
	var b strings.Builder
	b.WriteString("[\n")
	want := []int{}
	line := 2
	for i := range 3000 {
		if i > 0 {
			b.WriteString(",\n")
			line++
		}
		want = append(want, line)
		b.WriteString("  {\n    \"id\": \"P" + strings.Repeat("0", i%5) + string(rune('a'+i%26)) + "-" + strings.Repeat("x", i/26) + "\",\n")
		for range 30 {
			b.WriteString("    \"name\": null,\n")
		}
		b.WriteString("    \"VTSP\": 1\n  }")
		line += 33
	}
	b.WriteString("\n]\n")
	recs, rej, fatal := readAll(t, FormatJSON, b.String(), ReadOptions{Lenient: true})
	if fatal != nil || len(rej) != 0 && !strings.Contains(rej[0].Msg, "duplicate key") {
		t.Fatalf("%v %v", rej[:min(len(rej), 3)], fatal)
	}
	// every element repeats "name": all rejected as duplicate keys, so
	// check the lines of the rejections instead.
	if len(recs)+len(rej) != 3000 {
		t.Fatalf("%d + %d", len(recs), len(rej))
	}
	for i, e := range rej {
		if e.Line != want[i]+3 { // the second "name" key
			t.Fatalf("element %d: line %d, want %d", i, e.Line, want[i]+3)
		}
	}
}

// One IDs shared by the readers of a run catches an id repeated in another
// input, and names the file and line of its first occurrence.
func TestDuplicateIDAcrossInputs(t *testing.T) {
	ids := NewIDs()
	read := func(file, data string) []error {
		r, err := NewReader(strings.NewReader(data), file, FormatCSV, NewSchema(), ReadOptions{IDs: ids})
		if err != nil {
			t.Fatal(err)
		}
		var errs []error
		for {
			_, err := r.Next()
			if err == io.EOF {
				return errs
			}
			if err != nil {
				errs = append(errs, err)
			}
		}
	}
	if errs := read("a.csv", "id\nA\nB\n"); len(errs) != 0 {
		t.Fatalf("a.csv: %v", errs)
	}
	errs := read("b.csv", "id\nC\n\nB\nC\n")
	want := []string{
		`b.csv:4: record B: field id: duplicate id "B" (first on a.csv:3)`,
		`b.csv:5: record C: field id: duplicate id "C" (first on line 2)`,
	}
	if len(errs) != len(want) {
		t.Fatalf("errors %v, want %d", errs, len(want))
	}
	for i, e := range errs {
		if e.Error() != want[i] {
			t.Errorf("error %d = %q, want %q", i, e, want[i])
		}
	}
}

// A record counting more VCAP-X than VCP-X holders is inconsistent (a VCAP
// holder also holds the track's VCP): rejected with the field and a hint,
// in every format. Unknown counts and other tracks are not compared.
func TestVCAPWithoutVCP(t *testing.T) {
	in := "id,VCP-DCV,VCAP-DCV,VCP-NV,VCAP-NV\nA,2,2,,1\nB,1,3,5,0\nC,3,1,0,1\n"
	recs, rej, fatal := readAll(t, FormatCSV, in, ReadOptions{})
	if fatal != nil || len(recs) != 1 || len(rej) != 2 {
		t.Fatalf("recs %d rejected %v fatal %v", len(recs), rej, fatal)
	}
	if got := rej[0].Error(); got != "in:3: record B: field VCAP-DCV: 3 VCAP-DCV holders but only 1 VCP-DCV" {
		t.Errorf("B: %s", got)
	}
	if rej[0].Hint != "a VCAP-DCV holder also holds the VCP-DCV: count them in VCP-DCV too" {
		t.Errorf("hint %q", rej[0].Hint)
	}
	if got := rej[1].Error(); got != "in:4: record C: field VCAP-NV: 1 VCAP-NV holders but only 0 VCP-NV" {
		t.Errorf("C: %s", got)
	}
	_, rej, _ = readAll(t, FormatJSON, `[{"id": "J", "credentials": {"VCP-CMA": 0, "VCAP-CMA": 2}}]`, ReadOptions{})
	if len(rej) != 1 || rej[0].Field != "VCAP-CMA" || rej[0].Line != 1 {
		t.Errorf("JSON: %v", rej)
	}
}
