// Package rules is `tiercalc rules`, the parent of the rulebook commands.
package rules

import (
	"github.com/spf13/cobra"

	"github.com/tiercalc/tiercalc/pkg/cmd/rules/diff"
	"github.com/tiercalc/tiercalc/pkg/cmd/rules/list"
	"github.com/tiercalc/tiercalc/pkg/cmd/rules/show"
	"github.com/tiercalc/tiercalc/pkg/cmd/rules/test"
	"github.com/tiercalc/tiercalc/pkg/cmd/rules/validate"
	"github.com/tiercalc/tiercalc/pkg/cmdutil"
)

// NewCmdRules builds `tiercalc rules` and its subcommands.
func NewCmdRules(f *cmdutil.Factory) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "rules <command>",
		Short: "List, show, validate and compare rulebooks",
		Args:  cmdutil.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return cmdutil.UsageErrorf("rules needs a subcommand: list, show, validate, diff").Hintf("run 'tiercalc rules --help'")
		},
	}
	cmd.AddCommand(
		list.NewCmdList(f, nil),
		show.NewCmdShow(f, nil),
		validate.NewCmdValidate(f, nil),
		diff.NewCmdDiff(f, nil),
		test.NewCmdTest(f, nil),
	)
	return cmd
}
