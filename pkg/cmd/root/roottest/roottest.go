// Package roottest runs tiercalc in-process for the tests of other
// packages: the real command tree and entry point, a fixed clock and no
// environment.
package roottest

import (
	"strings"
	"testing"
	"time"

	"github.com/tiercalc/tiercalc/pkg/cmd/root"
	"github.com/tiercalc/tiercalc/pkg/cmdutil"
	"github.com/tiercalc/tiercalc/pkg/iostreams"
)

// Run runs tiercalc with args on 2026-12-01 and returns its stdout; any
// exit code but 0 fails the test with stderr.
func Run(t testing.TB, args ...string) []byte {
	t.Helper()
	ios, _, out, errOut := iostreams.Test()
	now := func() time.Time { return time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC) }
	f := cmdutil.NewFactory(ios, now, func(string) string { return "" }, "test")
	if code := root.Main(args, f); code != 0 {
		t.Fatalf("tiercalc %s: exit %d: %s", strings.Join(args, " "), code, errOut)
	}
	return out.Bytes()
}
