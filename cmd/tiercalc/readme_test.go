package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// readmeAsOf is the day the README's outputs are taken on, so that they do
// not change with the calendar; the README says so.
const readmeAsOf = "2026-12-01"

// TestREADME runs every command of the README's console blocks and compares
// what it prints (stdout and stderr, as a terminal shows them) with the
// block. `go test ./cmd/tiercalc -run TestREADME -update` rewrites the
// blocks with what the commands print now: review the diff.
func TestREADME(t *testing.T) {
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("no bash on this machine: the README's commands are bash")
	}
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	readme := filepath.Join(root, "README.md")
	src, err := os.ReadFile(readme)
	if err != nil {
		t.Fatal(err)
	}
	// The commands run where testdata/ and the README's small example files
	// (testdata/readme) are at hand, with no user settings.
	work := t.TempDir()
	if err := os.Symlink(filepath.Join(root, "testdata"), filepath.Join(work, "testdata")); err != nil {
		t.Fatal(err)
	}
	examples, _ := filepath.Glob(filepath.Join(root, "testdata", "readme", "*"))
	for _, f := range examples {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(work, filepath.Base(f)), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	env := append(os.Environ(), "HOME="+work, "XDG_CONFIG_HOME="+filepath.Join(work, ".config"),
		"TIERCALC_AS_OF="+readmeAsOf, "COLUMNS=120", "LC_ALL=C.UTF-8")

	lines := strings.SplitAfter(string(src), "\n")
	var out strings.Builder
	changed := false
	for i := 0; i < len(lines); i++ {
		out.WriteString(lines[i])
		if strings.TrimSpace(lines[i]) != "```console" {
			continue
		}
		start := i + 1
		end := start
		for end < len(lines) && strings.TrimSpace(lines[end]) != "```" {
			end++
		}
		block := lines[start:end]
		got := runBlock(t, work, env, start+1, block)
		want := strings.Join(block, "")
		if got != want {
			changed = true
			if !*update {
				t.Errorf("README.md:%d: the block's output is not what its commands print now\n--- README\n%s--- now\n%s", start+1, want, got)
			}
		}
		out.WriteString(got)
		i = end - 1
	}
	if changed && *update {
		if err := os.WriteFile(readme, []byte(out.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// runBlock runs each "$ command" of a console block in bash, one after the
// other ($? is the previous command's status), and returns the block as it
// should read: each command followed by what it printed.
func runBlock(t *testing.T, dir string, env []string, line int, block []string) string {
	var b strings.Builder
	status := 0
	for j, l := range block {
		cmdline, ok := strings.CutPrefix(l, "$ ")
		if !ok {
			continue
		}
		cmdline = strings.TrimSuffix(cmdline, "\n")
		c := exec.Command("bash", "-c", "(exit "+strconv.Itoa(status)+"); "+cmdline)
		c.Dir = dir
		c.Env = env
		var buf bytes.Buffer
		c.Stdout = &buf
		c.Stderr = &buf
		err := c.Run()
		status = 0
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			status = ee.ExitCode()
		} else if err != nil {
			t.Fatalf("README.md:%d: %s: %v", line+j, cmdline, err)
		}
		b.WriteString(l)
		if !strings.HasSuffix(l, "\n") {
			b.WriteString("\n")
		}
		b.Write(buf.Bytes())
	}
	return b.String()
}
