// Package cli holds tiercalc's cobra commands, its settings (viper) and the
// one place where errors become exit codes. It wires the other packages
// together and holds no domain logic of its own.
package cli

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/tiercalc/tiercalc/pkg/internal/suggest"
)

// globalOptions are the flags every command shares.
type globalOptions struct {
	Config string
	Rules  []string
	Out    string
}

// Main runs tiercalc with args and returns the process exit code.
func Main(args []string, d *Deps) (code int) {
	defer func() {
		if v := recover(); v != nil {
			printError(d.ErrOut, internalError(v))
			code = ExitFailure
		}
	}()
	out := &outFile{}
	root := newRoot(d, out)
	root.SetArgs(args)
	root.SetIn(d.In)
	root.SetOut(d.Out)
	root.SetErr(d.ErrOut)
	err := root.Execute()
	if out.path != "" {
		// Exit 6 (a gate) and exit 4 for rejected records come with every
		// result that could be computed: those are kept. A run stopped
		// early (--max-errors, an input not read to the end) is partial.
		var ee *ExitError
		complete := err == nil || (errors.As(err, &ee) && (ee.Code == ExitGate || (ee.Code == ExitRejected && !ee.Partial)))
		if ferr := out.finish(complete); ferr != nil && err == nil {
			err = &ExitError{Code: ExitFailure, Err: fmt.Errorf("--out %s: %w", out.path, ferr)}
		}
	}
	if err == nil {
		return ExitOK
	}
	err = classify(err)
	printError(d.ErrOut, err)
	return codeOf(err)
}

// classify turns cobra's own errors (unknown command, arguments of the
// commands cobra builds) into usage errors; our flag and argument errors
// already are (SetFlagErrorFunc and the argument checks below), and every
// other error of ours is an *ExitError.
func classify(err error) error {
	var ee *ExitError
	if errors.As(err, &ee) {
		return err
	}
	msg := err.Error()
	if strings.HasPrefix(msg, "unknown command") {
		first, rest, _ := strings.Cut(msg, "\n")
		e := &ExitError{Code: ExitUsage, Err: errors.New(first)}
		var sugg []string
		for _, l := range strings.Split(rest, "\n") {
			if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "Did you mean") {
				sugg = append(sugg, l)
			}
		}
		if len(sugg) > 0 {
			e.hint("did you mean %q?", strings.Join(sugg, ", "))
		}
		return e.hint("run 'tiercalc --help' for the list of commands")
	}
	// Commands cobra builds itself (completion) check their arguments with
	// cobra's own validators.
	if strings.Contains(msg, "arg(s)") || strings.HasPrefix(msg, "invalid argument") {
		return &ExitError{Code: ExitUsage, Err: err}
	}
	return &ExitError{Code: ExitFailure, Err: err}
}

// NewCmdRoot builds the command tree.
func NewCmdRoot(d *Deps) *cobra.Command { return newRoot(d, &outFile{}) }

// newRoot builds the command tree; when --out is given, results go to out.
func newRoot(d *Deps, out *outFile) *cobra.Command {
	g := &globalOptions{}
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
			if err := applySettings(cmd, d); err != nil {
				return err
			}
			if g.Out != "" {
				out.path = g.Out
				if err := out.check(); err != nil {
					return err
				}
				d.Out = out
			}
			return nil
		},
	}
	root.PersistentFlags().StringVar(&g.Config, "config", "", "read settings from this file (YAML, TOML or JSON)")
	root.PersistentFlags().StringVar(&g.Out, "out", "", "write results to `FILE` instead of stdout; it is replaced only when the run succeeds")
	root.PersistentFlags().StringArrayVar(&g.Rules, "rules", nil, "load more rulebooks from `PATH` (file or folder; repeatable); one with a shipped id replaces it")
	root.SetFlagErrorFunc(func(cmd *cobra.Command, err error) error {
		e := usageErr("%s", err)
		if strings.Contains(err.Error(), "is not a date") {
			return e.hint(dateForm)
		}
		return e.hint("run '%s --help' for the flags", cmd.CommandPath())
	})

	root.AddCommand(
		NewCmdCheck(d, g, nil),
		NewCmdCompare(d, g, nil),
		NewCmdSummary(d, g, nil),
		NewCmdRules(d, g),
		NewCmdVersion(d, nil),
	)
	registerCompletions(root, g)
	return root
}

// registerCompletions completes -o from each command's formats and
// --program from the loaded rulebooks, on every command that has them.
func registerCompletions(c *cobra.Command, g *globalOptions) {
	if f := c.Flags().Lookup("output"); f != nil {
		if e, ok := f.Value.(*enumValue); ok {
			_ = c.RegisterFlagCompletionFunc("output", cobra.FixedCompletions(e.allowed, cobra.ShellCompDirectiveNoFileComp))
		}
	}
	if c.Flags().Lookup("program") != nil {
		_ = c.RegisterFlagCompletionFunc("program", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
			set, err := loadRules(g.Rules)
			if err != nil {
				return nil, cobra.ShellCompDirectiveError
			}
			return set.IDs(), cobra.ShellCompDirectiveNoFileComp
		})
	}
	for _, sub := range c.Commands() {
		registerCompletions(sub, g)
	}
}

// noArgs, exactArgs and minArgs are cobra's argument checks returning usage
// errors, so a wrong argument count exits 2.
func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return usageErr("%s takes no arguments, got %q", cmd.CommandPath(), args[0]).
			hint("run '%s --help'", cmd.CommandPath())
	}
	return nil
}

func exactArgs(n int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) != n {
			return usageErr("%s takes %d argument(s), got %d", cmd.CommandPath(), n, len(args)).
				hint("usage: %s", cmd.UseLine())
		}
		return nil
	}
}

func minArgs(n int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) < n {
			return usageErr("%s needs at least %d argument(s)", cmd.CommandPath(), n).
				hint("usage: %s", cmd.UseLine())
		}
		return nil
	}
}

// enumValue is a pflag.Value that accepts one of a fixed set of words, so a
// bad -o is refused while flags are parsed.
type enumValue struct {
	allowed []string
	value   string
}

func newEnum(def string, allowed []string) *enumValue {
	return &enumValue{allowed: allowed, value: def}
}

func (e *enumValue) String() string { return e.value }
func (e *enumValue) Type() string   { return "string" }
func (e *enumValue) Set(s string) error {
	s = strings.ToLower(strings.TrimSpace(s))
	for _, a := range e.allowed {
		if s == a {
			e.value = s
			return nil
		}
	}
	msg := fmt.Sprintf("%q is not one of %s", s, strings.Join(e.allowed, ", "))
	if m := closest(s, e.allowed); m != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", m)
	}
	return errors.New(msg)
}

var _ pflag.Value = (*enumValue)(nil)

// closest is suggest.Closest, named for brevity at call sites.
func closest(word string, candidates []string) string { return suggest.Closest(word, candidates) }

// joinFormats is the list of formats as flag help shows it.
func joinFormats(fs []string) string { return strings.Join(fs, "|") }
