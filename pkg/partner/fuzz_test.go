package partner

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/tiercalc/tiercalc/pkg/region"
)

// fuzzRead drains a reader over arbitrary input and checks the contract:
// no panic, progress on every call, every error a *RecordError or
// *HeaderError with a position, or a fatal error naming the file, and
// every record valid.
func fuzzRead(t *testing.T, f Format, data []byte, lenient bool) {
	s := testSchema()
	r, err := NewReader(bytes.NewReader(data), "fz", f, s, ReadOptions{Lenient: lenient, Warn: func(e *RecordError) {
		if e.File != "fz" || e.Line <= 0 {
			t.Fatalf("warning without position: %#v", e)
		}
	}})
	if err != nil {
		var he *HeaderError
		if !errors.As(err, &he) || he.File != "fz" || he.Line <= 0 {
			t.Fatalf("NewReader: %#v", err)
		}
		return
	}
	seen := map[string]bool{}
	for i := 0; ; i++ {
		if i > len(data)+2 {
			t.Fatalf("no progress after %d calls", i)
		}
		rec, err := r.Next()
		if err == io.EOF {
			if _, err := r.Next(); err != io.EOF {
				t.Fatalf("EOF not sticky: %v", err)
			}
			return
		}
		var re *RecordError
		switch {
		case errors.As(err, &re):
			if rec != nil || re.File != "fz" || re.Line <= 0 || re.Msg == "" || !utf8.ValidString(re.Error()) {
				t.Fatalf("bad record error %#v", re)
			}
			continue
		case err != nil:
			if !strings.HasPrefix(err.Error(), "fz:") {
				t.Fatalf("fatal error without position: %v", err)
			}
			return
		}
		if rec.ID == "" || rec.ID != strings.TrimSpace(rec.ID) || !utf8.ValidString(rec.ID+rec.Name+rec.CurrentTier) || seen[rec.ID] || rec.Line <= 0 {
			t.Fatalf("bad record %#v", rec)
		}
		seen[rec.ID] = true
		if rec.Country != "" {
			if c, ok := region.Code(rec.Country); !ok || c != rec.Country {
				t.Fatalf("bad country %q", rec.Country)
			}
		}
		if len(rec.Nums) != len(s.NumFields()) {
			t.Fatalf("nums %d", len(rec.Nums))
		}
		for _, x := range rec.Nums {
			if !IsUnknown(x) && (x < 0 || x > MaxValue) {
				t.Fatalf("bad number %v", x)
			}
		}
		for _, p := range rec.Profiles {
			if !Has(Profiles, p) {
				t.Fatalf("bad profile %q", p)
			}
		}
		for _, c := range rec.Competencies {
			if !s.KnownCompetency(c) {
				t.Fatalf("bad competency %q", c)
			}
		}
		for _, a := range rec.Attestations {
			if !s.KnownAttestation(a) {
				t.Fatalf("bad attestation %q", a)
			}
		}
	}
}

func FuzzCSV(f *testing.F) {
	f.Add([]byte("id,name,country,profiles,VTSP,revenue_usd\nP1,Acme,FR,reseller;msp,2,1000.5\nP2,,,,,\n"), false)
	f.Add([]byte("\uFEFFID , vtps\r\nP1,\"a\"\"b\"\r\n"), true)
	f.Fuzz(func(t *testing.T, data []byte, lenient bool) { fuzzRead(t, FormatCSV, data, lenient) })
}

func FuzzJSON(f *testing.F) {
	f.Add([]byte(`[{"id":"P1","credentials":{"VTSP":2},"metrics":{"revenue_usd":"10"},"profiles":["oem"]},{"id":2}]`), false)
	f.Add([]byte("{\"id\":\"A\"}\n{\"id\":\"B\",\"x\":[1,{}]}"), true)
	f.Fuzz(func(t *testing.T, data []byte, lenient bool) { fuzzRead(t, FormatJSON, data, lenient) })
}

func FuzzNDJSON(f *testing.F) {
	f.Add([]byte("{\"id\":\"P1\",\"VTSP\":1,\"competencies\":[\"business-continuity\"]}\n\n{\"id\":\"P1\"}\n[1]\n"), false)
	f.Add([]byte("{\"id\":\"\\u0041\",\"country\":\"fr\"}\r\n{"), true)
	f.Fuzz(func(t *testing.T, data []byte, lenient bool) { fuzzRead(t, FormatNDJSON, data, lenient) })
}

func FuzzYAML(f *testing.F) {
	f.Add([]byte("- id: P1\n  credentials: {VTSP: 2}\n  profiles: [reseller]\n- {id: P2, country: de}\n"), false)
	f.Add([]byte("- &a {id: A}\n- *a\n- id: B\n  x: 1\n"), true)
	f.Fuzz(func(t *testing.T, data []byte, lenient bool) { fuzzRead(t, FormatYAML, data, lenient) })
}
