// Package initcmd is `tiercalc rules init`: a commented starter rulebook.
package initcmd

import (
	_ "embed"
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/spf13/cobra"

	"github.com/tiercalc/tiercalc/pkg/cmdutil"
	"github.com/tiercalc/tiercalc/pkg/internal/safetext"
)

// Starter is the rulebook rules init writes; a test keeps it valid.
//
//go:embed starter.yaml
var Starter []byte

// InitOptions are the settings of `rules init`.
type InitOptions struct {
	Factory *cmdutil.Factory
	File    string // "" or "-": stdout
	Force   bool
}

// NewCmdInit builds `tiercalc rules init`.
func NewCmdInit(f *cmdutil.Factory, runF func(*InitOptions) error) *cobra.Command {
	o := &InitOptions{Factory: f}
	cmd := &cobra.Command{
		Use:   "init [FILE]",
		Short: "Write a commented starter rulebook that validates",
		Long: `Write a starter rulebook, commented key by key, to FILE (or stdout): one
program with one track and three tiers, which rules validate accepts as it is.
An existing FILE is left alone unless --force is given.`,
		Example: `  tiercalc rules init my-program.yaml
  tiercalc rules init | tiercalc rules validate -`,
		Args: cmdutil.MaxArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				o.File = args[0]
			}
			if runF != nil {
				return runF(o)
			}
			return initRun(o)
		},
	}
	cmd.Flags().BoolVar(&o.Force, "force", false, "replace FILE if it exists (a flag only: no setting sets it)")
	cmdutil.MarkFlagOnly(cmd.Flags(), "force")
	return cmd
}

func initRun(o *InitOptions) error {
	ios := o.Factory.IOStreams
	if o.File == "" || o.File == "-" {
		_, err := ios.ResultsOut().Write(Starter)
		return err
	}
	flags := os.O_WRONLY | os.O_CREATE | os.O_EXCL
	if o.Force {
		flags = os.O_WRONLY | os.O_CREATE | os.O_TRUNC
	}
	fh, err := os.OpenFile(o.File, flags, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return cmdutil.UsageErrorf("rules init: %s exists", o.File).Hintf("pass --force to replace it, or name another file")
	}
	if err != nil {
		return cmdutil.UsageErrorf("rules init: %v", err)
	}
	if _, err := fh.Write(Starter); err != nil {
		fh.Close()
		return err
	}
	if err := fh.Close(); err != nil {
		return err
	}
	name := safetext.Terminal(o.File)
	_, err = fmt.Fprintf(ios.ErrOut, "tiercalc: note: wrote %s; check it with: tiercalc rules validate %s\n", name, name)
	return err
}
