package iostreams

import (
	"os"
	"path/filepath"
	"testing"
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
