package report

import (
	"bufio"
	"io"
	"math"
	"strconv"

	"go.yaml.in/yaml/v3"

	"github.com/tiercalc/tiercalc/pkg/engine"
)

// yamlPrinter writes a YAML block sequence, one item per result, keys as
// in JSON. It is an Appender: results are encoded on every core by
// appendYAMLResult, a reflection-free encoder of the same document
// yaml.v3 would give for the same data (TestYAMLRoundTrip decodes it back):
// yaml.v3 takes some 50 µs a result, which made -o yaml over ten times
// slower than -o csv.
type yamlPrinter struct {
	w      *bufio.Writer
	n      int
	closed bool
}

func newYAML(w io.Writer) *yamlPrinter {
	return &yamlPrinter{w: bufio.NewWriterSize(w, 64<<10)}
}

func (p *yamlPrinter) Print(r engine.Result) error {
	b, err := p.AppendResults(nil, []engine.Result{r})
	if err != nil {
		return err
	}
	return p.WriteAppended(b)
}

// AppendResults appends each result as one item of the sequence.
func (p *yamlPrinter) AppendResults(dst []byte, rs []engine.Result) ([]byte, error) {
	var err error
	for i := range rs {
		if dst, err = appendYAMLResult(dst, &rs[i]); err != nil {
			return dst, err
		}
	}
	return dst, nil
}

func (p *yamlPrinter) WriteAppended(b []byte) error {
	if p.closed {
		return errClosed
	}
	if len(b) > 0 {
		p.n++
	}
	_, err := p.w.Write(b)
	return err
}

func (p *yamlPrinter) Close() error {
	if p.closed {
		return nil
	}
	p.closed = true
	if p.n == 0 {
		if _, err := p.w.WriteString("[]\n"); err != nil {
			return err
		}
	}
	return p.w.Flush()
}

// plainYAML encodes v as a YAML node tree whose numbers are plain, as JSON
// writes them (yaml.v3 writes float64 1e6 as 1e+06, which a YAML 1.1 reader
// takes for a string).
func plainYAML(v any) (*yaml.Node, error) {
	n := &yaml.Node{}
	if err := n.Encode(v); err != nil {
		return nil, err
	}
	plainNumbers(n)
	return n, nil
}

func plainNumbers(n *yaml.Node) {
	if n.Kind == yaml.ScalarNode && n.Tag == "!!float" {
		f, err := strconv.ParseFloat(n.Value, 64)
		switch {
		case err != nil || math.IsNaN(f) || math.IsInf(f, 0):
		case f == math.Trunc(f) && math.Abs(f) < 1e21:
			// A whole number reads as an integer, as in JSON.
			n.Value, n.Tag = strconv.FormatFloat(f, 'f', -1, 64), "!!int"
		case math.Abs(f) >= 1e-6:
			n.Value = strconv.FormatFloat(f, 'f', -1, 64)
		}
	}
	for _, c := range n.Content {
		plainNumbers(c)
	}
}
