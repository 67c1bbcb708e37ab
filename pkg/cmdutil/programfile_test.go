package cmdutil

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tiercalc/tiercalc/pkg/iostreams"
)

const proposal = `id: vpn-2009
name: Proposal
effective: 2009-04-14
sources: [{id: me, title: Memo}]
vocabulary:
  credentials: [{id: PROPOSED-CERT, label: a new certification, unit: people}]
tiers:
  - {name: Registered, requires: []}
  - name: Premier
    requires: [{credential: PROPOSED-CERT, min: 1, label: one, source: me}]
`

// A file that keeps a shipped id is loaded beside the shipped rulebook, not
// in its place; its vocabulary joins the record schema; the two are named
// apart.
func TestResolveProgramFileBesideShippedID(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "proposal.yaml")
	if err := os.WriteFile(path, []byte(proposal), 0o644); err != nil {
		t.Fatal(err)
	}
	ios, _, _, _ := iostreams.Test()
	f := NewFactory(ios, func() time.Time { return day("2026-01-01") }, func(string) string { return "" }, "test")
	set, err := f.Rules()
	if err != nil {
		t.Fatal(err)
	}
	shipped, err := ResolveProgram(f, set, "vpn-2009")
	if err != nil {
		t.Fatal(err)
	}
	prop, err := ResolveProgram(f, set, path)
	if err != nil {
		t.Fatal(err)
	}
	if set.Get("vpn-2009") != shipped.Program || prop.Program == shipped.Program || prop.Program.Name != "Proposal" {
		t.Fatalf("the proposal replaced the shipped rulebook, or was not loaded")
	}
	if _, ok := set.Schema().Slot("PROPOSED-CERT"); !ok {
		t.Error("the proposal's vocabulary is not in the record schema")
	}
	shared := SharedIDs([]ProgramArg{shipped, prop})
	if a, b := shipped.Label("", shared[0]), prop.Label("", shared[1]); a != "vpn-2009 (embedded)" || b != "vpn-2009 ("+path+")" {
		t.Errorf("labels %q, %q", a, b)
	}
	if l := shipped.Label("@2010-01-01", false); l != "vpn-2009@2010-01-01" {
		t.Errorf("a loaded program alone keeps its id: %q", l)
	}
}

func TestResolveProgramErrors(t *testing.T) {
	ios, _, _, _ := iostreams.Test()
	f := NewFactory(ios, func() time.Time { return day("2026-01-01") }, func(string) string { return "" }, "test")
	set, err := f.Rules()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		arg  string
		code int
		want string
	}{
		{"vpn-2090", ExitUsage, `unknown program "vpn-2090"`},
		{"./nothere.yaml", ExitUsage, "./nothere.yaml: "},
		{"testdata-bad.yml", ExitUsage, "testdata-bad.yml: "},
	} {
		_, err := ResolveProgram(f, set, c.arg)
		var ee *ExitError
		if !errors.As(err, &ee) || ee.Code != c.code || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want exit %d with %q", c.arg, err, c.code, c.want)
		}
	}
	bad := filepath.Join(t.TempDir(), "bad.yaml")
	if err := os.WriteFile(bad, []byte("id: x\nname: y\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = ResolveProgram(f, set, bad)
	var ee *ExitError
	if !errors.As(err, &ee) || ee.Code != ExitRulebook {
		t.Errorf("an invalid rulebook: %v, want exit 3", err)
	}
}
