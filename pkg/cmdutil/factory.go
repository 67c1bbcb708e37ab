// Package cmdutil is what tiercalc's commands share: the Factory they take
// their streams, clock and rule set from, typed usage errors and hints, the
// enum and date flags, -o's PrintFlags, the input and program flags, and the
// plumbing of a run that streams records.
package cmdutil

import (
	"sync"
	"time"

	"github.com/tiercalc/tiercalc/pkg/iostreams"
	"github.com/tiercalc/tiercalc/pkg/rulebook"
)

// Factory provides what commands need from the outside world, injected so
// tests run commands over buffers, a fixed clock and a fake environment.
type Factory struct {
	IOStreams *iostreams.IOStreams
	// Now is the clock behind --as-of's default.
	Now func() time.Time
	// Getenv reads the environment (TIERCALC_* settings, CI).
	Getenv func(string) string
	// Version is the build's version string.
	Version string
	// BoundHeap runs streaming output under a soft memory limit; the
	// binary sets it, tests leave the test process's GC alone.
	BoundHeap bool
	// TermWidth is the width of the terminal results go to (0: unknown);
	// nil in tests.
	TermWidth func() int

	// RulePaths returns the --rules paths once flags and settings are
	// read; the root sets it.
	RulePaths func() []string
	// Rules returns the shipped rulebooks and every --rules path, loaded
	// on first use and then shared: a command that needs the set in two
	// places loads it once.
	Rules func() (*rulebook.Set, error)
}

// NewFactory returns a Factory whose rule set loads lazily, once.
func NewFactory(ios *iostreams.IOStreams, now func() time.Time, getenv func(string) string, version string) *Factory {
	f := &Factory{IOStreams: ios, Now: now, Getenv: getenv, Version: version,
		RulePaths: func() []string { return nil }}
	f.Rules = sync.OnceValues(func() (*rulebook.Set, error) {
		for _, p := range f.RulePaths() {
			if err := CheckNotOut(f.IOStreams, p); err != nil {
				return nil, err
			}
		}
		set, err := LoadRules(f.RulePaths())
		if err == nil {
			PrintWarnings(f.IOStreams, set.Warnings())
		}
		return set, err
	})
	return f
}

// CI reports whether the environment says a CI system runs tiercalc.
func (f *Factory) CI() bool { return f.Getenv != nil && f.Getenv("CI") != "" }
