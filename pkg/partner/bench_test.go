package partner

import (
	"bytes"
	"encoding/csv"
	"io"
	"testing"

	"github.com/tiercalc/tiercalc/pkg/synth"
)

// benchData is n synthetic partners in format f, from the one generator
// (pkg/synth) that the CLI's benchmarks and testdata/gen use too.
func benchData(b testing.TB, n int, f Format) []byte {
	var buf bytes.Buffer
	if err := synth.WriteFormat(&buf, f.Name(), n, 1); err != nil {
		b.Fatal(err)
	}
	return buf.Bytes()
}

func benchRead(b *testing.B, f Format, n int) {
	data := benchData(b, n, f)
	s := NewSchema(Vocabulary{Competencies: synth.Competencies, Attestations: synth.Attestations})
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		r, err := NewReader(bytes.NewReader(data), "bench", f, s, ReadOptions{})
		if err != nil {
			b.Fatal(err)
		}
		got := 0
		for {
			_, err := r.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			got++
		}
		if got != n {
			b.Fatalf("read %d records, want %d", got, n)
		}
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "records/s")
	b.ReportMetric(float64(n), "records/op")
}

func BenchmarkReadCSV(b *testing.B)    { benchRead(b, FormatCSV, 100_000) }
func BenchmarkReadJSON(b *testing.B)   { benchRead(b, FormatJSON, 100_000) }
func BenchmarkReadNDJSON(b *testing.B) { benchRead(b, FormatNDJSON, 100_000) }
func BenchmarkReadYAML(b *testing.B)   { benchRead(b, FormatYAML, 20_000) }

// BenchmarkReadCSVBaseline is the floor for BenchmarkReadCSV: encoding/csv
// alone over the same input, converting the numeric cells and nothing else.
func BenchmarkReadCSVBaseline(b *testing.B) {
	const n = 100_000
	data := benchData(b, n, FormatCSV)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		cr := csv.NewReader(bytes.NewReader(data))
		cr.ReuseRecord = true
		got := -1
		for {
			row, err := cr.Read()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			got++
			_ = row
		}
		if got != n {
			b.Fatalf("read %d rows", got)
		}
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "records/s")
}
