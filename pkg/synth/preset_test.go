package synth

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/tiercalc/tiercalc/pkg/partner"
)

// The checked-in populations are the presets' bytes: they cannot drift.
func TestPresetFilesMatch(t *testing.T) {
	for _, name := range Presets() {
		p, err := Preset(name)
		if err != nil {
			t.Fatal(err)
		}
		if !p.Fixed() {
			continue
		}
		var buf bytes.Buffer
		if err := p.WriteFormat(&buf, "csv", 0, 0); err != nil {
			t.Fatal(err)
		}
		file := filepath.Join("..", "..", "testdata", name+".csv")
		want, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(buf.Bytes(), want) {
			t.Errorf("%s differs from preset %s: go run ./testdata/gen -preset %s > testdata/%s.csv", file, name, name, name)
		}
	}
}

func TestPresetLookup(t *testing.T) {
	if got := Presets(); got[0] != Default || len(got) != 3 {
		t.Errorf("Presets() = %q", got)
	}
	if _, err := Preset("nope"); err == nil {
		t.Error("unknown preset accepted")
	}
	// The benchmark shape is Write's.
	p, _ := Preset(Default)
	var a, b bytes.Buffer
	if err := p.WriteFormat(&a, "csv", 300, 9); err != nil {
		t.Fatal(err)
	}
	if err := Write(&b, 300, 9); err != nil {
		t.Fatal(err)
	}
	if p.Fixed() || !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("benchmark preset is not Write")
	}
}

var testSchema = partner.NewSchema(partner.Vocabulary{Competencies: Competencies, Attestations: Attestations})

// readPreset reads preset name back through pkg/partner in every format,
// checks that they agree and that no value is unknown, and returns the
// records.
func readPreset(t *testing.T, name string) []partner.Record {
	t.Helper()
	p, err := Preset(name)
	if err != nil {
		t.Fatal(err)
	}
	s := testSchema
	var first []partner.Record
	var firstKeys []string
	for _, f := range Formats {
		var buf bytes.Buffer
		if err := p.WriteFormat(&buf, f, 0, 0); err != nil {
			t.Fatal(err)
		}
		pf, err := partner.ParseFormat(f)
		if err != nil {
			t.Fatal(err)
		}
		r, err := partner.NewReader(&buf, f, pf, s, partner.ReadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		var recs []partner.Record
		var keys []string
		for {
			rec, err := r.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("%s %s: %v", name, f, err)
			}
			c := *rec
			c.Nums, c.Profiles = slices.Clone(rec.Nums), slices.Clone(rec.Profiles)
			c.Competencies, c.Attestations = slices.Clone(rec.Competencies), slices.Clone(rec.Attestations)
			rec = &c
			if rec.Country == "" || rec.CurrentTier == "" || rec.Profiles == nil || rec.Competencies == nil || rec.Attestations == nil || slices.ContainsFunc(rec.Nums, math.IsNaN) {
				t.Fatalf("%s %s: %s has an unknown value", name, f, rec.ID)
			}
			recs = append(recs, *rec)
			keys = append(keys, fmt.Sprintf("%s|%s|%s|%s|%q|%q|%q|%v", rec.ID, rec.Name, rec.Country, rec.CurrentTier, rec.Profiles, rec.Competencies, rec.Attestations, rec.Nums))
		}
		if len(recs) != p.N {
			t.Fatalf("%s %s: %d records, want %d", name, f, len(recs), p.N)
		}
		if first == nil {
			first, firstKeys = recs, keys
		} else if !slices.Equal(keys, firstKeys) {
			t.Fatalf("%s: %s and %s disagree", name, f, Formats[0])
		}
	}
	return first
}

// val returns rec's value of column col (a name of Header).
func val(t *testing.T, rec partner.Record, col string) int {
	t.Helper()
	i, ok := testSchema.Slot(col)
	if !ok {
		t.Fatalf("no column %s", col)
	}
	return int(rec.Nums[i])
}

// checkTally compares counts with want, key by key.
func checkTally(t *testing.T, got, want map[string]int) {
	t.Helper()
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s: %d, want %d", k, got[k], w)
		}
	}
	for k, g := range got {
		if _, ok := want[k]; !ok {
			t.Errorf("%s: %d, want none", k, g)
		}
	}
}

// france-2009's stated shape (testdata/populations.md).
func TestFrance2009Shape(t *testing.T) {
	got := map[string]int{}
	bars := map[string]int{"Enterprise": 10_000, "Premier": 1_000_000}
	vsp := map[string]int{"Professional": 1, "Enterprise": 2, "Premier": 4}
	for _, rec := range readPreset(t, "france-2009") {
		tier := rec.CurrentTier
		got[tier]++
		if rec.Country != "FR" || len(rec.Attestations) != 0 {
			t.Fatalf("%s: country %s, attestations %q", rec.ID, rec.Country, rec.Attestations)
		}
		if !slices.Equal(rec.Profiles, []string{"reseller"}) {
			got[tier+" "+fmt.Sprint(rec.Profiles)]++
		}
		v := val(t, rec, "VTSP")
		got[fmt.Sprintf("%s VTSP=%d", tier, min(v, 4))]++
		for _, c := range rec.Competencies {
			got[tier+" "+c]++
		}
		rev := val(t, rec, "revenue_usd")
		if bar := bars[tier]; bar == 0 && (rev < 1_000 || rev >= 10_000) || bar > 0 && (rev < bar/2 || rev >= 2*bar) {
			t.Errorf("%s: %s revenue %d out of range", rec.ID, tier, rev)
		} else if bar > 0 && rev < bar {
			got[tier+" revenue below bar"]++
		}
		if val(t, rec, "VSP") != vsp[tier] {
			t.Errorf("%s: %d VSP", rec.ID, val(t, rec, "VSP"))
		}
		for _, c := range numCols[2:] {
			if c != "revenue_usd" && val(t, rec, c) != 0 {
				t.Errorf("%s: %s %d", rec.ID, c, val(t, rec, c))
			}
		}
	}
	checkTally(t, got, map[string]int{
		"Professional": 1150, "Enterprise": 120, "Premier": 5,
		// VTSP, mean the tier's requirement (1, 2, 4), geometric
		"Professional VTSP=0": 575, "Professional VTSP=1": 287, "Professional VTSP=2": 144, "Professional VTSP=3": 72, "Professional VTSP=4": 72,
		"Enterprise VTSP=0": 40, "Enterprise VTSP=1": 26, "Enterprise VTSP=2": 18, "Enterprise VTSP=3": 12, "Enterprise VTSP=4": 24,
		"Premier VTSP=0": 1, "Premier VTSP=1": 1, "Premier VTSP=2": 1, "Premier VTSP=4": 2,
		// 5% system integrators
		"Professional [reseller system-integrator]": 57, "Enterprise [reseller system-integrator]": 6,
		// competencies at even odds, for what the tier asks
		"Enterprise infrastructure-virtualization": 60, "Premier infrastructure-virtualization": 2,
		"Premier business-continuity": 2, "Premier desktop-virtualization": 2, "Premier virtualization-management": 2,
		// revenue: median at the bar
		"Enterprise revenue below bar": 60, "Premier revenue below bar": 3,
	})
}

// pc-2019's stated shape (testdata/populations.md).
func TestPC2019Shape(t *testing.T) {
	got := map[string]int{}
	paths := [][2]string{{"VCP-DCV", "VCAP-DCV"}, {"VCP-NV", "VCAP-NV"}, {"VCP-CMA", "VCAP-CMA"}, {"VCP-DW", "VCAP-DW"}}
	vtsp := map[string]int{"Professional": 1, "Enterprise": 2, "Premier": 4}
	comps := map[string]string{"Professional": "[]", "Enterprise": "[infrastructure-virtualization]",
		"Premier": "[infrastructure-virtualization desktop-virtualization business-continuity]"}
	for _, rec := range readPreset(t, "pc-2019") {
		tier := rec.CurrentTier
		got[tier]++
		if rec.Country != "FR" || fmt.Sprint(rec.Attestations) != "[ethics-training program-fee-paid]" || fmt.Sprint(rec.Competencies) != comps[tier] ||
			val(t, rec, "VSP") != vtsp[tier] || val(t, rec, "VTSP") != vtsp[tier] {
			t.Fatalf("%s: %+v", rec.ID, rec)
		}
		if !slices.Equal(rec.Profiles, []string{"reseller"}) {
			got[tier+" "+fmt.Sprint(rec.Profiles)]++
		}
		tc := val(t, rec, "tier_credits")
		if val(t, rec, "revenue_usd") != tc {
			t.Errorf("%s: revenue is not tier credits", rec.ID)
		}
		held := 0
		for _, p := range paths {
			vcp, vcap := val(t, rec, p[0]), val(t, rec, p[1])
			if vcp == 0 && vcap == 0 {
				continue
			}
			held++
			var group string
			switch {
			case vcp == 5 && vcap == 2:
				group = "certified"
				if tc < 1_000_000 {
					t.Errorf("%s: certified with %d tier credits", rec.ID, tc)
				}
			case vcp == 5 && vcap == 1 || vcp == 4 && vcap == 2:
				group = "in progress"
				got[fmt.Sprintf("in progress %d/%d", vcp, vcap)]++
			case vcp == 2 && vcap == 0:
				group = "competency"
			default:
				t.Errorf("%s: %d %s, %d %s", rec.ID, vcp, p[0], vcap, p[1])
			}
			got[tier+" "+group]++
			got[group+" "+p[0]]++
		}
		if held > 1 {
			t.Errorf("%s: %d paths", rec.ID, held)
		}
		switch bar := map[string]int{"Enterprise": 250_000, "Premier": 1_000_000}[tier]; {
		case bar == 0 && (tc < 10_000 || tc >= 125_000), bar > 0 && (tc < bar/2 || tc >= 2*bar):
			t.Errorf("%s: %s tier credits %d out of range", rec.ID, tier, tc)
		case tc < bar:
			got[tier+" tier credits below bar"]++
		}
		for _, c := range []string{"VCP-VCF", "VCAP-VCF", "VCDX", "cores", "cloud_points", "deployments", "customer_references"} {
			if val(t, rec, c) != 0 {
				t.Errorf("%s: %s %d", rec.ID, c, val(t, rec, c))
			}
		}
	}
	checkTally(t, got, map[string]int{
		"Professional": 835, "Enterprise": 150, "Premier": 15,
		"Professional [reseller system-integrator]": 42, "Enterprise [reseller system-integrator]": 7, "Premier [reseller system-integrator]": 1,
		"Enterprise tier credits below bar": 75, "Premier tier credits below bar": 5,
		// 5 certified, 20 one certification short, 176 more with a
		// solution competency: 201 in all
		"Premier certified": 5, "Premier in progress": 10, "Enterprise in progress": 10,
		"Enterprise competency": 140, "Professional competency": 36,
		"in progress 5/1": 10, "in progress 4/2": 10,
		// paths in equal shares per group
		"certified VCP-DCV": 2, "certified VCP-NV": 1, "certified VCP-CMA": 1, "certified VCP-DW": 1,
		"in progress VCP-DCV": 5, "in progress VCP-NV": 5, "in progress VCP-CMA": 5, "in progress VCP-DW": 5,
		"competency VCP-DCV": 44, "competency VCP-NV": 44, "competency VCP-CMA": 44, "competency VCP-DW": 44,
	})
}
