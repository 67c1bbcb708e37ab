package partner

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"testing"
)

// genPartners writes n synthetic partners in format f, deterministically:
// about 100 bytes a CSV row, a few unknown values, shaped like a reseller
// population (mostly small partners, a few large ones).
func genPartners(n int, f Format) []byte {
	rng := rand.New(rand.NewPCG(1, 2))
	countries := []string{"FR", "DE", "GB", "US", "IT", "ES", "JP", "BR", "IN", "AU"}
	profiles := []string{"reseller", "reseller;msp", "cloud-provider", "system-integrator;reseller", ""}
	comps := []string{"infrastructure-virtualization", "business-continuity;desktop-virtualization", "", "infrastructure-virtualization;business-continuity"}
	atts := []string{"program-fee-paid", "program-fee-paid;ethics-training", "", "program-fee-paid;dedicated-sales;dedicated-technical"}
	tiers := []string{"Registered", "Professional", "Enterprise", "Premier", ""}
	type row struct {
		id, name, country, prof, comp, att, tier string
		vsp, vtsp, vcp, vcap                     int
		rev                                      string
	}
	rows := func(yield func(row)) {
		for i := range n {
			big := rng.IntN(10) == 0
			r := row{
				id: fmt.Sprintf("P%07d", i), name: fmt.Sprintf("Partner %d SARL", i),
				country: countries[rng.IntN(len(countries))], prof: profiles[rng.IntN(len(profiles))],
				comp: comps[rng.IntN(len(comps))], att: atts[rng.IntN(len(atts))], tier: tiers[rng.IntN(len(tiers))],
				vsp: rng.IntN(4), vtsp: rng.IntN(3), vcp: rng.IntN(3), vcap: rng.IntN(2),
				rev: fmt.Sprintf("%d", rng.IntN(50000)),
			}
			if big {
				r.vsp, r.vtsp, r.vcp, r.rev = 10+rng.IntN(20), 5+rng.IntN(10), 4+rng.IntN(8), fmt.Sprintf("%d.50", 100000+rng.IntN(900000))
			}
			if rng.IntN(20) == 0 {
				r.rev = ""
			}
			yield(r)
		}
	}
	list := func(s string) string {
		if s == "" {
			return "[]"
		}
		return `["` + strings.ReplaceAll(s, ";", `","`) + `"]`
	}
	var b bytes.Buffer
	switch f {
	case FormatCSV:
		b.WriteString("id,name,country,profiles,competencies,attestations,current_tier,VSP,VTSP,VCP-DCV,VCAP-DCV,revenue_usd\n")
		rows(func(r row) {
			fmt.Fprintf(&b, "%s,%s,%s,%s,%s,%s,%s,%d,%d,%d,%d,%s\n", r.id, r.name, r.country, r.prof, r.comp, r.att, r.tier, r.vsp, r.vtsp, r.vcp, r.vcap, r.rev)
		})
	case FormatJSON, FormatNDJSON:
		if f == FormatJSON {
			b.WriteString("[\n")
		}
		first := true
		rows(func(r row) {
			if f == FormatJSON && !first {
				b.WriteString(",\n")
			}
			first = false
			rev := r.rev
			if rev == "" {
				rev = "null"
			}
			fmt.Fprintf(&b, `{"id":%q,"name":%q,"country":%q,"profiles":%s,"competencies":%s,"attestations":%s,"current_tier":%q,"credentials":{"VSP":%d,"VTSP":%d,"VCP-DCV":%d,"VCAP-DCV":%d},"metrics":{"revenue_usd":%s}}`,
				r.id, r.name, r.country, list(r.prof), list(r.comp), list(r.att), r.tier, r.vsp, r.vtsp, r.vcp, r.vcap, rev)
			if f == FormatNDJSON {
				b.WriteByte('\n')
			}
		})
		if f == FormatJSON {
			b.WriteString("\n]\n")
		}
	case FormatYAML:
		rows(func(r row) {
			fmt.Fprintf(&b, "- id: %s\n  name: %s\n  country: %s\n  profiles: %s\n  competencies: %s\n  attestations: %s\n  current_tier: %q\n  credentials: {VSP: %d, VTSP: %d, VCP-DCV: %d, VCAP-DCV: %d}\n  metrics: {revenue_usd: %s}\n",
				r.id, r.name, r.country, list(r.prof), list(r.comp), list(r.att), r.tier, r.vsp, r.vtsp, r.vcp, r.vcap, r.rev)
		})
	}
	return b.Bytes()
}

func benchRead(b *testing.B, f Format, n int) {
	data := genPartners(n, f)
	s := testSchema()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		r, err := NewReader(bytes.NewReader(data), "bench", f, s, ReadOptions{})
		if err != nil {
			b.Fatal(err)
		}
		got := 0
		for {
			_, err := r.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			got++
		}
		if got != n {
			b.Fatalf("read %d records, want %d", got, n)
		}
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "records/s")
	b.ReportMetric(float64(n), "records/op")
}

func BenchmarkReadCSV(b *testing.B)    { benchRead(b, FormatCSV, 100_000) }
func BenchmarkReadJSON(b *testing.B)   { benchRead(b, FormatJSON, 100_000) }
func BenchmarkReadNDJSON(b *testing.B) { benchRead(b, FormatNDJSON, 100_000) }
func BenchmarkReadYAML(b *testing.B)   { benchRead(b, FormatYAML, 20_000) }

// BenchmarkReadCSVBaseline is the floor for BenchmarkReadCSV: encoding/csv
// alone over the same input, converting the numeric cells and nothing else.
func BenchmarkReadCSVBaseline(b *testing.B) {
	const n = 100_000
	data := genPartners(n, FormatCSV)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		cr := csv.NewReader(bytes.NewReader(data))
		cr.ReuseRecord = true
		got := -1
		for {
			row, err := cr.Read()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			got++
			_ = row
		}
		if got != n {
			b.Fatalf("read %d rows", got)
		}
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "records/s")
}
