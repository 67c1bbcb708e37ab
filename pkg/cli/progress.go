package cli

import (
	"bytes"
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/tiercalc/tiercalc/pkg/engine"
)

const (
	// progressDelay keeps small inputs from ever showing a progress line.
	progressDelay = time.Second
	// progressEvery limits redraws to four a second.
	progressEvery = 250 * time.Millisecond
)

// progress is the line "tiercalc: 1,234,567 records read, 250,000/s, 4.9s
// elapsed" on an interactive stderr, rewritten in place and cleared at the
// end. The reader calls update; other writers to the terminal go through
// around or guard so that their text never lands on the line. A nil
// *progress does nothing.
type progress struct {
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

// startProgress returns a progress line for a run, or nil where none may
// show: stderr is not a terminal, or CI is set.
func startProgress(d *Deps) *progress {
	if !progressAllowed(d) {
		return nil
	}
	return newProgress(d.ErrOut, d.Now)
}

func progressAllowed(d *Deps) bool {
	return d.ErrIsTerminal && (d.Getenv == nil || d.Getenv("CI") == "")
}

func newProgress(w io.Writer, now func() time.Time) *progress {
	start := now()
	return &progress{w: w, now: now, start: start, next: start.Add(progressDelay)}
}

// update records that n records have been read, and redraws the line if it
// is time to.
func (p *progress) update(n int) {
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

func (p *progress) draw(t time.Time) {
	elapsed := t.Sub(p.start)
	rate := 0.0
	if s := elapsed.Seconds(); s > 0 {
		rate = float64(p.n) / s
	}
	fmt.Fprintf(p.w, "\rtiercalc: %s records read, %s/s, %s elapsed\x1b[K",
		engine.Number(float64(p.n)), engine.Number(float64(int64(rate))), elapsed.Truncate(100*time.Millisecond))
	p.shown = true
}

func (p *progress) clear() {
	if p.shown {
		io.WriteString(p.w, "\r\x1b[K")
		p.shown = false
	}
}

// done clears the line for good.
func (p *progress) done() {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.clear()
	p.finished = true
}

// around runs f, which writes whole lines to the terminal, with the line
// out of its way, and puts the line back.
func (p *progress) around(f func()) {
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

// guard returns stdout w such that, when it shares the terminal with the
// line, its writes clear the line first. The line comes back once stdout is
// at the start of a line again.
func (p *progress) guard(w io.Writer, terminal bool) io.Writer {
	if p == nil || !terminal {
		return w
	}
	return &guardedWriter{p: p, w: w}
}

type guardedWriter struct {
	p *progress
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
