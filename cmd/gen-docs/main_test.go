package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestGenerateEveryPageReproducibly: every command and help topic of the
// tree gets a man page and a Markdown page, nothing else is written, and
// two runs write the same bytes (no date anywhere).
func TestGenerateEveryPageReproducibly(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	if code := run([]string{a}, os.Stderr); code != 0 {
		t.Fatalf("exit %d", code)
	}
	t.Setenv("SOURCE_DATE_EPOCH", "1700000000") // must not matter
	if code := run([]string{b}, os.Stderr); code != 0 {
		t.Fatalf("exit %d", code)
	}
	want := map[string]bool{}
	for _, c := range pages(tree()) {
		want[filepath.Join("man1", strings.ReplaceAll(c.CommandPath(), " ", "-")+".1")] = true
		want[filepath.Join("markdown", strings.ReplaceAll(c.CommandPath(), " ", "_")+".md")] = true
	}
	for _, must := range []string{"man1/tiercalc-rules-schema.1", "man1/tiercalc-exit-codes.1", "man1/tiercalc-completion-bash.1", "markdown/tiercalc_rules_export.md", "markdown/tiercalc_environment.md"} {
		if !want[must] {
			t.Errorf("no page for %s among %d", must, len(want))
		}
	}
	got := 0
	err := filepath.Walk(a, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(a, p)
		got++
		if !want[rel] {
			t.Errorf("stray page %s", rel)
		}
		da, _ := os.ReadFile(p)
		db, err := os.ReadFile(filepath.Join(b, rel))
		if err != nil || !bytes.Equal(da, db) {
			t.Errorf("%s differs between two runs", rel)
		}
		if strings.HasSuffix(rel, ".1") && !bytes.Contains(da, []byte(`" "1" "" "tiercalc" "tiercalc manual"`)) {
			t.Errorf("%s: the .TH line has a date: %s", rel, bytes.SplitN(da, []byte("\n"), 3)[1])
		}
		if bytes.Contains(da, []byte("Auto generated")) {
			t.Errorf("%s: has cobra's generated-on line", rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if got != len(want) {
		t.Errorf("%d pages written, want %d", got, len(want))
	}
	schema, _ := os.ReadFile(filepath.Join(a, "man1", "tiercalc-rules-schema.1"))
	if !bytes.Contains(schema, []byte("EXAMPLE")) || !bytes.Contains(schema, []byte("yaml-language-server")) {
		t.Errorf("the rules schema page lacks its examples or its text:\n%s", schema)
	}
}

func TestUsage(t *testing.T) {
	var stderr bytes.Buffer
	if code := run(nil, &stderr); code != 2 || !strings.Contains(stderr.String(), "usage: gen-docs DIR") {
		t.Errorf("exit %d, %q", code, stderr.String())
	}
}
