package partner

import (
	"fmt"
	"io"
)

// ReadOptions tune a reader.
type ReadOptions struct {
	// Lenient turns an unknown column or key into a warning (reported once
	// per name through Warn) instead of an error.
	Lenient bool
	// Warn receives warnings; nil discards them.
	Warn func(*RecordError)
	// IDs, shared by the readers of one run's inputs, catches an id
	// repeated across files; nil: ids are checked within this input only.
	IDs *IDs
	// UniqueIDs skips the duplicate-id check, for inputs whose ids are
	// known unique: nothing is kept per id.
	UniqueIDs bool
	// Reuse says that the caller gives every record Next returns back, in
	// the order they came, through the reader's Release method (see
	// Releaser) and keeps nothing of it after that: not the Record, its
	// Nums or its lists (strings are safe to keep). A reader that has
	// Release may then carve new records out of the memory given back.
	Reuse bool
	// ExportOptions say how an export is laid out (decode.go).
	ExportOptions

	size int64 // the input's size when it is a regular file, else 0 (chunks.go)
}

// Reader streams partner records, one at a time.
//
// Next returns io.EOF after the last record. A record's list fields may
// share their backing arrays with other records: treat them as read-only. A *RecordError rejects one
// record only: call Next again for the following ones. Any other error is
// fatal for the input and is returned again by every later call.
type Reader interface {
	Next() (*Record, error)
}

// Releaser is a Reader that can reuse the memory of the records Next
// returned (ReadOptions.Reuse): Release(n) gives back the next n of them,
// in the order Next returned them.
type Releaser interface {
	Release(n int)
}

// NewReader returns a streaming reader of partner records in format f from r
// (see Formats).
// file names the input in messages ("-" or a path). A nil schema means the
// built-in one.
//
// For CSV, NewReader reads the header row and returns a *HeaderError when a
// column is unknown (unless lenient), duplicated or missing (id), which makes
// the whole input unusable. The other formats read nothing before the first
// Next.
func NewReader(r io.Reader, file string, f Format, s *Schema, opt ReadOptions) (Reader, error) {
	if s == nil {
		s = NewSchema()
	}
	if f.spec == nil {
		return nil, fmt.Errorf("no input format given")
	}
	if err := checkColumnMap(file, s, opt); err != nil {
		return nil, err
	}
	opt.size = inputSize(r)
	if !f.spec.raw {
		var err error
		if r, err = prepare(r, file, f, &opt); err != nil {
			return nil, err
		}
	}
	return f.spec.open(r, file, s, opt)
}

var bom = []byte{0xEF, 0xBB, 0xBF}
