// Package synth writes deterministic synthetic partner populations in the
// record format of the README's contract, for benchmarks, demos and tests. Write draws
// the benchmark shape: any number of partners, shaped like the French VMware
// partner base of April 2009 (seed 003: 1,150 Professional,
// 120 Enterprise, 5 Premier of 1,275), with a share of Registered partners,
// a spread of countries and profiles, and empty cells (unknown values) here
// and there. Preset names it and the fixed populations of
// testdata/populations.md.
package synth

import (
	"bufio"
	"fmt"
	"io"
	"math/rand/v2"
	"strconv"
	"strings"
)

// Header is the header row: every column of the contract's record table.
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

// Competencies and Attestations are the ids the partners hold, for a schema
// that reads them without the shipped rulebooks. (This package imports no
// other of tiercalc's, so that their tests can use it.)
var (
	Competencies = []string{"infrastructure-virtualization", "desktop-virtualization", "business-continuity", "virtualization-management"}
	Attestations = []string{"program-fee-paid", "ethics-training"}
)

// Formats lists the formats WriteFormat writes, as pkg/partner names them.
var Formats = []string{"csv", "json", "ndjson", "yaml"}

// Write writes the header and n partners drawn from seed to w, as CSV. The
// same n and seed give the same bytes.
func Write(w io.Writer, n int, seed uint64) error { return WriteFormat(w, "csv", n, seed) }

// WriteFormat writes n partners drawn from seed to w in format (one of
// Formats). Every format carries the same partners; in JSON, NDJSON and YAML
// an unknown value is null or left out, as an empty CSV cell is.
func WriteFormat(w io.Writer, format string, n int, seed uint64) error {
	rng := rand.New(rand.NewPCG(seed, 2009))
	return writeRows(w, format, n, func(i int, r *row) { r.draw(rng, i) })
}

// writeRows writes n partners to w in format, each filled in turn by fill.
func writeRows(w io.Writer, format string, n int, fill func(i int, r *row)) error {
	var enc func([]byte, *row) []byte
	open, sep, end := "", "", ""
	switch format {
	case "csv":
		enc, open = appendCSV, Header+"\n"
	case "json":
		enc, open, sep, end = appendJSON, "[\n", ",\n", "\n]\n"
	case "ndjson":
		enc, sep, end = appendJSON, "\n", "\n"
	case "yaml":
		enc = appendYAML
	default:
		return fmt.Errorf("synth: unknown format %q", format)
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	bw.WriteString(open)
	var b []byte
	var r row
	for i := range n {
		b = b[:0]
		if i > 0 {
			b = append(b, sep...)
		}
		fill(i, &r)
		if _, err := bw.Write(enc(b, &r)); err != nil {
			return err
		}
	}
	if n > 0 {
		bw.WriteString(end)
	} else if format == "json" {
		bw.WriteString("]\n")
	}
	return bw.Flush()
}

// numCols are Header's numeric columns, credentials first.
var numCols = strings.Split(Header, ",")[7:]

// nCreds is how many of numCols are credentials; the rest are metrics.
const nCreds = 13

// emptyList is a known empty list as CSV writes it; "" is unknown.
const emptyList = ";"

// row is one partner. Text and list fields are as CSV writes them (lists
// ';'-separated, "" unknown); a number is -1 when unknown.
type row struct {
	id                                            int
	pre                                           string // id prefix; "" is "P"
	width                                         int    // id digits, zero-padded
	name, country, profiles, tier, comps, attests string
	nums                                          [19]int // by numCols
}

// num draws v, or unknown (-1) now and then.
func num(rng *rand.Rand, v int) int {
	if rng.IntN(50) == 0 {
		return -1
	}
	return v
}

// draw fills r with partner i. The order of the draws is the generator's
// output: changing it changes every file.
func (r *row) draw(rng *rand.Rand, i int) {
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
	r.id = i + 1
	name := names[rng.IntN(len(names))] + " " + strconv.Itoa(rng.IntN(1000))
	if rng.IntN(4) == 0 {
		name += " " + suffixes[rng.IntN(len(suffixes))]
	}
	r.name = name
	r.country = ""
	if rng.IntN(100) != 0 {
		r.country = countries[rng.IntN(len(countries))]
	}
	r.profiles = profiles[rng.IntN(len(profiles))]
	r.tier = ""
	if rng.IntN(10) != 0 { // current_tier: mostly the tier held
		r.tier = tier
	}
	r.comps = ""
	if comps != "" || rng.IntN(3) != 0 { // no competency: mostly unknown
		r.comps = comps
	}
	r.attests = attests[rng.IntN(len(attests))]
	vcp := 0
	n := &r.nums
	n[0] = num(rng, vsp)
	n[1] = num(rng, vtsp)
	if tier != "Registered" {
		vcp = rng.IntN(4)
	}
	n[2] = num(rng, vcp)         // VCP-DCV
	n[3] = num(rng, vcp/2)       // VCP-NV
	n[4] = num(rng, rng.IntN(2)) // VCP-CMA
	n[5] = num(rng, rng.IntN(2)) // VCP-DW
	for k := 6; k < nCreds; k++ {
		v := 0
		if k == 7 {
			v = vcp / 3 // VCAP-DCV
		}
		n[k] = num(rng, v) // VCP-VCF, VCAP-*, VCDX
	}
	n[13] = num(rng, rev)
	n[14] = num(rng, rev/4)                                       // tier_credits
	n[15] = num(rng, rng.IntN(4)*1000*btoi(tier != "Registered")) // cores
	n[16] = num(rng, 0)                                           // cloud_points
	n[17] = num(rng, rng.IntN(4))                                 // deployments
	n[18] = num(rng, rng.IntN(6))                                 // customer_references
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// appendID writes r's id: its prefix, then its number zero-padded to its width.
func appendID(b []byte, r *row) []byte {
	if r.pre == "" {
		b = append(b, 'P')
	} else {
		b = append(b, r.pre...)
	}
	for d, x := 1, 10; d < r.width; d, x = d+1, x*10 {
		if r.id < x {
			b = append(b, '0')
		}
	}
	return strconv.AppendInt(b, int64(r.id), 10)
}

func appendCSV(b []byte, r *row) []byte {
	b = appendID(b, r)
	for _, v := range [...]string{r.name, r.country, r.profiles, r.tier, r.comps, r.attests} {
		b = append(b, ',')
		b = append(b, v...)
	}
	for _, v := range r.nums {
		b = append(b, ',')
		if v >= 0 {
			b = strconv.AppendInt(b, int64(v), 10)
		}
	}
	return append(b, '\n')
}

// appendJSON writes one record object. The generator's strings need no
// escaping beyond what strconv.Quote does for ASCII.
func appendJSON(b []byte, r *row) []byte {
	b = append(b, `{"id":"`...)
	b = appendID(b, r)
	b = append(b, `","name":`...)
	b = strconv.AppendQuote(b, r.name)
	b = appendJSONText(b, "country", r.country)
	b = appendJSONList(b, "profiles", r.profiles)
	b = appendJSONText(b, "current_tier", r.tier)
	b = appendJSONList(b, "competencies", r.comps)
	b = appendJSONList(b, "attestations", r.attests)
	b = append(b, `,"credentials":{`...)
	b = appendJSONNums(b, 0, nCreds, r)
	b = append(b, `},"metrics":{`...)
	b = appendJSONNums(b, nCreds, len(r.nums), r)
	return append(b, "}}"...)
}

func appendJSONText(b []byte, key, v string) []byte {
	b = append(b, ',', '"')
	b = append(b, key...)
	b = append(b, '"', ':')
	if v == "" {
		return append(b, "null"...)
	}
	return strconv.AppendQuote(b, v)
}

func appendJSONList(b []byte, key, v string) []byte {
	b = append(b, ',', '"')
	b = append(b, key...)
	b = append(b, '"', ':')
	if v == "" {
		return append(b, "null"...)
	}
	if v == emptyList {
		return append(b, "[]"...)
	}
	b = append(b, '[')
	for i, it := range strings.Split(v, ";") {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendQuote(b, it)
	}
	return append(b, ']')
}

func appendJSONNums(b []byte, from, to int, r *row) []byte {
	for k := from; k < to; k++ {
		if k > from {
			b = append(b, ',')
		}
		b = strconv.AppendQuote(b, numCols[k])
		b = append(b, ':')
		if v := r.nums[k]; v >= 0 {
			b = strconv.AppendInt(b, int64(v), 10)
		} else {
			b = append(b, "null"...)
		}
	}
	return b
}

// appendYAML writes one item of a block sequence, lists and groups in flow
// style; unknown values are left out.
func appendYAML(b []byte, r *row) []byte {
	b = append(b, "- id: "...)
	b = appendID(b, r)
	b = append(b, "\n  name: "...)
	b = strconv.AppendQuote(b, r.name)
	b = append(b, '\n')
	for _, f := range [...]struct {
		key, v string
		list   bool
	}{{"country", r.country, false}, {"profiles", r.profiles, true}, {"current_tier", r.tier, false},
		{"competencies", r.comps, true}, {"attestations", r.attests, true}} {
		if f.v == "" {
			continue
		}
		b = append(b, "  "...)
		b = append(b, f.key...)
		b = append(b, ": "...)
		if f.list && f.v == emptyList {
			b = append(b, "[]"...)
		} else if f.list {
			b = append(b, '[')
			b = append(b, strings.ReplaceAll(f.v, ";", ", ")...)
			b = append(b, ']')
		} else {
			b = append(b, f.v...)
		}
		b = append(b, '\n')
	}
	b = append(b, "  credentials: {"...)
	b = appendYAMLNums(b, 0, nCreds, r)
	b = append(b, "}\n  metrics: {"...)
	b = appendYAMLNums(b, nCreds, len(r.nums), r)
	return append(b, "}\n"...)
}

func appendYAMLNums(b []byte, from, to int, r *row) []byte {
	first := true
	for k := from; k < to; k++ {
		if r.nums[k] < 0 {
			continue
		}
		if !first {
			b = append(b, ", "...)
		}
		first = false
		b = append(b, numCols[k]...)
		b = append(b, ": "...)
		b = strconv.AppendInt(b, int64(r.nums[k]), 10)
	}
	return b
}
