package root

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tiercalc/tiercalc/pkg/cmdutil"
	"github.com/tiercalc/tiercalc/pkg/iostreams"
)

var testNow = func() time.Time { return time.Date(2026, 11, 26, 15, 4, 5, 0, time.UTC) }

// testFactory returns a Factory over buffers, a fixed clock and env.
func testFactory(env map[string]string) (*cmdutil.Factory, *bytes.Buffer, *bytes.Buffer, *bytes.Buffer) {
	ios, in, out, errOut := iostreams.Test()
	return cmdutil.NewFactory(ios, testNow, func(k string) string { return env[k] }, "test"), in, out, errOut
}

func TestMainPrintsErrorsAndHints(t *testing.T) {
	f, _, out, errOut := testFactory(nil)
	code := Main([]string{"check", "-p", "vpn2009", "x.csv"}, f)
	if code != cmdutil.ExitUsage {
		t.Fatalf("code %d, want %d", code, cmdutil.ExitUsage)
	}
	if out.Len() != 0 {
		t.Errorf("stdout not empty: %q", out)
	}
	want := "tiercalc: error: unknown program \"vpn2009\"\ntiercalc: hint: did you mean --program vpn-2009 (-p vpn-2009)?\n"
	if !strings.HasPrefix(errOut.String(), want) {
		t.Errorf("stderr = %q, want prefix %q", errOut, want)
	}
}

// A bad date brings its own hint, from the flag, the environment or a
// config file, without anyone reading the message.
func TestBadDateHint(t *testing.T) {
	for _, tc := range []struct {
		args []string
		env  map[string]string
	}{
		{args: []string{"check", "--as-of", "2026-13-01", "x.csv"}},
		{args: []string{"check", "x.csv"}, env: map[string]string{"TIERCALC_AS_OF": "yesterday"}},
	} {
		f, _, _, errOut := testFactory(tc.env)
		if code := Main(tc.args, f); code != cmdutil.ExitUsage {
			t.Fatalf("%v: exit %d", tc.args, code)
		}
		if !strings.Contains(errOut.String(), "is not a date\ntiercalc: hint: use the form YYYY-MM-DD") {
			t.Errorf("%v: stderr = %q", tc.args, errOut)
		}
	}
}

func TestMissingExplicitConfigIsUsageError(t *testing.T) {
	f, _, _, errOut := testFactory(nil)
	if code := Main([]string{"check", "--config", "/nonexistent/tiercalc.yaml", "a.csv"}, f); code != cmdutil.ExitUsage {
		t.Fatalf("exit %d: %s", code, errOut)
	}
}

func TestCheckRunsOnStdin(t *testing.T) {
	f, in, out, errOut := testFactory(nil)
	in.WriteString("id,name,VSP,VTSP\nP1,Acme,1,1\n")
	if code := Main([]string{"check", "-p", "vpn-2009", "-o", "csv", "-"}, f); code != cmdutil.ExitOK {
		t.Fatalf("code %d: %s", code, errOut)
	}
	if !strings.Contains(out.String(), "\nP1,Acme,vpn-2009,2010-08,,Professional,Professional,") {
		t.Errorf("stdout = %q", out)
	}
}

func TestFlagCompletions(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"__complete", "check", "-o", ""}, "table\nwide\njson\nndjson\ncsv\nyaml\nmarkdown\njunit\ngithub\nxlsx\n:4\n"},
		{[]string{"__complete", "summary", "-o", ""}, "table\njson\nmarkdown\nxlsx\n:4\n"},
		{[]string{"__complete", "compare", "-p", ""}, "vpn-2009\npartner-connect-2020\nbroadcom-advantage-2024\n:4\n"},
	} {
		f, _, out, _ := testFactory(nil)
		if code := Main(tc.args, f); code != cmdutil.ExitOK {
			t.Fatalf("%v: exit %d", tc.args, code)
		}
		if out.String() != tc.want {
			t.Errorf("%v = %q, want %q", tc.args, out, tc.want)
		}
	}
}

// The rule set is loaded once per process, however many places ask.
func TestRulesLoadOnce(t *testing.T) {
	f, _, _, _ := testFactory(nil)
	a, err := f.Rules()
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := f.Rules(); a != b {
		t.Error("second call loaded the rule set again")
	}
}

// --out takes the results; stdout stays empty and is never swapped.
func TestOutFileTakesResults(t *testing.T) {
	f, _, out, errOut := testFactory(nil)
	stdout := f.IOStreams.Out
	path := filepath.Join(t.TempDir(), "list.json")
	if code := Main([]string{"rules", "list", "-o", "json", "--out", path}, f); code != cmdutil.ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if out.Len() != 0 || f.IOStreams.Out != stdout {
		t.Errorf("stdout written or replaced: %q", out)
	}
	if b, err := os.ReadFile(path); err != nil || !bytes.Contains(b, []byte(`"vpn-2009"`)) {
		t.Errorf("out file: %v %q", err, b)
	}
}

// TestProgressInARun runs check on enough records to fill a few batches,
// with a clock that moves a second a reading: the line shows on a
// terminal, and never in CI or a pipe (stderr not a terminal).
func TestProgressInARun(t *testing.T) {
	const rows = 3 * 256
	var csv strings.Builder
	csv.WriteString("id,name,VSP,VTSP,competencies,revenue_usd\n")
	for i := range rows {
		fmt.Fprintf(&csv, "P%d,Partner %d,1,2,infrastructure-virtualization,20000\n", i, i)
	}
	file := filepath.Join(t.TempDir(), "many.csv")
	if err := os.WriteFile(file, []byte(csv.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name     string
		terminal bool
		env      map[string]string
		want     bool
	}{
		{"terminal", true, nil, true},
		{"pipe", false, nil, false},
		{"CI", true, map[string]string{"CI": "1"}, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f, _, out, errOut := testFactory(tt.env)
			var ticks atomic.Int64
			start := time.Date(2026, 1, 15, 9, 0, 0, 0, time.UTC)
			f.Now = func() time.Time { return start.Add(time.Duration(ticks.Add(1)) * time.Second) }
			f.IOStreams.SetStderrTTY(tt.terminal)
			code := Main([]string{"check", "-p", "vpn-2009", "--as-of", "2026-01-15", "-o", "csv", file}, f)
			if code != cmdutil.ExitOK {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			if n := strings.Count(out.String(), "\n"); n != rows+1 {
				t.Errorf("%d lines of csv, want %d", n, rows+1)
			}
			got := errOut.String()
			if !tt.want {
				if got != "" {
					t.Errorf("stderr = %q, want nothing", got)
				}
				return
			}
			if !strings.Contains(got, "\rtiercalc: 512 records read, ") || !strings.HasSuffix(got, "\r\x1b[K") {
				t.Errorf("stderr = %q, want the line, then cleared", got)
			}
		})
	}
}

func TestClassifyUnknownCommand(t *testing.T) {
	err := classify(errors.New("unknown command \"chekc\" for \"tiercalc\"\n\nDid you mean this?\n\tcheck\n"))
	var ee *cmdutil.ExitError
	if !errors.As(err, &ee) || ee.Code != cmdutil.ExitUsage || len(ee.Hints) != 2 {
		t.Fatalf("unknown command: %#v", err)
	}
}
