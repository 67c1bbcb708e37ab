package cmdutil

import (
	"bufio"
	"errors"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/spf13/cobra"

	"github.com/tiercalc/tiercalc/pkg/engine"
	"github.com/tiercalc/tiercalc/pkg/iostreams"
	"github.com/tiercalc/tiercalc/pkg/partner"
	"github.com/tiercalc/tiercalc/pkg/rulebook"
)

var now = func() time.Time { return time.Date(2026, 11, 26, 23, 59, 0, 0, time.UTC) }

func TestDateFlag(t *testing.T) {
	var d DateFlag
	if got := d.Time(now); got.Format(DateLayout) != "2026-11-26" || got.Hour() != 0 {
		t.Fatalf("unset = %v, want today at midnight", got)
	}
	if err := d.Set(" 2025-06-01 "); err != nil || d.Time(now).Format(DateLayout) != "2025-06-01" {
		t.Fatalf("Set: %v, %v", err, d.Time(now))
	}
	for _, bad := range []string{"2026-13-01", "26/11/2026", "2026-11", "yesterday"} {
		err := d.Set(bad)
		var de *DateError
		if !errors.As(err, &de) || !strings.Contains(de.ErrorHints()[0], "YYYY-MM-DD") {
			t.Errorf("Set(%q) = %v, want a DateError with its hint", bad, err)
		}
	}
	if got, err := ParseDate("", now); err != nil || got.Format(DateLayout) != "2026-11-26" {
		t.Errorf(`ParseDate("") = %v, %v`, got, err)
	}
}

func TestStringEnumFlag(t *testing.T) {
	cmd := &cobra.Command{Use: "x"}
	var v string
	fl := StringEnumFlag(cmd, &v, "output", "o", "table", []string{"table", "json"}, "output format")
	if v != "table" || fl.Usage != "output format: {table|json}" {
		t.Fatalf("default %q, usage %q", v, fl.Usage)
	}
	if err := fl.Value.Set("JSON"); err != nil || v != "json" {
		t.Fatalf("Set(JSON): %v, %q", err, v)
	}
	if err := fl.Value.Set("jsno"); err == nil || !strings.Contains(err.Error(), `did you mean "json"?`) {
		t.Fatalf("Set(jsno): %v", err)
	}
}

func TestWithHint(t *testing.T) {
	e := UsageErrorf("bad")
	if got := WithHint(e, "a", "b"); got != e || got.Code != ExitUsage || len(got.Hints) != 2 {
		t.Fatalf("WithHint kept %#v", got)
	}
	plain := WithHint(io.EOF, "h")
	if plain.Code != ExitFailure || !errors.Is(plain, io.EOF) {
		t.Fatalf("WithHint(EOF) = %#v", plain)
	}
	var b strings.Builder
	PrintError(&b, plain)
	if b.String() != "tiercalc: error: EOF\ntiercalc: hint: h\n" {
		t.Errorf("printed %q", b.String())
	}
}

func TestSniffFormat(t *testing.T) {
	for in, want := range map[string]partner.Format{
		"\ufeff  [{\"id\":1}]": partner.FormatJSON,
		"{\"id\":1}\n":         partner.FormatNDJSON,
		"---\n- id: P1\n":      partner.FormatYAML,
		"# partners\n":         partner.FormatYAML,
		"id,name\nP1,Acme\n":   partner.FormatCSV,
	} {
		if got := sniffFormat(bufio.NewReader(strings.NewReader(in))); got != want {
			t.Errorf("sniff(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestResolveInputs(t *testing.T) {
	ios, _, _, _ := iostreams.Test()
	ios.SetStdinTTY(true)
	if _, err := ResolveInputs(nil, "", ios); CodeOf(err) != ExitUsage {
		t.Errorf("no input on a terminal: %v", err)
	}
	ios.SetStdinTTY(false)
	if _, err := ResolveInputs([]string{"-", "-"}, "", ios); err == nil {
		t.Error("stdin named twice was accepted")
	}
	if _, err := ResolveInputs([]string{"-"}, "xml", ios); CodeOf(err) != ExitUsage {
		t.Errorf("--input-format xml: %v", err)
	}
	in, err := ResolveInputs(nil, "", ios)
	if err != nil || len(in) != 1 {
		t.Fatalf("stdin: %v %v", in, err)
	}
}

// --best-track keeps, per program, the track with the highest tier held,
// then the better status, then fewer gaps; other programs are untouched.
func TestBestTracks(t *testing.T) {
	tiers := []*rulebook.Tier{{Name: "Low"}, {Name: "High"}}
	rv := &rulebook.Resolved{Program: &rulebook.Program{ID: "p"}, Tracks: []*rulebook.Track{
		{ID: "a", Tiers: tiers}, {ID: "b", Tiers: tiers}, {ID: "c", Tiers: tiers}}}
	s := func(v string) *string { return &v }
	rs := []engine.Result{
		{Partner: "X", Program: "p", Track: "a", Tier: s("Low"), Status: engine.StatusQualified},
		{Partner: "X", Program: "q", Track: "", Status: engine.StatusIneligible},
		{Partner: "X", Program: "p", Track: "b", Tier: s("High"), Status: engine.StatusIncomplete, Missing: make([]engine.Gap, 2)},
		{Partner: "X", Program: "p", Track: "c", Tier: s("High"), Status: engine.StatusIncomplete, Missing: make([]engine.Gap, 1)},
	}
	got := bestTracks(rs, map[string]*rulebook.Resolved{"p": rv})
	if len(got) != 2 || got[0].Track != "c" || got[1].Program != "q" {
		t.Fatalf("got %+v", got)
	}
}
