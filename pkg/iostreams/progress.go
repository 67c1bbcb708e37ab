package iostreams

import (
	"bytes"
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/tiercalc/tiercalc/pkg/report"
)

const (
	// progressDelay keeps small inputs from ever showing a progress line.
	progressDelay = time.Second
	// progressEvery limits redraws to four a second.
	progressEvery = 250 * time.Millisecond
)

// Progress is the line "tiercalc: 1,234,567 records read, 250,000/s, 4.9s
// elapsed" on an interactive stderr, rewritten in place and cleared at the
// end. The reader calls Update; other writers to the terminal go through
// Around or Guard so that their text never lands on the line. A nil
// *Progress does nothing.
type Progress struct {
	mu    sync.Mutex
	w     io.Writer
	now   func() time.Time
	start time.Time
	next  time.Time // no redraw before
	n     int
	shown bool // the line is on the screen
	// midLine: stdout, on the same terminal, last wrote part of a line,
	// which a redraw would overwrite.
	midLine  bool
	finished bool
}

// NewProgress returns a progress line drawn on w, timed by now.
func NewProgress(w io.Writer, now func() time.Time) *Progress {
	start := now()
	return &Progress{w: w, now: now, start: start, next: start.Add(progressDelay)}
}

// Update records that n records have been read, and redraws the line if it
// is time to.
func (p *Progress) Update(n int) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.n = n
	t := p.now()
	if t.Before(p.next) || p.midLine || p.finished {
		return
	}
	p.next = t.Add(progressEvery)
	p.draw(t)
}

func (p *Progress) draw(t time.Time) {
	elapsed := t.Sub(p.start)
	rate := 0.0
	if s := elapsed.Seconds(); s > 0 {
		rate = float64(p.n) / s
	}
	fmt.Fprintf(p.w, "\rtiercalc: %s records read, %s/s, %s elapsed\x1b[K",
		report.Number(float64(p.n), ""), report.Number(float64(int64(rate)), ""), elapsed.Truncate(100*time.Millisecond))
	p.shown = true
}

func (p *Progress) clear() {
	if p.shown {
		io.WriteString(p.w, "\r\x1b[K")
		p.shown = false
	}
}

// Done clears the line for good.
func (p *Progress) Done() {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.clear()
	p.finished = true
}

// Around runs f, which writes whole lines to the terminal, with the line
// out of its way, and puts the line back.
func (p *Progress) Around(f func()) {
	if p == nil {
		f()
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	was := p.shown
	p.clear()
	f()
	if was && !p.finished {
		p.draw(p.now())
	}
}

// Guard returns stdout w such that, when it shares the terminal with the
// line, its writes clear the line first. The line comes back once stdout is
// at the start of a line again.
func (p *Progress) Guard(w io.Writer, terminal bool) io.Writer {
	if p == nil || !terminal {
		return w
	}
	return &guardedWriter{p: p, w: w}
}

type guardedWriter struct {
	p *Progress
	w io.Writer
}

func (g *guardedWriter) Write(b []byte) (int, error) {
	p := g.p
	p.mu.Lock()
	defer p.mu.Unlock()
	was := p.shown
	p.clear()
	n, err := g.w.Write(b)
	if len(b) > 0 {
		p.midLine = !bytes.HasSuffix(b, []byte{'\n'})
	}
	if was && !p.midLine && !p.finished {
		p.draw(p.now())
	}
	return n, err
}
