package cli

import (
	"io"
	"time"
)

// Deps are what commands take from the outside world, injected so tests run
// commands with buffers, a fixed clock and a fake environment.
type Deps struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer
	// Now is the clock behind --as-of's default.
	Now func() time.Time
	// Getenv reads the environment (TIERCALC_* settings, CI).
	Getenv func(string) string
	// InIsTerminal, OutIsTerminal and ErrIsTerminal report whether stdin,
	// stdout and stderr are interactive terminals.
	InIsTerminal  bool
	OutIsTerminal bool
	ErrIsTerminal bool
	// Version is the build's version string.
	Version string
}
