// Command tiercalc tells partners of a vendor program which tier they qualify
// for and exactly what they are missing for the next one.
package main

import (
	"os"
	"time"

	"golang.org/x/term"

	"github.com/tiercalc/tiercalc/pkg/cmd/root"
	"github.com/tiercalc/tiercalc/pkg/cmd/version"
	"github.com/tiercalc/tiercalc/pkg/cmdutil"
	"github.com/tiercalc/tiercalc/pkg/iostreams"
)

func main() { os.Exit(root.Main(os.Args[1:], systemFactory())) }

// systemFactory is the process's own streams, clock and environment: the
// one place the CLI touches them.
func systemFactory() *cmdutil.Factory {
	ios := iostreams.New(os.Stdin, os.Stdout, os.Stderr)
	ios.SetStdinTTY(term.IsTerminal(int(os.Stdin.Fd())))
	ios.SetStdoutTTY(term.IsTerminal(int(os.Stdout.Fd())))
	ios.SetStderrTTY(term.IsTerminal(int(os.Stderr.Fd())))
	f := cmdutil.NewFactory(ios, time.Now, os.Getenv, version.BuildVersion())
	f.BoundHeap = true
	f.TermWidth = func() int {
		w, _, err := term.GetSize(int(os.Stdout.Fd()))
		if err != nil {
			return 0
		}
		return w
	}
	return f
}
