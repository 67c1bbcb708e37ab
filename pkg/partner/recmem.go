package partner

import (
	"sync"
)

// Reusable record memory (ReadOptions.Reuse). A chunk read in parallel
// carves its records and their Nums out of one recMem. (Lists stay on the
// heap: the CSV reader shares one list among the rows that spell it alike.)
// The caller gives records back in the order Next returned them
// (Release); once every record of a chunk has come back, its recMem
// returns to a free list and the next chunk's records are carved from
// the same, still cached, memory. A run then allocates little per record
// beyond the strings it keeps (a CSV row's id and name), and the collector
// runs a fraction as often.
//
// Accounting is per chunk, not per record: Next counts the records it
// returns from each recMem, and the count goes to a queue, in order, when
// Next moves past the chunk. Release adds to a credit; a queued recMem is
// free when the credit covers its records and those of every recMem
// queued before it. A record that is rejected (a duplicate id) or voided
// (a chunk parsed again) is never returned, so it is in no count: its
// memory goes back with the rest of its chunk.

// memSlab is the records of one slab of a recMem.
const memSlab = 256

// recMem is the record memory of one chunk.
type recMem struct {
	recs [][]Record
	nums [][]float64
	nr   int // records carved: the next is recs[nr/memSlab][nr%memSlab]
}

// record carves a record with n Nums, every one Unknown, from m.
func (m *recMem) record(n int, unknown []float64) *Record {
	s, i := m.nr/memSlab, m.nr%memSlab
	if s == len(m.recs) {
		m.recs = append(m.recs, make([]Record, memSlab))
		m.nums = append(m.nums, unknownSlab(memSlab*n))
	}
	m.nr++
	r := &m.recs[s][i]
	r.Nums = m.nums[s][i*n : (i+1)*n : (i+1)*n]
	if unknown != nil { // reused memory: the previous record's values
		copy(r.Nums, unknown)
	}
	return r
}

// reset readies m for another chunk: the records carved are zeroed, so
// that no field of a previous record shows through, and no string of
// theirs is kept alive.
func (m *recMem) reset() {
	for s := 0; s*memSlab < m.nr; s++ {
		clear(m.recs[s][:min(memSlab, m.nr-s*memSlab)])
	}
	m.nr = 0
}

// memQueue is the record memory of one parallel reader: the free list
// the parsers take from, and the queue of chunks whose records are out.
type memQueue struct {
	free chan *recMem
	nums []float64 // Unknown values, to reset reused Nums from (unknown)

	mu     sync.Mutex
	queue  []memSeg // chunks Next moved past, oldest first
	credit int      // records released and not yet matched to a chunk
}

// memSeg is the records Next returned from one recMem (nil: records
// carved elsewhere, e.g. by the serial parser).
type memSeg struct {
	m *recMem
	n int
}

func newMemQueue(workers int) *memQueue {
	return &memQueue{free: make(chan *recMem, 2*workers+4)}
}

// unknown returns n Unknown values; it is called by the parsers before
// they carve from a reused recMem, each the same n.
func (q *memQueue) unknown(n int) []float64 {
	q.mu.Lock()
	defer q.mu.Unlock()
	if len(q.nums) != n {
		q.nums = unknownSlab(n)
	}
	return q.nums
}

// take returns a recMem to carve a chunk's records from, and whether it
// was reused (its Nums then need resetting as they are carved).
func (q *memQueue) take() (*recMem, bool) {
	select {
	case m := <-q.free:
		m.reset()
		return m, true
	default:
		return new(recMem), false
	}
}

// carve has b carve its records from a recMem taken here, which it returns
// (b.mem until the caller clears it).
func (q *memQueue) carve(b *builder) *recMem {
	m, reused := q.take()
	b.mem, b.unknown = m, nil
	if reused {
		b.unknown = q.unknown(len(b.s.nums))
	}
	return m
}

// advanceMem queues the count of the chunk Next moves past: every record
// of it that will be handed out was.
func (p *parReader) advanceMem() {
	if p.mq != nil {
		p.mq.done(p.seg)
		p.seg = memSeg{}
	}
}

// give puts m on the free list, or leaves it to the collector.
func (q *memQueue) give(m *recMem) {
	if m == nil {
		return
	}
	select {
	case q.free <- m:
	default:
	}
}

// done queues a chunk's count once Next has moved past it.
func (q *memQueue) done(seg memSeg) {
	q.mu.Lock()
	q.queue = append(q.queue, seg)
	q.settle()
	q.mu.Unlock()
}

// release takes back the next n records Next returned.
func (q *memQueue) release(n int) {
	q.mu.Lock()
	q.credit += n
	q.settle()
	q.mu.Unlock()
}

// settle frees the queued chunks the credit covers, oldest first.
func (q *memQueue) settle() {
	i := 0
	for ; i < len(q.queue) && q.queue[i].n <= q.credit; i++ {
		q.credit -= q.queue[i].n
		q.give(q.queue[i].m)
		q.queue[i] = memSeg{}
	}
	if i > 0 {
		q.queue = append(q.queue[:0], q.queue[i:]...)
	}
}

func (c *csvReader) builder() *builder    { return c.b }
func (n *ndjsonReader) builder() *builder { return n.b }
