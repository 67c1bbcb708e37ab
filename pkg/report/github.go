package report

import (
	"bufio"
	"io"
	"strings"

	"github.com/tiercalc/tiercalc/pkg/internal/ci"

	"github.com/tiercalc/tiercalc/pkg/engine"
)

// githubPrinter writes GitHub Actions workflow commands: one
//
//	::error title=P2 (Beta) — vpn-2009::below Enterprise: tier Professional (qualified); next ...
//
// line per result the gate fails, nothing for the others (nor anything at
// all without a gate). Values are escaped as the Actions runner expects
// (actions/toolkit's command.ts): % \r \n in the message, and also : and ,
// in properties, so partner data can never end the command early or start
// another one; control characters are already made visible by sanitize.
type githubPrinter struct {
	w      *bufio.Writer
	gate   func(engine.Result) (bool, string)
	buf    strings.Builder
	closed bool
}

func newGitHub(w io.Writer, o Options) *githubPrinter {
	return &githubPrinter{w: bufio.NewWriterSize(w, 64<<10), gate: o.Gate}
}

func (p *githubPrinter) Print(r engine.Result) error {
	if p.closed {
		return errClosed
	}
	if p.gate == nil {
		return nil
	}
	failed, why := p.gate(r)
	if !failed {
		return nil
	}
	if why == "" {
		why = "failed the gate"
	}
	b := &p.buf
	b.Reset()
	b.WriteString("::error title=")
	b.WriteString(githubProperty(subject(&r) + " — " + suite(&r)))
	b.WriteString("::")
	b.WriteString(githubData(sanitize(why) + ": " + describe(&r)))
	b.WriteByte('\n')
	_, err := p.w.WriteString(b.String())
	return err
}

func (p *githubPrinter) Close() error {
	if p.closed {
		return nil
	}
	p.closed = true
	return p.w.Flush()
}

func githubData(s string) string     { return ci.Data(s) }
func githubProperty(s string) string { return ci.Property(s) }
