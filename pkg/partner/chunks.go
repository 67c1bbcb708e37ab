package partner

import (
	"bytes"
	"fmt"
	"io"
	"runtime"
	"sync"
)

// Parallel reading of CSV and NDJSON. One goroutine cuts the input into
// chunks at line ends, every core parses chunks, and Next hands out their
// records in input order. What needs input order stays in Next: the
// duplicate-id check (claimID) and the once-per-name warnings.
//
// A line end is a record boundary unless a quoted CSV cell spans it. A
// chunk is parsed as if it started a row; when the chunk before it ends
// inside a quoted cell, that guess was wrong: Next drops the chunk's
// results and parses the open row's start together with the chunk again,
// serially, as often as it takes. A line longer than maxChunkLine sends the
// rest of the input to one serial parser. Either way every record, error
// and position is the serial reader's.

// chunkSize is the bytes a chunk holds before its last line end; a
// variable so that tests can force tiny chunks and the serial path.
var chunkSize = 256 << 10

// serialReading turns the parallel reader off (tests compare the two).
var serialReading = false

// maxChunkLine bounds what is read in search of a line end.
const maxChunkLine = 4 << 20

// chunkParser parses one chunk at a time; each worker has its own.
type chunkParser interface {
	Reader
	// start begins a chunk read from r whose first line is line; last
	// says that it ends the input.
	start(r io.Reader, line int, last bool)
	// col is the column of the record Next just returned (JSON), or 0.
	col() int
	// dirty gives the offset in the chunk and the line of its last row
	// when the chunk ended inside a quoted cell; off is -1 otherwise.
	dirty() (off, line int)
	// builder is the parser's builder, which carves its records.
	builder() *builder
}

// item is one result of a chunk, in input order.
type item struct {
	rec  *Record
	err  error    // a rejection, a warning (warn) or a fatal error
	warn *warning // err is a warning; nil otherwise
	col  int
	id   idClaim // rec's id, ready for the claim (none with UniqueIDs)
	dup  idDup   // the claim's verdict (claim.go)
}

// warning says how an item's warning is given. It is apart from item,
// which a chunk holds thousands of, because warnings are rare.
type warning struct {
	once    string // a warning given once per name (perName): the name
	perName bool
}

// anyWarning is the warning of an item given each time.
var anyWarning = &warning{}

type chunkJob struct {
	data      []byte
	line      int
	last      bool
	rest      io.Reader // the rest of the input, read serially after data
	err       error     // a read error: the input ends here
	items     []item
	dirtyOff  int
	dirtyLine int
	done      chan struct{}
	mem       *recMem // where items' records were carved (ReadOptions.Reuse)
}

// parserSlot is a parser and where its warnings go.
type parserSlot struct {
	p    chunkParser
	out  *[]item
	file string
	ids  *IDs      // prepares the records' ids; nil with UniqueIDs
	mq   *memQueue // the reader's record memory; nil unless ReadOptions.Reuse
}

func newSlot(b *builder, fork func(emit func(item)) chunkParser) *parserSlot {
	s := &parserSlot{file: b.file}
	if !b.opt.UniqueIDs {
		s.ids = b.ids
	}
	s.p = fork(func(it item) { *s.out = append(*s.out, it) })
	return s
}

// parse parses data into j's items.
func (s *parserSlot) parse(j *chunkJob, data []byte, line int) {
	j.items = j.items[:0]
	s.out = &j.items
	defer func() {
		if v := recover(); v != nil { // a defect: the input ends with it
			j.items = append(j.items, item{err: fmt.Errorf("%s: internal error: %v", s.file, v)})
			j.dirtyOff = -1
		}
	}()
	if s.mq != nil {
		s.mq.give(j.mem) // a parse again: nothing of the last one was handed out
		j.mem = s.mq.carve(s.p.builder())
		defer func() { s.p.builder().mem = nil }()
	}
	s.p.start(bytes.NewReader(data), line, j.last)
	for {
		rec, err := s.p.Next()
		if err == io.EOF {
			break
		}
		j.items = append(j.items, s.item(rec, err))
	}
	j.dirtyOff, j.dirtyLine = s.p.dirty()
}

// item is what the parser's Next gave, with the record's id prepared
// here, in parallel, for the claim Next makes in input order.
func (s *parserSlot) item(rec *Record, err error) item {
	return withID(item{rec: rec, err: err, col: s.p.col()}, s.ids)
}

// withID is it with its record's id prepared for the claim by ids (nil
// with UniqueIDs: nothing to claim), on the goroutine that parsed it.
func withID(it item, ids *IDs) item {
	if it.rec != nil && it.err == nil && ids != nil {
		it.id = ids.prepare(it.rec.ID)
	}
	return it
}

// parReader is the Reader of a chunked input.
type parReader struct {
	b     *builder // claims ids and gives warnings, in order
	order chan *chunkJob
	work  chan *chunkJob
	free  chan *chunkJob
	quit  chan struct{}
	once  sync.Once

	own       *parserSlot // re-parses after a wrong guess; the serial rest
	cur       *chunkJob
	items     []item
	pos       int
	serial    bool
	carry     []byte // an open row's start, from the previous chunk
	carryLine int
	err       error // sticky: io.EOF or a fatal error
	sized     bool  // the id set was sized from the first chunk

	mq  *memQueue // record memory given back by Release; nil unless ReadOptions.Reuse
	seg memSeg    // the records handed out from the current chunk
}

// readChunks reads src, whose first line is line, in parallel with the
// parsers fork makes; b claims ids and gives warnings.
func readChunks(b *builder, src io.Reader, line int, fork func(emit func(item)) chunkParser) Reader {
	workers := max(1, runtime.GOMAXPROCS(0))
	p := &parReader{b: b, quit: make(chan struct{}),
		order: make(chan *chunkJob, workers+1), work: make(chan *chunkJob, workers+1),
		free: make(chan *chunkJob, 2*workers+3), own: newSlot(b, fork)}
	if b.opt.Reuse {
		p.mq = newMemQueue(workers)
		p.own.mq = p.mq
	}
	for range workers {
		s := newSlot(b, fork)
		s.mq = p.mq
		go func() {
			for j := range p.work {
				s.parse(j, j.data, j.line)
				close(j.done)
			}
		}()
	}
	go p.split(src, line)
	return p
}

// Close stops the reading goroutines of an input not read to its end.
func (p *parReader) Close() error {
	p.once.Do(func() { close(p.quit) })
	return nil
}

// Next returns the next record in input order.
func (p *parReader) Next() (*Record, error) {
	for {
		if rec, err, ok := p.handOut(); ok { // shared with jsonpar.go
			return rec, err
		}
		if p.err != nil {
			return nil, p.err
		}
		if p.serial {
			p.items, p.pos = p.items[:0], 0
			p.own.out = &p.items
			rec, err := p.own.p.Next()
			if err == io.EOF {
				p.err = io.EOF
				continue
			}
			p.items = append(p.items, p.own.item(rec, err))
			p.claim()
			continue
		}
		p.advance()
	}
}

// deliver acts on one item: ok when Next returns it.
func (p *parReader) deliver(it *item) (*Record, error, bool) {
	switch {
	case it.warn != nil:
		b := p.b
		if w := it.warn; w.perName {
			if b.warned[w.once] || len(b.warned) >= maxWarned {
				return nil, nil, false
			}
			if b.warned == nil {
				b.warned = map[string]bool{}
			}
			b.warned[w.once] = true
		}
		if b.opt.Warn != nil {
			b.opt.Warn(it.err.(*RecordError))
		}
		return nil, nil, false
	case it.err != nil:
		if _, ok := it.err.(*RecordError); !ok {
			p.err = it.err // fatal: sticky
		}
		return nil, it.err, true
	}
	if it.dup.first != 0 { // a duplicate id (never with UniqueIDs)
		return nil, p.b.claimed(*it), true
	}
	p.seg.n++
	return it.rec, nil, true
}

// Release takes back the next n records Next returned (ReadOptions.Reuse).
func (p *parReader) Release(n int) {
	if p.mq != nil {
		p.mq.release(n)
	}
}

// claim claims the ids of the items not yet handed out, in order.
func (p *parReader) claim() {
	if !p.b.opt.UniqueIDs {
		p.b.ids.claim(p.items[p.pos:], p.b.idBase)
	}
}

// advance takes the next chunk's items.
func (p *parReader) advance() {
	p.advanceMem()
	if p.cur != nil {
		p.cur.mem = nil // the queue's now
		select {
		case p.free <- p.cur:
		default:
		}
		p.cur = nil
	}
	j, ok := <-p.order
	if !ok {
		p.err = io.EOF
		return
	}
	<-j.done
	p.cur = j
	p.items, p.pos = nil, 0
	if j.err != nil {
		p.err = j.err // a row cut short by it is lost, as when read serially
		return
	}
	data, line := j.data, j.line
	if p.carry != nil {
		// The chunk started inside the previous one's open row: its
		// results are void; parse again from the row's start.
		data, line = append(p.carry, j.data...), p.carryLine
		p.carry = nil
		if j.rest == nil {
			p.own.parse(j, data, line)
		}
	}
	if j.rest != nil {
		p.own.p.start(io.MultiReader(bytes.NewReader(data), j.rest), line, true)
		p.serial = true
		return
	}
	p.items, p.seg.m = j.items, j.mem
	p.reserveIDs(len(j.data), j.items)
	p.claim()
	if j.dirtyOff >= 0 {
		p.carry = bytes.Clone(data[j.dirtyOff:])
		p.carryLine = j.dirtyLine
	}
}

// split cuts src into chunks ended at line ends and hands them to the
// workers and, in the same order, to Next.
func (p *parReader) split(src io.Reader, line int) {
	defer close(p.work)
	defer close(p.order)
	var left []byte // what followed the last chunk's last line end
	for {
		j := p.newJob()
		buf, err := fill(src, append(j.data[:0], left...), chunkSize)
		i := bytes.LastIndexByte(buf, '\n')
		for err == nil && i < 0 && len(buf) < maxChunkLine {
			from := len(buf)
			buf, err = fill(src, buf, from+chunkSize)
			if k := bytes.LastIndexByte(buf[from:], '\n'); k >= 0 {
				i = from + k
			}
		}
		j.data = buf
		switch {
		case err == io.EOF:
			j.last = true
			p.send(j, &line)
			return
		case err != nil:
			if i >= 0 {
				j.data = buf[:i+1]
				if !p.send(j, &line) {
					return
				}
				j = p.newJob()
			}
			j.err = fmt.Errorf("%s: %w", p.b.file, err)
			p.send(j, &line)
			return
		case i < 0:
			j.rest, j.last = src, true
			p.send(j, &line)
			return
		}
		left = append(left[:0], buf[i+1:]...)
		j.data = buf[:i+1]
		if !p.send(j, &line) {
			return
		}
	}
}

// send queues a chunk; false when the reader was closed.
func (p *parReader) send(j *chunkJob, line *int) bool {
	j.line = *line
	*line += bytes.Count(j.data, []byte{'\n'})
	j.done = make(chan struct{})
	parse := j.err == nil && j.rest == nil
	if !parse {
		close(j.done)
	}
	select {
	case p.order <- j:
	case <-p.quit:
		return false
	}
	if parse {
		p.work <- j
	}
	return true
}

func (p *parReader) newJob() *chunkJob {
	select {
	case j := <-p.free:
		j.last, j.rest, j.err = false, nil, nil
		return j
	default:
	}
	return &chunkJob{data: make([]byte, 0, chunkSize+chunkSize/4)}
}

// fill reads src into buf until it holds n bytes or the read fails.
func fill(src io.Reader, buf []byte, n int) ([]byte, error) {
	for len(buf) < n {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		m, err := src.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+m]
		if err != nil {
			return buf, err
		}
	}
	return buf, nil
}
