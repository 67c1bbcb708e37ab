package partner

import (
	"strings"
	"testing"
)

// A rejected record does not claim its id; ids equal but for invisible
// characters or normalisation are duplicates; control characters reject.
func TestIDs(t *testing.T) {
	const invisible = "differ only in invisible characters"
	runBadCases(t, FormatCSV, []badCase{
		{name: "a rejected record leaves its id free", in: "id,VTSP\nA,x\nA,1\nA,2\n", ids: "A",
			errs: []wantErr{{2, 0, "field VTSP", "A"}, {4, 0, "duplicate id \"A\" (first on line 3)", "A"}}},
		{name: "NFC and NFD", in: "id\nCaf\u00e9\nCafe\u0301\n", ids: "Caf\u00e9",
			errs: []wantErr{{3, 0, "duplicate id", "Cafe\u0301"}}},
		{name: "zero-width", in: "id\nAB\nA\u200bB\n\ufeffAB\u2060\n", ids: "AB",
			errs: []wantErr{{3, 0, "first on line 2", "A\u200bB"}, {4, 0, "first on line 2", "\ufeffAB\u2060"}}},
		{name: "no-break spaces", in: "id\nA B\nA\u00a0B\n\"\u202fA\u202fB \"\n", ids: "A B",
			errs: []wantErr{{3, 0, "duplicate id", "A\u00a0B"}, {4, 0, "duplicate id", "A\u202fB"}}},
		{name: "the odd one first", in: "id\nA\u200dB\nAB\n", ids: "A\u200dB",
			errs: []wantErr{{3, 0, "duplicate id", "AB"}}},
		{name: "control characters", in: "id\n\"A\nB\"\nA\x01B\nC\u0085D\nok\n", ids: "ok",
			errs: []wantErr{{2, 0, "control character U+000A", `"A\nB"`}, {4, 0, "U+0001", `"A\x01B"`}, {5, 0, "U+0085", `"C\u0085D"`}}},
	})
	// the hint tells why two ids that look different are the same
	_, rej, _ := readAll(t, FormatCSV, "id\nA\u200bB\nAB\nAB\n", ReadOptions{})
	if len(rej) != 2 || !strings.Contains(rej[0].Hint, invisible) || !strings.Contains(rej[1].Hint, invisible) {
		t.Errorf("hints %+v", rej)
	}
	_, rej, _ = readAll(t, FormatCSV, "id\nAB\nAB\n", ReadOptions{})
	if len(rej) != 1 || strings.Contains(rej[0].Hint, invisible) {
		t.Errorf("plain duplicate: %+v", rej)
	}
	// JSON and YAML share the rule
	_, rej, _ = readAll(t, FormatJSON, `[{"id":"A","VTSP":-1},{"id":"A"},{"id":"A\u00a0"}]`, ReadOptions{})
	if len(rej) != 2 || !strings.Contains(rej[1].Msg, "duplicate id") {
		t.Errorf("JSON: %+v", rej)
	}
	_, rej, _ = readAll(t, FormatYAML, "- {id: \"A\\tB\"}\n- {id: A}\n", ReadOptions{})
	if len(rej) != 1 || !strings.Contains(rej[0].Msg, "control character U+0009") {
		t.Errorf("YAML: %+v", rej)
	}
}

func BenchmarkIDKeyASCII(b *testing.B) {
	for b.Loop() {
		idKey("PARTNER-0001234")
	}
}
