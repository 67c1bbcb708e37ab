package plan

import (
	"io"
	"os"
	"testing"
	"time"

	"github.com/tiercalc/tiercalc/pkg/cmdutil"
	"github.com/tiercalc/tiercalc/pkg/iostreams"
)

// BenchmarkPlan plans the sample partners under Partner Connect, every
// track, as NDJSON.
func BenchmarkPlan(b *testing.B) {
	ios, _, _, _ := iostreams.Test()
	ios.Out = io.Discard
	f := cmdutil.NewFactory(ios, func() time.Time { return time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC) }, os.Getenv, "test")
	for b.Loop() {
		cmd := NewCmdPlan(f, nil)
		cmd.SetArgs([]string{"-p", "partner-connect-2020", "-o", "ndjson", benchFile()})
		if err := cmd.Execute(); err != nil {
			b.Fatal(err)
		}
	}
}

func benchFile() string {
	if f := os.Getenv("PLAN_BENCH_FILE"); f != "" {
		return f
	}
	return "../../../testdata/partners.csv"
}
