package export

import (
	"bytes"
	"io/fs"
	"testing"
	"time"

	"github.com/tiercalc/tiercalc/pkg/cmdutil"
	"github.com/tiercalc/tiercalc/pkg/iostreams"
	"github.com/tiercalc/tiercalc/pkg/rulebook"
	"github.com/tiercalc/tiercalc/rules"
)

// TestExportIsTheEmbeddedFile: each shipped rulebook is exported byte for
// byte as it is embedded, and what is exported parses on its own.
func TestExportIsTheEmbeddedFile(t *testing.T) {
	set, err := rulebook.LoadFSAs(rules.FS, "rules")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range set.Programs() {
		ios, _, out, _ := iostreams.Test()
		f := cmdutil.NewFactory(ios, time.Now, func(string) string { return "" }, "test")
		cmd := NewCmdExport(f, nil)
		cmd.SetArgs([]string{p.ID})
		cmd.SilenceUsage, cmd.SilenceErrors = true, true
		if err := cmd.Execute(); err != nil {
			t.Fatal(err)
		}
		want, err := fs.ReadFile(rules.FS, p.ID+".yaml")
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(out.Bytes(), want) {
			t.Errorf("%s: the export differs from the embedded file", p.ID)
		}
		if _, err := rulebook.Parse("exported.yaml", out.Bytes()); err != nil {
			t.Errorf("%s: the export does not parse: %v", p.ID, err)
		}
		if !p.Embedded() {
			t.Errorf("%s: a shipped rulebook does not say it is embedded", p.ID)
		}
	}
}
