// Package version is `tiercalc version`.
package version

import (
	"fmt"
	"runtime/debug"

	"github.com/spf13/cobra"

	"github.com/tiercalc/tiercalc/pkg/cmdutil"
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

// VersionOptions are the settings of `tiercalc version`.
type VersionOptions struct {
	Factory *cmdutil.Factory
}

// NewCmdVersion prints the version of the binary.
func NewCmdVersion(f *cmdutil.Factory, runF func(*VersionOptions) error) *cobra.Command {
	opts := &VersionOptions{Factory: f}
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version of tiercalc",
		Args:  cmdutil.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return versionRun(opts)
		},
	}
}

func versionRun(o *VersionOptions) error {
	_, err := fmt.Fprintf(o.Factory.IOStreams.ResultsOut(), "tiercalc %s\n", o.Factory.Version)
	return err
}
