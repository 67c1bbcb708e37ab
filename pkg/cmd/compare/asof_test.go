package compare

import (
	"encoding/json"
	"errors"
	"fmt"
	"testing"

	"github.com/tiercalc/tiercalc/pkg/cmd/check"
	"github.com/tiercalc/tiercalc/pkg/cmdutil"
	"github.com/tiercalc/tiercalc/pkg/compare"
	"github.com/tiercalc/tiercalc/pkg/engine"
	"github.com/tiercalc/tiercalc/pkg/iostreams"
)

const partnersCSV = "../../../testdata/partners.csv"

// checkAt runs `check -p id --as-of date -o json FILE` and returns the
// results.
func checkAt(t *testing.T, id, date string) []engine.Result {
	t.Helper()
	ios, _, out, errOut := iostreams.Test()
	f := cmdutil.NewFactory(ios, now, func(string) string { return "" }, "test")
	cmd := check.NewCmdCheck(f, nil)
	cmd.SetArgs([]string{"-p", id, "--as-of", date, "-o", "json", partnersCSV})
	cmd.SilenceUsage, cmd.SilenceErrors = true, true
	if err := cmd.Execute(); err != nil {
		t.Fatalf("check --as-of %s: %v\n%s", date, err, errOut)
	}
	var rs []engine.Result
	if err := json.Unmarshal(out.Bytes(), &rs); err != nil {
		t.Fatal(err)
	}
	return rs
}

// compareJSON runs `compare --fail-on-downgrade -o json [--as-of asOf]
// -p ... FILE` and returns its output and error.
func compareJSON(t *testing.T, asOf string, programs ...string) (compareOut, error) {
	t.Helper()
	ios, _, out, _ := iostreams.Test()
	f := cmdutil.NewFactory(ios, now, func(string) string { return "" }, "test")
	args := []string{"--fail-on-downgrade", "-o", "json", partnersCSV}
	if asOf != "" {
		args = append(args, "--as-of", asOf)
	}
	for _, p := range programs {
		args = append(args, "-p", p)
	}
	cmd := NewCmdCompare(f, nil)
	cmd.SetArgs(args)
	cmd.SilenceUsage, cmd.SilenceErrors = true, true
	runErr := cmd.Execute()
	var got compareOut
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	return got, runErr
}

type compareOut struct {
	Programs []string      `json:"programs"`
	Partners []compare.Row `json:"partners"`
}

// Item 1 of issue 10: each ID@DATE column is evaluated entirely as of its
// DATE, edition and grace: compare's downgrades between two dates of one
// program are those a diff of `check --as-of` at the two dates shows,
// whatever --as-of says.
func TestCompareDatedColumnsAreCheckAtTheirDates(t *testing.T) {
	const d1, d2 = "2009-06-01", "2010-08-01"
	before, after := checkAt(t, "vpn-2009", d1), checkAt(t, "vpn-2009", d2)
	rank := map[string]int{"Registered": 0, "Professional": 1, "Enterprise": 2, "Premier": 3}
	tierOf := func(rs []engine.Result) map[string]*string {
		m := map[string]*string{}
		for _, r := range rs {
			m[r.Partner] = r.Tier
		}
		return m
	}
	was, is := tierOf(before), tierOf(after)
	want := 0
	for p, old := range was {
		if old != nil && (is[p] == nil || rank[*is[p]] < rank[*old]) {
			want++
		}
	}
	if want == 0 {
		t.Fatal("the sample shows no downgrade between the dates: the test proves nothing")
	}
	k1, k2 := "vpn-2009@"+d1, "vpn-2009@"+d2
	for _, asOf := range []string{"", d1, d2} {
		t.Run("as-of "+asOf, func(t *testing.T) {
			got, err := compareJSON(t, asOf, k1, k2)
			var ee *cmdutil.ExitError
			if !errors.As(err, &ee) || ee.Code != cmdutil.ExitGate {
				t.Fatalf("err = %v, want the downgrade gate", err)
			}
			if w := fmt.Sprintf("--fail-on-downgrade: %d downgrade(s)", want); len(ee.Error()) < len(w) || ee.Error()[:len(w)] != w {
				t.Errorf("gate: %v\nwant %s", ee, w)
			}
			downs := 0
			for _, row := range got.Partners {
				for _, c := range []struct {
					key  string
					want *string
				}{{k1, was[row.Partner]}, {k2, is[row.Partner]}} {
					if g := row.Results[c.key].Tier; fmt.Sprint(deref(g)) != fmt.Sprint(deref(c.want)) {
						t.Errorf("%s under %s: tier %s, check says %s", row.Partner, c.key, deref(g), deref(c.want))
					}
				}
				for _, mv := range row.Moves {
					if mv.Falls() {
						downs++
					}
				}
			}
			if downs != want {
				t.Errorf("%d downgrades, check at the two dates shows %d", downs, want)
			}
		})
	}
}

func deref(s *string) string {
	if s == nil {
		return "<none>"
	}
	return *s
}
