package report

import (
	"bufio"
	"io"

	"go.yaml.in/yaml/v3"

	"github.com/tiercalc/tiercalc/pkg/engine"
)

// yamlPrinter writes a YAML sequence, one item per result as it comes:
// marshalling a one-element slice gives exactly the "- key: ..." item, so
// the concatenation is one valid sequence. The keys are the JSON ones.
type yamlPrinter struct {
	w      *bufio.Writer
	one    []engine.Result
	n      int
	closed bool
}

func newYAML(w io.Writer) *yamlPrinter {
	return &yamlPrinter{w: bufio.NewWriterSize(w, 64<<10), one: make([]engine.Result, 1)}
}

func (p *yamlPrinter) Print(r engine.Result) error {
	if p.closed {
		return errClosed
	}
	if r.Missing == nil {
		r.Missing = []engine.Gap{}
	}
	if r.Unknown == nil {
		r.Unknown = []string{}
	}
	if r.Notes == nil {
		r.Notes = []string{}
	}
	p.one[0] = r
	b, err := yaml.Marshal(p.one)
	p.one[0] = engine.Result{}
	if err != nil {
		return err
	}
	p.n++
	_, err = p.w.Write(b)
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
