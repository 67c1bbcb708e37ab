// Command tiercalc tells partners of a vendor program which tier they qualify
// for and exactly what they are missing for the next one.
package main

import (
	"os"

	"github.com/tiercalc/tiercalc/pkg/cli"
)

func main() { os.Exit(cli.Main(os.Args[1:], cli.System())) }
