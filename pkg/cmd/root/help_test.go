package root

import (
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"github.com/tiercalc/tiercalc/pkg/cmdutil"
)

// TestEveryCommandHasExamplesThatRun: every command's help has examples,
// at least one of them needs nothing but the binary, and every example that
// needs no file runs and prints something (printf's records piped in,
// tiercalc piped into tiercalc, "> FILE" kept in memory).
func TestEveryCommandHasExamplesThatRun(t *testing.T) {
	f, _, _, _ := testFactory(nil)
	root := NewCmdRoot(f)
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		for _, sub := range c.Commands() {
			walk(sub)
		}
		if !c.Runnable() || c.Hidden || c == root {
			return
		}
		if strings.TrimSpace(c.Example) == "" {
			t.Errorf("%s: no examples", c.CommandPath())
			return
		}
		ran := 0
		for _, line := range strings.Split(c.Example, "\n") {
			if pipeline, ok := parseExample(strings.TrimSpace(line)); ok {
				ran++
				t.Run(strings.ReplaceAll(c.CommandPath(), " ", "_"), func(t *testing.T) { runPipeline(t, line, pipeline) })
			}
		}
		if ran == 0 {
			t.Errorf("%s: no example works with the binary alone", c.CommandPath())
		}
	}
	walk(root)
}

// example is one shell pipeline: the input printf gives, then tiercalc's
// argument lists.
type example struct {
	stdin string
	runs  [][]string
}

// parseExample reads an example line; ok is false when it names a file or
// runs anything but printf and tiercalc.
func parseExample(line string) (example, bool) {
	var ex example
	for i, seg := range strings.Split(line, " | ") {
		words := shellWords(seg)
		if len(words) == 0 {
			return ex, false
		}
		if i == 0 && words[0] == "printf" && len(words) == 2 {
			ex.stdin = strings.ReplaceAll(words[1], `\n`, "\n")
			continue
		}
		if words[0] != "tiercalc" {
			return ex, false
		}
		if j := indexOf(words, ">"); j >= 0 {
			words = words[:j] // the output is read here instead
		}
		for _, w := range words {
			if strings.ContainsAny(w, "/$") || strings.HasSuffix(w, ".csv") || strings.HasSuffix(w, ".yaml") ||
				strings.HasSuffix(w, ".json") || w == ">>" {
				return ex, false
			}
		}
		ex.runs = append(ex.runs, words[1:])
	}
	return ex, len(ex.runs) > 0
}

func indexOf(words []string, w string) int {
	for i, x := range words {
		if x == w {
			return i
		}
	}
	return -1
}

// shellWords splits on blanks, keeping single-quoted text whole.
func shellWords(s string) []string {
	var out []string
	var cur strings.Builder
	quoted, in := false, false
	for _, r := range s {
		switch {
		case r == '\'':
			quoted, in = !quoted, true
		case r == ' ' && !quoted:
			if in {
				out = append(out, cur.String())
				cur.Reset()
				in = false
			}
		default:
			cur.WriteRune(r)
			in = true
		}
	}
	if in {
		out = append(out, cur.String())
	}
	return out
}

func runPipeline(t *testing.T, line string, ex example) {
	stdin := ex.stdin
	for _, args := range ex.runs {
		f, in, out, errOut := testFactory(nil)
		in.WriteString(stdin)
		if code := Main(args, f); code != cmdutil.ExitOK {
			t.Fatalf("%s\ntiercalc %s: exit %d\n%s", line, strings.Join(args, " "), code, errOut)
		}
		if out.Len() == 0 {
			t.Fatalf("%s\ntiercalc %s: printed nothing", line, strings.Join(args, " "))
		}
		stdin = out.String()
	}
}

func TestHelpTopics(t *testing.T) {
	for _, tc := range []struct {
		topic string
		want  []string
	}{
		{"exit-codes", []string{"  0  done", "  3  a rulebook is invalid", "  6  a gate tripped: --fail-below, --fail-on-downgrade"}},
		// Every setting a flag takes, found in the tree: a new flag is
		// listed without anyone editing the topic.
		{"environment", []string{"TIERCALC_CONFIG", "TIERCALC_AS_OF\n      --as-of (check, compare, plan, ", "TIERCALC_OUTPUT",
			"TIERCALC_RULES\n      --rules (every command)", "$XDG_CONFIG_HOME/tiercalc/config.yaml", "--assume (check, compare, why)"}},
		{"records", []string{"Unknown is not zero", "VCAP-DCV", "revenue_usd", "smb-practice", `A JSON [] or
a CSV cell holding just ";" is a known empty list`}},
	} {
		f, _, out, errOut := testFactory(nil)
		if code := Main([]string{"help", tc.topic}, f); code != cmdutil.ExitOK {
			t.Fatalf("help %s: exit %d: %s", tc.topic, code, errOut)
		}
		for _, w := range tc.want {
			if !strings.Contains(out.String(), w) {
				t.Errorf("help %s lacks %q:\n%s", tc.topic, w, out)
			}
		}
	}
	// No TIERCALC_ variable is listed that does nothing: one of them,
	// set, changes the output.
	f, _, out, _ := testFactory(map[string]string{"TIERCALC_OUTPUT": "json"})
	if Main([]string{"rules", "list"}, f) != cmdutil.ExitOK || !strings.HasPrefix(out.String(), "[") {
		t.Errorf("TIERCALC_OUTPUT=json rules list printed %q", out)
	}
}

func TestVersionFlag(t *testing.T) {
	for _, args := range [][]string{{"--version"}, {"version"}} {
		f, _, out, _ := testFactory(nil)
		if code := Main(args, f); code != cmdutil.ExitOK || out.String() != "tiercalc test\n" {
			t.Errorf("%v: exit %d, %q", args, code, out)
		}
	}
}
