package partner

import (
	"io"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/tiercalc/tiercalc/pkg/synth"
)

// BenchmarkReadCSVSerial reads CSV on one goroutine, the duplicate-id
// claim included: its time per op is the CPU that parsing and claiming
// cost, which BenchmarkReadCSV's wall time spreads over the cores.
func BenchmarkReadCSVSerial(b *testing.B) {
	defer func() { serialReading = false }()
	serialReading = true
	benchRead(b, FormatCSV, 100_000)
}

// BenchmarkReadCSVFile reads 200,000 partners from a file, as the CLI
// does (in parallel chunks, the id set sized from the file's size), and
// reports the process's CPU time an op beside the wall time: the cost
// the cores share.
func BenchmarkReadCSVFile(b *testing.B) {
	const n = 200_000
	path := filepath.Join(b.TempDir(), "partners.csv")
	if err := os.WriteFile(path, benchData(b, n, FormatCSV), 0o644); err != nil {
		b.Fatal(err)
	}
	s := NewSchema(Vocabulary{Competencies: synth.Competencies, Attestations: synth.Attestations})
	b.ReportAllocs()
	cpu0 := cpuTime(b)
	for b.Loop() {
		f, err := os.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		r, err := NewReader(f, path, FormatCSV, s, ReadOptions{})
		if err != nil {
			b.Fatal(err)
		}
		got := 0
		for {
			if _, err = r.Next(); err != nil {
				break
			}
			got++
		}
		f.Close()
		if err != io.EOF || got != n {
			b.Fatalf("read %d records, want %d: %v", got, n, err)
		}
	}
	b.ReportMetric(float64((cpuTime(b)-cpu0).Nanoseconds())/float64(b.N), "cpu-ns/op")
}

// cpuTime is the user and system time the process has used.
func cpuTime(b *testing.B) time.Duration {
	var u syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &u); err != nil {
		b.Fatal(err)
	}
	return time.Duration(u.Utime.Nano() + u.Stime.Nano())
}
