package engine

import (
	"time"

	"github.com/tiercalc/tiercalc/pkg/partner"
)

// Arena is memory that EvaluateIn carves the Missing and Unknown slices of
// results out of, instead of allocating them one by one. A batch run
// evaluates millions of results whose gaps live only until they are
// encoded; allocating them (about 1 KB a partner with three programs) keeps
// the garbage collector busy for nothing. With an arena they cost nothing
// once the arena has grown to the size of a batch.
//
// Reset makes the arena's memory available again: every slice handed out
// before is then overwritten by later evaluations. Only callers that are
// done with the results of an arena (encoded them, counted them) may reset
// it; callers that keep results use Evaluate. An Arena is not safe for
// concurrent use; its zero value is ready to use.
type Arena struct {
	gaps chunks[Gap]
	strs chunks[string]
	st   state // the record being evaluated: one at a time per arena
}

// Reset makes every slice carved so far available for reuse.
func (a *Arena) Reset() {
	a.gaps.reset()
	a.strs.reset()
}

// EvaluateIn is Evaluate with the Missing and Unknown slices of the results
// (and the Options of their gaps) carved out of a, which must not be reset
// while the results are in use. A nil a is Evaluate.
func (e *Evaluator) EvaluateIn(rec *partner.Record, asOf time.Time, dst []Result, a *Arena) []Result {
	return e.evaluate(rec, asOf, dst, a)
}

// arenaChunk is how many values an arena chunk holds: a few partners'
// worth, so that a batch needs a handful of chunks.
const arenaChunk = 1024

// chunks hands out slices of fixed-size chunks; reset rewinds to the first
// chunk, keeping them all.
type chunks[T any] struct {
	list [][]T
	cur  int // index in list of the chunk being carved
	off  int // values of list[cur] handed out
}

// take returns an empty slice with room for exactly n values; appending
// more than n to it reallocates rather than overwriting its neighbours.
func (c *chunks[T]) take(n int) []T {
	for c.cur < len(c.list) {
		if ch := c.list[c.cur]; c.off+n <= len(ch) {
			s := ch[c.off : c.off : c.off+n]
			c.off += n
			return s
		}
		c.cur++
		c.off = 0
	}
	c.list = append(c.list, make([]T, max(arenaChunk, n)))
	c.off = n
	return c.list[c.cur][0:0:n]
}

func (c *chunks[T]) reset() { c.cur, c.off = 0, 0 }
