package cli

import (
	"bytes"
	"io"
	"testing"
	"time"

	"github.com/tiercalc/tiercalc/pkg/synth"
)

// benchCheck runs `tiercalc check` end to end (stdin to a discarded stdout)
// over n synthetic partners, on every core.
func benchCheck(b *testing.B, n int, args ...string) {
	var in bytes.Buffer
	if err := synth.Write(&in, n, 1); err != nil {
		b.Fatal(err)
	}
	data := in.Bytes()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		d := &Deps{
			In:     bytes.NewReader(data),
			Out:    io.Discard,
			ErrOut: io.Discard,
			Now:    func() time.Time { return time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC) },
			Getenv: func(string) string { return "" },
		}
		if code := Main(append([]string{"check", "--input-format", "csv"}, args...), d); code != 0 {
			b.Fatalf("exit code %d", code)
		}
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "partners/s")
}

func BenchmarkCheckCSV(b *testing.B)    { benchCheck(b, 100_000, "-p", "vpn-2009", "-o", "csv") }
func BenchmarkCheckNDJSON(b *testing.B) { benchCheck(b, 100_000, "-p", "vpn-2009", "-o", "ndjson") }
func BenchmarkCheckJSON(b *testing.B)   { benchCheck(b, 100_000, "-p", "vpn-2009", "-o", "json") }
func BenchmarkCheckAllCSV(b *testing.B) { benchCheck(b, 100_000, "-o", "csv") }
func BenchmarkCheckAllNDJSON(b *testing.B) {
	benchCheck(b, 100_000, "-o", "ndjson")
}
