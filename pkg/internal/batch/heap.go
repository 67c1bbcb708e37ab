package batch

import (
	"math"
	"runtime/debug"
	"runtime/metrics"
)

// softHeapLimit is the memory limit of streaming runs: the garbage
// collector works harder as the heap nears it, which keeps a run whose live
// data is small (a batch run holds a few batches and the ids seen) at a
// small resident size instead of twice its live heap.
const softHeapLimit = 40 << 20

// heapHeadroom is how far above the live heap the limit stays, so that a
// heap that must grow (the ids of a very large input) never has the
// collector run back to back. A fixed headroom, not a ratio: what grows is
// the id set, which holds no pointers and costs the collector nothing to
// mark, so a ratio would only let the resident size grow by half the id set
// (over 100 MB at 10 million ids).
const heapHeadroom = 24 << 20

// heapBound applies softHeapLimit for a run, unless the user set a limit
// (GOMEMLIMIT), and follows the live heap (heapHeadroom above it).
type heapBound struct {
	limit, old int64
	n          int
	sample     []metrics.Sample
}

func boundHeap() *heapBound {
	if debug.SetMemoryLimit(-1) != math.MaxInt64 {
		return nil // the user's GOMEMLIMIT rules
	}
	h := &heapBound{limit: softHeapLimit, sample: []metrics.Sample{{Name: "/gc/heap/live:bytes"}}}
	h.old = debug.SetMemoryLimit(h.limit)
	return h
}

// check is called once a batch; every 16 batches it moves the limit.
func (h *heapBound) check() {
	if h == nil {
		return
	}
	if h.n++; h.n%16 != 0 {
		return
	}
	metrics.Read(h.sample)
	if h.sample[0].Value.Kind() != metrics.KindUint64 {
		return
	}
	want := max(softHeapLimit, int64(h.sample[0].Value.Uint64())+heapHeadroom)
	if want != h.limit {
		h.limit = want
		debug.SetMemoryLimit(want)
	}
}

func (h *heapBound) release() {
	if h != nil {
		debug.SetMemoryLimit(h.old)
	}
}
