// Package diff is `tiercalc rules diff`: what changes from one rulebook, or
// edition, to another.
package diff

import (
	"bufio"
	"errors"
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/tiercalc/tiercalc/pkg/cmdutil"
	"github.com/tiercalc/tiercalc/pkg/iostreams"
	"github.com/tiercalc/tiercalc/pkg/report"
	"github.com/tiercalc/tiercalc/pkg/rulebook"
)

// DiffOptions are the settings of `rules diff`.
type DiffOptions struct {
	Factory *cmdutil.Factory
	Print   *cmdutil.PrintFlags
	A, B    string
	// AsOf are the --as-of values as given; Dates are A's and B's dates.
	AsOf  []string
	Dates [2]time.Time
}

// NewCmdDiff builds `tiercalc rules diff`.
func NewCmdDiff(f *cmdutil.Factory, runF func(*DiffOptions) error) *cobra.Command {
	opts := &DiffOptions{Factory: f, Print: cmdutil.NewPrintFlags(report.ViewRulesDiff)}
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
		Args: cmdutil.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.A, opts.B = args[0], args[1]
			if len(opts.AsOf) > 2 {
				return cmdutil.UsageErrorf("rules diff takes at most two --as-of dates, got %d", len(opts.AsOf))
			}
			if err := opts.resolveDates(); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return diffRun(opts)
		},
	}
	cmd.Flags().StringArrayVar(&opts.AsOf, "as-of", nil, "resolve editions as of this `DATE`; give it twice for A's and B's dates")
	opts.Print.AddFlags(cmd)
	return cmd
}

// resolveDates reads --as-of: none is today for both sides, one is both
// sides' date, two are A's and B's.
func (o *DiffOptions) resolveDates() error {
	for i := range o.Dates {
		s := ""
		switch len(o.AsOf) {
		case 2:
			s = o.AsOf[i]
		case 1:
			s = o.AsOf[0]
		}
		t, err := cmdutil.ParseDate(s, o.Factory.Now)
		if err != nil {
			return cmdutil.UsageErrorf("--as-of %w", err)
		}
		o.Dates[i] = t
	}
	return nil
}

func diffRun(o *DiffOptions) error {
	f := o.Factory
	for _, arg := range []string{o.A, o.B} {
		if err := cmdutil.CheckNotOut(f.IOStreams, arg); err != nil {
			return err
		}
	}
	set, err := f.Rules()
	if err != nil {
		return err
	}
	dated := len(o.AsOf) == 2
	a, la, err := diffSide(f, set, o.A, o.Dates[0], dated)
	if err != nil {
		return err
	}
	b, lb, err := diffSide(f, set, o.B, o.Dates[1], dated)
	if err != nil {
		return err
	}
	return cmdutil.WriteBuffered(f.IOStreams.ResultsOut(), func(w *bufio.Writer) error {
		return report.RulesDiff(w, o.Print.Format(), la, lb, rulebook.Diff(a, b))
	})
}

// readErr names arg once in a read error.
func readErr(arg string, err error) string {
	var re *rulebook.RefusedError
	if errors.As(err, &re) {
		return err.Error()
	}
	return arg + ": " + iostreams.PathErr(err).Error()
}

// diffSide resolves one side of a diff: a loaded program id, or a rulebook
// file. A file is loaded into a set of its own (the shared set must not
// change under the other side), so a proposed edit of a shipped program can
// be diffed against the shipped one it would replace.
func diffSide(f *cmdutil.Factory, set *rulebook.Set, arg string, at time.Time, dated bool) (*rulebook.Resolved, string, error) {
	p := set.Get(arg)
	if p == nil {
		if st, err := os.Stat(arg); err == nil && !st.IsDir() {
			data, err := rulebook.ReadFile(arg)
			if err != nil {
				return nil, "", cmdutil.UsageErrorf("%s", readErr(arg, err))
			}
			parsed, err := rulebook.Parse(arg, data)
			if err != nil {
				return nil, "", cmdutil.RulebookErr(err)
			}
			own, err := cmdutil.LoadRules(f.RulePaths())
			if err != nil {
				return nil, "", err
			}
			if err := own.AddPath(arg); err != nil {
				return nil, "", cmdutil.RulebookErr(err)
			}
			p = own.Get(parsed.ID)
		}
	}
	if p == nil {
		_, err := cmdutil.SelectPrograms(set, []string{arg})
		return nil, "", err
	}
	rv := p.At(at)
	label := p.ID
	if dated {
		label += "@" + at.Format(cmdutil.DateLayout)
	}
	return rv, label + " (edition " + rv.Edition + ")", nil
}
