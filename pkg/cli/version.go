package cli

import (
	"fmt"
	"runtime/debug"

	"github.com/spf13/cobra"
)

// BuildVersion is the module version and VCS revision the binary was built
// from, "(devel)" when unknown.
func BuildVersion() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "(devel)"
	}
	v := info.Main.Version
	if v == "" {
		v = "(devel)"
	}
	for _, s := range info.Settings {
		if s.Key == "vcs.revision" && len(s.Value) >= 12 {
			v += " " + s.Value[:12]
		}
	}
	return v
}

// NewCmdVersion prints the version of the binary.
func NewCmdVersion(d *Deps, runF func(*Deps) error) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version of tiercalc",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(d)
			}
			_, err := fmt.Fprintf(d.Out, "tiercalc %s\n", d.Version)
			return err
		},
	}
}
