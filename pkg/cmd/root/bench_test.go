package root

import (
	"bytes"
	"io"
	"testing"

	"github.com/tiercalc/tiercalc/pkg/cmdutil"
	"github.com/tiercalc/tiercalc/pkg/iostreams"
	"github.com/tiercalc/tiercalc/pkg/synth"
)

// benchCheck runs `tiercalc check` end to end (stdin to a discarded stdout)
// over n synthetic partners, on every core, under the binary's soft heap
// limit.
func benchCheck(b *testing.B, n int, args ...string) {
	var in bytes.Buffer
	if err := synth.Write(&in, n, 1); err != nil {
		b.Fatal(err)
	}
	data := in.Bytes()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		ios := iostreams.New(bytes.NewReader(data), io.Discard, io.Discard)
		f := cmdutil.NewFactory(ios, testNow, func(string) string { return "" }, "bench")
		f.BoundHeap = true
		if code := Main(append([]string{"check", "--input-format", "csv"}, args...), f); code != 0 {
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
