package report

import (
	"bufio"
	"io"

	"github.com/tiercalc/tiercalc/pkg/engine"
)

// ndjsonPrinter writes one compact JSON object a line.
type ndjsonPrinter struct {
	w      *bufio.Writer
	buf    []byte
	closed bool
	memos  segMemos
}

func newNDJSON(w io.Writer) *ndjsonPrinter {
	return &ndjsonPrinter{w: bufio.NewWriterSize(w, 64<<10)}
}

func (p *ndjsonPrinter) Print(r engine.Result) error {
	if p.closed {
		return errClosed
	}
	var err error
	e := jsonEncoder{seg: p.memos.get()}
	p.buf, err = e.appendResult(p.buf[:0], &r)
	p.memos.put(e.seg)
	if err != nil {
		return err
	}
	p.buf = append(p.buf, '\n')
	_, err = p.w.Write(p.buf)
	return err
}

// AppendResults appends one line per result.
func (p *ndjsonPrinter) AppendResults(dst []byte, rs []engine.Result) ([]byte, error) {
	var err error
	e := jsonEncoder{seg: p.memos.get()}
	defer p.memos.put(e.seg)
	for i := range rs {
		if dst, err = e.appendResult(dst, &rs[i]); err != nil {
			return dst, err
		}
		dst = append(dst, '\n')
	}
	return dst, nil
}

// WriteAppended writes lines.
func (p *ndjsonPrinter) WriteAppended(b []byte) error {
	if p.closed {
		return errClosed
	}
	_, err := p.w.Write(b)
	return err
}

func (p *ndjsonPrinter) Close() error {
	if p.closed {
		return nil
	}
	p.closed = true
	return p.w.Flush()
}
