package rulebook

import (
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"
)

func TestNotRulebook(t *testing.T) {
	for name, want := range map[string]bool{
		"vpn-2009_test.yaml": true, "dir/x_TEST.YML": true, "costs.yaml": true,
		"default-costs.yaml": true, "my_costs.yml": true,
		"vpn-2009.yaml": false, "testing.yaml": false, "costs-2020.yaml": false, "x_test.csv": false,
	} {
		if got := NotRulebook(name); got != want {
			t.Errorf("NotRulebook(%q) = %v, want %v", name, got, want)
		}
	}
}

// A folder holding a rulebook, its test suite and a costs file: --rules and
// `rules validate` take the rulebook only, so neither of the others is
// reported as an invalid rulebook.
func TestFolderSkipsSuitesAndCosts(t *testing.T) {
	rb, err := os.ReadFile("testdata/vpn.yaml")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	files := map[string]string{"vpn.yaml": string(rb), "vpn_test.yaml": "cases: []\n", "default-costs.yaml": "day_rate: 800\n"}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	names, err := Files(dir)
	if err != nil || len(names) != 1 || filepath.Base(names[0]) != "vpn.yaml" {
		t.Fatalf("Files = %v, %v; want only vpn.yaml", names, err)
	}
	if err := NewSet().AddPath(dir); err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{}
	for name, text := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(text)}
	}
	set, err := LoadFSAs(fsys, "rules")
	if err != nil {
		t.Fatal(err)
	}
	if len(set.Programs()) != 1 {
		t.Fatalf("embedded set loaded %d programs, want 1", len(set.Programs()))
	}
}
