// Command peak runs a command with stdout to a file and prints its wall
// time in seconds and its peak resident memory in MiB (from rusage), for
// testdata/bench-cli.sh; it needs no /usr/bin/time.
//
//	peak [-i IN] -o OUT -- CMD ARGS...
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"syscall"
	"time"
)

func main() { os.Exit(run()) }

// run measures the command and returns the exit code, so that deferred
// work runs and main is the one place that exits.
func run() int {
	out := flag.String("o", os.DevNull, "write the command's stdout to this file")
	in := flag.String("i", "", "give the command this file as stdin")
	flag.Parse()
	if flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: peak [-i IN] [-o OUT] -- CMD ARGS...")
		return 2
	}
	f, err := os.Create(*out)
	if err != nil {
		fmt.Fprintln(os.Stderr, "peak:", err)
		return 1
	}
	defer f.Close()
	cmd := exec.Command(flag.Arg(0), flag.Args()[1:]...)
	cmd.Stdout, cmd.Stderr = f, os.Stderr
	if *in != "" {
		stdin, err := os.Open(*in)
		if err != nil {
			fmt.Fprintln(os.Stderr, "peak:", err)
			return 1
		}
		defer stdin.Close()
		cmd.Stdin = stdin
	}
	start := time.Now()
	err = cmd.Run()
	wall := time.Since(start)
	if err != nil {
		fmt.Fprintln(os.Stderr, "peak:", err)
		return 1
	}
	ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	if !ok {
		fmt.Fprintln(os.Stderr, "peak: no rusage on this system")
		return 1
	}
	// Linux reports ru_maxrss in KiB.
	fmt.Printf("%.3f %.1f\n", wall.Seconds(), float64(ru.Maxrss)/1024)
	return 0
}
