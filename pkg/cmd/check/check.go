// Package check is `tiercalc check`: every partner's tier, next tier and
// gaps under each selected program.
package check

import (
	"errors"

	"github.com/spf13/cobra"

	"github.com/tiercalc/tiercalc/pkg/cmdutil"
	"github.com/tiercalc/tiercalc/pkg/partner"
	"github.com/tiercalc/tiercalc/pkg/report"
)

// CheckOptions are the settings of one `tiercalc check` run.
type CheckOptions struct {
	Factory *cmdutil.Factory
	cmdutil.InputOptions
	Print *cmdutil.PrintFlags

	Select cmdutil.SelectFlags

	FailBelow        string
	FailOnIncomplete bool
	IgnoreIncomplete bool
	// To is --to: gaps towards this tier instead of the next one.
	To     string
	WhatIf cmdutil.WhatIfOptions
}

// NewCmdCheck builds `tiercalc check`. Tests pass runF to capture the parsed
// options; nil runs the real thing.
func NewCmdCheck(f *cmdutil.Factory, runF func(*CheckOptions) error) *cobra.Command {
	opts := &CheckOptions{Factory: f, Print: cmdutil.NewPrintFlags(report.ViewCheck)}
	cmd := &cobra.Command{
		Use:   "check [FILE...]",
		Short: "Evaluate partners against programs: tier, next tier, what is missing",
		Long: `Evaluate every partner record against the selected programs and print, per
partner, program and track, the tier it holds, the next tier and every
requirement it still misses. FILE is ` + partner.FormatList() + ` (by
extension, or --input-format); "-" or no FILE reads stdin.`,
		Example: `  tiercalc check testdata/partners.csv
  tiercalc check -p vpn-2009 --as-of 2009-09-30 -o json partners.csv
  tiercalc check --fail-below Enterprise -p vpn-2009 partners.csv
  tiercalc check -p vpn-2009 --to Premier --partner FR-0005 --assume VTSP=+2 partners.csv`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := opts.Take(args); err != nil {
				return err
			}
			if err := opts.Print.Check(); err != nil {
				return err
			}
			if err := opts.Select.Check(); err != nil {
				return err
			}
			if opts.FailOnIncomplete && opts.IgnoreIncomplete {
				return cmdutil.UsageErrorf("--fail-on-incomplete and --ignore-incomplete contradict each other")
			}
			if runF != nil {
				return runF(opts)
			}
			return checkRun(opts)
		},
	}
	opts.AddFlags(cmd.Flags(), cmdutil.ProgramHelp)
	cmd.Flags().StringVar(&opts.FailBelow, "fail-below", "", "exit 6 when any result ranks below this `TIER` (an incomplete result ranks by the tier it holds)")
	cmd.Flags().BoolVar(&opts.FailOnIncomplete, "fail-on-incomplete", false, "exit 6 when any result is incomplete (undecided for want of data)")
	cmd.Flags().BoolVar(&opts.IgnoreIncomplete, "ignore-incomplete", false, "--fail-below leaves incomplete results out instead of ranking them by their tier")
	opts.Select.AddFlags(cmd)
	cmd.Flags().StringVar(&opts.To, "to", "", "list what is missing for this `TIER` instead of the next tier (tracks without it: the next tier); flag only")
	cmdutil.MarkFlagOnly(cmd.Flags(), "to")
	opts.WhatIf.AddFlags(cmd, true)
	opts.Print.AddFlags(cmd)
	return cmd
}

func checkRun(o *CheckOptions) error {
	f := o.Factory
	if err := o.Print.CheckTerminal(f.IOStreams); err != nil {
		return err
	}
	ev, err := cmdutil.NewEvaluation(f, &o.InputOptions)
	if err != nil {
		return err
	}
	gate, err := newGate(o.FailBelow, o.FailOnIncomplete, o.IgnoreIncomplete, ev.Resolved)
	if err != nil {
		return err
	}
	eval := ev.Evaluate
	if o.To != "" {
		if err := cmdutil.CheckTier("--to", o.To, ev.Resolved); err != nil {
			return err
		}
		eval = ev.EvaluateTo(o.To)
	}
	whatIf, err := o.WhatIf.Resolve(ev.Set.Schema())
	if err != nil {
		return err
	}
	inputs, err := cmdutil.ResolveInputs(o.Files, o.InputFormat, f.IOStreams)
	if err != nil {
		return err
	}

	r := cmdutil.StartRun(f)
	opts := o.Print.Options(f)
	opts.Programs, opts.Gate = ev.Infos(), gate.check
	out, jqDone := o.Print.Output(r.Out)
	printer, err := report.New(o.Print.Format(), out, opts)
	if err != nil {
		return err
	}
	eval = o.Select.Wrap(whatIf.Wrap(eval), ev.Resolved)
	st, runErr := r.Pipeline(ev.Set.Schema(), inputs, &o.InputOptions, eval).Run(cmdutil.PrinterSink(r, printer, gate.observer()))
	whatIf.Finish(f.IOStreams)
	if err := r.Finish(st, runErr, func() error { return errors.Join(printer.Close(), jqDone()) }); err != nil {
		return cmdutil.AlsoGate(f.IOStreams, err, gate.err())
	}
	return gate.err()
}
