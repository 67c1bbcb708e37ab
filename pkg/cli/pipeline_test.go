package cli

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tiercalc/tiercalc/pkg/engine"
	"github.com/tiercalc/tiercalc/pkg/partner"
)

func writeCSV(t *testing.T, rows int) string {
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
	d, _, _ := testDeps(nil)
	path := writeCSV(t, 3*batchSize+17)
	var got []string
	p := &pipeline{
		d: d, inputs: []input{{name: path, format: partner.FormatCSV}}, schema: partner.NewSchema(),
		eval: func(rec *partner.Record, dst []engine.Result, _ *engine.Arena) []engine.Result {
			return append(dst, engine.Result{Partner: rec.ID}, engine.Result{Partner: rec.ID + "b"})
		},
		emit: func(rec *partner.Record, rs []engine.Result) error {
			if len(rs) != 2 || rs[0].Partner != rec.ID {
				return fmt.Errorf("record %s got results %v", rec.ID, rs)
			}
			got = append(got, rec.ID)
			return nil
		},
		reject: func(err error) { t.Errorf("rejected: %v", err) },
	}
	st, err := p.run()
	if err != nil {
		t.Fatal(err)
	}
	if st.read != 3*batchSize+17 || st.evaluated != st.read || len(got) != st.read {
		t.Fatalf("stats %+v, emitted %d", st, len(got))
	}
	for i, id := range got {
		if id != fmt.Sprintf("P%d", i) {
			t.Fatalf("record %d is %s: out of order", i, id)
		}
	}
}

// A panic while evaluating is a defect; it must end the run with one
// internal-error message, never a stack trace.
func TestPipelineTurnsPanicIntoError(t *testing.T) {
	d, _, _ := testDeps(nil)
	path := writeCSV(t, 2*batchSize)
	p := &pipeline{
		d: d, inputs: []input{{name: path, format: partner.FormatCSV}}, schema: partner.NewSchema(),
		eval: func(rec *partner.Record, dst []engine.Result, _ *engine.Arena) []engine.Result {
			if rec.ID == "P300" {
				panic("boom")
			}
			return dst
		},
		emit:   func(*partner.Record, []engine.Result) error { return nil },
		reject: func(error) {},
	}
	_, err := p.run()
	var ee *ExitError
	if !errors.As(err, &ee) || ee.Code != ExitFailure || !strings.Contains(err.Error(), "internal error: boom") {
		t.Fatalf("err = %v, want an internal error", err)
	}
}

// A write error (a closed pipe, a full disk) stops the reader early.
func TestPipelineStopsOnEmitError(t *testing.T) {
	d, _, _ := testDeps(nil)
	path := writeCSV(t, 20*batchSize)
	emitted := 0
	p := &pipeline{
		d: d, inputs: []input{{name: path, format: partner.FormatCSV}}, schema: partner.NewSchema(),
		eval: func(rec *partner.Record, dst []engine.Result, _ *engine.Arena) []engine.Result { return dst },
		emit: func(*partner.Record, []engine.Result) error {
			emitted++
			if emitted == 10 {
				return errors.New("write: broken pipe")
			}
			return nil
		},
		reject: func(error) {},
	}
	_, err := p.run()
	if err == nil || !strings.Contains(err.Error(), "broken pipe") {
		t.Fatalf("err = %v", err)
	}
	if emitted != 10 {
		t.Errorf("emit called %d times after the error, want it to stop at 10", emitted)
	}
}
