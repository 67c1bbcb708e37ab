package root

import (
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/tiercalc/tiercalc/pkg/cmdutil"
	"github.com/tiercalc/tiercalc/pkg/partner"
)

// Help topics, as gh and kubectl have them: `tiercalc help exit-codes`,
// `help environment`, `help records`. A command with no Run is one for
// cobra, listed under "Additional help topics". What a topic lists that the
// code knows (the settings, the gates, the record's names) is read from the
// command tree and the record tables when the tree is built, so the help
// cannot fall behind a new flag or name.
func addHelpTopics(root *cobra.Command) {
	root.AddCommand(
		&cobra.Command{Use: "exit-codes", Short: "What each exit code means", Long: exitCodesHelp(root)},
		&cobra.Command{Use: "environment", Short: "TIERCALC_* variables, the config file and other environment", Long: environmentHelp(root)},
		&cobra.Command{Use: "records", Short: "The partner record format: fields, unknown versus zero, lists", Long: recordsHelp()},
	)
}

// walkFlags calls fn on every flag of every command, with the command.
func walkFlags(c *cobra.Command, fn func(*cobra.Command, *pflag.Flag)) {
	c.LocalFlags().VisitAll(func(f *pflag.Flag) { fn(c, f) })
	for _, sub := range c.Commands() {
		walkFlags(sub, fn)
	}
}

// flagsWhere lists, in sorted order, the names of the flags keep accepts,
// each with the commands that have it ("every command" for the root's).
func flagsWhere(root *cobra.Command, keep func(*pflag.Flag) bool) (names []string, takers map[string][]string) {
	takers = map[string][]string{}
	walkFlags(root, func(c *cobra.Command, f *pflag.Flag) {
		if !keep(f) {
			return
		}
		if _, seen := takers[f.Name]; !seen {
			names = append(names, f.Name)
		}
		path := strings.TrimPrefix(c.CommandPath(), root.Name()+" ")
		if c == root {
			path = "every command"
		}
		if !slices.Contains(takers[f.Name], path) {
			takers[f.Name] = append(takers[f.Name], path)
		}
	})
	slices.Sort(names)
	return names, takers
}

// flagOnly lists the flags no setting sets, each with its commands.
func flagOnly(root *cobra.Command) []string {
	names, takers := flagsWhere(root, cmdutil.FlagOnly)
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = "--" + n + " (" + strings.Join(takers[n], ", ") + ")"
	}
	return out
}

// gateFlags lists the flags that exit 6 when they trip (--fail-*,
// --min-coverage), in the order the tree has them.
func gateFlags(root *cobra.Command) []string {
	var out []string
	walkFlags(root, func(_ *cobra.Command, f *pflag.Flag) {
		if (strings.HasPrefix(f.Name, "fail-") || f.Name == "min-coverage") && !slices.Contains(out, "--"+f.Name) {
			out = append(out, "--"+f.Name)
		}
	})
	return out
}

func exitCodesHelp(root *cobra.Command) string {
	rows := []struct {
		code int
		what string
	}{
		{cmdutil.ExitOK, "done"},
		{cmdutil.ExitFailure, "unexpected failure (a bug, a write error)"},
		{cmdutil.ExitUsage, "usage: a bad flag, argument, setting or date; a missing file; an input refused\n     as a whole for its size or kind"},
		{cmdutil.ExitRulebook, "a rulebook is invalid (every problem listed with file:line:column)"},
		{cmdutil.ExitRejected, "some partner records were rejected: each is named with file:line, the others\n     are still evaluated and printed"},
		{cmdutil.ExitGate, "a gate tripped: " + strings.Join(gateFlags(root), ", ")},
	}
	var b strings.Builder
	b.WriteString("tiercalc's exit codes, which scripts and CI jobs can rely on:\n\n")
	for _, r := range rows {
		fmt.Fprintf(&b, "  %d  %s\n", r.code, r.what)
	}
	fmt.Fprintf(&b, `
When records were rejected and a gate also tripped, %d wins (the gate saw only
part of the input), and stderr says which gate tripped and on what.

Errors go to stderr as "tiercalc: error: ...", with "tiercalc: hint: ..." lines
where a hint helps; stdout carries only results, so a pipe never reads an
error message as data.`, cmdutil.ExitRejected)
	return b.String()
}

func environmentHelp(root *cobra.Command) string {
	names, takers := flagsWhere(root, func(f *pflag.Flag) bool {
		return f.Name != "help" && f.Name != "version" && f.Name != "config" && !cmdutil.FlagOnly(f)
	})
	var b strings.Builder
	b.WriteString(`Settings come from, first to last: flags, TIERCALC_* environment variables,
the config file, the defaults. Each setting is a flag's name: TIERCALC_ and the
flag's name in capitals with - as _ (--as-of: TIERCALC_AS_OF). A repeatable
flag takes a comma-separated list (TIERCALC_PROGRAM=vpn-2009,partner-connect-2020).

  TIERCALC_CONFIG
      the config file to read (like --config); it must exist
`)
	for _, n := range names {
		env := "TIERCALC_" + strings.ToUpper(strings.ReplaceAll(n, "-", "_"))
		fmt.Fprintf(&b, "  %s\n      --%s (%s)\n", env, n, strings.Join(takers[n], ", "))
	}
	b.WriteString(`
Set on the command line only (no variable or config key sets them, and a
config file naming one is refused): ` + wrapList(flagOnly(root), 78, 38, "") + `.

The config file: --config FILE, else TIERCALC_CONFIG, else
$XDG_CONFIG_HOME/tiercalc/config.yaml (with XDG_CONFIG_HOME unset:
$HOME/.config/tiercalc/config.yaml) when it exists. The working directory is
never searched. YAML, TOML or JSON by extension; its keys are the flag names,
and an unknown key is an error:

  output: csv
  program: [vpn-2009, partner-connect-2020]
  as-of: 2025-06-01
  rules: [./our-rules]

Other variables tiercalc reads:

  CI          when set, no progress line is drawn on stderr
  GOMEMLIMIT  when set, replaces the soft memory limit streaming runs set
              themselves (Go's runtime reads it)`)
	return b.String()
}

func recordsHelp() string {
	const indent = "                    "
	wrap := func(lead string, items []string) string {
		return lead + wrapList(items, 78-len(indent), 78-20-len(lead), indent)
	}
	return `Partner records are read from CSV (a header row), JSON (an array of objects),
NDJSON (.ndjson, .jsonl: one object a line) or YAML (a list of mappings),
chosen by the file's extension or --input-format; "-", or no file with a pipe,
is stdin. tiercalc rules schema partner prints the JSON Schema of the JSON and
YAML forms.

  id                required, unique in the input
  name              free text
  country           ISO 3166-1 alpha-2 code (FR, DE, US); the region
                    (americas, emea, apj) derives from it
  profiles          ` + wrap("list of ", partner.Profiles) + `
                    (a track applies to the profiles it names; none: every track)
  current_tier      the tier held today: drives grace periods and downgrades
  competencies      list of competency ids held (the rulebooks' vocabularies)
  attestations      ` + wrap("list of yes/no facts: ", partner.Attestations) + `
  credentials       ` + wrap("people holding each: ", partner.Credentials) + `
  metrics           ` + wrap("", partner.Metrics) + `

A rulebook may add names of its own (its vocabulary), which then are fields
too. A column or key neither the list above nor a loaded rulebook knows is an
error naming it, with a did-you-mean (--lenient: a warning).

Unknown is not zero. An empty cell, an absent key or null is unknown: a
requirement on it is neither met nor failed, the result is "incomplete" and its
"unknown" names the data it needs. Write 0 for none.

Lists. In CSV a list is one cell of ids separated by ";" (reseller;msp). In
JSON and YAML a list is a list, or the same ";"-separated string. A JSON [] or
a CSV cell holding just ";" is a known empty list: no competency at all, which
is not the same as an empty cell (unknown).

Numbers. Credentials and counts are whole numbers, zero or more, up to 1e15;
revenue_usd (and any metric a rulebook counts in USD) is money, with at most two
decimals, up to 1e13, and stays exact to the cent; tier_credits may be
fractional. JSON and YAML may quote a number ("12000.50").

Keys. CSV header names and JSON/YAML keys match whatever their letter case. In
JSON and YAML, credentials and metrics may sit at the top level of a record or
be grouped under credentials: and metrics:.

  id,name,country,profiles,VTSP,VSP,competencies,revenue_usd
  FR-0001,Acme,FR,reseller,2,1,infrastructure-virtualization,15000
  FR-0002,Beta,DE,,1,,,

  [{"id": "FR-0001", "country": "FR", "credentials": {"VTSP": 2, "VSP": 1},
    "competencies": ["infrastructure-virtualization"], "revenue_usd": 15000}]`
}

// wrapList joins items with ", ", breaking lines before width (first: on
// the first line) and starting each new line with indent.
func wrapList(items []string, width, first int, indent string) string {
	var b strings.Builder
	line := width - first
	for i, it := range items {
		sep := ""
		if i > 0 {
			sep = ", "
		}
		if i > 0 && line+len(sep)+len(it) > width {
			b.WriteString(",\n" + indent)
			line, sep = 0, ""
		}
		b.WriteString(sep + it)
		line += len(sep) + len(it)
	}
	return b.String()
}
