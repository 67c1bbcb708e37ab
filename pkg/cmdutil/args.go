package cmdutil

import "github.com/spf13/cobra"

// NoArgs, ExactArgs and MinArgs are cobra's argument checks returning
// usage errors, so a wrong argument count exits 2.
func NoArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return UsageErrorf("%s takes no arguments, got %q", cmd.CommandPath(), args[0]).
			Hintf("run '%s --help'", cmd.CommandPath())
	}
	return nil
}

// ExactArgs requires n arguments.
func ExactArgs(n int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) != n {
			return UsageErrorf("%s takes %d argument(s), got %d", cmd.CommandPath(), n, len(args)).
				Hintf("usage: %s", cmd.UseLine())
		}
		return nil
	}
}

// MinArgs requires at least n arguments.
func MinArgs(n int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) < n {
			return UsageErrorf("%s needs at least %d argument(s)", cmd.CommandPath(), n).
				Hintf("usage: %s", cmd.UseLine())
		}
		return nil
	}
}

// MaxArgs allows at most n arguments.
func MaxArgs(n int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) > n {
			return UsageErrorf("%s takes at most %d argument(s), got %d", cmd.CommandPath(), n, len(args)).
				Hintf("usage: %s", cmd.UseLine())
		}
		return nil
	}
}
