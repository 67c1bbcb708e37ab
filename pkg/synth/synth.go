// Package synth writes deterministic synthetic partner populations in the
// CSV record format of SPEC.md, for benchmarks and demos. The population is
// shaped like the French VMware partner base of April 2009 (PROGRAMS.md,
// seed 003: 1,150 Professional, 120 Enterprise, 5 Premier of 1,275), with a
// share of Registered partners, a spread of countries and profiles, and
// empty cells (unknown values) here and there.
package synth

import (
	"bufio"
	"io"
	"math/rand/v2"
	"strconv"
)

// Header is the header row: every column of SPEC.md's record table.
const Header = "id,name,country,profiles,current_tier,competencies,attestations," +
	"VSP,VTSP,VCP-DCV,VCP-NV,VCP-CMA,VCP-DW,VCP-VCF,VCAP-DCV,VCAP-NV,VCAP-CMA,VCAP-DW,VCAP-VCF,VCDX," +
	"revenue_usd,tier_credits,cores,cloud_points,deployments,customer_references"

var (
	// Weighted towards France, like the seed's population, with every
	// region represented.
	countries = []string{"FR", "FR", "FR", "FR", "FR", "FR", "BE", "CH", "DE", "GB", "IT", "ES", "US", "CA", "BR", "JP", "AU", "SG", "IN", "ZA"}
	profiles  = []string{"reseller", "reseller", "reseller", "reseller;msp", "system-integrator", "cloud-provider", "cloud-provider;msp", "reseller;system-integrator", "distributor", "oem", ""}
	names     = []string{"Informatique", "Systemes", "Conseil", "Data", "Cloud", "Reseaux", "Services", "Integration", "Numerique", "IT"}
	suffixes  = []string{"SARL", "SAS", "SA", "GmbH", "Ltd", "Inc"}
	attests   = []string{"", "", "", "program-fee-paid", "program-fee-paid;ethics-training"}
)

// Write writes the header and n partners drawn from seed to w. The same n
// and seed give the same bytes.
func Write(w io.Writer, n int, seed uint64) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	rng := rand.New(rand.NewPCG(seed, 2009))
	bw.WriteString(Header)
	bw.WriteByte('\n')
	var b []byte
	for i := range n {
		b = appendRow(b[:0], rng, i)
		if _, err := bw.Write(b); err != nil {
			return err
		}
	}
	return bw.Flush()
}

// num appends v, or nothing (unknown) now and then.
func num(b []byte, rng *rand.Rand, v int) []byte {
	b = append(b, ',')
	if rng.IntN(50) == 0 {
		return b
	}
	return strconv.AppendInt(b, int64(v), 10)
}

func appendRow(b []byte, rng *rand.Rand, i int) []byte {
	// Tier the partner is shaped after: 0.4% Premier, 9.4% Enterprise,
	// 5% Registered, the rest Professional. About one in five sits just
	// below its next tier, so the gaps are varied.
	var tier string
	var vsp, vtsp, rev int
	var comps string
	switch x := rng.IntN(10000); {
	case x < 40:
		tier = "Premier"
		vsp, vtsp, rev = 4+rng.IntN(8), 4+rng.IntN(6), 1_000_000+rng.IntN(3_000_000)
		comps = "infrastructure-virtualization;desktop-virtualization;business-continuity"
		if rng.IntN(4) == 0 {
			comps = "infrastructure-virtualization;business-continuity;virtualization-management"
		}
	case x < 980:
		tier = "Enterprise"
		vsp, vtsp, rev = 2+rng.IntN(4), 2+rng.IntN(3), 10_000+rng.IntN(900_000)
		comps = "infrastructure-virtualization"
		switch rng.IntN(5) {
		case 0:
			comps = "infrastructure-virtualization;desktop-virtualization"
		case 1:
			rev = 5_000 + rng.IntN(5_000)
		}
	case x < 1480:
		tier = "Registered"
		vsp, vtsp, rev = rng.IntN(2), 0, rng.IntN(20_000)
	default:
		tier = "Professional"
		vsp, vtsp, rev = 1+rng.IntN(2), 1+rng.IntN(2), rng.IntN(30_000)
		if rng.IntN(8) == 0 {
			comps = "infrastructure-virtualization"
		}
	}
	b = append(b, 'P')
	b = strconv.AppendInt(b, int64(i+1), 10)
	b = append(b, ',')
	b = append(b, names[rng.IntN(len(names))]...)
	b = append(b, ' ')
	b = strconv.AppendInt(b, int64(rng.IntN(1000)), 10)
	if rng.IntN(4) == 0 {
		b = append(b, ' ')
		b = append(b, suffixes[rng.IntN(len(suffixes))]...)
	}
	b = append(b, ',')
	if rng.IntN(100) != 0 {
		b = append(b, countries[rng.IntN(len(countries))]...)
	}
	b = append(b, ',')
	b = append(b, profiles[rng.IntN(len(profiles))]...)
	b = append(b, ',')
	if rng.IntN(10) != 0 { // current_tier: mostly the tier held
		b = append(b, tier...)
	}
	b = append(b, ',')
	if comps != "" || rng.IntN(3) != 0 { // no competency: mostly unknown
		b = append(b, comps...)
	}
	b = append(b, ',')
	b = append(b, attests[rng.IntN(len(attests))]...)
	b = num(b, rng, vsp)
	b = num(b, rng, vtsp)
	vcp := 0
	if tier != "Registered" {
		vcp = rng.IntN(4)
	}
	b = num(b, rng, vcp)         // VCP-DCV
	b = num(b, rng, vcp/2)       // VCP-NV
	b = num(b, rng, rng.IntN(2)) // VCP-CMA
	b = num(b, rng, rng.IntN(2)) // VCP-DW
	b = num(b, rng, 0)           // VCP-VCF
	b = num(b, rng, vcp/3)       // VCAP-DCV
	b = num(b, rng, 0)           // VCAP-NV
	b = num(b, rng, 0)           // VCAP-CMA
	b = num(b, rng, 0)           // VCAP-DW
	b = num(b, rng, 0)           // VCAP-VCF
	b = num(b, rng, 0)           // VCDX
	b = num(b, rng, rev)
	b = num(b, rng, rev/4)                                       // tier_credits
	b = num(b, rng, rng.IntN(4)*1000*btoi(tier != "Registered")) // cores
	b = num(b, rng, 0)                                           // cloud_points
	b = num(b, rng, rng.IntN(4))                                 // deployments
	b = num(b, rng, rng.IntN(6))                                 // customer_references
	return append(b, '\n')
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}
