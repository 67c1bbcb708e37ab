// Package export is `tiercalc rules export`: a loaded rulebook's file,
// byte for byte, so a user with only the binary can copy a shipped one.
package export

import (
	"github.com/spf13/cobra"

	"github.com/tiercalc/tiercalc/pkg/cmdutil"
)

// ExportOptions are the settings of `rules export`.
type ExportOptions struct {
	Factory *cmdutil.Factory
	ID      string
}

// NewCmdExport builds `tiercalc rules export`.
func NewCmdExport(f *cmdutil.Factory, runF func(*ExportOptions) error) *cobra.Command {
	o := &ExportOptions{Factory: f}
	return &cobra.Command{
		Use:   "export ID",
		Short: "Print a loaded rulebook's YAML file exactly, comments included",
		Long: `Print the YAML file a loaded rulebook was read from, byte for byte: the shipped
rulebooks are built into tiercalc, and this is how to get a copy to read,
change and load back with --rules (a rulebook with a shipped id replaces the
shipped one). rules show prints a resolved view of one edition instead, which is
not a rulebook file.`,
		Example: `  tiercalc rules export vpn-2009 > vpn-2009.yaml
  tiercalc rules export vpn-2009 | tiercalc rules validate -`,
		Args: cmdutil.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.ID = args[0]
			if runF != nil {
				return runF(o)
			}
			return exportRun(o)
		},
	}
}

func exportRun(o *ExportOptions) error {
	set, err := o.Factory.Rules()
	if err != nil {
		return err
	}
	progs, err := cmdutil.SelectPrograms(set, []string{o.ID})
	if err != nil {
		return err
	}
	_, err = o.Factory.IOStreams.ResultsOut().Write(progs[0].SourceYAML())
	return err
}
