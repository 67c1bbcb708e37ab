// Package list is `tiercalc rules list`.
package list

import (
	"bufio"

	"github.com/spf13/cobra"

	"github.com/tiercalc/tiercalc/pkg/cmdutil"
	"github.com/tiercalc/tiercalc/pkg/report"
)

// ListOptions are the settings of `rules list`.
type ListOptions struct {
	Factory *cmdutil.Factory
	Print   *cmdutil.PrintFlags
}

// NewCmdList builds `tiercalc rules list`.
func NewCmdList(f *cmdutil.Factory, runF func(*ListOptions) error) *cobra.Command {
	opts := &ListOptions{Factory: f, Print: cmdutil.NewPrintFlags(report.ViewRulesList)}
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List the loaded programs, their tracks and dated editions",
		Args:  cmdutil.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return listRun(opts)
		},
	}
	opts.Print.AddFlags(cmd)
	return cmd
}

func listRun(o *ListOptions) error {
	set, err := o.Factory.Rules()
	if err != nil {
		return err
	}
	return cmdutil.WriteBuffered(o.Factory.IOStreams.ResultsOut(), func(w *bufio.Writer) error {
		return report.RulesList(w, o.Print.Format(), set.Programs())
	})
}
