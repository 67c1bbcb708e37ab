// Package rules is `tiercalc rules`, the parent of the rulebook commands.
package rules

import (
	"strings"

	"github.com/spf13/cobra"

	"github.com/tiercalc/tiercalc/pkg/cmd/rules/diff"
	"github.com/tiercalc/tiercalc/pkg/cmd/rules/export"
	initcmd "github.com/tiercalc/tiercalc/pkg/cmd/rules/init"
	"github.com/tiercalc/tiercalc/pkg/cmd/rules/list"
	"github.com/tiercalc/tiercalc/pkg/cmd/rules/schema"
	"github.com/tiercalc/tiercalc/pkg/cmd/rules/show"
	"github.com/tiercalc/tiercalc/pkg/cmd/rules/test"
	"github.com/tiercalc/tiercalc/pkg/cmd/rules/validate"
	"github.com/tiercalc/tiercalc/pkg/cmdutil"
)

// NewCmdRules builds `tiercalc rules` and its subcommands.
func NewCmdRules(f *cmdutil.Factory) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "rules <command>",
		Short: "List, show, validate, test, compare, export and start rulebooks; their JSON Schema",
		Args:  cmdutil.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			var names []string
			for _, c := range cmd.Commands() {
				if c.IsAvailableCommand() {
					names = append(names, c.Name())
				}
			}
			return cmdutil.UsageErrorf("rules needs a subcommand: %s", strings.Join(names, ", ")).Hintf("run 'tiercalc rules --help'")
		},
	}
	cmd.AddCommand(
		list.NewCmdList(f, nil),
		show.NewCmdShow(f, nil),
		validate.NewCmdValidate(f, nil),
		diff.NewCmdDiff(f, nil),
		test.NewCmdTest(f, nil),
		schema.NewCmdSchema(f, nil),
		export.NewCmdExport(f, nil),
		initcmd.NewCmdInit(f, nil),
	)
	return cmd
}
