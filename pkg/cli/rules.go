package cli

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/tiercalc/tiercalc/pkg/report"
	"github.com/tiercalc/tiercalc/pkg/rulebook"
)

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
	cmd.AddCommand(newCmdRulesList(d, g), newCmdRulesShow(d, g), newCmdRulesValidate(d, g), newCmdRulesDiff(d, g))
	return cmd
}

// RulesListOptions are the settings of `rules list`.
type RulesListOptions struct {
	Output *enumValue
}

func newCmdRulesList(d *Deps, g *globalOptions) *cobra.Command {
	o := &RulesListOptions{Output: newEnum("table", []string{"table", "json", "yaml", "markdown"})}
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List the loaded programs, their tracks and dated editions",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			set, err := loadRules(g.Rules)
			if err != nil {
				return err
			}
			out := bufio.NewWriter(d.Out)
			if err := report.RulesList(out, o.Output.String(), set.Programs()); err != nil {
				return err
			}
			return out.Flush()
		},
	}
	cmd.Flags().VarP(o.Output, "output", "o", "output format: table|json|yaml|markdown")
	return cmd
}

// RulesShowOptions are the settings of `rules show`.
type RulesShowOptions struct {
	ID     string
	AsOf   dateFlag
	Output *enumValue
}

func newCmdRulesShow(d *Deps, g *globalOptions) *cobra.Command {
	o := &RulesShowOptions{Output: newEnum("table", []string{"table", "json", "yaml", "markdown"})}
	cmd := &cobra.Command{
		Use:   "show ID",
		Short: "Show one program's edition in force on a day, fully resolved",
		Args:  exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.ID = args[0]
			asOf, err := parseAsOf(string(o.AsOf), d.Now)
			if err != nil {
				return err
			}
			set, err := loadRules(g.Rules)
			if err != nil {
				return err
			}
			progs, err := selectPrograms(set, []string{o.ID})
			if err != nil {
				return err
			}
			out := bufio.NewWriter(d.Out)
			if progs[0].Effective.After(asOf) {
				return notYet(progs[0], asOf)
			}
			if err := report.RulebookShow(out, o.Output.String(), progs[0].At(asOf)); err != nil {
				return err
			}
			return out.Flush()
		},
	}
	cmd.Flags().Var(&o.AsOf, "as-of", "show the edition in force on this `DATE` (YYYY-MM-DD; default: today)")
	cmd.Flags().VarP(o.Output, "output", "o", "output format: table|json|yaml|markdown")
	return cmd
}

func newCmdRulesValidate(d *Deps, g *globalOptions) *cobra.Command {
	return &cobra.Command{
		Use:   "validate FILE...",
		Short: "Check rulebook files and report every problem with file:line:column",
		Args:  minArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			bad := 0
			for _, file := range args {
				data, err := os.ReadFile(file)
				if err != nil {
					return usageErr("%s: %v", file, pathErr(err))
				}
				p, err := rulebook.Parse(file, data)
				if err != nil {
					bad++
					printError(d.ErrOut, rulebookErr(err))
					continue
				}
				tiers := 0
				for _, t := range p.Tracks {
					tiers += len(t.Tiers)
				}
				fmt.Fprintf(d.Out, "%s: ok: %s (%s), %d track(s), %d tier(s), %d later edition(s)\n",
					file, p.ID, p.Name, len(p.Tracks), tiers, len(p.Editions))
			}
			if bad > 0 {
				return &ExitError{Code: ExitRulebook, Err: errors.New("invalid rulebook"), Quiet: true}
			}
			return nil
		},
	}
}

// RulesDiffOptions are the settings of `rules diff`.
type RulesDiffOptions struct {
	A, B   string
	AsOf   []string
	Output *enumValue
}

func newCmdRulesDiff(d *Deps, g *globalOptions) *cobra.Command {
	o := &RulesDiffOptions{Output: newEnum("table", []string{"table", "markdown", "json", "yaml"})}
	cmd := &cobra.Command{
		Use:   "diff A B",
		Short: "List what changes from rulebook A to rulebook B",
		Long: `List the tiers added, removed or renamed (through B's mapping from A), the
requirements added or removed and the thresholds changed (old -> new), tier by
tier, comparing what a partner must meet to hold each tier. A and B are
program ids or rulebook files; give one program twice with two --as-of dates
to compare two of its editions.`,
		Example: `  tiercalc rules diff vpn-2009 partner-connect-2020
  tiercalc rules diff vpn-2009 vpn-2009 --as-of 2009-05-01 --as-of 2010-07-01
  tiercalc rules diff partner-connect-2020 my-proposal.yaml -o markdown`,
		Args: exactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.A, o.B = args[0], args[1]
			if len(o.AsOf) > 2 {
				return usageErr("rules diff takes at most two --as-of dates, got %d", len(o.AsOf))
			}
			dates := make([]time.Time, 2)
			for i := range dates {
				s := ""
				switch {
				case len(o.AsOf) == 2:
					s = o.AsOf[i]
				case len(o.AsOf) == 1:
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
			out := bufio.NewWriter(d.Out)
			if err := report.RulesDiff(out, o.Output.String(), la, lb, rulebook.Diff(a, b)); err != nil {
				return err
			}
			return out.Flush()
		},
	}
	cmd.Flags().StringArrayVar(&o.AsOf, "as-of", nil, "resolve editions as of this `DATE`; give it twice for A's and B's dates")
	cmd.Flags().VarP(o.Output, "output", "o", "output format: table|markdown|json|yaml")
	return cmd
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
