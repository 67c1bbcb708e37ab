package batch

import (
	"github.com/tiercalc/tiercalc/pkg/engine"
	"github.com/tiercalc/tiercalc/pkg/partner"
)

// Sink receives every record's results in input order. Its type says how
// long the results may live: results that die with their batch can be
// evaluated into the batch's reusable arena, which saves allocating every
// result's gaps; results that are kept must not be. A caller picks the
// type that matches what it does with them, and there is no flag to forget.
type Sink interface{ sink() }

// Keep receives results it may keep (compare keeps rows for its report):
// they are evaluated without an arena and never reused. file is the name
// of the record's input, as messages call it.
type Keep func(file string, rec *partner.Record, results []engine.Result) error

// Transient receives results that die with their batch: it may count them
// or copy their strings and numbers, but must keep neither the slice nor a
// result's Missing or Unknown after it returns.
type Transient func(results []engine.Result) error

// Encoded is a transient sink whose encoding runs on the workers, right
// after evaluation: formatting is most of the cost of a batch run, and this
// puts it on every core. Observe then sees each result in input order (the
// --fail-below gate keeps ids and names only; nil: nothing observes), and
// Write gets each batch's bytes in input order.
type Encoded struct {
	Encode  func(dst []byte, results []engine.Result) ([]byte, error)
	Write   func(b []byte) error
	Observe func(engine.Result)
}

// PerRecord is an encoded sink for commands that make their own output
// from each record (plan): Encode runs on the workers, right after
// evaluation, with each record of a batch in order, and Write gets each
// batch's bytes in input order. The pipeline's Eval may be nil.
type PerRecord struct {
	Encode func(dst []byte, rec *partner.Record) ([]byte, error)
	Write  func(b []byte) error
}

// Located is a transient sink that is also told where each record is:
// the name of its input (as messages call it) and its line there, for
// outputs that point at the record (GitHub annotations).
type Located func(file string, rec *partner.Record, results []engine.Result) error

func (Located) sink()   {}
func (PerRecord) sink() {}
func (Keep) sink()      {}
func (Transient) sink() {}
func (Encoded) sink()   {}
