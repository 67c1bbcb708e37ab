package cli

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"
)

// testDeps returns Deps over buffers, a fixed clock and a fake environment.
func testDeps(env map[string]string) (*Deps, *bytes.Buffer, *bytes.Buffer) {
	var out, errOut bytes.Buffer
	return &Deps{
		In:      strings.NewReader(""),
		Out:     &out,
		ErrOut:  &errOut,
		Now:     func() time.Time { return time.Date(2026, 11, 26, 15, 4, 5, 0, time.UTC) },
		Getenv:  func(k string) string { return env[k] },
		Version: "test",
	}, &out, &errOut
}

// parseCheck runs the command tree on args and captures check's options.
func parseCheck(t *testing.T, env map[string]string, args ...string) (*CheckOptions, error) {
	t.Helper()
	d, _, _ := testDeps(env)
	var got *CheckOptions
	root := NewCmdRoot(d)
	for _, c := range root.Commands() {
		if c.Name() == "check" {
			root.RemoveCommand(c)
		}
	}
	root.AddCommand(NewCmdCheck(d, &globalOptions{}, func(o *CheckOptions) error { got = o; return nil }))
	root.SetArgs(args)
	root.SetOut(d.Out)
	root.SetErr(d.ErrOut)
	err := root.Execute()
	return got, err
}

func TestCheckFlags(t *testing.T) {
	tests := []struct {
		name     string
		env      map[string]string
		args     []string
		programs []string
		output   string
		asOf     string
		files    []string
		code     int // expected exit code when parsing fails
	}{
		{name: "defaults", args: []string{"check", "a.csv"}, output: "table", files: []string{"a.csv"}},
		{name: "flags", args: []string{"check", "-p", "vpn-2009", "--program", "broadcom-advantage-2024", "-o", "json", "--as-of", "2025-06-01", "a.csv", "b.json"},
			programs: []string{"vpn-2009", "broadcom-advantage-2024"}, output: "json", asOf: "2025-06-01", files: []string{"a.csv", "b.json"}},
		{name: "env fills unset flags", env: map[string]string{"TIERCALC_OUTPUT": "ndjson", "TIERCALC_PROGRAM": "vpn-2009, partner-connect-2020", "TIERCALC_AS_OF": "2020-03-01"},
			args: []string{"check"}, programs: []string{"vpn-2009", "partner-connect-2020"}, output: "ndjson", asOf: "2020-03-01"},
		{name: "flag beats env", env: map[string]string{"TIERCALC_OUTPUT": "ndjson"}, args: []string{"check", "-o", "csv"}, output: "csv"},
		{name: "bad output", args: []string{"check", "-o", "xml"}, code: ExitUsage},
		{name: "bad env output", env: map[string]string{"TIERCALC_OUTPUT": "xml"}, args: []string{"check"}, code: ExitUsage},
		{name: "negative max errors", args: []string{"check", "--max-errors", "-1"}, code: ExitUsage},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o, err := parseCheck(t, tt.env, tt.args...)
			if tt.code != 0 {
				if err == nil {
					t.Fatal("parsing succeeded, want an error")
				}
				if got := codeOf(classify(err)); got != tt.code {
					t.Fatalf("exit code %d, want %d (%v)", got, tt.code, err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(o.Programs, tt.programs) {
				t.Errorf("programs %q, want %q", o.Programs, tt.programs)
			}
			if o.Output.String() != tt.output {
				t.Errorf("output %q, want %q", o.Output, tt.output)
			}
			if string(o.AsOf) != tt.asOf {
				t.Errorf("as-of %q, want %q", o.AsOf, tt.asOf)
			}
			if !reflect.DeepEqual(o.Files, tt.files) && !(len(o.Files) == 0 && len(tt.files) == 0) {
				t.Errorf("files %q, want %q", o.Files, tt.files)
			}
		})
	}
}

func TestMissingExplicitConfigIsUsageError(t *testing.T) {
	_, err := parseCheck(t, nil, "check", "--config", "/nonexistent/tiercalc.yaml", "a.csv")
	var ee *ExitError
	if !errors.As(err, &ee) || ee.Code != ExitUsage {
		t.Fatalf("err = %v, want a usage error", err)
	}
}

func TestParseAsOf(t *testing.T) {
	now := func() time.Time { return time.Date(2026, 11, 26, 23, 59, 0, 0, time.UTC) }
	got, err := parseAsOf("", now)
	if err != nil || got.Format(dateLayout) != "2026-11-26" {
		t.Fatalf("default as-of = %v, %v", got, err)
	}
	for _, bad := range []string{"2026-13-01", "26/11/2026", "2026-11", "yesterday"} {
		_, err := parseAsOf(bad, now)
		var ee *ExitError
		if !errors.As(err, &ee) || ee.Code != ExitUsage || len(ee.Hints) == 0 || !strings.Contains(ee.Hints[0], "YYYY-MM-DD") {
			t.Errorf("parseAsOf(%q) = %v, want a usage error with a YYYY-MM-DD hint", bad, err)
		}
	}
}

func TestMainPrintsErrorsAndHints(t *testing.T) {
	d, out, errOut := testDeps(nil)
	code := Main([]string{"check", "-p", "vpn2009", "x.csv"}, d)
	if code != ExitUsage {
		t.Fatalf("code %d, want %d", code, ExitUsage)
	}
	if out.Len() != 0 {
		t.Errorf("stdout not empty: %q", out)
	}
	want := "tiercalc: error: unknown program \"vpn2009\"\ntiercalc: hint: did you mean --program vpn-2009 (-p vpn-2009)?\n"
	if !strings.HasPrefix(errOut.String(), want) {
		t.Errorf("stderr = %q, want prefix %q", errOut, want)
	}
}

func TestCheckRunsOnStdin(t *testing.T) {
	d, out, errOut := testDeps(nil)
	d.In = strings.NewReader("id,name,VSP,VTSP\nP1,Acme,1,1\n")
	code := Main([]string{"check", "-p", "vpn-2009", "-o", "csv", "-"}, d)
	if code != ExitOK {
		t.Fatalf("code %d: %s", code, errOut)
	}
	if !strings.Contains(out.String(), "\nP1,Acme,vpn-2009,2010-07,,Professional,Professional,") {
		t.Errorf("stdout = %q", out)
	}
}

func TestFlagCompletions(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"__complete", "check", "-o", ""}, "table\njson\nndjson\ncsv\nyaml\nmarkdown\njunit\ngithub\n:4\n"},
		{[]string{"__complete", "compare", "-p", ""}, "vpn-2009\npartner-connect-2020\nbroadcom-advantage-2024\n:4\n"},
	} {
		d, out, _ := testDeps(nil)
		if code := Main(tc.args, d); code != ExitOK {
			t.Fatalf("%v: exit %d", tc.args, code)
		}
		if out.String() != tc.want {
			t.Errorf("%v = %q, want %q", tc.args, out, tc.want)
		}
	}
}
