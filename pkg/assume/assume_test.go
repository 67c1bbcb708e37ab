package assume

import (
	"errors"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/tiercalc/tiercalc/pkg/partner"
)

var schema = partner.NewSchema(partner.Vocabulary{
	Competencies: []string{"business-continuity", "desktop-virtualization"},
	Tiers:        []string{"Premier", "Enterprise"},
})

func record() *partner.Record {
	r := schema.NewRecord()
	r.ID = "P1"
	vtsp, _ := schema.Slot("VTSP")
	r.Nums[vtsp] = 1
	r.Competencies = []string{"desktop-virtualization"}
	return r
}

func TestApply(t *testing.T) {
	tests := []struct {
		specs []string
		check func(r *partner.Record) string
		want  string
		notes []string
	}{
		{[]string{"VTSP=+2"}, numOf("VTSP"), "3", []string{"assumed: VTSP +2"}},
		{[]string{"VTSP+=2"}, numOf("VTSP"), "3", []string{"assumed: VTSP +2"}},
		{[]string{"VTSP=5"}, numOf("VTSP"), "5", []string{"assumed: VTSP = 5"}},
		{[]string{"VTSP=-4"}, numOf("VTSP"), "0", []string{"assumed: VTSP -4"}},
		{[]string{"revenue_usd=12000.50"}, numOf("revenue_usd"), "12000.5", []string{"assumed: revenue_usd = 12000.5"}},
		{[]string{"revenue_usd=+100"}, numOf("revenue_usd"), "NaN", []string{"not assumed: revenue_usd +100 (revenue_usd is unknown)"}},
		{[]string{"competencies+=Business-Continuity", "VTSP=+2"}, comps, "desktop-virtualization,business-continuity",
			[]string{"assumed: competencies + business-continuity, VTSP +2"}},
		{[]string{"competencies-=desktop-virtualization"}, comps, "", []string{"assumed: competencies - desktop-virtualization"}},
		{[]string{"competencies=business-continuity;desktop-virtualization"}, comps, "business-continuity,desktop-virtualization",
			[]string{"assumed: competencies = business-continuity, desktop-virtualization"}},
		{[]string{"attestations+=joint-business-plan"}, func(r *partner.Record) string { return strings.Join(r.Attestations, ",") }, "",
			[]string{"not assumed: attestations + joint-business-plan (attestations is unknown)"}},
		{[]string{"attestations=", "profiles=msp", "country=fr", "current_tier=premier"},
			func(r *partner.Record) string {
				return strings.Join(r.Attestations, ",") + "|" + strings.Join(r.Profiles, ",") + "|" + r.Country + "|" + r.CurrentTier
			},
			"|msp|FR|premier", []string{"assumed: attestations = none, profiles = msp, country = FR, current_tier = premier"}},
	}
	for _, tc := range tests {
		set, err := Parse(tc.specs, schema)
		if err != nil {
			t.Fatalf("%v: %v", tc.specs, err)
		}
		r := record()
		before := r.Competencies
		notes := set.Apply(r)
		if got := tc.check(r); got != tc.want {
			t.Errorf("%v: got %q, want %q", tc.specs, got, tc.want)
		}
		if !reflect.DeepEqual(notes, tc.notes) {
			t.Errorf("%v: notes %q, want %q", tc.specs, notes, tc.notes)
		}
		if before[0] != "desktop-virtualization" || len(before) != 1 {
			t.Errorf("%v: changed the record's original list", tc.specs)
		}
	}
}

func numOf(key string) func(r *partner.Record) string {
	return func(r *partner.Record) string {
		s, _ := schema.Slot(key)
		return strconv.FormatFloat(r.Nums[s], 'f', -1, 64)
	}
}

func comps(r *partner.Record) string { return strings.Join(r.Competencies, ",") }

func TestParseErrors(t *testing.T) {
	tests := []struct{ spec, msg, hint string }{
		{"VTPS=+2", `--assume VTPS=+2: unknown key "VTPS"`, "did you mean VTSP?"},
		{"VTSP", "--assume VTSP: expected KEY=VALUE", "e.g. --assume VTSP=+2"},
		{"VTSP=two", `--assume VTSP=two: "two" is not a number`, ""},
		{"VTSP=1.5", "--assume VTSP=1.5: VTSP counts people", ""},
		{"competencies+=busines-continuity", `--assume competencies+=busines-continuity: unknown competency "busines-continuity"`, "did you mean business-continuity?"},
		{"country=ZZ", `--assume country=ZZ: "ZZ" is not an ISO 3166-1`, ""},
		{"current_tier=Premeir", `--assume current_tier=Premeir: no loaded program has a tier "Premeir"`, "did you mean Premier?"},
		{"country+=FR", "--assume country+=FR: country is text", ""},
		{"profiles+=", "--assume profiles+=: no id given", ""},
	}
	for _, tc := range tests {
		_, err := Parse([]string{tc.spec}, schema)
		var e *Error
		if !errors.As(err, &e) {
			t.Fatalf("%s: %v, want an *Error", tc.spec, err)
		}
		if !strings.HasPrefix(e.Error(), tc.msg) {
			t.Errorf("%s: %q, want %q", tc.spec, e.Error(), tc.msg)
		}
		if tc.hint != "" && (len(e.Hints) == 0 || !strings.HasPrefix(e.Hints[0], tc.hint)) {
			t.Errorf("%s: hints %q, want %q", tc.spec, e.Hints, tc.hint)
		}
	}
}
