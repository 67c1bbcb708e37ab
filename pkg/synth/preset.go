package synth

import (
	"fmt"
	"io"
	"math/rand/v2"
	"slices"
	"strings"
)

// A Population is a named preset. The benchmark shape takes any size and
// seed; the other presets are one fixed population each (N partners from
// Seed), whose assumptions testdata/populations.md states and derives from
// the seeds' figures.
type Population struct {
	Name string
	Doc  string // one line
	N    int    // partners; 0 for the benchmark shape, which takes any number
	Seed uint64
	// build returns the fixed population; nil for the benchmark shape.
	build func(rng *rand.Rand) []row
}

// Default is the benchmark shape's name: Write's population.
const Default = "benchmark"

var presets = []Population{
	{Name: Default, Doc: "the benchmark shape: any number of partners, worldwide, with unknowns (Write)"},
	{Name: "france-2009", Doc: "France's 1,275 VMware partners of April 2009 (seed 003), as of 2010-01-15", N: 1275, Seed: 2009, build: france2009},
	{Name: "pc-2019", Doc: "France's ~1,000 certified VMware partners at Partner Connect's announcement (seed 001)", N: 1000, Seed: 2019, build: pc2019},
}

// Presets lists the presets' names, Default first.
func Presets() []string {
	names := make([]string, len(presets))
	for i, p := range presets {
		names[i] = p.Name
	}
	return names
}

// Preset returns the preset named name.
func Preset(name string) (Population, error) {
	for _, p := range presets {
		if p.Name == name {
			return p, nil
		}
	}
	return Population{}, fmt.Errorf("synth: unknown preset %q (one of %s)", name, strings.Join(Presets(), ", "))
}

// Fixed reports whether p is one fixed population (its size and seed
// cannot be chosen).
func (p Population) Fixed() bool { return p.build != nil }

// WriteFormat writes p to w in format (one of Formats). n and seed are the
// benchmark shape's; a fixed population ignores them. The same arguments
// give the same bytes.
func (p Population) WriteFormat(w io.Writer, format string, n int, seed uint64) error {
	if p.build == nil {
		return WriteFormat(w, format, n, seed)
	}
	rows := p.build(rand.New(rand.NewPCG(p.Seed, 2009)))
	return writeRows(w, format, len(rows), func(i int, r *row) { *r = rows[i] })
}

// deal splits n items into len(w) classes in proportion to the weights w,
// rounding by largest remainder (ties to the lower class), so the counts
// are exact and stated; it returns each item's class in a seeded random
// order, so that two dimensions dealt apart are independent.
func deal(rng *rand.Rand, n int, w ...float64) []int {
	counts := quotas(n, w...)
	cls := make([]int, 0, n)
	for c, k := range counts {
		for range k {
			cls = append(cls, c)
		}
	}
	rng.Shuffle(len(cls), func(i, j int) { cls[i], cls[j] = cls[j], cls[i] })
	return cls
}

// quotas is deal's counts: n split in proportion to w by largest remainder.
func quotas(n int, w ...float64) []int {
	var sum float64
	for _, x := range w {
		sum += x
	}
	counts := make([]int, len(w))
	rem := make([]float64, len(w))
	left := n
	for i, x := range w {
		q := float64(n) * x / sum
		counts[i] = int(q)
		rem[i] = q - float64(counts[i])
		left -= counts[i]
	}
	order := make([]int, len(w))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		switch {
		case rem[a] > rem[b]:
			return -1
		case rem[a] < rem[b]:
			return 1
		}
		return 0
	})
	for _, i := range order[:left] {
		counts[i]++
	}
	return counts
}

// geometric is the weights of a count of mean mu with the largest entropy
// (a geometric distribution), for counts 0..top-1 and a last class for top
// or more; tail draws a count in that last class.
func geometric(mu float64, top int) []float64 {
	w := make([]float64, top+1)
	p, q := 1/(1+mu), mu/(1+mu)
	x := p
	for k := range top {
		w[k] = x
		x *= q
	}
	w[top] = x / p // q^top: the tail
	return w
}

// tail draws a count of top or more from geometric(mu, top)'s last class:
// top plus a count of the same law (memoryless), capped at top+40.
func tail(rng *rand.Rand, mu float64, top int) int {
	q := mu / (1 + mu)
	k := top
	for k < top+40 && rng.Float64() < q {
		k++
	}
	return k
}

// halves draws a whole amount uniformly from [bar/2, bar) when below, else
// from [bar, 2*bar): with a dealt 1/2 for below, the median sits at bar.
func halves(rng *rand.Rand, bar int, below bool) int {
	if below {
		return bar/2 + rng.IntN(bar-bar/2)
	}
	return bar + rng.IntN(bar)
}

// between draws a whole amount uniformly from [lo, hi).
func between(rng *rand.Rand, lo, hi int) int { return lo + rng.IntN(hi-lo) }

// name draws a partner's made-up name.
func name(rng *rand.Rand) string {
	s := names[rng.IntN(len(names))] + " " + fmt.Sprint(rng.IntN(1000))
	if rng.IntN(4) == 0 {
		s += " " + suffixes[rng.IntN(3)] // the French forms: SARL, SAS, SA
	}
	return s
}

// joinList joins ids with ';', or writes emptyList for none.
func joinList(ids []string) string {
	if len(ids) == 0 {
		return emptyList
	}
	return strings.Join(ids, ";")
}
