// Package batch is the ordered parallel pipeline of the commands that
// evaluate partner records: one goroutine reads records into batches, every
// core evaluates (and, for an Encoded sink, encodes) them, and one loop hands
// the results to a Sink in input order. What the sink may keep of the
// results is stated by its type (sink.go).
package batch

import (
	"errors"
	"fmt"
	"io"
	"runtime"
	"sync"

	"github.com/tiercalc/tiercalc/pkg/engine"
	"github.com/tiercalc/tiercalc/pkg/partner"
)

// batchSize records travel together between the stages: large enough to
// amortise channel costs, small enough to keep memory flat.
const batchSize = 256

// A batch's results are written by the evaluating core, then read back by
// its encoder: with several programs a record makes a handful (all three
// shipped ones, seven), and 256 records' results and bytes no longer fit
// in a core's cache beside the parser's work, so that the encoder reads
// them from memory. Batches are cut to about resultsBudget results
// (sizeFor), never under minBatchSize records.
const (
	resultsBudget = 512
	minBatchSize  = 32
)

// sizeFor is the records of a batch after one of n records made results
// results: batchSize when they made none (a PerRecord sink) or at most
// two a record.
func sizeFor(results, n int) int {
	if results <= 0 || n <= 0 {
		return batchSize
	}
	return min(batchSize, max(minBatchSize, resultsBudget*n/results))
}

// EvaluateFunc appends the results of one record to dst. With a non-nil
// arena, it may carve the results' Missing and Unknown slices out of it
// (engine.Evaluator.EvaluateIn): the pipeline passes one only to a sink
// whose results die with their batch.
type EvaluateFunc func(rec *partner.Record, dst []engine.Result, a *engine.Arena) []engine.Result

// Input is one source of partner records.
type Input interface {
	// Open opens the input; name is what messages call it.
	Open() (rc io.ReadCloser, name string, f partner.Format, err error)
}

// Stats counts what happened to the input records.
type Stats struct {
	Read, Evaluated, Rejected int
	Stopped                   bool // --max-errors reached
	InputFailures             int  // inputs that could not be read to the end
	Refused                   int  // inputs refused whole for their size (exit 2)
}

// PanicError is a panic met while reading or evaluating, a defect: the run
// ends with it instead of a stack trace.
type PanicError struct{ Value any }

func (e *PanicError) Error() string { return fmt.Sprintf("internal error: %v", e.Value) }

type batch struct {
	recs    []*partner.Record
	results []engine.Result
	ends    []int            // results[ends[i-1]:ends[i]] are recs[i]'s
	file    string           // the input the records come from: a batch never spans two
	src     partner.Releaser // takes the records back once emitted; nil: kept
	out     []byte           // with encode: the results' bytes
	err     error            // a panic while evaluating, turned into an error
	done    chan struct{}

	// arena holds the results' gaps for a transient sink; it is reset
	// when the recycled batch is evaluated again.
	arena engine.Arena
}

// Pipeline streams records from Inputs through Eval on every core and hands
// the results to a Sink in input order. Rejected records go to Reject as
// they are met; the rest are still evaluated.
type Pipeline struct {
	Inputs      []Input
	Schema      *partner.Schema
	ReadOptions partner.ReadOptions
	MaxErrors   int // 0: no limit
	Eval        EvaluateFunc
	Reject      func(error)
	Progress    func(n int) // called with the records read so far; may be nil

	// BoundHeap runs the pipeline under a soft memory limit (heapBound),
	// whatever its sink: without it the collector's headroom grows with
	// the live heap (the id set). The binary sets it; unit tests leave it
	// off so that they do not change the test process's GC.
	BoundHeap bool

	free  chan *batch // emitted batches, for the reader to reuse
	file  string      // the input being read (the reader's own)
	reuse bool        // the sink keeps no record: readers may reuse their memory
	size  int         // records a batch holds (sizeFor); the reader's own
}

// newBatch returns an emitted batch to reuse, or a new one: reuse keeps
// the results and bytes buffers, and the garbage collector idle. An
// emitted batch still holds its records and results, which size the
// batches read next.
func (p *Pipeline) newBatch() *batch {
	select {
	case b := <-p.free:
		if b.err == nil && len(b.recs) > 0 {
			p.size = sizeFor(len(b.results), len(b.recs))
		}
		clear(b.recs)
		b.recs, b.results, b.ends, b.out, b.err = b.recs[:0], b.results[:0], b.ends[:0], b.out[:0], nil
		b.done, b.file, b.src = make(chan struct{}), p.file, nil
		return b
	default:
	}
	return &batch{
		file: p.file,
		recs: make([]*partner.Record, 0, batchSize),
		ends: make([]int, 0, batchSize),
		done: make(chan struct{}),
	}
}

// Run reads every input to the end (or to MaxErrors) and returns what
// happened to the records, and the first error of the sink or a panic.
func (p *Pipeline) Run(sink Sink) (Stats, error) {
	emit, encoded, perRecord, transient := sinkEmit(sink)
	p.reuse = transient
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
	p.size = batchSize
	var heap *heapBound
	if p.BoundHeap {
		heap = boundHeap(!p.ReadOptions.UniqueIDs)
		defer heap.release()
	}
	var st Stats
	var readErr error

	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for b := range work {
				p.evalBatch(b, transient, encoded.Encode, perRecord)
			}
		}()
	}

	go func() {
		defer close(order)
		defer close(work)
		defer func() {
			if v := recover(); v != nil {
				readErr = &PanicError{Value: v}
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
		if emitErr != nil {
			continue
		}
		if b.err != nil {
			emitErr = b.err
			close(quit)
			continue
		}
		if emitErr = emitBatch(b, emit, encoded.Write); emitErr != nil {
			close(quit)
		} else if b.src != nil {
			// Emitted: the sink is done with the records (transient), so
			// their memory may carry the next chunk's.
			b.src.Release(len(b.recs))
		}
		heap.check(len(b.recs))
		select {
		case p.free <- b:
		default:
		}
	}
	wg.Wait()
	if emitErr != nil {
		return st, emitErr
	}
	return st, readErr
}

// sinkEmit adapts sink to what the emitting loop calls for each record, in
// input order; encoded is the sink when it is Encoded, and transient says
// the results die with their batch (every sink but Keep).
func sinkEmit(sink Sink) (emit func(string, *partner.Record, []engine.Result) error, encoded Encoded,
	perRecord func([]byte, *partner.Record) ([]byte, error), transient bool) {
	switch s := sink.(type) {
	case Keep:
		return s, encoded, nil, false
	case Transient:
		return func(_ string, _ *partner.Record, rs []engine.Result) error { return s(rs) }, encoded, nil, true
	case Located:
		return s, encoded, nil, true
	case PerRecord:
		encoded = Encoded{Write: s.Write, Encode: func(dst []byte, _ []engine.Result) ([]byte, error) { return dst, nil }}
		return func(string, *partner.Record, []engine.Result) error { return nil }, encoded, s.Encode, true
	case Encoded:
		if s.Observe == nil {
			return func(string, *partner.Record, []engine.Result) error { return nil }, s, nil, true
		}
		return func(_ string, _ *partner.Record, rs []engine.Result) error {
			for i := range rs {
				s.Observe(rs[i])
			}
			return nil
		}, s, nil, true
	}
	panic(fmt.Sprintf("batch: unknown sink %T", sink))
}

// emitBatch hands an evaluated batch's results to emit, record by record,
// then its bytes to write when there is one; it stops at the first error.
func emitBatch(b *batch, emit func(string, *partner.Record, []engine.Result) error, write func([]byte) error) error {
	start := 0
	for i, rec := range b.recs {
		end := b.ends[i]
		if err := emit(b.file, rec, b.results[start:end]); err != nil {
			return err
		}
		start = end
	}
	if write != nil {
		return write(b.out)
	}
	return nil
}

// evalBatch evaluates one batch; a panic (a defect, never expected) fails
// the run with a message instead of killing the process with a stack trace.
func (p *Pipeline) evalBatch(b *batch, transient bool, encode func([]byte, []engine.Result) ([]byte, error), perRecord func([]byte, *partner.Record) ([]byte, error)) {
	defer close(b.done)
	defer func() {
		if v := recover(); v != nil {
			b.err = &PanicError{Value: v}
		}
	}()
	var arena *engine.Arena
	if transient {
		// The batch's previous results were emitted and written before
		// it went to the free list: their gaps can be overwritten.
		b.arena.Reset()
		arena = &b.arena
	}
	for _, r := range b.recs {
		if perRecord != nil {
			if b.out, b.err = perRecord(b.out, r); b.err != nil {
				return
			}
		} else {
			b.results = p.Eval(r, b.results, arena)
		}
		b.ends = append(b.ends, len(b.results))
	}
	if perRecord != nil {
		return
	}
	if encode != nil {
		b.out, b.err = encode(b.out, b.results)
	}
}

// read runs in its own goroutine: it owns st until order is closed.
func (p *Pipeline) read(st *Stats, send func(*batch) bool) error {
	b := p.newBatch()
	for _, in := range p.Inputs {
		rc, r, name := p.open(in, st)
		if r == nil {
			continue
		}
		if len(b.recs) > 0 { // a batch never spans two inputs: it names one
			if !send(b) {
				rc.Close()
				return nil
			}
			b = p.newBatch()
		}
		p.file, b.file = name, name
		var stop bool
		if b, stop = p.readInput(rc, r, st, b, send); stop {
			return nil
		}
	}
	if len(b.recs) > 0 {
		send(b)
	}
	return nil
}

// open opens one input and its record reader, and gives its name; a nil
// reader when the input is rejected whole, which is counted in st.
func (p *Pipeline) open(in Input, st *Stats) (io.Closer, partner.Reader, string) {
	rc, name, format, err := in.Open()
	if err != nil {
		p.Reject(err)
		st.InputFailures++
		return nil, nil, ""
	}
	opt := p.ReadOptions
	opt.Reuse = p.reuse
	r, err := partner.NewReader(rc, name, format, p.Schema, opt)
	if err != nil {
		// An unusable header (an unknown column, say) rejects the
		// whole input; the other inputs are still read.
		rc.Close()
		p.Reject(err)
		if _, ok := err.(*partner.TooLargeError); ok {
			st.Refused++
		} else {
			st.InputFailures++
		}
		return nil, nil, ""
	}
	return rc, r, name
}

// readInput reads r's records into batches, sending each full one, and
// closes rc. It returns the batch being filled, and stop when the run ends
// here: at MaxErrors (the partial batch sent) or when send refuses.
func (p *Pipeline) readInput(rc io.Closer, r partner.Reader, st *Stats, b *batch, send func(*batch) bool) (*batch, bool) {
	if c, ok := r.(io.Closer); ok { // a parallel reader's goroutines
		defer c.Close()
	}
	src, _ := r.(partner.Releaser)
	if !p.reuse {
		src = nil
	}
	b.src = src
	for {
		rec, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			var re *partner.RecordError
			if !errors.As(err, &re) {
				// The rest of this input cannot be read; name where and
				// go on with the next input.
				p.Reject(err)
				st.InputFailures++
				break
			}
			if p.rejectRecord(err, st) {
				rc.Close()
				if len(b.recs) > 0 {
					send(b)
				}
				return b, true
			}
			continue
		}
		st.Read++
		st.Evaluated++
		b.recs = append(b.recs, rec)
		if len(b.recs) >= p.size {
			if !send(b) {
				rc.Close()
				return b, true
			}
			b = p.newBatch()
			b.src = src
			if p.Progress != nil {
				p.Progress(st.Read)
			}
		}
	}
	rc.Close()
	return b, false
}

// rejectRecord counts and rejects a bad record; true when it is the
// MaxErrors-th, which stops the run.
func (p *Pipeline) rejectRecord(err error, st *Stats) bool {
	st.Read++
	st.Rejected++
	p.Reject(err)
	if p.MaxErrors > 0 && st.Rejected >= p.MaxErrors {
		st.Stopped = true
		return true
	}
	return false
}

// SummaryLine is the count line stderr ends with when records were rejected.
func (st Stats) SummaryLine() string {
	s := fmt.Sprintf("%d records read, %d evaluated, %d rejected", st.Read, st.Evaluated, st.Rejected)
	if st.InputFailures > 0 {
		s += fmt.Sprintf(", %d input(s) not read to the end", st.InputFailures)
	}
	if st.Refused > 0 {
		s += fmt.Sprintf(", %d input(s) refused for their size", st.Refused)
	}
	if st.Stopped {
		s += " (stopped at --max-errors)"
	}
	return s
}
