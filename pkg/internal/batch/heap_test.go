package batch

import (
	"runtime"
	"runtime/debug"
	"syscall"
	"testing"
	"time"

	"github.com/tiercalc/tiercalc/pkg/engine"
	"github.com/tiercalc/tiercalc/pkg/partner"
)

// BenchmarkPipelineHeap runs 200,000 records through a pipeline that keeps
// nothing, under the collector settings of a streaming run: "40MiB" is
// GOGC at its default under a fixed 40 MiB limit (how runs were bounded
// before), "bound" is BoundHeap (GOGC off under a limit that starts at
// softHeapLimit). It reports the collections and the process's CPU an op.
func BenchmarkPipelineHeap(b *testing.B) {
	path := writeCSV(b, 200_000)
	run := func(b *testing.B, bound bool) {
		p := &Pipeline{
			Inputs: []Input{fileInput(path)}, Schema: partner.NewSchema(), BoundHeap: bound,
			ReadOptions: partner.ReadOptions{IDs: partner.NewIDs()},
			Eval: func(rec *partner.Record, dst []engine.Result, _ *engine.Arena) []engine.Result {
				return append(dst, engine.Result{Partner: rec.ID})
			},
			Reject: func(err error) { b.Fatal(err) },
		}
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		gc0, cpu0 := ms.NumGC, cpuTime(b)
		for b.Loop() {
			p.ReadOptions.IDs = partner.NewIDs()
			if _, err := p.Run(Transient(func([]engine.Result) error { return nil })); err != nil {
				b.Fatal(err)
			}
		}
		runtime.ReadMemStats(&ms)
		b.ReportMetric(float64(ms.NumGC-gc0)/float64(b.N), "gcs/op")
		b.ReportMetric(float64((cpuTime(b)-cpu0).Nanoseconds())/float64(b.N), "cpu-ns/op")
	}
	b.Run("40MiB", func(b *testing.B) {
		defer debug.SetMemoryLimit(debug.SetMemoryLimit(40 << 20))
		run(b, false)
	})
	b.Run("bound", func(b *testing.B) { run(b, true) })
}

// cpuTime is the user and system time the process has used.
func cpuTime(b *testing.B) time.Duration {
	var u syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &u); err != nil {
		b.Fatal(err)
	}
	return time.Duration(u.Utime.Nano() + u.Stime.Nano())
}
