package cli

import (
	"errors"
	"fmt"
	"io"
	"runtime"
	"sync"

	"github.com/tiercalc/tiercalc/pkg/engine"
	"github.com/tiercalc/tiercalc/pkg/partner"
	"github.com/tiercalc/tiercalc/pkg/report"
)

// batchSize records travel together between the stages: large enough to
// amortise channel costs, small enough to keep memory flat.
const batchSize = 256

// evaluateFunc appends the results of one record to dst. With a non-nil
// arena, it may carve the results' Missing and Unknown slices out of it
// (engine.Evaluator.EvaluateIn): the pipeline passes one only when results
// die with their batch (pipeline.transient).
type evaluateFunc func(rec *partner.Record, dst []engine.Result, a *engine.Arena) []engine.Result

// stats counts what happened to the input records.
type stats struct {
	read, evaluated, rejected int
	stopped                   bool // --max-errors reached
	inputFailures             int  // inputs that could not be read to the end
}

type batch struct {
	recs    []*partner.Record
	results []engine.Result
	ends    []int  // results[ends[i-1]:ends[i]] are recs[i]'s
	out     []byte // with encode: the results' bytes
	err     error  // a panic while evaluating, turned into an error
	done    chan struct{}

	// arena holds the results' gaps when the pipeline is transient; it
	// is reset when the recycled batch is evaluated again.
	arena engine.Arena
}

// pipeline streams records from inputs through eval on every core and hands
// the results to emit in input order. Rejected records go to reject as they
// are met; the rest are still evaluated.
type pipeline struct {
	d         *Deps
	inputs    []input
	schema    *partner.Schema
	readOpts  partner.ReadOptions
	maxErrors int // 0: no limit
	eval      evaluateFunc
	emit      func(rec *partner.Record, results []engine.Result) error
	reject    func(error)
	progress  func(n int) // called by the reader with records read so far; may be nil

	// encode, when set, runs on the workers after eval and appends the
	// bytes of a batch's results to dst; write then gets each batch's
	// bytes, in input order, after emit has seen its records. Formatting
	// is most of the cost of a batch run: this puts it on every core.
	encode func(dst []byte, results []engine.Result) ([]byte, error)
	write  func(b []byte) error

	free chan *batch // emitted batches, for the reader to reuse

	// bounded runs under a soft memory limit (heapBound): set for
	// streaming output, never for printers that hold every result.
	bounded bool

	// transient promises that nothing keeps a result's Missing or
	// Unknown slices once emit (and write) returned: the results are
	// encoded to bytes or counted, never held. The workers then evaluate
	// into the batch's arena, which the batch reuses when it comes back
	// from the free list, instead of allocating every result's gaps.
	// Printers that buffer results, or keep rows (compare), must leave it
	// unset: the Result structs are overwritten on reuse anyway, but a
	// copy of a Result would see its gaps change.
	transient bool
}

// encodeWith makes the workers encode results for a printer that can
// (report.Appender), so that the ordered writer only observes them (the
// --fail-below gate, say) and copies bytes.
func (p *pipeline) encodeWith(a report.Appender, observe func(engine.Result)) {
	p.encode = a.AppendResults
	p.write = a.WriteAppended
	p.bounded = true
	// The workers encode results right after evaluating them, and observe
	// keeps no gaps (the gate keeps ids and names).
	p.transient = true
	p.emit = func(_ *partner.Record, results []engine.Result) error {
		for i := range results {
			observe(results[i])
		}
		return nil
	}
}

// newBatch returns an emitted batch to reuse, or a new one: reuse keeps
// the results and bytes buffers, and the garbage collector idle.
func (p *pipeline) newBatch() *batch {
	select {
	case b := <-p.free:
		clear(b.recs)
		b.recs, b.results, b.ends, b.out, b.err = b.recs[:0], b.results[:0], b.ends[:0], b.out[:0], nil
		b.done = make(chan struct{})
		return b
	default:
	}
	return &batch{
		recs: make([]*partner.Record, 0, batchSize),
		ends: make([]int, 0, batchSize),
		done: make(chan struct{}),
	}
}

func (p *pipeline) run() (stats, error) {
	workers := max(1, runtime.GOMAXPROCS(0))
	work := make(chan *batch, workers)
	order := make(chan *batch, workers*2)
	quit := make(chan struct{})
	// free holds every batch that can be in flight (order's, the
	// emitter's and the reader's), so that an emitted batch is never
	// dropped for want of room: a dropped batch is a fresh one for the
	// reader, whose results and bytes buffers grow again from nothing
	// (with a smaller free list, over a third of the batches of an
	// all-programs run were fresh, most of its allocated bytes).
	p.free = make(chan *batch, cap(order)+2)
	var heap *heapBound
	if p.bounded {
		heap = boundHeap()
		defer heap.release()
	}
	var st stats
	var readErr error

	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for b := range work {
				p.evalBatch(b)
			}
		}()
	}

	go func() {
		defer close(order)
		defer close(work)
		defer func() {
			if v := recover(); v != nil {
				readErr = internalError(v)
			}
		}()
		readErr = p.read(&st, func(b *batch) bool {
			select {
			case order <- b:
			case <-quit:
				return false
			}
			work <- b
			return true
		})
	}()

	var emitErr error
	for b := range order {
		<-b.done
		if b.err != nil && emitErr == nil {
			emitErr = b.err
			close(quit)
		}
		if emitErr != nil {
			continue
		}
		start := 0
		for i, rec := range b.recs {
			end := b.ends[i]
			if err := p.emit(rec, b.results[start:end]); err != nil {
				emitErr = err
				close(quit)
				break
			}
			start = end
		}
		if p.write != nil && emitErr == nil {
			if err := p.write(b.out); err != nil {
				emitErr = err
				close(quit)
			}
		}
		select {
		case p.free <- b:
		default:
		}
		heap.check()
	}
	wg.Wait()
	if emitErr != nil {
		return st, emitErr
	}
	return st, readErr
}

// evalBatch evaluates one batch; a panic (a defect, never expected) fails
// the run with a message instead of killing the process with a stack trace.
func (p *pipeline) evalBatch(b *batch) {
	defer close(b.done)
	defer func() {
		if v := recover(); v != nil {
			b.err = internalError(v)
		}
	}()
	var arena *engine.Arena
	if p.transient {
		// The batch's previous results were emitted and written before
		// it went to the free list: their gaps can be overwritten.
		b.arena.Reset()
		arena = &b.arena
	}
	for _, r := range b.recs {
		b.results = p.eval(r, b.results, arena)
		b.ends = append(b.ends, len(b.results))
	}
	if p.encode != nil {
		b.out, b.err = p.encode(b.out, b.results)
	}
}

// read runs in its own goroutine: it owns st until order is closed.
func (p *pipeline) read(st *stats, send func(*batch) bool) error {
	b := p.newBatch()
	for _, in := range p.inputs {
		rc, name, format, err := in.open(p.d)
		if err != nil {
			p.reject(err)
			st.inputFailures++
			continue
		}
		r, err := partner.NewReader(rc, name, format, p.schema, p.readOpts)
		if err != nil {
			// An unusable header (an unknown column, say) rejects the
			// whole input; the other inputs are still read.
			rc.Close()
			p.reject(err)
			st.inputFailures++
			continue
		}
		for {
			rec, err := r.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				var re *partner.RecordError
				if errors.As(err, &re) {
					st.read++
					st.rejected++
					p.reject(err)
					if p.maxErrors > 0 && st.rejected >= p.maxErrors {
						st.stopped = true
						rc.Close()
						if len(b.recs) > 0 {
							send(b)
						}
						return nil
					}
					continue
				}
				// The rest of this input cannot be read; name where and
				// go on with the next input.
				p.reject(err)
				st.inputFailures++
				break
			}
			st.read++
			st.evaluated++
			b.recs = append(b.recs, rec)
			if len(b.recs) == batchSize {
				if !send(b) {
					rc.Close()
					return nil
				}
				b = p.newBatch()
				if p.progress != nil {
					p.progress(st.read)
				}
			}
		}
		rc.Close()
	}
	if len(b.recs) > 0 {
		send(b)
	}
	return nil
}

// summaryLine is the count line stderr ends with when records were rejected.
func (st stats) summaryLine() string {
	s := fmt.Sprintf("%d records read, %d evaluated, %d rejected", st.read, st.evaluated, st.rejected)
	if st.inputFailures > 0 {
		s += fmt.Sprintf(", %d input(s) not read to the end", st.inputFailures)
	}
	if st.stopped {
		s += " (stopped at --max-errors)"
	}
	return s
}
