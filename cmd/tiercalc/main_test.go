package main

import (
	"flag"
	"path/filepath"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

var update = flag.Bool("update", false, "rewrite the expected output in testdata/script with what tiercalc prints")

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"tiercalc": main,
	})
}

// TestScripts runs one end-to-end script per user story, each against the
// real entry point, in testdata/script.
func TestScripts(t *testing.T) {
	root, err := filepath.Abs("../../testdata")
	if err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir:           filepath.Join(root, "script"),
		UpdateScripts: *update,
		Setup: func(env *testscript.Env) error {
			// Scripts reach the shared sample data as $TESTDATA; HOME is the
			// work folder, so no user config leaks in.
			env.Setenv("TESTDATA", root)
			env.Setenv("HOME", env.WorkDir)
			env.Setenv("XDG_CONFIG_HOME", filepath.Join(env.WorkDir, ".config"))
			return nil
		},
	})
}
