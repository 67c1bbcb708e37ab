package iostreams

import (
	"errors"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
)

// The --out file appears only when the run finishes with complete results;
// until then the previous file is untouched.
func TestOutFileReplacedAtTheEnd(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.csv")
	if err := os.WriteFile(path, []byte("old\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, keep := range []bool{false, true} {
		ios, _, stdout, _ := Test()
		if err := ios.SetOutFile(path); err != nil {
			t.Fatal(err)
		}
		if _, err := ios.ResultsOut().Write([]byte("new\n")); err != nil {
			t.Fatal(err)
		}
		if b, _ := os.ReadFile(path); string(b) != "old\n" {
			t.Fatalf("target changed before the end: %q", b)
		}
		if err := ios.FinishOutFile(keep); err != nil {
			t.Fatal(err)
		}
		want := "old\n"
		if keep {
			want = "new\n"
		}
		if b, _ := os.ReadFile(path); string(b) != want {
			t.Errorf("keep=%v: %q, want %q", keep, b, want)
		}
		if st, _ := os.Stat(path); st.Mode().Perm() != 0o600 {
			t.Errorf("mode %v, want the old file's 0600", st.Mode())
		}
		if stdout.Len() != 0 {
			t.Errorf("stdout got %q", stdout)
		}
	}
	ios, _, _, _ := Test()
	if err := ios.SetOutFile(dir); err == nil {
		t.Error("a folder as --out was accepted")
	}
	if err := ios.SetOutFile(filepath.Join(dir, "no", "x")); err == nil {
		t.Error("--out in a missing folder was accepted")
	}
}

// A signal the process inherited as ignored (nohup, a script's & job) is
// left ignored: the run goes on through it, and so does its temporary file.
func TestOutFileKeepsIgnoredSignals(t *testing.T) {
	signal.Ignore(syscall.SIGHUP)
	defer signal.Reset(syscall.SIGHUP)
	for _, s := range catchable() {
		if s == syscall.SIGHUP {
			t.Fatal("an ignored SIGHUP is caught")
		}
	}
	if !slices.Contains(catchable(), os.Interrupt) && !signal.Ignored(os.Interrupt) {
		t.Error("SIGINT is not caught")
	}

	path := filepath.Join(t.TempDir(), "out.csv")
	ios, _, _, stderr := Test()
	if err := ios.SetOutFile(path); err != nil {
		t.Fatal(err)
	}
	if _, err := ios.ResultsOut().Write([]byte("new\n")); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Kill(os.Getpid(), syscall.SIGHUP); err != nil {
		t.Fatal(err)
	}
	time.Sleep(50 * time.Millisecond)
	if err := ios.FinishOutFile(true); err != nil {
		t.Fatalf("the run went on but its file is gone: %v", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "new\n" {
		t.Errorf("got %q", b)
	}
	if stderr.Len() != 0 {
		t.Errorf("stderr: %q", stderr)
	}
}

// A finished run replaces the file even when it wrote nothing; "-" is
// stdout.
func TestOutFileReplacedWhenEmpty(t *testing.T) {
	path := filepath.Join(t.TempDir(), "out.csv")
	if err := os.WriteFile(path, []byte("old\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	ios, _, _, _ := Test()
	if err := ios.SetOutFile(path); err != nil {
		t.Fatal(err)
	}
	if err := ios.FinishOutFile(true); err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(path); err != nil || len(b) != 0 {
		t.Errorf("got %q, %v; want an empty file", b, err)
	}
	if err := ios.SetOutFile("-"); err != nil || ios.OutFile() != "" {
		t.Errorf("--out - is not stdout: %v %q", err, ios.OutFile())
	}
}

// A real interrupt (a signal not ignored) removes the temporary file, says
// so once on stderr, and ends the process by that signal. The process is a
// copy of this test binary, which interrupts itself.
func TestOutFileInterrupted(t *testing.T) {
	if dir := os.Getenv("TIERCALC_INTERRUPT_DIR"); dir != "" {
		ios := New(nil, os.Stdout, os.Stderr)
		if err := ios.SetOutFile(filepath.Join(dir, "out.csv")); err != nil {
			t.Fatal(err)
		}
		if _, err := ios.ResultsOut().Write([]byte("partial\n")); err != nil {
			t.Fatal(err)
		}
		_ = syscall.Kill(os.Getpid(), syscall.SIGTERM)
		time.Sleep(5 * time.Second)
		t.Fatal("still running after SIGTERM")
	}
	if signal.Ignored(syscall.SIGTERM) {
		t.Skip("SIGTERM is ignored here")
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "out.csv"), []byte("old\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestOutFileInterrupted$")
	cmd.Env = append(os.Environ(), "TIERCALC_INTERRUPT_DIR="+dir)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	err := cmd.Run()
	var ee *exec.ExitError
	if !errors.As(err, &ee) {
		t.Fatalf("child: %v", err)
	}
	if ws, ok := ee.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() || ws.Signal() != syscall.SIGTERM {
		t.Errorf("child ended with %v, want killed by SIGTERM", err)
	}
	if got, want := stderr.String(), "tiercalc: error: interrupted (terminated); --out "+filepath.Join(dir, "out.csv")+" left as it was\n"; got != want {
		t.Errorf("stderr %q, want %q", got, want)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("files left: %v", entries)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "out.csv")); string(b) != "old\n" {
		t.Errorf("out.csv is %q", b)
	}
}
