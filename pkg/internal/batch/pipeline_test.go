package batch

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/tiercalc/tiercalc/pkg/engine"
	"github.com/tiercalc/tiercalc/pkg/partner"
)

// fileInput is a CSV file of records.
type fileInput string

func (f fileInput) Open() (io.ReadCloser, string, partner.Format, error) {
	rc, err := os.Open(string(f))
	return rc, string(f), partner.FormatCSV, err
}

func writeCSV(t testing.TB, rows int) string {
	t.Helper()
	var b strings.Builder
	b.WriteString("id,VTSP\n")
	for i := range rows {
		fmt.Fprintf(&b, "P%d,%d\n", i, i%5)
	}
	path := filepath.Join(t.TempDir(), "p.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// Results come out in input order although batches are evaluated on
// several goroutines.
func TestPipelineKeepsInputOrder(t *testing.T) {
	path := writeCSV(t, 3*batchSize+17)
	var got []string
	p := &Pipeline{
		Inputs: []Input{fileInput(path)}, Schema: partner.NewSchema(),
		Eval: func(rec *partner.Record, dst []engine.Result, _ *engine.Arena) []engine.Result {
			return append(dst, engine.Result{Partner: rec.ID}, engine.Result{Partner: rec.ID + "b"})
		},
		Reject: func(err error) { t.Errorf("rejected: %v", err) },
	}
	st, err := p.Run(Keep(func(_ string, rec *partner.Record, rs []engine.Result) error {
		if len(rs) != 2 || rs[0].Partner != rec.ID {
			return fmt.Errorf("record %s got results %v", rec.ID, rs)
		}
		got = append(got, rec.ID)
		return nil
	}))
	if err != nil {
		t.Fatal(err)
	}
	if st.Read != 3*batchSize+17 || st.Evaluated != st.Read || len(got) != st.Read {
		t.Fatalf("stats %+v, emitted %d", st, len(got))
	}
	for i, id := range got {
		if id != fmt.Sprintf("P%d", i) {
			t.Fatalf("record %d is %s: out of order", i, id)
		}
	}
}

// Batches are cut to about resultsBudget results once evaluated batches
// tell how many results a record makes: records of one result travel 256
// at a time, records of eight 64 at a time.
func TestPipelineSizesBatchesByResults(t *testing.T) {
	path := writeCSV(t, 40*batchSize)
	for _, tc := range []struct{ perRecord, want int }{{1, batchSize}, {8, 64}} {
		var sizes []int
		p := &Pipeline{
			Inputs: []Input{fileInput(path)}, Schema: partner.NewSchema(),
			Eval: func(rec *partner.Record, dst []engine.Result, _ *engine.Arena) []engine.Result {
				for range tc.perRecord {
					dst = append(dst, engine.Result{Partner: rec.ID})
				}
				return dst
			},
			Reject: func(err error) { t.Errorf("rejected: %v", err) },
		}
		// Each batch's bytes are its count of records; Write sees them
		// in input order.
		_, err := p.Run(Encoded{
			Encode: func(dst []byte, rs []engine.Result) ([]byte, error) {
				return strconv.AppendInt(dst, int64(len(rs)/tc.perRecord), 10), nil
			},
			Write: func(b []byte) error {
				n, err := strconv.Atoi(string(b))
				sizes = append(sizes, n)
				return err
			},
		})
		if err != nil {
			t.Fatal(err)
		}
		// The reader runs a few batches ahead of the first one evaluated;
		// the last batch holds what is left.
		if len(sizes) < 20 {
			t.Fatalf("%d results a record: %d batches %v", tc.perRecord, len(sizes), sizes)
		}
		for _, n := range sizes[len(sizes)-15 : len(sizes)-1] {
			if n != tc.want {
				t.Fatalf("%d results a record: batches of %v, want %d records", tc.perRecord, sizes, tc.want)
			}
		}
	}
}

// A panic while evaluating is a defect; it must end the run with one
// internal-error message, never a stack trace.
func TestPipelineTurnsPanicIntoError(t *testing.T) {
	path := writeCSV(t, 2*batchSize)
	p := &Pipeline{
		Inputs: []Input{fileInput(path)}, Schema: partner.NewSchema(),
		Eval: func(rec *partner.Record, dst []engine.Result, _ *engine.Arena) []engine.Result {
			if rec.ID == "P300" {
				panic("boom")
			}
			return dst
		},
		Reject: func(error) {},
	}
	_, err := p.Run(Transient(func([]engine.Result) error { return nil }))
	var pe *PanicError
	if !errors.As(err, &pe) || !strings.Contains(err.Error(), "internal error: boom") {
		t.Fatalf("err = %v, want an internal error", err)
	}
}

// A write error (a closed pipe, a full disk) stops the reader early.
func TestPipelineStopsOnEmitError(t *testing.T) {
	path := writeCSV(t, 20*batchSize)
	emitted := 0
	p := &Pipeline{
		Inputs: []Input{fileInput(path)}, Schema: partner.NewSchema(),
		Eval:   func(rec *partner.Record, dst []engine.Result, _ *engine.Arena) []engine.Result { return dst },
		Reject: func(error) {},
	}
	_, err := p.Run(Keep(func(string, *partner.Record, []engine.Result) error {
		emitted++
		if emitted == 10 {
			return errors.New("write: broken pipe")
		}
		return nil
	}))
	if err == nil || !strings.Contains(err.Error(), "broken pipe") {
		t.Fatalf("err = %v", err)
	}
	if emitted != 10 {
		t.Errorf("emit called %d times after the error, want it to stop at 10", emitted)
	}
}
