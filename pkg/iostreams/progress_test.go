package iostreams

import (
	"bytes"
	"strings"
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
	p := NewProgress(&buf, clock.now)

	// Nothing during the first second, however many records.
	for i := 1; i <= 3; i++ {
		clock.advance(300 * time.Millisecond)
		p.Update(i * 256)
	}
	if buf.Len() != 0 {
		t.Fatalf("line shown before a second: %q", buf.String())
	}
	clock.advance(100 * time.Millisecond) // 1.0s
	p.Update(1000)
	want := "\rtiercalc: 1,000 records read, 1,000/s, 1s elapsed\x1b[K"
	if buf.String() != want {
		t.Fatalf("line = %q, want %q", buf.String(), want)
	}

	// At most one redraw per 250ms.
	buf.Reset()
	clock.advance(100 * time.Millisecond)
	p.Update(1100)
	if buf.Len() != 0 {
		t.Fatalf("redrawn after 100ms: %q", buf.String())
	}
	clock.advance(150 * time.Millisecond)
	p.Update(2500)
	if !strings.Contains(buf.String(), "2,500 records read, 2,000/s, 1.2s elapsed") {
		t.Fatalf("line = %q", buf.String())
	}

	// A message takes the line's place, and the line comes back under it.
	buf.Reset()
	p.Around(func() { buf.WriteString("tiercalc: error: bad record\n") })
	if got := buf.String(); !strings.HasPrefix(got, "\r\x1b[Ktiercalc: error: bad record\n\rtiercalc: 2,500 records read") {
		t.Fatalf("around: %q", got)
	}

	// Stdout on the same terminal: cleared before it writes, back when it
	// ends a line, held back while it is mid-line.
	var out bytes.Buffer
	w := p.Guard(&out, true)
	buf.Reset()
	w.Write([]byte("P1,Acme,"))
	if buf.String() != "\r\x1b[K" {
		t.Fatalf("guarded write: %q", buf.String())
	}
	clock.advance(time.Second)
	p.Update(5000)
	if buf.String() != "\r\x1b[K" {
		t.Fatalf("redrawn over a partial line: %q", buf.String())
	}
	w.Write([]byte("Enterprise\n"))
	clock.advance(time.Second)
	p.Update(6000)
	if !strings.HasSuffix(buf.String(), "6,000 records read, 1,846/s, 3.2s elapsed\x1b[K") {
		t.Fatalf("not back after a full line: %q", buf.String())
	}
	if p.Guard(&out, false) != &out {
		t.Error("stdout that is not a terminal needs no guard")
	}

	// done clears the line for good.
	buf.Reset()
	p.Done()
	clock.advance(time.Second)
	p.Update(7000)
	if buf.String() != "\r\x1b[K" {
		t.Fatalf("after done: %q", buf.String())
	}
}

func TestNilProgressIsInert(t *testing.T) {
	var p *Progress
	p.Update(1)
	p.Done()
	ran := false
	p.Around(func() { ran = true })
	if !ran {
		t.Error("around did not run f")
	}
	var out bytes.Buffer
	if p.Guard(&out, true) != &out {
		t.Error("nil progress wraps stdout")
	}
}
