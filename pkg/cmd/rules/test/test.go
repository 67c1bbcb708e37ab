// Package test is `tiercalc rules test`: rulebook test suites run against
// the loaded rulebooks, with coverage of requirements.
package test

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"regexp"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/tiercalc/tiercalc/pkg/cmdutil"
	"github.com/tiercalc/tiercalc/pkg/internal/safetext"
	"github.com/tiercalc/tiercalc/pkg/iostreams"
	"github.com/tiercalc/tiercalc/pkg/report"
	"github.com/tiercalc/tiercalc/pkg/rulebook"
	"github.com/tiercalc/tiercalc/pkg/suite"
	"github.com/tiercalc/tiercalc/rules"
)

// TestOptions are the settings of one `rules test` run.
type TestOptions struct {
	Factory *cmdutil.Factory
	Print   *cmdutil.PrintFlags

	Paths       []string
	Update      bool
	Coverage    bool
	MinCoverage float64        // -1: no gate
	Run         *regexp.Regexp // --run: only the cases whose name matches; nil: all
}

// NewCmdTest builds `tiercalc rules test`. Tests pass runF to capture the
// parsed options; nil runs the real thing.
func NewCmdTest(f *cmdutil.Factory, runF func(*TestOptions) error) *cobra.Command {
	o := &TestOptions{Factory: f, Print: cmdutil.NewPrintFlags(report.ViewRulesTest), MinCoverage: -1}
	var run string // --run, compiled into o.Run
	cmd := &cobra.Command{
		Use:   "test [PATH...]",
		Short: "Run rulebook test suites, with coverage of requirements",
		Long: `Run the test suites PATH names: suite files (YAML, or CSV from a spreadsheet),
or folders searched (with their subfolders) for *_test.yaml, *_test.yml and
*_test.csv. A suite NAME_test.yaml (or .yml, .csv) tests the rulebook
NAME.yaml (or .yml) beside it, which is loaded as --rules would load it;
other rulebooks come from --rules and the shipped set. With no PATH the
suites shipped with the binary run against the shipped rulebooks.

Each case evaluates one partner on one day under one program and track and
checks the expected tier and, where given, status, next tier, grace end, gaps
and notes: PASS name (Tier), or FAIL with what differs and why the partner got
what it got. Coverage counts requirements, not lines: each requirement of each
edition seen met and unmet, each alternative of an any-of group and each
competency of an N-of-set seen deciding, each regional rule seen applying and
not, each tier seen as a result. --coverage lists what no case covers, at its
rulebook file:line.

--run REGEXP runs only the cases whose name it matches (as go test -run
does; unanchored), and coverage then counts only those cases; a pattern no
case matches is an error, so a mistyped filter never passes a CI job.

--update writes the actual results into the failing expectations of YAML
suites, keeping comments, anchors and order, and prints the diff to review.

Exits 6 when a case fails or coverage is under --min-coverage; 2 when a suite
is malformed (every problem with file:line).`,
		Example: `  tiercalc rules test
  tiercalc rules test rules/
  tiercalc rules test --coverage --min-coverage 100 ./our-rules
  tiercalc rules test -o junit ./our-rules > rules-tests.xml
  tiercalc rules test --update ./our-rules/proposal_test.yaml
  tiercalc rules test --run 'Premier'`,
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Paths = args
			if run != "" {
				re, err := regexp.Compile(run)
				if err != nil {
					return cmdutil.UsageErrorf("--run %q: %v", run, err)
				}
				o.Run = re
			}
			if o.Update && o.Print.Format() != report.Table {
				return cmdutil.UsageErrorf("--update prints the diff of what it writes: leave out -o %s", o.Print.Format())
			}
			if o.MinCoverage > 100 {
				return cmdutil.UsageErrorf("--min-coverage %g: a percentage is at most 100", o.MinCoverage)
			}
			if runF != nil {
				return runF(o)
			}
			return testRun(o)
		},
	}
	cmd.Flags().StringVar(&run, "run", "", "run only the cases whose name matches `REGEXP`")
	cmd.Flags().BoolVar(&o.Update, "update", false, "write actual results into failing expectations of YAML suites and print the diff")
	cmd.Flags().BoolVar(&o.Coverage, "coverage", false, "list the requirements, tiers and editions no case covers, with their rulebook file:line")
	cmd.Flags().Float64Var(&o.MinCoverage, "min-coverage", -1, "exit 6 when requirement coverage is under `PCT` percent")
	o.Print.AddFlags(cmd)
	return cmd
}

// source is one suite file's name and text.
type source struct {
	name string
	data []byte
}

func testRun(o *TestOptions) error {
	f := o.Factory
	set, err := f.Rules()
	if err != nil {
		return err
	}
	srcs, err := sources(set, o)
	if err != nil {
		return err
	}
	// Every problem of every suite is reported at once: what cannot be
	// read, then what the rulebooks lack (a program, track or tier).
	var suites []*suite.Suite
	var tests []*suite.Test
	var probs rulebook.Problems
	for _, s := range srcs {
		st, err := suite.Parse(s.name, s.data, set.Schema())
		var ps rulebook.Problems
		if errors.As(err, &ps) {
			probs = append(probs, ps...)
		} else if err != nil {
			return err
		}
		if st != nil {
			suites = append(suites, st)
			tests = append(tests, st.Tests...)
		}
	}
	cov := suite.NewCoverage()
	r := &suite.Runner{Set: set, Edition: cmdutil.Edition, Coverage: cov}
	var ps rulebook.Problems
	if errors.As(r.Check(tests), &ps) {
		probs = append(probs, ps...)
	}
	if len(probs) > 0 {
		return &cmdutil.ExitError{Code: cmdutil.ExitUsage, Err: probs.Sorted()}
	}
	if tests, err = selected(tests, o.Run); err != nil {
		return err
	}
	suites = slices.DeleteFunc(suites, func(s *suite.Suite) bool {
		return !slices.ContainsFunc(tests, func(t *suite.Test) bool { return t.File == s.Name })
	})
	res := &results{suites: suites}
	for _, t := range tests {
		res.outs = append(res.outs, r.Run(t))
	}
	res.goals = cov.Goals()
	if o.Update {
		return update(f.IOStreams, res)
	}
	if err := write(f.IOStreams, o, res); err != nil {
		return err
	}
	return gate(o, res)
}

// selected keeps the tests whose name run matches (all when run is nil);
// none matching is a usage error.
func selected(tests []*suite.Test, run *regexp.Regexp) ([]*suite.Test, error) {
	if run == nil {
		return tests, nil
	}
	kept := slices.DeleteFunc(tests, func(t *suite.Test) bool { return !run.MatchString(t.Name) })
	if len(kept) == 0 {
		return nil, cmdutil.UsageErrorf("--run %q matches no case", run.String()).
			Hintf("the pattern is a Go regular expression matched against case names, as go test -run does")
	}
	return kept, nil
}

// sources reads the suites the paths name (the shipped ones when none),
// and loads into set the rulebook each tests: NAME.yaml (or .yml) beside
// NAME_test.yaml, as Go pairs x.go with x_test.go.
func sources(set *rulebook.Set, o *TestOptions) ([]source, error) {
	if len(o.Paths) == 0 {
		if o.Update {
			return nil, cmdutil.UsageErrorf("--update needs a PATH: the shipped suites are built into tiercalc").
				Hintf("in a clone of tiercalc, run: tiercalc rules test --update rules/")
		}
		return embedded()
	}
	var out []source
	var books []string
	for _, p := range o.Paths {
		names, err := suite.Files(p)
		if err != nil {
			return nil, pathErr(p, err).Hintf("rules test takes suite files, or folders holding *_test.yaml files")
		}
		for _, name := range names {
			data, err := suite.ReadFile(name)
			if err != nil {
				return nil, pathErr(name, err)
			}
			out = append(out, source{name, data})
			if b := suite.RulebookOf(name); b != "" && !slices.Contains(books, b) {
				books = append(books, b)
			}
		}
	}
	for _, b := range books {
		if err := set.AddPath(b); err != nil {
			return nil, cmdutil.RulebookErr(err)
		}
	}
	return out, nil
}

// pathErr is a path that cannot be read, as a usage error naming it.
func pathErr(p string, err error) *cmdutil.ExitError {
	if errors.Is(err, fs.ErrNotExist) || errors.Is(err, fs.ErrPermission) {
		return cmdutil.UsageErrorf("%s: %v", p, iostreams.PathErr(err))
	}
	return cmdutil.UsageErrorf("%v", err)
}

// embedded reads the shipped suites, named as their repository paths.
func embedded() ([]source, error) {
	names, err := fs.Glob(rules.FS, "*_test.yaml")
	if err != nil {
		return nil, err
	}
	var out []source
	for _, n := range names {
		data, err := fs.ReadFile(rules.FS, n)
		if err != nil {
			return nil, err
		}
		out = append(out, source{"rules/" + n, data})
	}
	return out, nil
}

// results is a run: the suites, each test's outcome, the coverage goals.
type results struct {
	suites []*suite.Suite
	outs   []*suite.Outcome
	goals  []suite.Goal
}

func (r *results) failed() int {
	n := 0
	for _, o := range r.outs {
		if !o.Passed() {
			n++
		}
	}
	return n
}

// gate exits 6 on a failing case or coverage under --min-coverage.
func gate(o *TestOptions, r *results) error {
	var msgs []string
	if n := r.failed(); n > 0 {
		msgs = append(msgs, fmt.Sprintf("rules test: %d of %d case(s) failed", n, len(r.outs)))
	}
	if pct := suite.Percent(r.goals); o.MinCoverage >= 0 && pct < o.MinCoverage {
		msgs = append(msgs, fmt.Sprintf("rules test: requirement coverage %s is under --min-coverage %g%%", percent(pct), o.MinCoverage))
	}
	if len(msgs) == 0 {
		return nil
	}
	e := &cmdutil.ExitError{Code: cmdutil.ExitGate, Err: errors.New(joinLines(msgs))}
	if !o.Coverage && o.MinCoverage >= 0 && suite.Percent(r.goals) < o.MinCoverage {
		e.Hintf("--coverage lists what no case covers")
	}
	return e
}

// update writes each suite's failing expectations and prints the diffs.
func update(ios *iostreams.IOStreams, r *results) error {
	w := ios.ResultsOut()
	for _, s := range r.suites {
		text, diff, err := suite.Update(s, r.outs)
		if errors.Is(err, suite.ErrNotEditable) {
			if hasFailures(s, r.outs) {
				ios.Warnf("%s: %v", s.Name, err)
			}
			continue
		} else if err != nil {
			return err
		}
		if text == nil {
			continue
		}
		if err := suite.Write(s.Name, text); err != nil {
			return err
		}
		// The diff shows the suite's own text: sanitised, like every
		// line meant for a terminal.
		for _, line := range strings.Split(strings.TrimSuffix(string(diff), "\n"), "\n") {
			if _, err := io.WriteString(w, safetext.Terminal(line)+"\n"); err != nil {
				return err
			}
		}
	}
	if n := r.failed(); n > 0 {
		fmt.Fprintf(w, "updated the expectations of %d failing case(s): review the diff above\n", n)
	} else {
		fmt.Fprintln(w, "nothing to update: every case passed")
	}
	return nil
}

func hasFailures(s *suite.Suite, outs []*suite.Outcome) bool {
	return slices.ContainsFunc(outs, func(o *suite.Outcome) bool { return !o.Passed() && o.Test.File == s.Name })
}
