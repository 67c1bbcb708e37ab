package batch

import (
	"math"
	"os"
	"runtime/debug"
	"runtime/metrics"
)

// softHeapLimit is the memory limit a streaming run starts with, and
// while it holds the only trigger of the garbage collector (GOGC is off):
// a run whose live data is small (a batch run holds a few batches and the
// ids seen) collects once its heap reaches the limit, not each time the
// live heap doubles, and keeps a small resident size. The limit grows by
// idHeapBytes a record evaluated when ids are checked, as the memory the
// streaming commands are held to does (64 MiB plus 12 bytes an id; the
// resident size runs some 10 MiB above the limit). At 1,000,000 partners
// this collects 30 times where GOGC at its default and a fixed 40 MiB
// limit collected 39 (testdata/README.md).
const softHeapLimit = 44 << 20

// idHeapBytes is what the limit grows by for each id kept.
const idHeapBytes = 12

// heapHeadroom is how far above the live heap the limit stays, so that a
// heap that must grow (the ids of a very large input) never has the
// collector run back to back. A fixed headroom, not a ratio: what grows is
// the id set, which holds no pointers and costs the collector nothing to
// mark, so a ratio would only let the resident size grow by half the id set
// (over 100 MB at 10 million ids).
const heapHeadroom = 24 << 20

// heapBound applies softHeapLimit for a run, unless the user set a limit
// (GOMEMLIMIT) or GOGC, and follows the ids kept and the live heap
// (heapHeadroom above it).
type heapBound struct {
	limit, old int64
	oldGC      int
	perRecord  int64 // idHeapBytes when ids are kept, else 0
	records    int64 // evaluated so far
	n          int
	sample     []metrics.Sample
}

// boundHeap bounds the heap of a run; ids says that it keeps an id a
// record evaluated.
func boundHeap(ids bool) *heapBound {
	// The process's own environment, not the Factory's: GOGC is read by
	// the Go runtime from the process, so that is where a user's setting is.
	if debug.SetMemoryLimit(-1) != math.MaxInt64 || os.Getenv("GOGC") != "" {
		return nil // the user's GOMEMLIMIT or GOGC rules
	}
	h := &heapBound{limit: softHeapLimit, sample: []metrics.Sample{{Name: "/gc/heap/live:bytes"}}}
	if ids {
		h.perRecord = idHeapBytes
	}
	h.old = debug.SetMemoryLimit(h.limit)
	h.oldGC = debug.SetGCPercent(-1)
	return h
}

// check is called once a batch of records; every 16 batches it moves
// the limit.
func (h *heapBound) check(records int) {
	if h == nil {
		return
	}
	h.records += int64(records)
	if h.n++; h.n%16 != 0 {
		return
	}
	metrics.Read(h.sample)
	if h.sample[0].Value.Kind() != metrics.KindUint64 {
		return
	}
	want := max(softHeapLimit+h.perRecord*h.records, int64(h.sample[0].Value.Uint64())+heapHeadroom)
	if want != h.limit {
		h.limit = want
		debug.SetMemoryLimit(want)
	}
}

func (h *heapBound) release() {
	if h != nil {
		debug.SetGCPercent(h.oldGC)
		debug.SetMemoryLimit(h.old)
	}
}
