package check

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/tiercalc/tiercalc/pkg/cmdutil"
	"github.com/tiercalc/tiercalc/pkg/iostreams"
	"github.com/tiercalc/tiercalc/pkg/partner"
	"github.com/tiercalc/tiercalc/pkg/report"
)

var now = func() time.Time { return time.Date(2026, 11, 26, 15, 4, 5, 0, time.UTC) }

// parse runs `check args` on its own, over a test Factory, and captures
// the options runF would run with.
func parse(t *testing.T, args ...string) (*CheckOptions, error) {
	t.Helper()
	ios, _, _, _ := iostreams.Test()
	f := cmdutil.NewFactory(ios, now, func(string) string { return "" }, "test")
	var got *CheckOptions
	cmd := NewCmdCheck(f, func(o *CheckOptions) error { got = o; return nil })
	cmd.SetArgs(args)
	cmd.SetOut(ios.Out)
	cmd.SetErr(ios.ErrOut)
	cmd.SilenceUsage, cmd.SilenceErrors = true, true
	err := cmd.Execute()
	return got, err
}

func TestNewCmdCheck(t *testing.T) {
	tests := []struct {
		name      string
		args      []string
		programs  []string
		format    report.Format
		asOf      time.Time
		files     []string
		failBelow string
		wantErr   string
	}{
		{name: "defaults", args: []string{"a.csv"}, format: report.Table,
			asOf: time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC), files: []string{"a.csv"}},
		{name: "flags", args: []string{"-p", "vpn-2009", "--program", "broadcom-advantage-2024", "-o", "JSON",
			"--as-of", "2025-06-01", "--fail-below", "Premier", "a.csv", "b.json"},
			programs: []string{"vpn-2009", "broadcom-advantage-2024"}, format: report.JSON,
			asOf: time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC), files: []string{"a.csv", "b.json"}, failBelow: "Premier"},
		{name: "today", args: []string{"--as-of", "today", "-o", "junit"}, format: report.JUnit,
			asOf: time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)},
		{name: "bad output", args: []string{"-o", "xml"}, wantErr: `"xml" is not one of table, wide, json, ndjson, csv, yaml, markdown, junit, github`},
		{name: "near output", args: []string{"-o", "jsn"}, wantErr: `(did you mean "json"?)`},
		{name: "bad date", args: []string{"--as-of", "2026-13-01"}, wantErr: `"2026-13-01" is not a date`},
		{name: "negative max errors", args: []string{"--max-errors", "-1"}, wantErr: "--max-errors must be 0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o, err := parse(t, tt.args...)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				if o != nil {
					t.Error("runF ran despite the error")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(o.Programs, tt.programs) {
				t.Errorf("programs %q, want %q", o.Programs, tt.programs)
			}
			if got := o.Print.Format(); got != tt.format {
				t.Errorf("format %q, want %q", got, tt.format)
			}
			if got := o.AsOf.Time(now); !got.Equal(tt.asOf) {
				t.Errorf("as-of %v, want %v", got, tt.asOf)
			}
			if !reflect.DeepEqual(o.Files, tt.files) && len(o.Files)+len(tt.files) > 0 {
				t.Errorf("files %q, want %q", o.Files, tt.files)
			}
			if o.FailBelow != tt.failBelow {
				t.Errorf("fail-below %q, want %q", o.FailBelow, tt.failBelow)
			}
		})
	}
}

// A bad date carries its hint in its type.
func TestBadDateHasHint(t *testing.T) {
	_, err := parse(t, "--as-of", "26/11/2026")
	var h cmdutil.Hinter
	if !errors.As(err, &h) || !strings.Contains(strings.Join(h.ErrorHints(), " "), "YYYY-MM-DD") {
		t.Fatalf("err = %v, want a date hint", err)
	}
}

// checkRun end to end over the test streams: a gate trips with exit 6.
func TestCheckRunGate(t *testing.T) {
	ios, in, out, errOut := iostreams.Test()
	in.WriteString("id,name,VSP,VTSP\nP1,Acme,1,1\n")
	f := cmdutil.NewFactory(ios, now, func(string) string { return "" }, "test")
	cmd := NewCmdCheck(f, nil)
	cmd.SetArgs([]string{"-p", "vpn-2009", "--fail-below", "Premier", "-o", "csv", "-"})
	cmd.SilenceUsage, cmd.SilenceErrors = true, true
	err := cmd.Execute()
	var ee *cmdutil.ExitError
	if !errors.As(err, &ee) || ee.Code != cmdutil.ExitGate {
		t.Fatalf("err = %v, want exit 6; stderr %s", err, errOut)
	}
	if !strings.Contains(out.String(), "P1,Acme,vpn-2009") {
		t.Errorf("stdout = %q", out)
	}
}

// A YAML input over partner.MaxYAML is refused whole, before any record is
// read: exit 2 (SPEC.md), with a hint to use NDJSON.
func TestCheckRunYAMLTooLarge(t *testing.T) {
	ios, in, out, errOut := iostreams.Test()
	item := "- {id: P0000001, name: Acme, VTSP: 2}\n"
	in.WriteString(strings.Repeat(item, partner.MaxYAML/len(item)+1))
	f := cmdutil.NewFactory(ios, now, func(string) string { return "" }, "test")
	cmd := NewCmdCheck(f, nil)
	cmd.SetArgs([]string{"-p", "vpn-2009", "--input-format", "yaml", "-o", "csv", "-"})
	cmd.SilenceUsage, cmd.SilenceErrors = true, true
	err := cmd.Execute()
	var ee *cmdutil.ExitError
	if !errors.As(err, &ee) || ee.Code != cmdutil.ExitUsage {
		t.Fatalf("err = %v, want exit 2; stderr %s", err, errOut)
	}
	if strings.Contains(out.String(), "P0000001") {
		t.Errorf("records printed: %.200s", out)
	}
	for _, want := range []string{"tiercalc: error: stdin: YAML input larger than 16 MiB", "tiercalc: hint: YAML is read whole; convert larger inputs to NDJSON", "1 input(s) refused for their size"} {
		if !strings.Contains(errOut.String(), want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
}
