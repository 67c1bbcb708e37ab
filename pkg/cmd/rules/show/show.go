// Package show is `tiercalc rules show`.
package show

import (
	"bufio"

	"github.com/spf13/cobra"

	"github.com/tiercalc/tiercalc/pkg/cmdutil"
	"github.com/tiercalc/tiercalc/pkg/report"
)

// ShowOptions are the settings of `rules show`.
type ShowOptions struct {
	Factory *cmdutil.Factory
	Print   *cmdutil.PrintFlags
	ID      string
	AsOf    cmdutil.DateFlag
}

// NewCmdShow builds `tiercalc rules show`.
func NewCmdShow(f *cmdutil.Factory, runF func(*ShowOptions) error) *cobra.Command {
	opts := &ShowOptions{Factory: f, Print: cmdutil.NewPrintFlags(report.ViewRulesShow)}
	cmd := &cobra.Command{
		Use:   "show ID",
		Short: "Show one program's edition in force on a day, fully resolved",
		Long: `Show one program's edition in force on a day (--as-of, default today), fully
resolved: every tier of every track with its effective requirements, each with
its rule, source and whether its number is illustrative, then every source
cited with its title, date and address.

This is a view of one edition, not a rulebook file: -o yaml does not load back
with --rules. tiercalc rules export ID prints the rulebook's file itself.`,
		Example: `  tiercalc rules show vpn-2009 --as-of 2009-06-01
  tiercalc rules show partner-connect-2020 -o json`,
		Args: cmdutil.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.ID = args[0]
			if runF != nil {
				return runF(opts)
			}
			return showRun(opts)
		},
	}
	cmd.Flags().Var(&opts.AsOf, "as-of", "show the edition in force on this `DATE` (YYYY-MM-DD; default: today)")
	opts.Print.AddFlags(cmd)
	return cmd
}

func showRun(o *ShowOptions) error {
	f := o.Factory
	asOf := o.AsOf.Time(f.Now)
	set, err := f.Rules()
	if err != nil {
		return err
	}
	progs, err := cmdutil.SelectPrograms(set, []string{o.ID})
	if err != nil {
		return err
	}
	if progs[0].Effective.After(asOf) {
		return cmdutil.NotYet(progs[0], asOf)
	}
	return cmdutil.WriteBuffered(f.IOStreams.ResultsOut(), func(w *bufio.Writer) error {
		return report.RulebookShow(w, o.Print.Format(), progs[0].At(asOf))
	})
}
