package engine

import (
	"bytes"
	"io"
	"math/rand/v2"
	"strconv"
	"testing"
	"time"

	"github.com/tiercalc/tiercalc/pkg/partner"
	"github.com/tiercalc/tiercalc/pkg/rulebook"
	"github.com/tiercalc/tiercalc/pkg/synth"
)

// population returns n deterministic partners shaped like the France 2009
// population of seed 003 (about 90% Professional, 9% Enterprise, a few
// Premier), with some unknown values and a spread of countries and profiles.
func population(n int) []*partner.Record {
	rng := rand.New(rand.NewPCG(2009, 4))
	countries := []string{"FR", "FR", "FR", "DE", "US", "BR", "JP", "IN", "ZA", "AE", ""}
	profileSets := [][]string{nil, {"reseller"}, {"cloud-provider"}, {"reseller", "msp"}}
	out := make([]*partner.Record, n)
	for i := range out {
		r := schema.NewRecord()
		r.ID = "P" + strconv.Itoa(i)
		r.Country = countries[rng.IntN(len(countries))]
		r.Profiles = profileSets[rng.IntN(len(profileSets))]
		set := func(k string, v float64) {
			if rng.IntN(40) == 0 { // now and then a value is unknown
				return
			}
			s, _ := schema.Slot(k)
			r.Nums[s] = v
		}
		r.Competencies = []string{}
		r.Attestations = []string{"ethics-training", "program-fee-paid"}
		switch x := rng.IntN(1275); {
		case x < 5: // Premier
			set("VTSP", float64(4+rng.IntN(4)))
			set("VSP", float64(4+rng.IntN(4)))
			set("revenue_usd", float64(1e6+rng.IntN(2e6)))
			r.Competencies = []string{"infrastructure-virtualization", "business-continuity", "desktop-virtualization"}
			r.Attestations = append(r.Attestations, "dedicated-sales", "dedicated-technical", "joint-business-plan", "smb-practice")
			r.CurrentTier = "Premier"
		case x < 125: // Enterprise
			set("VTSP", float64(2+rng.IntN(3)))
			set("VSP", float64(2+rng.IntN(3)))
			set("revenue_usd", float64(5000+rng.IntN(200000)))
			if rng.IntN(4) > 0 {
				r.Competencies = []string{"infrastructure-virtualization"}
			}
			r.CurrentTier = "Enterprise"
		default: // Professional, or Registered
			set("VTSP", float64(rng.IntN(3)))
			set("VSP", float64(rng.IntN(3)))
			set("revenue_usd", float64(rng.IntN(20000)))
			r.CurrentTier = "Professional"
		}
		set("VCP-DCV", float64(rng.IntN(7)))
		set("VCAP-DCV", float64(rng.IntN(3)))
		set("deployments", float64(rng.IntN(5)))
		set("tier_credits", float64(rng.IntN(400000)))
		set("cores", float64(rng.IntN(9000)))
		if rng.IntN(30) == 0 {
			r.Competencies = nil
		}
		out[i] = r
	}
	return out
}

// BenchmarkEvaluate reports the cost of one partner against one program (or
// all three) with a reused dst, as a batch run uses the engine: gaps on the
// heap (Evaluate), and in an arena (EvaluateIn, as check -o csv|ndjson|json
// and summary evaluate).
func BenchmarkEvaluate(b *testing.B) {
	recs := population(4096)
	programs := []struct {
		name string
		rvs  []*rulebook.Resolved
	}{
		{"vpn-2009", []*rulebook.Resolved{resolve(vpnProgram(), "e")}},
		{"partner-connect-2020", []*rulebook.Resolved{resolve(pcProgram(), "e")}},
		// Principal without Advanced's volume routes, as shipped: the
		// track is judged by effective sets (the slow path).
		{"partner-connect-2020-without", []*rulebook.Resolved{resolve(pcWithoutProgram(), "e")}},
		{"broadcom-advantage-2024", []*rulebook.Resolved{resolve(bapProgram(), "e")}},
		{"all-three", []*rulebook.Resolved{resolve(vpnProgram(), "e"), resolve(pcProgram(), "e"), resolve(bapProgram(), "e")}},
	}
	at := day("2009-12-01")
	for _, p := range programs {
		for _, arena := range []bool{false, true} {
			name := p.name
			if arena {
				// As a batch run evaluates: into an arena reset every
				// 256 partners (pipeline batches).
				name += "/arena"
			}
			b.Run(name, func(b *testing.B) { benchEvaluate(b, recs, p.rvs, at, arena) })
		}
	}
}

func benchEvaluate(b *testing.B, recs []*partner.Record, rvs []*rulebook.Resolved, at time.Time, arena bool) {
	evs := make([]*Evaluator, len(rvs))
	for i, rv := range rvs {
		evs[i] = NewEvaluator(rv, schema)
	}
	dst := make([]Result, 0, 8)
	var a *Arena
	if arena {
		a = new(Arena)
	}
	b.ReportAllocs()
	cpu0 := cpuTime()
	i := 0
	for b.Loop() {
		r := recs[i&(len(recs)-1)]
		if a != nil && i%256 == 0 {
			a.Reset()
		}
		i++
		dst = dst[:0]
		for _, ev := range evs {
			dst = ev.EvaluateIn(r, at, dst, a)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(i), "ns/partner")
	// One op is one partner under every program of the case.
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(i)/float64(len(evs)), "ns/partner/program")
	b.ReportMetric(float64(i)/b.Elapsed().Seconds(), "partners/s")
	if cpu := cpuTime() - cpu0; cpu > 0 {
		// The process's CPU time: on a machine shared with other work,
		// the wall time above counts the time it waited for a core.
		b.ReportMetric(float64(cpu.Nanoseconds())/float64(i), "cpu-ns/partner")
	}
}

// BenchmarkNewEvaluator is the one-off cost Evaluate pays per call.
func BenchmarkNewEvaluator(b *testing.B) {
	rv := resolve(pcProgram(), "e")
	b.ReportAllocs()
	for b.Loop() {
		NewEvaluator(rv, schema)
	}
}

// pcWithoutProgram is pcProgram with Principal's own tier-credit minimum,
// without Advanced's volume routes (the shipped rulebook's shape).
func pcWithoutProgram() *rulebook.Program {
	p := pcProgram()
	tiers := p.Tracks[0].Tiers
	tiers[2].Requires[0].ID = "volume"
	tiers[3].Without = []string{"volume"}
	tiers[3].Requires = append(tiers[3].Requires, metric("tier_credits", 1000000))
	return p
}

// BenchmarkEvaluateShipped is BenchmarkEvaluate on the shipped rulebooks
// and pkg/synth's benchmark population (the shape of the benchmark
// script's input), into an arena as check -o csv evaluates: what one
// partner costs under each shipped program, and under all three.
func BenchmarkEvaluateShipped(b *testing.B) {
	set, recs := shippedPopulation(b, 4096, 1)
	at := day("2026-12-01")
	ids := []string{"vpn-2009", "partner-connect-2020", "broadcom-advantage-2024"}
	var all []*rulebook.Resolved
	for _, id := range ids {
		rv := set.Get(id).At(at)
		all = append(all, rv)
		b.Run(id, func(b *testing.B) { benchEvaluate(b, recs, []*rulebook.Resolved{rv}, at, true) })
	}
	b.Run("all-three", func(b *testing.B) { benchEvaluate(b, recs, all, at, true) })
}

// shippedPopulation returns the shipped rulebooks and n partners of
// pkg/synth's benchmark population drawn from seed, read with the
// rulebooks' schema.
func shippedPopulation(tb testing.TB, n int, seed uint64) (*rulebook.Set, []*partner.Record) {
	tb.Helper()
	set, err := shipped()
	if err != nil {
		tb.Fatal(err)
	}
	var csv bytes.Buffer
	if err := synth.Write(&csv, n, seed); err != nil {
		tb.Fatal(err)
	}
	pr, err := partner.NewReader(&csv, "partners.csv", partner.FormatCSV, set.Schema(), partner.ReadOptions{})
	if err != nil {
		tb.Fatal(err)
	}
	var out []*partner.Record
	for {
		rec, err := pr.Next()
		if err == io.EOF {
			return set, out
		}
		if err != nil {
			tb.Fatal(err)
		}
		out = append(out, rec)
	}
}
