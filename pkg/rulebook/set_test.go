package rulebook

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

func readTestdata(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// shippedFS names the files so that name order is not date order.
func shippedFS(t *testing.T) fstest.MapFS {
	return fstest.MapFS{
		"a-multi.yaml": {Data: readTestdata(t, "multi.yaml")},
		"b-vpn.yml":    {Data: readTestdata(t, "vpn.yaml")},
		"README.md":    {Data: []byte("not a rulebook")},
	}
}

func TestLoadFS(t *testing.T) {
	s, err := LoadFSAs(shippedFS(t), "")
	if err != nil {
		t.Fatal(err)
	}
	if got := s.IDs(); !slices.Equal(got, []string{"vpn-test", "multi-test"}) {
		t.Errorf("order = %v, want by effective date", got)
	}
	if _, ok := s.Schema().Slot("VCP-X"); !ok {
		t.Errorf("schema lacks a vocabulary credential")
	}
	if !s.Schema().KnownCompetency("desktop-virtualization") {
		t.Errorf("schema lacks a vocabulary competency")
	}
	if s.Schema().KnownCompetency("x-competency") {
		t.Errorf("schema lets records claim a derived competency")
	}
	p := s.Get("vpn-test")
	if p == nil || s.Get("nope") != nil {
		t.Fatalf("Get wrong")
	}
	if err := p.CheckSchema(s.Schema()); err != nil {
		t.Errorf("a loaded program does not fit the set's schema: %v", err)
	}
}

func TestLoadFSProblems(t *testing.T) {
	fsys := shippedFS(t)
	fsys["c.yaml"] = &fstest.MapFile{Data: []byte("id: c\nname: C\neffective: 2020-01-01\ntiers: [{name: A, requires: [{credential: NOPE, min: 1, label: x, source: s}]}]\n")}
	fsys["d.yaml"] = &fstest.MapFile{Data: []byte("id: d\n")}
	_, err := LoadFSAs(fsys, "")
	var ps Problems
	if !errors.As(err, &ps) {
		t.Fatalf("err = %v, want Problems", err)
	}
	got := ps.Error()
	for _, want := range []string{`c.yaml:4:43: undefined credential "NOPE"`, `c.yaml:4:75: undefined source "s"`, "d.yaml:1:1: rulebook: missing required key name"} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in:\n%s", want, got)
		}
	}
}

func writeFile(t *testing.T, dir, name, data string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

const userProgram = `id: %s
name: User program
effective: 2009-01-01
sources: [{id: s, title: S}]
vocabulary:
  metrics: [{id: widgets, unit: widgets}]
tiers:
  - {name: Solo, requires: [{metric: widgets, min: 1, label: x, source: s}]}
`

func TestAddPath(t *testing.T) {
	dir := t.TempDir()
	s, err := LoadFSAs(shippedFS(t), "")
	if err != nil {
		t.Fatal(err)
	}
	// A file with a loaded id replaces the program in its place.
	repl := writeFile(t, dir, "repl.yaml", strings.ReplaceAll(userProgram, "%s", "multi-test"))
	if err := s.AddPath(repl); err != nil {
		t.Fatal(err)
	}
	if got := s.IDs(); !slices.Equal(got, []string{"vpn-test", "multi-test"}) {
		t.Errorf("after replace: %v", got)
	}
	if s.Get("multi-test").Name != "User program" {
		t.Errorf("multi-test not replaced")
	}
	if _, ok := s.Schema().Slot("widgets"); !ok {
		t.Errorf("schema lacks the new program's metric")
	}
	if _, ok := s.Schema().Slot("VCP-X"); ok {
		t.Errorf("schema keeps the replaced program's credential")
	}

	// A folder: every *.yaml and *.yml, new ones appended in name order.
	sub := filepath.Join(dir, "more")
	os.Mkdir(sub, 0o755)
	writeFile(t, sub, "b.yml", strings.ReplaceAll(userProgram, "%s", "user-b"))
	writeFile(t, sub, "a.yaml", strings.ReplaceAll(userProgram, "%s", "user-a"))
	writeFile(t, sub, "notes.txt", "ignored")
	if err := s.AddPath(sub); err != nil {
		t.Fatal(err)
	}
	if got := s.IDs(); !slices.Equal(got, []string{"vpn-test", "multi-test", "user-a", "user-b"}) {
		t.Errorf("after folder: %v", got)
	}
	if len(s.Programs()) != 4 {
		t.Errorf("Programs() = %d", len(s.Programs()))
	}

	// Invalid input: Problems, and the set is unchanged.
	before := s.IDs()
	bad := filepath.Join(dir, "bad")
	os.Mkdir(bad, 0o755)
	writeFile(t, bad, "ok.yaml", strings.ReplaceAll(userProgram, "%s", "user-c"))
	writeFile(t, bad, "broken.yaml", "id: x\nname: [\n")
	err = s.AddPath(bad)
	var ps Problems
	if !errors.As(err, &ps) || !strings.Contains(err.Error(), "broken.yaml:2: YAML syntax") {
		t.Errorf("bad folder: %v", err)
	}
	if !slices.Equal(s.IDs(), before) {
		t.Errorf("a failed AddPath changed the set: %v", s.IDs())
	}

	// One id twice in a batch.
	twice := filepath.Join(dir, "twice")
	os.Mkdir(twice, 0o755)
	writeFile(t, twice, "1.yaml", strings.ReplaceAll(userProgram, "%s", "dup"))
	writeFile(t, twice, "2.yaml", strings.ReplaceAll(userProgram, "%s", "dup"))
	if err := s.AddPath(twice); err == nil || !strings.Contains(err.Error(), `2.yaml:1:5: program "dup" is also defined in `) {
		t.Errorf("duplicate id: %v", err)
	}

	// I/O errors are not Problems.
	err = s.AddPath(filepath.Join(dir, "missing.yaml"))
	if !errors.Is(err, fs.ErrNotExist) || errors.As(err, &ps) {
		t.Errorf("missing file: %v", err)
	}
	empty := filepath.Join(dir, "empty")
	os.Mkdir(empty, 0o755)
	if err := s.AddPath(empty); err == nil || errors.As(err, &ps) {
		t.Errorf("empty folder: %v", err)
	}
}

func TestSetCrossChecks(t *testing.T) {
	dir := t.TempDir()
	s, err := LoadFSAs(shippedFS(t), "")
	if err != nil {
		t.Fatal(err)
	}
	// A predecessor mapping from a tier the loaded predecessor lacks.
	src := strings.ReplaceAll(userProgram, "%s", "next") + "predecessor:\n  program: vpn-test\n  tiers: [{from: Gold, to: Solo}]\n"
	err = s.AddPath(writeFile(t, dir, "next.yaml", src))
	if err == nil || !strings.Contains(err.Error(), `next.yaml:11:18: tier mapping: predecessor vpn-test has no tier "Gold"`) {
		t.Errorf("predecessor tiers: %v", err)
	}
	// Two rulebooks disagreeing on a name's kind.
	src = strings.ReplaceAll(strings.ReplaceAll(userProgram, "%s", "clash"), "widgets", "VCP-X")
	err = s.AddPath(writeFile(t, dir, "clash.yaml", src))
	if err == nil || !strings.Contains(err.Error(), `"VCP-X" is a metric here but a credential in another loaded rulebook`) {
		t.Errorf("kind clash: %v", err)
	}
	if s.Get("clash") != nil || s.Get("next") != nil {
		t.Errorf("failed loads were added")
	}
}

// Replacing a shipped program with one of other tier names leaves its
// shipped successor loadable: the successor's mapping just matches nothing.
func TestReplacePredecessorWithOtherTiers(t *testing.T) {
	s := shippedSet(t)
	path := filepath.Join(t.TempDir(), "mine.yaml")
	rb := "id: vpn-2009\nname: Mine\neffective: 2009-01-01\nsources: [{id: me, title: mine}]\n" +
		"tiers:\n  - {name: Bronze, requires: []}\n  - name: Gold\n    requires: [{credential: VTSP, min: 3, label: 3 VTSP, source: me}]\n"
	if err := os.WriteFile(path, []byte(rb), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := s.AddPath(path); err != nil {
		t.Fatalf("AddPath: %v", err)
	}
	if got := s.Get("vpn-2009").Name; got != "Mine" {
		t.Errorf("vpn-2009 is %q, want the replacement", got)
	}
	if s.Get("partner-connect-2020") == nil {
		t.Error("the shipped successor is gone")
	}
}

// A predecessor that is not loaded is a warning, cleared when it is loaded.
func TestPredecessorNotLoaded(t *testing.T) {
	dir := t.TempDir()
	s, err := LoadFSAs(shippedFS(t), "")
	if err != nil {
		t.Fatal(err)
	}
	src := strings.ReplaceAll(userProgram, "%s", "next") + "predecessor:\n  program: olld\n  tiers: [{from: Golden, to: Solo}]\n"
	if err := s.AddPath(writeFile(t, dir, "next.yaml", src)); err != nil {
		t.Fatalf("AddPath: %v", err)
	}
	ws := s.Warnings()
	if len(ws) != 1 || !strings.Contains(ws[0].Error(), `next.yaml:10:12: predecessor: program "olld" is not loaded`) {
		t.Fatalf("warnings %v", ws)
	}
	old := strings.ReplaceAll(userProgram, "%s", "olld")
	if err := s.AddPath(writeFile(t, dir, "olld.yaml", old)); err == nil || !strings.Contains(err.Error(), `predecessor olld has no tier "Golden"`) {
		t.Errorf("loading the predecessor: %v", err)
	}
	if s.Get("olld") != nil || len(s.Warnings()) != 1 {
		t.Errorf("a failed load was added")
	}
	errs, warns := CheckPredecessor(s.Get("next"), s.Programs())
	if len(errs) != 0 || len(warns) != 1 {
		t.Errorf("CheckPredecessor: %v, %v", errs, warns)
	}
}
