package partner

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
)

// twoPass is how every record was read before onePass: the syntax checked
// first, then the record read.
func (b *builder) twoPass(raw []byte, line, col int) (*Record, error) {
	if !jsonValid(raw) {
		return nil, jsonSyntaxErr(b.file, raw, line, col)
	}
	return b.fromJSON(raw, line, col)
}

// onePassCases are records where one pass could drift from two: every
// place the walk must refuse (separators, strings, literals, skipped
// values, lists), and well-formed records it must read.
func onePassCases() []string {
	return []string{
		`{"id":"P1","name":"A","country":"FR","profiles":["msp","reseller"],"competencies":[],"credentials":{"VTSP":2,"VSP":1},"metrics":{"revenue_usd":10.5},"current_tier":"Premier"}`,
		`{"id":"P1" "name":"A"}`, `{"id":"P1",}`, `{,"id":"P1"}`, `{"id":"P1",,"name":"A"}`, `{"id" "P1"}`,
		`{"id":"P1"`, `{"id":"P1"} x`, `{"id":"P1"}}`, `{"id":"P` + "\n" + `1"}`, `{"id":"P` + "\t" + `1"}`,
		`{"id":"P\u00411"}`, `{"id":"P\x1"}`, `{"id":"P\u12"}`, `{"id":"P1","VTSP":01}`, `{"id":"P1","VTSP":1.}`,
		`{"id":"P1","VTSP":-}`, `{"id":"P1","VTSP":2e}`, `{"id":"P1","VTSP":1x}`, `{"id":"P1","VTSP":tru}`,
		`{"id":"P1","VTSP":null}`, `{"id":"P1","VTSP":nul}`, `{"id":"P1","odd":[1,{"a":[]}]}`, `{"id":"P1","odd":[1,]}`,
		`{"id":"P1","odd":{"a" 1}}`, `{"id":"P1","profiles":["msp" "oem"]}`, `{"id":"P1","profiles":["msp",]}`,
		`{"id":"P1","profiles":[,"msp"]}`, `{"id":"P1","profiles":["msp",1]}`, `{"id":"P1","profiles":["msp",1,]}`,
		`{"id":"P1","profiles":["msp"}`, `{"id":"P1","credentials":{"VTSP":2,}}`, `{"id":"P1","credentials":[1]}`,
		`{"id":"P1","credentials":{"revenue_usd":1}}`, `{"id":"P1","VTSP":"2","VTSP":3}`, `{"id":1e2,"name":-0}`,
		`{"id":"P1","VTSP":{"a":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}}`,
		`{"id":"P1","VTSP":[}`, `{"id":"P1","VTSP":}`, `{"id":"P1":"x"}`, `{"id":"\xff"}`, `{"id":"P1"} `,
		`[{"id":"P1"}]`, ` {"id":"P1"}`, `{}`, `{"id":"P1","name":"a\"b\\c\/d\u00e9"}`, `{"id":"P1","name":"a\"}`,
	}
}

// TestOnePassAsTwo checks that reading a record in one pass gives what
// checking its syntax and then reading it gives: the same record or the
// same rejection, message and position included.
func TestOnePassAsTwo(t *testing.T) {
	for _, c := range onePassCases() {
		checkOnePass(t, []byte(c))
	}
}

// TestOnePassTakesRecords checks that the records exports write are read
// in one pass (the two-pass path is only its fallback).
func TestOnePassTakesRecords(t *testing.T) {
	b := newBuilder("in", testSchema(), ReadOptions{}, true)
	for l := range bytes.Lines(benchData(t, 200, FormatNDJSON)) {
		if _, _, ok := b.onePass(bytes.TrimSpace(l), 1, 1); !ok {
			t.Fatalf("onePass refused %s", l)
		}
	}
}

func FuzzJSONOnePass(f *testing.F) {
	for _, c := range onePassCases() {
		f.Add([]byte(c))
	}
	f.Fuzz(func(t *testing.T, data []byte) { checkOnePass(t, data) })
}

func checkOnePass(t *testing.T, raw []byte) {
	t.Helper()
	s := testSchema()
	one, two := newBuilder("in", s, ReadOptions{}, true), newBuilder("in", s, ReadOptions{}, true)
	for k := range 2 { // the second time with the builders' caches warm
		r1, e1 := one.decodeJSON(raw, 3, 5)
		r2, e2 := two.twoPass(raw, 3, 5)
		// compared as printed: an unknown number is NaN, never equal to itself
		if fmt.Sprint(e1) != fmt.Sprint(e2) || fmt.Sprintf("%+v", r1) != fmt.Sprintf("%+v", r2) {
			t.Fatalf("pass %d of %q: one pass gives %+v, %v; two give %+v, %v", k, raw, r1, e1, r2, e2)
		}
	}
}

// warmPairs are records read after others: the caches of what records
// repeat (keys by position, lists by their bytes) must give for the second
// what a builder that never saw the first gives.
func warmPairs() [][2]string {
	full := `{"id":"P1","name":"A","country":"FR","profiles":["msp","reseller"],"competencies":[],"credentials":{"VTSP":2,"VSP":1},"metrics":{"revenue_usd":10},"current_tier":"Premier"}`
	return [][2]string{
		{full, full},
		{full, `{"id":"P2","name":"B","country":"de","profiles":["msp","reseller"],"competencies":[],"credentials":{"VTSP":3,"VSP":0},"metrics":{"revenue_usd":1},"current_tier":"premier"}`},
		{full, `{"id":"P2","name":"B","country":"FR","profiles":["msp","reseller"]]}`},
		{full, `{"id":"P2","name":"B","country":"FR","profiles":["msp","reseller"],}`},
		{full, `{"id":"P2","name":"B","country":"FR","profiles":["msp","reseller"]"competencies":[]}`},
		{full, `{"id":"P2","name":"B","country":"FR","profiles":["msp"],"profiles":["msp","reseller"]}`},
		{full, `{"id":"P2","name" :"B","id":"P3"}`},
		{full, `{"id":"P2","name""B"}`},
		{full, `{"id":"P2","na":"B"}`},
		{full, `{"id":"P2","name":"B","country":"FR","credentials":{"VTSP":2,"VSP":1},"VTSP":4}`},
		{`{"profiles":["msp","reseller",]}`, `{"profiles":["msp","reseller",]}`},
		{`{"profiles":["reseller", "msp"]}`, `{"profiles":["reseller", "msp"]}`},
		{`{"profiles":["oem"],"competencies":["a]"]}`, `{"profiles":["oem"],"competencies":["a]"]}`},
		{`{"id":"P1","VTSP":12}`, `{"id":"P1","VTSP":12.5}`},
		{`{"id":"P1","VTSP":0}`, `{"id":"P1","VTSP":01}`},
		{`{"id":"P1","VTSP":123456789012345}`, `{"id":"P1","VTSP":1234567890123}`},
		// by the shape of the first (jsonshape.go), or not
		{full, strings.Replace(full, `"revenue_usd":10`, `"revenue_usd":10.5`, 1)},
		{full, strings.Replace(full, `"VTSP":2`, `"VTSP":null`, 1)},
		{full, strings.Replace(full, `"name":"A"`, `"name":"\u0041\""`, 1)},
		{full, strings.Replace(full, `"name":"A"`, `"name":"A`+"\t"+`"`, 1)},
		{full, strings.Replace(full, `"name":"A"`, `"name":"A`+"	"+`"`, 1)},
		{full, strings.Replace(full, `"country":"FR"`, `"country":"XX"`, 1)},
		{full, strings.Replace(full, `"country":"FR"`, `"country":" fr "`, 1)},
		{full, strings.Replace(full, `"profiles":["msp","reseller"]`, `"profiles":["msp","msp"]`, 1)},
		{full, strings.Replace(full, `"profiles":["msp","reseller"]`, `"profiles":["oem"],"profiles":[]`, 1)},
		{full, strings.Replace(full, `"current_tier":"Premier"`, `"current_tier":"Gold"`, 1)},
		{full, strings.Replace(full, `"name":"A"`, `"nane":"A"`, 1)},
		{full, strings.Replace(full, `"VTSP":2,"VSP":1`, `"VTSP":2,"VXP":1`, 1)},
		{full, strings.Replace(full, `"id":"P1"`, `"id":""`, 1)},
		{full, full[:len(full)-1]}, {full, full + "x"}, {full, full + " \t"}, {full, full + "}"},
		{strings.Replace(full, `"VTSP":2`, `"VTSP":null`, 1), strings.Replace(full, `"VTSP":2`, `"VTSP":nul`, 1)},
		{strings.Replace(full, `"VTSP":2`, `"VTSP":null`, 1), strings.Replace(full, `"VTSP":2`, `"VTSP":7`, 1)},
		{strings.Replace(full, `"VTSP":2`, `"VTSP":null`, 1), strings.Replace(full, `"VTSP":2`, `"VTSP":null`, 1)},
		{`{"id":"P1","VTSP":1,"VTSP":2}`, `{"id":"P2","VTSP":1,"VTSP":2}`},
		{`{"id":"P1","credentials":null,"VSP":1}`, `{"id":"P2","credentials":null,"VSP":3}`},
		{`{"id":"P1","credentials":null,"VSP":1}`, `{"id":"P2","credentials":{},"VSP":3}`},
		{`{}`, `{}`}, {`{ }`, `{}`}, {`{"id":"P1"}`, `{"id":"P1"`},
	}
}

// TestJSONWarmAsCold checks warmPairs.
func TestJSONWarmAsCold(t *testing.T) {
	for _, p := range warmPairs() {
		checkWarm(t, []byte(p[0]), []byte(p[1]))
	}
}

func FuzzJSONWarm(f *testing.F) {
	for _, p := range warmPairs() {
		f.Add([]byte(p[0]), []byte(p[1]))
	}
	f.Fuzz(func(t *testing.T, first, then []byte) { checkWarm(t, first, then) })
}

func checkWarm(t *testing.T, first, then []byte) {
	t.Helper()
	s := testSchema()
	warm, cold := newBuilder("in", s, ReadOptions{}, true), newBuilder("in", s, ReadOptions{}, true)
	warm.decodeJSON(first, 1, 1)
	warm.ids = NewIDs() // the first record's id is not a duplicate here
	warm.idBase = warm.ids.begin("in")
	r1, e1 := warm.decodeJSON(then, 3, 5)
	r2, e2 := cold.twoPass(then, 3, 5)
	if fmt.Sprint(e1) != fmt.Sprint(e2) || fmt.Sprintf("%+v", r1) != fmt.Sprintf("%+v", r2) {
		t.Fatalf("%q after %q gives %+v, %v; read cold, %+v, %v", then, first, r1, e1, r2, e2)
	}
}

// TestJSONShapeRun reads a run of records, most of one shape, some of
// others, some rejected, with one builder: each must be what a builder
// that read nothing before makes of it, however often the shape fits,
// misses and is tried again.
func TestJSONShapeRun(t *testing.T) {
	var lines [][]byte
	for l := range bytes.Lines(benchData(t, 300, FormatNDJSON)) {
		lines = append(lines, bytes.TrimSpace(l))
	}
	for k := 7; k < len(lines); k += 11 { // other shapes, here and there
		switch k % 4 {
		case 0:
			lines[k] = bytes.Replace(lines[k], []byte(`"name"`), []byte(`"nane"`), 1)
		case 3:
			lines[k] = bytes.Replace(lines[k], []byte(`"name"`), []byte(`"Name"`), 1)
		case 1:
			lines[k] = bytes.Replace(lines[k], []byte(`,"cores":`), []byte(`,"cores":1.5,"x":`), 1)
		case 2:
			lines[k] = bytes.Replace(lines[k], []byte(`"country":"`), []byte(`"country":"Q`), 1)
		}
		if k%3 == 0 {
			lines[k] = append(lines[k][:len(lines[k]):len(lines[k])], ' ')
		}
	}
	for k := 120; k < 200; k++ { // a stretch of another shape
		lines[k] = bytes.Replace(lines[k], []byte(`"id"`), []byte(`"ID"`), 1)
	}
	s := testSchema()
	warm := newBuilder("in", s, ReadOptions{}, true)
	for k, l := range lines {
		cold := newBuilder("in", s, ReadOptions{}, true)
		r1, e1 := warm.decodeJSON(l, k+1, 1)
		r2, e2 := cold.twoPass(l, k+1, 1)
		if fmt.Sprint(e1) != fmt.Sprint(e2) || fmt.Sprintf("%+v", r1) != fmt.Sprintf("%+v", r2) {
			t.Fatalf("line %d %s: warm %+v, %v; cold %+v, %v", k+1, l, r1, e1, r2, e2)
		}
	}
	if warm.shape.segs == nil {
		t.Fatal("no shape was kept")
	}
}
