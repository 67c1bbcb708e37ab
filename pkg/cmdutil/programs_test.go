package cmdutil

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/tiercalc/tiercalc/pkg/iostreams"
	"github.com/tiercalc/tiercalc/pkg/rulebook"
)

func day(s string) time.Time {
	d, err := time.Parse(DateLayout, s)
	if err != nil {
		panic(err)
	}
	return d
}

// old ran from 2009-04-14 to 2020-02-29 (its last day), with a second
// edition from 2010-07-01; cur starts 2020-02-29; next starts 2030-01-01.
func programs() []*rulebook.Program {
	return []*rulebook.Program{
		{ID: "old", Effective: day("2009-04-14"), Ends: day("2020-02-29"),
			Editions: []*rulebook.Edition{{ID: "2010-07", Effective: day("2010-07-01")}}},
		{ID: "cur", Effective: day("2020-02-29")},
		{ID: "next", Effective: day("2030-01-01")},
	}
}

func ids(ps []*rulebook.Program) string {
	var out []string
	for _, p := range ps {
		out = append(out, p.ID)
	}
	return strings.Join(out, ",")
}

// Ends is the last day in force: a program is in force on that day, and
// has ended the day after (at any time of day).
func TestEndsIsTheLastDayInForce(t *testing.T) {
	old := programs()[0]
	for _, tc := range []struct {
		at    time.Time
		ended bool
	}{
		{day("2020-02-28"), false},
		{day("2020-02-29").Add(23 * time.Hour), false},
		{day("2020-03-01"), true},
		{day("2026-11-26"), true},
	} {
		if got := old.Ended(tc.at); got != tc.ended {
			t.Errorf("Ended(%s) = %v", tc.at, got)
		}
	}
	if (&rulebook.Program{Effective: day("2009-01-01")}).Ended(day("2099-01-01")) {
		t.Error("a program with no ends never ends")
	}
}

func TestInForce(t *testing.T) {
	for _, tc := range []struct {
		name, asOf string
		named      bool
		want       string
		notes      []string // on stderr
		err        string
	}{
		{name: "default, last day", asOf: "2020-02-29", want: "old,cur",
			notes: []string{"next starts on 2030-01-01, after 2020-02-29; not evaluated"}},
		{name: "default, day after", asOf: "2020-03-01", want: "cur",
			notes: []string{"old ended on 2020-02-29, before 2020-03-01; not evaluated (name it with --program to evaluate its last edition)",
				"next starts on 2030-01-01"}},
		{name: "default, before all", asOf: "2009-01-01", err: "no loaded program was in force on 2009-01-01"},
		{name: "named, ended: kept", asOf: "2026-11-26", named: true, err: "next starts on 2030-01-01: it has no edition in force on 2026-11-26"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ios, _, _, errOut := iostreams.Test()
			got, err := InForce(ios, programs(), day(tc.asOf), tc.named)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("err = %v, want %q", err, tc.err)
				}
				var ee *ExitError
				if !errors.As(err, &ee) || ee.Code != ExitUsage {
					t.Errorf("err = %#v, want a usage error", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if ids(got) != tc.want {
				t.Errorf("selected %s, want %s", ids(got), tc.want)
			}
			for _, n := range tc.notes {
				if !strings.Contains(errOut.String(), "tiercalc: note: "+n) {
					t.Errorf("stderr %q lacks note %q", errOut, n)
				}
			}
			if strings.Count(errOut.String(), "\n") != len(tc.notes) {
				t.Errorf("stderr %q: want one line per note", errOut)
			}
		})
	}
	ios, _, _, _ := iostreams.Test()
	got, err := InForce(ios, programs()[:2], day("2026-11-26"), true)
	if err != nil || ids(got) != "old,cur" {
		t.Errorf("named ended program: %s, %v; want it kept", ids(got), err)
	}
}

// compare's default: every program that had started, ended ones included.
func TestStarted(t *testing.T) {
	ios, _, _, errOut := iostreams.Test()
	if got := ids(Started(ios, programs(), day("2026-11-26"))); got != "old,cur" {
		t.Errorf("started %s", got)
	}
	if !strings.Contains(errOut.String(), "next starts on 2030-01-01") || strings.Contains(errOut.String(), "old") {
		t.Errorf("stderr %q", errOut)
	}
}

// An ended program is evaluated on the edition in force on its last day,
// with a note; one in force on the edition of the day, with none.
func TestEdition(t *testing.T) {
	old := programs()[0]
	if rv, note := Edition(old, day("2009-06-01")); rv.Edition != "2009-04-14" || note != "" {
		t.Errorf("in force: %s %q", rv.Edition, note)
	}
	if rv, note := Edition(old, day("2020-02-29")); rv.Edition != "2010-07" || note != "" {
		t.Errorf("last day: %s %q", rv.Edition, note)
	}
	rv, note := Edition(old, day("2020-03-01"))
	if want := "old ended on 2020-02-29; evaluated on its last edition (2010-07)"; rv.Edition != "2010-07" || note != want {
		t.Errorf("ended: %s %q, want %q", rv.Edition, note, want)
	}
}

// WithNote never writes into a shared backing array.
func TestWithNote(t *testing.T) {
	shared := make([]string, 1, 4)
	shared[0] = "a"
	x := WithNote(shared, "b")
	y := WithNote(shared, "c")
	if x[1] != "b" || y[1] != "c" || len(shared) != 1 {
		t.Errorf("x %q y %q", x, y)
	}
	if WithNote(nil, "") != nil {
		t.Error("an empty note adds nothing")
	}
}
