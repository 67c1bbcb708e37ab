package root

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/tiercalc/tiercalc/pkg/cmdutil"
	"github.com/tiercalc/tiercalc/pkg/engine"
	"github.com/tiercalc/tiercalc/pkg/partner"
	"github.com/tiercalc/tiercalc/pkg/report"
	"github.com/tiercalc/tiercalc/pkg/summary"
	"github.com/tiercalc/tiercalc/pkg/synth"
)

// batchRecords is more than a few of the pipeline's batches (256 records).
const batchRecords = 20*256 + 7

// serialResults evaluates data one record at a time without an arena
// (every result's gaps on the heap, nothing reused) and hands each result to
// fn: the reference the pipeline's recycled batches and arenas must match.
func serialResults(t *testing.T, data []byte, fn func(engine.Result)) *cmdutil.Evaluation {
	t.Helper()
	f, _, _, _ := testFactory(nil)
	ev, err := cmdutil.NewEvaluation(f, &cmdutil.InputOptions{})
	if err != nil {
		t.Fatal(err)
	}
	r, err := partner.NewReader(bytes.NewReader(data), "-", partner.FormatCSV, ev.Set.Schema(), partner.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var dst []engine.Result
	for {
		rec, err := r.Next()
		if err != nil {
			break
		}
		dst = ev.Evaluate(rec, dst[:0], nil)
		for _, res := range dst {
			fn(res)
		}
	}
	return ev
}

// Batch runs evaluate into arenas that recycled batches overwrite; the
// output over many batches must be what evaluating each record on its own
// gives.
func TestArenaOutputMatchesSerial(t *testing.T) {
	var in bytes.Buffer
	if err := synth.Write(&in, batchRecords, 3); err != nil {
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

			f, stdin, out, errOut := testFactory(nil)
			stdin.Write(data)
			if code := Main([]string{"check", "--input-format", "csv", "-o", format}, f); code != 0 {
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
	if err := synth.Write(&in, batchRecords, 5); err != nil {
		t.Fatal(err)
	}
	data := in.Bytes()
	var pending []engine.Result
	ev := serialResults(t, data, func(r engine.Result) { pending = append(pending, r) })
	agg := summary.New(ev.Resolved)
	agg.Phrase = report.SummaryGapPhrase
	for i := range pending {
		agg.Add(&pending[i])
	}
	var want strings.Builder
	if err := report.WriteSummary(&want, report.JSON, agg.Summary(ev.AsOf.Format(cmdutil.DateLayout), 0)); err != nil {
		t.Fatal(err)
	}

	f, stdin, out, errOut := testFactory(nil)
	stdin.Write(data)
	if code := Main([]string{"summary", "--input-format", "csv", "-o", "json", "--top", "0"}, f); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	// The counts come from evaluation; closest comes from plan (tested in
	// pkg/summary and the summary script), so it is left out here.
	if got, w := withoutClosest(t, out.String()), withoutClosest(t, want.String()); got != w {
		t.Fatalf("summary differs from serial evaluation:\n%s\nwant:\n%s", got, w)
	}
}

func withoutClosest(t *testing.T, s string) string {
	t.Helper()
	var v struct {
		AsOf     string           `json:"as_of"`
		Programs []map[string]any `json:"programs"`
	}
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		t.Fatal(err)
	}
	for _, p := range v.Programs {
		delete(p, "closest")
	}
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
