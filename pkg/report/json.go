package report

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"sync"

	"github.com/tiercalc/tiercalc/pkg/engine"
)

// jsonPrinter streams a JSON array: "[", then each result indented as
// json.MarshalIndent(r, "  ", "  ") would, then "]". It holds one result at
// a time, so -o json runs in bounded memory like the line formats.
type jsonPrinter struct {
	w       *bufio.Writer
	compact []byte
	pretty  bytes.Buffer
	n       int
	closed  bool
}

func newJSON(w io.Writer) *jsonPrinter {
	return &jsonPrinter{w: bufio.NewWriterSize(w, 64<<10)}
}

func (p *jsonPrinter) Print(r engine.Result) error {
	if p.closed {
		return errClosed
	}
	var err error
	if p.compact, err = appendResult(p.compact[:0], &r); err != nil {
		return err
	}
	p.pretty.Reset()
	if p.n == 0 {
		p.pretty.WriteString("[\n  ")
	} else {
		p.pretty.WriteString(",\n  ")
	}
	if err := json.Indent(&p.pretty, p.compact, "  ", "  "); err != nil {
		return err
	}
	p.n++
	_, err = p.w.Write(p.pretty.Bytes())
	return err
}

// compactPool holds the compact encodings AppendResults indents.
var compactPool = sync.Pool{New: func() any { return new([]byte) }}

// AppendResults appends, per result, ",\n  " and the result indented as
// Print writes it; WriteAppended turns the very first comma into "[".
func (p *jsonPrinter) AppendResults(dst []byte, rs []engine.Result) ([]byte, error) {
	cp := compactPool.Get().(*[]byte)
	defer compactPool.Put(cp)
	buf := bytes.NewBuffer(dst)
	for i := range rs {
		var err error
		if *cp, err = appendResult((*cp)[:0], &rs[i]); err != nil {
			return buf.Bytes(), err
		}
		buf.WriteString(",\n  ")
		if err := json.Indent(buf, *cp, "  ", "  "); err != nil {
			return buf.Bytes(), err
		}
	}
	return buf.Bytes(), nil
}

// WriteAppended writes results encoded by AppendResults.
func (p *jsonPrinter) WriteAppended(b []byte) error {
	if p.closed {
		return errClosed
	}
	if len(b) == 0 {
		return nil
	}
	if p.n == 0 {
		if err := p.w.WriteByte('['); err != nil {
			return err
		}
		b = b[1:]
	}
	p.n++ // counts writes, not results: Close only asks whether any
	_, err := p.w.Write(b)
	return err
}

func (p *jsonPrinter) Close() error {
	if p.closed {
		return nil
	}
	p.closed = true
	end := "\n]\n"
	if p.n == 0 {
		end = "[]\n"
	}
	if _, err := p.w.WriteString(end); err != nil {
		return err
	}
	return p.w.Flush()
}
