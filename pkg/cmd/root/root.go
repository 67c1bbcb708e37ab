// Package root builds tiercalc's command tree, applies its settings (flags,
// TIERCALC_* environment, config file) and turns the error a command returns
// into the one message and exit code the README's contract fixes (Main).
package root

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/tiercalc/tiercalc/pkg/cmd/check"
	cmpcmd "github.com/tiercalc/tiercalc/pkg/cmd/compare"
	"github.com/tiercalc/tiercalc/pkg/cmd/plan"
	reportcmd "github.com/tiercalc/tiercalc/pkg/cmd/report"
	"github.com/tiercalc/tiercalc/pkg/cmd/rules"
	"github.com/tiercalc/tiercalc/pkg/cmd/statement"
	sumcmd "github.com/tiercalc/tiercalc/pkg/cmd/summary"
	"github.com/tiercalc/tiercalc/pkg/cmd/template"
	"github.com/tiercalc/tiercalc/pkg/cmd/version"
	"github.com/tiercalc/tiercalc/pkg/cmd/why"
	"github.com/tiercalc/tiercalc/pkg/cmdutil"
	"github.com/tiercalc/tiercalc/pkg/iostreams"
)

// globalOptions are the flags every command shares.
type globalOptions struct {
	Config string
	Rules  []string
	Out    string
}

// Main runs tiercalc with args and returns the process exit code.
func Main(args []string, f *cmdutil.Factory) (code int) {
	ios := f.IOStreams
	defer func() {
		if v := recover(); v != nil {
			cmdutil.PrintError(ios.ErrOut, cmdutil.InternalError(fmt.Errorf("internal error: %v", v)))
			code = cmdutil.ExitFailure
		}
	}()
	root := NewCmdRoot(f)
	root.SetArgs(args)
	root.SetIn(ios.In)
	// cobra's own commands (completion) write to the root's output, which
	// it reads before --out is known: results go where --out says when
	// they are written.
	root.SetOut(resultsWriter{ios})
	root.SetErr(ios.ErrOut)
	err := root.Execute()
	if ios.OutFile() != "" {
		// Exit 6 (a gate) and exit 4 for rejected records come with every
		// result that could be computed: those are kept. A run stopped
		// early (--max-errors, an input not read to the end) is partial.
		var ee *cmdutil.ExitError
		complete := err == nil || (errors.As(err, &ee) && (ee.Code == cmdutil.ExitGate ||
			(ee.Code == cmdutil.ExitRejected && !ee.Partial)))
		if ferr := ios.FinishOutFile(complete); ferr != nil && err == nil {
			err = &cmdutil.ExitError{Code: cmdutil.ExitFailure, Err: ferr}
		}
	}
	if err == nil {
		return cmdutil.ExitOK
	}
	err = classify(err)
	cmdutil.PrintError(ios.ErrOut, err)
	return cmdutil.CodeOf(err)
}

// resultsWriter writes to the streams' results writer of the moment.
type resultsWriter struct{ ios *iostreams.IOStreams }

func (w resultsWriter) Write(p []byte) (int, error) { return w.ios.ResultsOut().Write(p) }

// NewCmdRoot builds the command tree over f.
func NewCmdRoot(f *cmdutil.Factory) *cobra.Command {
	g := &globalOptions{}
	f.RulePaths = func() []string { return g.Rules }
	root := &cobra.Command{
		Use:   "tiercalc <command>",
		Short: "Which partner-program tier does each partner qualify for, and what is it missing?",
		Long: `tiercalc evaluates partner records against the rulebooks of VMware's partner
programs (VMware Partner Network 2009, VMware Partner Connect 2020, Broadcom
Advantage 2024) and any rulebook of your own. It prints each partner's tier,
its next tier and exactly what it still misses.`,
		SilenceErrors: true,
		SilenceUsage:  true,
		PersistentPreRunE: func(cmd *cobra.Command, args []string) error {
			if err := applySettings(cmd, f); err != nil {
				return err
			}
			if g.Out != "" {
				// Results go to the file through f.IOStreams.ResultsOut;
				// stdout itself is left alone. "-" is stdout.
				if err := f.IOStreams.SetOutFile(g.Out); err != nil {
					var oe *iostreams.OutFileError
					if errors.As(err, &oe) {
						return &cmdutil.ExitError{Code: cmdutil.ExitUsage, Err: err}
					}
					return err
				}
			}
			return nil
		},
	}
	root.PersistentFlags().StringVar(&g.Config, "config", "", "read settings from this file (YAML, TOML or JSON)")
	root.PersistentFlags().StringVar(&g.Out, "out", "", "write results to `FILE` instead of stdout (\"-\": stdout); it is replaced only when the run finishes")
	root.PersistentFlags().StringArrayVar(&g.Rules, "rules", nil, "load more rulebooks from `PATH` (file or folder; repeatable); one with a shipped id replaces it")
	root.SetFlagErrorFunc(flagError)

	root.AddCommand(
		check.NewCmdCheck(f, nil),
		plan.NewCmdPlan(f, nil),
		cmpcmd.NewCmdCompare(f, nil),
		sumcmd.NewCmdSummary(f, nil),
		rules.NewCmdRules(f),
		version.NewCmdVersion(f, nil),
		template.NewCmdTemplate(f, nil),
		why.NewCmdWhy(f, nil),
		reportcmd.NewCmdReport(f, nil),
		statement.NewCmdStatement(f, nil),
	)
	completePrograms(root, f)
	root.Version = f.Version
	root.SetVersionTemplate("tiercalc {{.Version}}\n")
	// The completion commands are made now (cobra would make them on
	// Execute), so that examples and generated docs cover them; they take
	// their writer when made.
	root.SetOut(resultsWriter{f.IOStreams})
	root.InitDefaultCompletionCmd()
	addExamples(root)
	addHelpTopics(root)
	return root
}

// flagError makes a flag error a usage error; a value that knows its hint
// (a date) brings it, any other gets a pointer to the flags.
func flagError(cmd *cobra.Command, err error) error {
	e := &cmdutil.ExitError{Code: cmdutil.ExitUsage, Err: err}
	var h cmdutil.Hinter
	if errors.As(err, &h) {
		return e
	}
	return e.Hintf("run '%s --help' for the flags", cmd.CommandPath())
}

// completePrograms completes --program from the loaded rulebooks, on every
// command that has it.
func completePrograms(c *cobra.Command, f *cmdutil.Factory) {
	if c.Flags().Lookup("program") != nil {
		_ = c.RegisterFlagCompletionFunc("program", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
			set, err := f.Rules()
			if err != nil {
				return nil, cobra.ShellCompDirectiveError
			}
			return set.IDs(), cobra.ShellCompDirectiveNoFileComp
		})
	}
	for _, sub := range c.Commands() {
		completePrograms(sub, f)
	}
}
