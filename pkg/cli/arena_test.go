package cli

import (
	"bytes"
	"strings"
	"testing"

	"github.com/tiercalc/tiercalc/pkg/engine"
	"github.com/tiercalc/tiercalc/pkg/partner"
	"github.com/tiercalc/tiercalc/pkg/report"
	"github.com/tiercalc/tiercalc/pkg/summary"
	"github.com/tiercalc/tiercalc/pkg/synth"
)

// serialResults evaluates data one record at a time with engine.Evaluate
// (every result's gaps on the heap, nothing reused) and hands each result to
// f: the reference the pipeline's recycled batches and arenas must match.
func serialResults(t *testing.T, data []byte, f func(engine.Result)) *evaluation {
	t.Helper()
	d, _, _ := testDeps(nil)
	ev, err := newEvaluation(d, &globalOptions{}, &inputOptions{})
	if err != nil {
		t.Fatal(err)
	}
	r, err := partner.NewReader(bytes.NewReader(data), "-", partner.FormatCSV, ev.set.Schema(), partner.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var dst []engine.Result
	for {
		rec, err := r.Next()
		if err != nil {
			break
		}
		dst = dst[:0]
		for _, e := range ev.evs {
			dst = e.Evaluate(rec, ev.asOf, dst)
		}
		for _, res := range dst {
			f(res)
		}
	}
	return ev
}

// Batch runs evaluate into arenas that recycled batches overwrite; the
// output over many batches must be what evaluating each record on its own
// gives.
func TestArenaOutputMatchesSerial(t *testing.T) {
	var in bytes.Buffer
	if err := synth.Write(&in, 20*batchSize+7, 3); err != nil {
		t.Fatal(err)
	}
	data := in.Bytes()
	for _, format := range []string{"ndjson", "csv", "json"} {
		t.Run(format, func(t *testing.T) {
			var want bytes.Buffer
			p, err := report.New(report.Format(format), &want, report.Options{})
			if err != nil {
				t.Fatal(err)
			}
			serialResults(t, data, func(r engine.Result) {
				if err := p.Print(r); err != nil {
					t.Fatal(err)
				}
			})
			if err := p.Close(); err != nil {
				t.Fatal(err)
			}

			d, out, errOut := testDeps(nil)
			d.In = bytes.NewReader(data)
			if code := Main([]string{"check", "--input-format", "csv", "-o", format}, d); code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			if !bytes.Equal(out.Bytes(), want.Bytes()) {
				t.Fatalf("-o %s differs from serial evaluation (%d vs %d bytes)", format, out.Len(), want.Len())
			}
		})
	}
}

// summary counts gaps from the arena too.
func TestArenaSummaryMatchesSerial(t *testing.T) {
	var in bytes.Buffer
	if err := synth.Write(&in, 20*batchSize+7, 5); err != nil {
		t.Fatal(err)
	}
	data := in.Bytes()
	var agg *summary.Aggregator
	var pending []engine.Result
	ev := serialResults(t, data, func(r engine.Result) { pending = append(pending, r) })
	agg = summary.New(ev.resolved)
	for i := range pending {
		agg.Add(&pending[i])
	}
	var want strings.Builder
	if err := report.WriteSummary(&want, report.Format("json"), agg.Summary(ev.asOf.Format(dateLayout), 0)); err != nil {
		t.Fatal(err)
	}

	d, out, errOut := testDeps(nil)
	d.In = bytes.NewReader(data)
	if code := Main([]string{"summary", "--input-format", "csv", "-o", "json", "--top", "0"}, d); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if out.String() != want.String() {
		t.Fatalf("summary differs from serial evaluation:\n%s\nwant:\n%s", out, want.String())
	}
}
