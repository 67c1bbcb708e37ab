package partner

import (
	"fmt"
	"io"
	"runtime"
	"sync"
)

// Parallel reading of a JSON array (or a stream of objects). One goroutine
// runs the serial jsonReader in split mode: it finds each element's bytes
// and every error between elements, in input order and with their
// positions, but checks and decodes nothing. It copies runs of elements
// into batches; every core checks and decodes batches (the costly part);
// Next hands out their records in input order and claims ids there, as
// chunks.go does for CSV and NDJSON. Records, rejections, warnings, lines
// and columns are the serial reader's, as FuzzJSONChunks checks.

// jsonElem is one entry of a batch: an element, or what the reader gave
// in place of one (a rejection, or the fatal error that ends the input).
type jsonElem struct {
	end       int // the element is batch.data[the previous entry's end:end]
	line, col int
	err       error
}

// jsonBatch is a run of consecutive entries, decoded by one worker.
type jsonBatch struct {
	data  []byte
	elems []jsonElem
	items []item // the worker's results, in input order
	done  chan struct{}
	mem   *recMem // where the records were carved (ReadOptions.Reuse)
}

// jsonPar is the Reader of a JSON input read in parallel.
type jsonPar struct {
	p     parReader // its deliver gives items in order (ids, warnings)
	order chan *jsonBatch
	work  chan *jsonBatch
	free  chan *jsonBatch
	quit  chan struct{}
	once  sync.Once

	cur   *jsonBatch // being filled by the splitter
	taken *jsonBatch // its items are being handed out by Next
}

// readJSONParallel reads j's input with a decoding worker per core.
func readJSONParallel(j *jsonReader) Reader {
	workers := max(1, runtime.GOMAXPROCS(0))
	p := &jsonPar{p: parReader{b: j.b}, quit: make(chan struct{}),
		order: make(chan *jsonBatch, workers+1), work: make(chan *jsonBatch, workers+1),
		free: make(chan *jsonBatch, 2*workers+3)}
	if j.b.opt.Reuse {
		p.p.mq = newMemQueue(workers)
	}
	for range workers {
		w := &jsonWorker{mq: p.p.mq}
		if !j.b.opt.UniqueIDs {
			w.ids = j.b.ids
		}
		w.b = j.b.fork(func(it item) { *w.out = append(*w.out, it) })
		go func() {
			for bt := range p.work {
				w.decode(bt)
				close(bt.done)
			}
		}()
	}
	go p.split(j)
	return p
}

// split runs j to the end of its input, batching what it finds.
func (p *jsonPar) split(j *jsonReader) {
	defer close(p.work)
	defer close(p.order)
	p.cur = p.newBatch()
	j.take = p.add
	for {
		_, err := j.Next() // no record: split mode decodes nothing
		if err == io.EOF {
			break
		}
		if err != nil {
			p.cur.elems = append(p.cur.elems, jsonElem{end: len(p.cur.data), err: err})
			if _, ok := err.(*RecordError); !ok {
				break // fatal: the input ends here
			}
		}
	}
	p.send()
}

// add copies one element into the batch being filled (j.buf is reused),
// and sends the batch on when it is full.
func (p *jsonPar) add(raw []byte, line, col int) {
	bt := p.cur
	bt.data = append(bt.data, raw...)
	bt.elems = append(bt.elems, jsonElem{end: len(bt.data), line: line, col: col})
	if len(bt.data) >= chunkSize {
		p.send()
		p.cur = p.newBatch()
	}
}

// send queues the batch being filled; when the reader was closed, the
// splitter ends here (its deferred closes stop the workers).
func (p *jsonPar) send() {
	bt := p.cur
	bt.done = make(chan struct{})
	select {
	case p.order <- bt:
	case <-p.quit:
		runtime.Goexit()
	}
	p.work <- bt
}

func (p *jsonPar) newBatch() *jsonBatch {
	select {
	case bt := <-p.free:
		bt.data, bt.elems = bt.data[:0], bt.elems[:0]
		return bt
	default:
	}
	return &jsonBatch{data: make([]byte, 0, chunkSize+chunkSize/4)}
}

// Close stops the reading goroutines of an input not read to its end.
func (p *jsonPar) Close() error {
	p.once.Do(func() { close(p.quit) })
	return nil
}

// Next returns the next record in input order.
func (p *jsonPar) Next() (*Record, error) {
	for {
		if rec, err, ok := p.p.handOut(); ok {
			return rec, err
		}
		if p.p.err != nil {
			return nil, p.p.err
		}
		p.p.advanceMem()
		if t := p.taken; t != nil {
			t.mem = nil // the queue's now
			if cap(t.data) <= 4*chunkSize {
				// kept for reuse unless a long element grew it: the
				// batches in flight hold at most one such element each
				select {
				case p.free <- t:
				default:
				}
			}
		}
		p.taken = nil
		bt, ok := <-p.order
		if !ok {
			p.p.err = io.EOF
			continue
		}
		<-bt.done
		p.taken, p.p.items, p.p.pos, p.p.seg.m = bt, bt.items, 0, bt.mem
		p.p.reserveIDs(len(bt.data), bt.items)
		p.p.claim()
	}
}

// Release takes back the next n records Next returned (ReadOptions.Reuse).
func (p *jsonPar) Release(n int) { p.p.Release(n) }

// handOut acts on the items left, in order, up to the one Next returns
// (ok); the readers of chunks.go and of this file share it.
func (p *parReader) handOut() (*Record, error, bool) {
	for p.pos < len(p.items) {
		// The item is not cleared: its job holds it until the job is
		// parsed again, a few chunks later, which bounds what it keeps.
		it := &p.items[p.pos]
		p.pos++
		if rec, err, ok := p.deliver(it); ok {
			return rec, err, true
		}
	}
	return nil, nil, false
}

// jsonWorker decodes batches with its own builder.
type jsonWorker struct {
	b   *builder
	out *[]item
	ids *IDs      // prepares the records' ids; nil with UniqueIDs
	mq  *memQueue // the reader's record memory; nil unless ReadOptions.Reuse
}

func (w *jsonWorker) decode(bt *jsonBatch) {
	bt.items = bt.items[:0]
	w.out = &bt.items
	w.b.warned = nil // given once per batch here, once per input by Next
	if w.mq != nil {
		bt.mem = w.mq.carve(w.b)
		defer func() { w.b.mem = nil }()
	}
	defer func() {
		if v := recover(); v != nil { // a defect: the input ends with it
			bt.items = append(bt.items, item{err: fmt.Errorf("%s: internal error: %v", w.b.file, v)})
		}
	}()
	from := 0
	for _, e := range bt.elems {
		if e.err != nil {
			bt.items = append(bt.items, item{err: e.err})
			continue
		}
		rec, err := w.b.decodeJSON(bt.data[from:e.end], e.line, e.col)
		from = e.end
		bt.items = append(bt.items, withID(item{rec: rec, err: err, col: e.col}, w.ids))
	}
}
