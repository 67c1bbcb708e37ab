package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// fakeClock is a clock the test moves by hand.
type fakeClock struct{ t time.Time }

func (c *fakeClock) now() time.Time          { return c.t }
func (c *fakeClock) advance(d time.Duration) { c.t = c.t.Add(d) }

func TestProgressLine(t *testing.T) {
	var buf bytes.Buffer
	clock := &fakeClock{t: time.Date(2026, 1, 15, 9, 0, 0, 0, time.UTC)}
	p := newProgress(&buf, clock.now)

	// Nothing during the first second, however many records.
	for i := 1; i <= 3; i++ {
		clock.advance(300 * time.Millisecond)
		p.update(i * 256)
	}
	if buf.Len() != 0 {
		t.Fatalf("line shown before a second: %q", buf.String())
	}
	clock.advance(100 * time.Millisecond) // 1.0s
	p.update(1000)
	want := "\rtiercalc: 1,000 records read, 1,000/s, 1s elapsed\x1b[K"
	if buf.String() != want {
		t.Fatalf("line = %q, want %q", buf.String(), want)
	}

	// At most one redraw per 250ms.
	buf.Reset()
	clock.advance(100 * time.Millisecond)
	p.update(1100)
	if buf.Len() != 0 {
		t.Fatalf("redrawn after 100ms: %q", buf.String())
	}
	clock.advance(150 * time.Millisecond)
	p.update(2500)
	if !strings.Contains(buf.String(), "2,500 records read, 2,000/s, 1.2s elapsed") {
		t.Fatalf("line = %q", buf.String())
	}

	// A message takes the line's place, and the line comes back under it.
	buf.Reset()
	p.around(func() { buf.WriteString("tiercalc: error: bad record\n") })
	if got := buf.String(); !strings.HasPrefix(got, "\r\x1b[Ktiercalc: error: bad record\n\rtiercalc: 2,500 records read") {
		t.Fatalf("around: %q", got)
	}

	// Stdout on the same terminal: cleared before it writes, back when it
	// ends a line, held back while it is mid-line.
	var out bytes.Buffer
	w := p.guard(&out, true)
	buf.Reset()
	w.Write([]byte("P1,Acme,"))
	if buf.String() != "\r\x1b[K" {
		t.Fatalf("guarded write: %q", buf.String())
	}
	clock.advance(time.Second)
	p.update(5000)
	if buf.String() != "\r\x1b[K" {
		t.Fatalf("redrawn over a partial line: %q", buf.String())
	}
	w.Write([]byte("Enterprise\n"))
	clock.advance(time.Second)
	p.update(6000)
	if !strings.HasSuffix(buf.String(), "6,000 records read, 1,846/s, 3.2s elapsed\x1b[K") {
		t.Fatalf("not back after a full line: %q", buf.String())
	}
	if p.guard(&out, false) != &out {
		t.Error("stdout that is not a terminal needs no guard")
	}

	// done clears the line for good.
	buf.Reset()
	p.done()
	clock.advance(time.Second)
	p.update(7000)
	if buf.String() != "\r\x1b[K" {
		t.Fatalf("after done: %q", buf.String())
	}
}

func TestNilProgressIsInert(t *testing.T) {
	var p *progress
	p.update(1)
	p.done()
	ran := false
	p.around(func() { ran = true })
	if !ran {
		t.Error("around did not run f")
	}
	var out bytes.Buffer
	if p.guard(&out, true) != &out {
		t.Error("nil progress wraps stdout")
	}
}

// TestProgressInARun runs check on enough records to fill a few batches,
// with a clock that moves a second a reading: the line shows on a
// terminal, and never in CI or a pipe (stderr not a terminal).
func TestProgressInARun(t *testing.T) {
	var csv strings.Builder
	csv.WriteString("id,name,VSP,VTSP,competencies,revenue_usd\n")
	for i := range 3 * batchSize {
		fmt.Fprintf(&csv, "P%d,Partner %d,1,2,infrastructure-virtualization,20000\n", i, i)
	}
	file := filepath.Join(t.TempDir(), "many.csv")
	if err := os.WriteFile(file, []byte(csv.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name     string
		terminal bool
		env      map[string]string
		want     bool
	}{
		{"terminal", true, nil, true},
		{"pipe", false, nil, false},
		{"CI", true, map[string]string{"CI": "1"}, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			d, out, errOut := testDeps(tt.env)
			var ticks atomic.Int64
			start := time.Date(2026, 1, 15, 9, 0, 0, 0, time.UTC)
			d.Now = func() time.Time { return start.Add(time.Duration(ticks.Add(1)) * time.Second) }
			d.ErrIsTerminal = tt.terminal
			code := Main([]string{"check", "-p", "vpn-2009", "--as-of", "2026-01-15", "-o", "csv", file}, d)
			if code != ExitOK {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			if n := strings.Count(out.String(), "\n"); n != 3*batchSize+1 {
				t.Errorf("%d lines of csv, want %d", n, 3*batchSize+1)
			}
			got := errOut.String()
			if !tt.want {
				if got != "" {
					t.Errorf("stderr = %q, want nothing", got)
				}
				return
			}
			if !strings.Contains(got, "\rtiercalc: 512 records read, ") || !strings.HasSuffix(got, "\r\x1b[K") {
				t.Errorf("stderr = %q, want the line, then cleared", got)
			}
		})
	}
}
