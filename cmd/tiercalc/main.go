// Command tiercalc tells partners of a vendor program which tier they qualify
// for and exactly what they are missing for the next one.
package main

import (
	"os"
	"time"

	"golang.org/x/term"

	"github.com/tiercalc/tiercalc/pkg/cli"
)

func main() { os.Exit(cli.Main(os.Args[1:], systemDeps())) }

// systemDeps are the process's own streams, clock and environment: the one
// place the CLI touches them.
func systemDeps() *cli.Deps {
	return &cli.Deps{
		In:            os.Stdin,
		Out:           os.Stdout,
		ErrOut:        os.Stderr,
		Now:           time.Now,
		Getenv:        os.Getenv,
		InIsTerminal:  term.IsTerminal(int(os.Stdin.Fd())),
		OutIsTerminal: term.IsTerminal(int(os.Stdout.Fd())),
		ErrIsTerminal: term.IsTerminal(int(os.Stderr.Fd())),
		Version:       cli.BuildVersion(),
	}
}
