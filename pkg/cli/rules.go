package cli

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/tiercalc/tiercalc/pkg/report"
	"github.com/tiercalc/tiercalc/pkg/rulebook"
)

// viewFormats are the output formats of the rulebook views.
var viewFormats = []string{"table", "json", "yaml", "markdown"}

// NewCmdRules builds `tiercalc rules` and its subcommands.
func NewCmdRules(d *Deps, g *globalOptions) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "rules <command>",
		Short: "List, show, validate and compare rulebooks",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return usageErr("rules needs a subcommand: list, show, validate, diff").hint("run 'tiercalc rules --help'")
		},
	}
	cmd.AddCommand(
		NewCmdRulesList(d, g, nil),
		NewCmdRulesShow(d, g, nil),
		NewCmdRulesValidate(d, nil),
		NewCmdRulesDiff(d, g, nil),
	)
	return cmd
}

// RulesListOptions are the settings of `rules list`.
type RulesListOptions struct {
	Deps   *Deps
	Global *globalOptions
	Output *enumValue
}

// NewCmdRulesList builds `tiercalc rules list`.
func NewCmdRulesList(d *Deps, g *globalOptions, runF func(*RulesListOptions) error) *cobra.Command {
	o := &RulesListOptions{Deps: d, Global: g, Output: newEnum("table", viewFormats)}
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List the loaded programs, their tracks and dated editions",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(o)
			}
			return runRulesList(o)
		},
	}
	cmd.Flags().VarP(o.Output, "output", "o", "output format: "+joinFormats(o.Output.allowed))
	return cmd
}

func runRulesList(o *RulesListOptions) error {
	set, err := loadRules(o.Global.Rules)
	if err != nil {
		return err
	}
	return writeBuffered(o.Deps, func(w *bufio.Writer) error {
		return report.RulesList(w, report.Format(o.Output.String()), set.Programs())
	})
}

// RulesShowOptions are the settings of `rules show`.
type RulesShowOptions struct {
	Deps   *Deps
	Global *globalOptions
	ID     string
	AsOf   dateFlag
	Output *enumValue
}

// NewCmdRulesShow builds `tiercalc rules show`.
func NewCmdRulesShow(d *Deps, g *globalOptions, runF func(*RulesShowOptions) error) *cobra.Command {
	o := &RulesShowOptions{Deps: d, Global: g, Output: newEnum("table", viewFormats)}
	cmd := &cobra.Command{
		Use:   "show ID",
		Short: "Show one program's edition in force on a day, fully resolved",
		Args:  exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.ID = args[0]
			if runF != nil {
				return runF(o)
			}
			return runRulesShow(o)
		},
	}
	cmd.Flags().Var(&o.AsOf, "as-of", "show the edition in force on this `DATE` (YYYY-MM-DD; default: today)")
	cmd.Flags().VarP(o.Output, "output", "o", "output format: "+joinFormats(o.Output.allowed))
	return cmd
}

func runRulesShow(o *RulesShowOptions) error {
	asOf, err := parseAsOf(string(o.AsOf), o.Deps.Now)
	if err != nil {
		return err
	}
	set, err := loadRules(o.Global.Rules)
	if err != nil {
		return err
	}
	progs, err := selectPrograms(set, []string{o.ID})
	if err != nil {
		return err
	}
	if progs[0].Effective.After(asOf) {
		return notYet(progs[0], asOf)
	}
	return writeBuffered(o.Deps, func(w *bufio.Writer) error {
		return report.RulebookShow(w, report.Format(o.Output.String()), progs[0].At(asOf))
	})
}

// RulesValidateOptions are the settings of `rules validate`.
type RulesValidateOptions struct {
	Deps  *Deps
	Paths []string
}

// NewCmdRulesValidate builds `tiercalc rules validate`.
func NewCmdRulesValidate(d *Deps, runF func(*RulesValidateOptions) error) *cobra.Command {
	o := &RulesValidateOptions{Deps: d}
	return &cobra.Command{
		Use:   "validate FILE...",
		Short: "Check rulebook files and report every problem with file:line:column",
		Long: `Check rulebook files, or every *.yaml and *.yml file of a folder, on their own
(not against the loaded rulebooks) and report every problem with
file:line:column. Exits 3 when any rulebook is invalid, 2 when a path cannot
be read and none is invalid.`,
		Args: minArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Paths = args
			if runF != nil {
				return runF(o)
			}
			return runRulesValidate(o)
		},
	}
}

func runRulesValidate(o *RulesValidateOptions) error {
	d := o.Deps
	invalid, unreadable := 0, 0
	for _, path := range o.Paths {
		// A folder is read as --rules reads it (rulebook.Files); each
		// path's problems are printed in argument order.
		files, err := rulebook.Files(path)
		if err != nil {
			unreadable++
			if errors.Is(err, fs.ErrNotExist) || errors.Is(err, fs.ErrPermission) {
				err = fmt.Errorf("%s: %w", path, pathErr(err))
			}
			printError(d.ErrOut, usageErr("%v", err))
			continue
		}
		for _, file := range files {
			data, err := os.ReadFile(file)
			if err != nil {
				unreadable++
				printError(d.ErrOut, usageErr("%s: %v", file, pathErr(err)))
				continue
			}
			p, err := rulebook.Parse(file, data)
			if err != nil {
				invalid++
				printError(d.ErrOut, rulebookErr(err))
				continue
			}
			tiers := 0
			for _, t := range p.Tracks {
				tiers += len(t.Tiers)
			}
			if _, err := fmt.Fprintf(d.Out, "%s: ok: %s (%s), %d track(s), %d tier(s), %d later edition(s)\n",
				file, p.ID, p.Name, len(p.Tracks), tiers, len(p.Editions)); err != nil {
				return err
			}
		}
	}
	switch {
	case invalid > 0:
		return &ExitError{Code: ExitRulebook, Err: errors.New("invalid rulebook"), Quiet: true}
	case unreadable > 0:
		return &ExitError{Code: ExitUsage, Err: errors.New("unreadable path"), Quiet: true}
	}
	return nil
}

// RulesDiffOptions are the settings of `rules diff`.
type RulesDiffOptions struct {
	Deps   *Deps
	Global *globalOptions
	A, B   string
	AsOf   []string
	Output *enumValue
}

// NewCmdRulesDiff builds `tiercalc rules diff`.
func NewCmdRulesDiff(d *Deps, g *globalOptions, runF func(*RulesDiffOptions) error) *cobra.Command {
	o := &RulesDiffOptions{Deps: d, Global: g, Output: newEnum("table", viewFormats)}
	cmd := &cobra.Command{
		Use:   "diff A B",
		Short: "List what changes from rulebook A to rulebook B",
		Long: `List the tiers added, removed or renamed (through B's mapping from A), the
tiers whose regions change, the requirements added or removed and the
thresholds changed (old -> new), tier by tier, comparing what a partner must
meet to hold each tier. A and B are program ids or rulebook files; give one
program twice with two --as-of dates to compare two of its editions.`,
		Example: `  tiercalc rules diff vpn-2009 partner-connect-2020
  tiercalc rules diff vpn-2009 vpn-2009 --as-of 2009-05-01 --as-of 2010-07-01
  tiercalc rules diff partner-connect-2020 my-proposal.yaml -o markdown`,
		Args: exactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.A, o.B = args[0], args[1]
			if len(o.AsOf) > 2 {
				return usageErr("rules diff takes at most two --as-of dates, got %d", len(o.AsOf))
			}
			if runF != nil {
				return runF(o)
			}
			return runRulesDiff(o)
		},
	}
	cmd.Flags().StringArrayVar(&o.AsOf, "as-of", nil, "resolve editions as of this `DATE`; give it twice for A's and B's dates")
	cmd.Flags().VarP(o.Output, "output", "o", "output format: "+joinFormats(o.Output.allowed))
	return cmd
}

func runRulesDiff(o *RulesDiffOptions) error {
	d, g := o.Deps, o.Global
	dates := make([]time.Time, 2)
	for i := range dates {
		s := ""
		switch len(o.AsOf) {
		case 2:
			s = o.AsOf[i]
		case 1:
			s = o.AsOf[0]
		}
		t, err := parseAsOf(s, d.Now)
		if err != nil {
			return err
		}
		dates[i] = t
	}
	set, err := loadRules(g.Rules)
	if err != nil {
		return err
	}
	a, la, err := diffSide(set, g.Rules, o.A, dates[0], len(o.AsOf) == 2)
	if err != nil {
		return err
	}
	b, lb, err := diffSide(set, g.Rules, o.B, dates[1], len(o.AsOf) == 2)
	if err != nil {
		return err
	}
	return writeBuffered(d, func(w *bufio.Writer) error {
		return report.RulesDiff(w, report.Format(o.Output.String()), la, lb, rulebook.Diff(a, b))
	})
}

// writeBuffered runs write against a buffer on stdout and flushes it.
func writeBuffered(d *Deps, write func(*bufio.Writer) error) error {
	w := bufio.NewWriter(d.Out)
	if err := write(w); err != nil {
		return err
	}
	return w.Flush()
}

// diffSide resolves one side of a diff: a loaded program id, or a rulebook
// file. A file is loaded into a set of its own, so a proposed edit of a
// shipped program can be diffed against the shipped one it would replace.
func diffSide(set *rulebook.Set, paths []string, arg string, at time.Time, dated bool) (*rulebook.Resolved, string, error) {
	p := set.Get(arg)
	if p == nil {
		if st, err := os.Stat(arg); err == nil && !st.IsDir() {
			data, err := os.ReadFile(arg)
			if err != nil {
				return nil, "", usageErr("%s: %v", arg, pathErr(err))
			}
			parsed, err := rulebook.Parse(arg, data)
			if err != nil {
				return nil, "", rulebookErr(err)
			}
			own, err := loadRules(paths)
			if err != nil {
				return nil, "", err
			}
			if err := own.AddPath(arg); err != nil {
				return nil, "", rulebookErr(err)
			}
			p = own.Get(parsed.ID)
		}
	}
	if p == nil {
		_, err := selectPrograms(set, []string{arg})
		return nil, "", err
	}
	rv := p.At(at)
	label := p.ID
	if dated {
		label += "@" + at.Format(dateLayout)
	}
	return rv, label + " (edition " + rv.Edition + ")", nil
}
