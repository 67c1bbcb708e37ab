package initcmd

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tiercalc/tiercalc/pkg/cmdutil"
	"github.com/tiercalc/tiercalc/pkg/iostreams"
	"github.com/tiercalc/tiercalc/pkg/partner"
	"github.com/tiercalc/tiercalc/pkg/rulebook"
)

// TestStarterValidates: the starter is a valid rulebook that fits the
// record format its own vocabulary makes, and it begins with the line
// editors read the schema from.
func TestStarterValidates(t *testing.T) {
	p, err := rulebook.Parse("starter.yaml", Starter)
	if err != nil {
		t.Fatal(err)
	}
	if err := p.CheckSchema(partner.NewSchema(p.Vocab())); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(Starter), "# yaml-language-server: $schema=") {
		t.Error("the starter does not begin with the editor's schema line")
	}
}

func TestInitWritesAndRefusesToOverwrite(t *testing.T) {
	ios, _, _, stderr := iostreams.Test()
	f := cmdutil.NewFactory(ios, time.Now, func(string) string { return "" }, "test")
	file := filepath.Join(t.TempDir(), "r.yaml")
	run := func(args ...string) error {
		cmd := NewCmdInit(f, nil)
		cmd.SetArgs(args)
		cmd.SilenceUsage, cmd.SilenceErrors = true, true
		return cmd.Execute()
	}
	if err := run(file); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(file)
	if string(got) != string(Starter) {
		t.Fatal("the file is not the starter")
	}
	if !strings.Contains(stderr.String(), "wrote ") {
		t.Errorf("stderr = %q", stderr)
	}
	if err := os.WriteFile(file, []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := run(file); cmdutil.CodeOf(err) != cmdutil.ExitUsage {
		t.Fatalf("existing file: %v (exit %d), want a usage error", err, cmdutil.CodeOf(err))
	}
	if got, _ := os.ReadFile(file); string(got) != "mine" {
		t.Fatal("an existing file was overwritten without --force")
	}
	if err := run("--force", file); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(file); string(got) != string(Starter) {
		t.Fatal("--force did not replace the file")
	}
}
