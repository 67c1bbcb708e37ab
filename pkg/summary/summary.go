// Package summary folds a stream of engine results into counts per program
// and track: partners per tier and per status, the most common gaps to the
// next tier and the data most often missing. It keeps counters only, so its
// memory grows with the number of distinct (program, track, tier, gap) keys,
// never with the number of partners.
package summary

import (
	"bytes"
	"cmp"
	"encoding/json"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/tiercalc/tiercalc/pkg/engine"
	"github.com/tiercalc/tiercalc/pkg/partner"
	"github.com/tiercalc/tiercalc/pkg/rulebook"
)

// NoTier names the partners that hold no tier in tier counts.
const NoTier = "none"

// Statuses are the result statuses, in the order summaries list them.
var Statuses = []string{engine.StatusQualified, engine.StatusGrace, engine.StatusIncomplete, engine.StatusIneligible}

// Summary is what `tiercalc summary` prints.
type Summary struct {
	AsOf     string    `json:"as_of"`
	Programs []Program `json:"programs"`
}

// Program holds the tracks of one program, in rulebook order.
type Program struct {
	Program string  `json:"program"`
	Name    string  `json:"-"` // for headings
	Edition string  `json:"edition"`
	Tracks  []Track `json:"tracks"`
	// Closest are the partners with the cheapest plans to their next
	// tier (tiercalc plan's), cheapest first; WithinBudget counts the
	// plans within --budget (nil without it).
	Closest      []Closest `json:"closest"`
	WithinBudget *Budget   `json:"within_budget,omitempty"`
}

// Track holds the counts of one track ("" for a program with one track).
type Track struct {
	Track    string    `json:"track"`
	Partners int       `json:"partners"`
	Tiers    Counts    `json:"tiers"`    // the track's tiers low to high, then NoTier
	Statuses Counts    `json:"statuses"` // in the order of Statuses
	Gaps     []Gap     `json:"gaps"`     // most common first
	Unknown  []Unknown `json:"unknown"`  // most common first
	Notes    []Note    `json:"notes"`    // the results' notes, most common first
}

// Note is one of the results' notes and how many partners' results carry
// it.
type Note struct {
	Note     string `json:"note"`
	Partners int    `json:"partners"`
}

// Count is one named counter.
type Count struct {
	Name string
	N    int
}

// Counts are counters in a fixed order; JSON shows them as an object whose
// keys keep that order.
type Counts []Count

// MarshalJSON writes {"name": n, ...} in order.
func (cs Counts) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, c := range cs {
		if i > 0 {
			b.WriteByte(',')
		}
		k, err := json.Marshal(c.Name)
		if err != nil {
			return nil, err
		}
		b.Write(k)
		b.WriteByte(':')
		b.WriteString(strconv.Itoa(c.N))
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// Gap is one kind of shortfall and how many partners have it.
type Gap struct {
	NextTier string  `json:"next_tier"`
	Kind     string  `json:"kind"`
	Key      string  `json:"key"`
	Short    float64 `json:"short"`
	// Phrase is the gap as a sentence, worded by Aggregator.Phrase from
	// the fields below.
	Phrase   string `json:"phrase"`
	Partners int    `json:"partners"`

	// Label is an any-of group's label; Noun and Unit are the engine
	// gap's (what is counted, and its unit).
	Label string `json:"-"`
	Noun  string `json:"-"`
	Unit  string `json:"-"`
	// Illustrative is true when the requirement rests on an assumed
	// number (engine.Gap.Illustrative, its own or an alternative's).
	Illustrative bool `json:"illustrative"`
}

// Unknown is a data key the records lacked and how many partners lacked it.
type Unknown struct {
	Key      string `json:"key"`
	Partners int    `json:"partners"`
}

// gapKey groups gaps. label tells apart any-of groups, whose key alone
// names only their alternatives.
type gapKey struct {
	tier, kind, key, label, noun, unit string
	short                              float64
	illus                              bool
}

type track struct {
	id       string
	tiers    []string // low to high
	partners int
	byTier   map[string]int
	byStatus map[string]int
	gaps     map[gapKey]int
	unknown  map[string]int
	notes    map[string]int
}

type program struct {
	rv     *rulebook.Resolved
	tracks []*track
}

// Aggregator counts results. Add is not safe for concurrent use.
type Aggregator struct {
	// Phrase words a gap for Summary (report.SummaryGapPhrase: the wording
	// lives in pkg/report); gaps that as many partners share are listed in
	// the order of their phrases. Nil leaves Phrase empty and orders them
	// by kind, key and amount.
	Phrase func(Gap) string

	programs []*program
	index    map[[2]string]*track // program id, track id
}

// New returns an aggregator for the programs of resolved, whose tracks
// appear in the summary even when no result reaches them.
func New(resolved []*rulebook.Resolved) *Aggregator {
	a := &Aggregator{index: map[[2]string]*track{}}
	for _, rv := range resolved {
		p := &program{rv: rv}
		for _, t := range rv.Tracks {
			tr := newTrack(t.ID)
			for _, tier := range t.Tiers {
				tr.tiers = append(tr.tiers, tier.Name)
			}
			p.tracks = append(p.tracks, tr)
			a.index[[2]string{rv.Program.ID, t.ID}] = tr
		}
		a.programs = append(a.programs, p)
	}
	return a
}

func newTrack(id string) *track {
	return &track{id: id, byTier: map[string]int{}, byStatus: map[string]int{},
		gaps: map[gapKey]int{}, unknown: map[string]int{}, notes: map[string]int{}}
}

// Add counts one result.
func (a *Aggregator) Add(r *engine.Result) {
	t := a.index[[2]string{r.Program, r.Track}]
	if t == nil {
		// A result of a program or track New was not told of: count it
		// under a program of its own rather than lose it.
		t = newTrack(r.Track)
		a.index[[2]string{r.Program, r.Track}] = t
		p := a.find(r.Program)
		if p == nil {
			p = &program{rv: &rulebook.Resolved{Program: &rulebook.Program{ID: r.Program}, Edition: r.Edition}}
			a.programs = append(a.programs, p)
		}
		p.tracks = append(p.tracks, t)
	}
	t.partners++
	tier := NoTier
	if r.Tier != nil {
		tier = *r.Tier
	}
	t.byTier[tier]++
	t.byStatus[r.Status]++
	for i := range r.Missing {
		t.gaps[keyOf(&r.Missing[i])]++
	}
	for _, k := range r.Unknown {
		t.unknown[k]++
	}
	for _, n := range r.Notes {
		t.notes[n]++
	}
}

func (a *Aggregator) find(id string) *program {
	for _, p := range a.programs {
		if p.rv.Program.ID == id {
			return p
		}
	}
	return nil
}

// keyOf is the group of g. Credential and competency-set shortfalls are
// small whole numbers and group as they are; metric shortfalls vary with
// every partner, so they group by a rounded-up bound (1, 2, 5, 10, 20, ...)
// that keeps the number of groups, and so memory, small. Any-of groups and
// yes/no requirements group by what they require.
func keyOf(g *engine.Gap) gapKey {
	k := gapKey{tier: g.Tier, kind: g.Kind, key: g.Key, noun: g.Noun, unit: g.Unit, short: g.Short, illus: Assumed(g)}
	switch g.Kind {
	case "metric":
		k.short = bound(g.Short)
		if partner.IsCurrency(g.Unit) {
			// Money in whole cents: the bound of the cents, so that
			// it stays an exact amount (US$0.50, never 0.5000001).
			k.short = bound(math.Round(g.Short*100)) / 100
		}
	case "credential", "competencies":
	case "any", "all":
		k.label, k.short, k.noun, k.unit = g.Label, 1, "", ""
	default:
		k.short, k.unit = 1, ""
	}
	return k
}

// Assumed reports whether g rests on an assumed number: its own, or one of
// its alternatives'.
func Assumed(g *engine.Gap) bool {
	if g.Illustrative {
		return true
	}
	for i := range g.Options {
		if Assumed(&g.Options[i]) {
			return true
		}
	}
	return false
}

// bound rounds v up to the next 1, 2 or 5 times a power of ten.
func bound(v float64) float64 {
	if v <= 0 || math.IsNaN(v) || math.IsInf(v, 0) {
		return v
	}
	p := math.Pow(10, math.Floor(math.Log10(v)))
	for _, m := range []float64{1, 2, 5, 10} {
		if b := m * p; b >= v*(1-1e-12) {
			return b
		}
	}
	return 10 * p
}

// Summary returns the counts so far, with the top most common gaps and
// unknown keys per track (top <= 0: all of them).
func (a *Aggregator) Summary(asOf string, top int) *Summary {
	s := &Summary{AsOf: asOf, Programs: []Program{}}
	for _, p := range a.programs {
		sp := Program{Program: p.rv.Program.ID, Name: p.rv.Program.Name, Edition: p.rv.Edition, Tracks: []Track{}}
		for _, t := range p.tracks {
			sp.Tracks = append(sp.Tracks, t.summary(top, a.Phrase))
		}
		s.Programs = append(s.Programs, sp)
	}
	return s
}

func (t *track) summary(top int, phrase func(Gap) string) Track {
	st := Track{Track: t.id, Partners: t.partners, Gaps: []Gap{}, Unknown: []Unknown{}, Notes: []Note{}}
	for _, name := range t.tiers {
		st.Tiers = append(st.Tiers, Count{name, t.byTier[name]})
	}
	st.Tiers = append(st.Tiers, extra(t.byTier, append(slices.Clone(t.tiers), NoTier))...)
	st.Tiers = append(st.Tiers, Count{NoTier, t.byTier[NoTier]})
	for _, name := range Statuses {
		st.Statuses = append(st.Statuses, Count{name, t.byStatus[name]})
	}
	st.Statuses = append(st.Statuses, extra(t.byStatus, Statuses)...)

	for k, n := range t.gaps {
		st.Gaps = append(st.Gaps, Gap{NextTier: k.tier, Kind: k.kind, Key: k.key, Short: k.short,
			Partners: n, Label: k.label, Noun: k.noun, Unit: k.unit, Illustrative: k.illus})
		if phrase != nil {
			st.Gaps[len(st.Gaps)-1].Phrase = phrase(st.Gaps[len(st.Gaps)-1])
		}
	}
	slices.SortFunc(st.Gaps, func(a, b Gap) int {
		if a.Partners != b.Partners {
			return b.Partners - a.Partners
		}
		return cmp.Or(strings.Compare(a.Phrase, b.Phrase), strings.Compare(a.Kind, b.Kind), strings.Compare(a.Key, b.Key),
			cmp.Compare(a.Short, b.Short), strings.Compare(a.NextTier, b.NextTier), strings.Compare(a.Label, b.Label))
	})
	for k, n := range t.unknown {
		st.Unknown = append(st.Unknown, Unknown{Key: k, Partners: n})
	}
	slices.SortFunc(st.Unknown, func(a, b Unknown) int {
		if a.Partners != b.Partners {
			return b.Partners - a.Partners
		}
		return strings.Compare(a.Key, b.Key)
	})
	for n, k := range t.notes {
		st.Notes = append(st.Notes, Note{Note: n, Partners: k})
	}
	slices.SortFunc(st.Notes, func(a, b Note) int {
		if a.Partners != b.Partners {
			return b.Partners - a.Partners
		}
		return strings.Compare(a.Note, b.Note)
	})
	if top > 0 {
		st.Gaps = st.Gaps[:min(top, len(st.Gaps))]
		st.Unknown = st.Unknown[:min(top, len(st.Unknown))]
		st.Notes = st.Notes[:min(top, len(st.Notes))]
	}
	return st
}

// extra returns the counters of m not named in known, sorted by name: none
// in practice, but a count is never dropped.
func extra(m map[string]int, known []string) Counts {
	var out Counts
	for name, n := range m {
		if !slices.Contains(known, name) {
			out = append(out, Count{name, n})
		}
	}
	slices.SortFunc(out, func(a, b Count) int { return strings.Compare(a.Name, b.Name) })
	return out
}
