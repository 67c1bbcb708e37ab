// Package iostreams holds the process's streams and what is known about
// them (which are terminals), the progress line drawn on stderr, and the
// --out file results may go to instead of stdout. Commands take all of it
// from here, injected, so tests run them over buffers.
package iostreams

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/tiercalc/tiercalc/pkg/internal/safetext"
)

// IOStreams are a command's standard streams. Out and ErrOut are never
// replaced while a command runs: results go to ResultsOut, which is the
// --out file when one was set, else Out.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer

	stdinTTY, stdoutTTY, stderrTTY bool

	out *outFile // nil: results go to Out
}

// New returns streams over in, out and errOut; the caller states which
// are terminals with the Set*TTY methods.
func New(in io.Reader, out, errOut io.Writer) *IOStreams {
	return &IOStreams{In: in, Out: out, ErrOut: errOut}
}

// Test returns streams over buffers, none a terminal, and the buffers.
func Test() (*IOStreams, *bytes.Buffer, *bytes.Buffer, *bytes.Buffer) {
	in, out, errOut := &bytes.Buffer{}, &bytes.Buffer{}, &bytes.Buffer{}
	return New(in, out, errOut), in, out, errOut
}

// SetStdinTTY, SetStdoutTTY and SetStderrTTY record whether a stream is an
// interactive terminal.
func (s *IOStreams) SetStdinTTY(v bool)  { s.stdinTTY = v }
func (s *IOStreams) SetStdoutTTY(v bool) { s.stdoutTTY = v }
func (s *IOStreams) SetStderrTTY(v bool) { s.stderrTTY = v }

// IsStdinTTY reports whether stdin is a terminal: then no records are piped.
func (s *IOStreams) IsStdinTTY() bool { return s.stdinTTY }

// IsResultsTTY reports whether results land on a terminal: stdout is one
// and no --out file takes them.
func (s *IOStreams) IsResultsTTY() bool { return s.stdoutTTY && s.out == nil }

// ResultsOut is where a command writes its results.
func (s *IOStreams) ResultsOut() io.Writer {
	if s.out != nil {
		return s.out
	}
	return s.Out
}

// SetOutFile sends results to the file at path (see outFile) instead of
// stdout, once the flags are parsed and before any command runs; "-" is
// stdout. It refuses, before any work, a target that is a folder or in no
// folder.
func (s *IOStreams) SetOutFile(path string) error {
	if path == "-" {
		s.out = nil
		return nil
	}
	o, err := newOutFile(path, s.ErrOut)
	if err != nil {
		return err
	}
	s.out = o
	return nil
}

// OutFile is the --out path, "" when results go to stdout.
func (s *IOStreams) OutFile() string {
	if s.out == nil {
		return ""
	}
	return s.out.path
}

// IsOutFile reports whether st is the --out file (directly, or through a
// symbolic or hard link): an input that the results would replace.
func (s *IOStreams) IsOutFile(st os.FileInfo) bool {
	return s.out != nil && s.out.SameFile(st)
}

// FinishOutFile puts the --out file in place when keep (the run's results
// are complete), removes what was written otherwise. It does nothing
// without an --out file.
func (s *IOStreams) FinishOutFile(keep bool) error {
	if s.out == nil {
		return nil
	}
	return s.out.finish(keep)
}

// StartProgress returns the progress line of a run, or nil (which does
// nothing) where none may show: stderr is not a terminal, or ci (a CI
// system's log would keep every redraw).
func (s *IOStreams) StartProgress(now func() time.Time, ci bool) *Progress {
	if !s.stderrTTY || ci {
		return nil
	}
	return NewProgress(s.ErrOut, now)
}

// Warnf writes one warning line to ErrOut in the form every message takes,
// sanitised: warnings name files and fields from the user's data.
func (s *IOStreams) Warnf(format string, args ...any) {
	fmt.Fprintf(s.ErrOut, "tiercalc: warning: %s\n", safetext.Terminal(fmt.Sprintf(format, args...)))
}
