// Package impact counts how a partner base moves from one rulebook edition
// to another (rules diff --partners) and names, for each partner that
// changes tier, the changes of the diff that made the difference. Pure: no
// I/O.
//
// A partner's tier is the one it qualifies for (qualified_tier) on its best
// track, as compare places it: a grace period holding an old tier is a
// matter of dates, not of the change. The move is compare's (through B's
// mapping from A, else by name, else by rank).
//
// Which change moved a partner: the partner is judged requirement by
// requirement on the tier it left or reached. A partner that falls from T
// fails, under B, some requirement of B's tier paired with T; a partner
// that rises to T failed, under A, some requirement of A's tier paired
// with T. The causes are the changed requirements whose verdict differs
// between A's version and B's for that partner (B's unmet and A's met for a
// fall, the other way round for a rise), and a tier that exists in the
// partner's region on one side only. One such change is the cause; two or
// more are each enough to block the old tier (a fall) or were each needed
// to be lifted (a rise).
package impact

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/tiercalc/tiercalc/pkg/compare"
	"github.com/tiercalc/tiercalc/pkg/engine"
	"github.com/tiercalc/tiercalc/pkg/partner"
	"github.com/tiercalc/tiercalc/pkg/region"
	"github.com/tiercalc/tiercalc/pkg/rulebook"
)

// Side is one rulebook edition of the diff, evaluated as of At.
type Side struct {
	RV *rulebook.Resolved
	At time.Time
}

// Transition counts the partners that went from one tier to another, and
// what moved them.
type Transition struct {
	From     string  `json:"from"` // tier names; compare.NoTier for none
	To       string  `json:"to"`
	Move     string  `json:"move"` // compare's: up, down, same, new, lost, none, undecided
	Partners int     `json:"partners"`
	Causes   []Cause `json:"causes"`
}

// Cause is one set of changes and how many partners of a transition it
// moved. Changes index the diff's changes; empty when no single
// requirement or tier change accounts for the move.
type Cause struct {
	Changes  []int `json:"changes"`
	Partners int   `json:"partners"`
}

// Mover is one partner that changed tier, for the per-partner listing.
type Mover struct {
	Partner string `json:"partner"`
	Name    string `json:"name"`
	Track   string `json:"track"`
	From    string `json:"from"`
	To      string `json:"to"`
	Move    string `json:"move"`
	Changes []int  `json:"changes"`
}

// Impact accumulates partners. Eval may run on many goroutines; Add runs on
// one, in input order.
type Impact struct {
	a, b    Side
	evA     *engine.Evaluator
	evB     *engine.Evaluator
	vA, vB  *engine.Verdicts
	changes []rulebook.DiffEntry
	cmp     *compare.Comparer
	counts  map[[3]string]*counter
	list    bool
	movers  []Mover
	total   int
	falls   int
}

type counter struct {
	n      int
	causes map[string]int
}

// Column keys of the two sides in the compare rows Impact builds.
const keyA, keyB = "a", "b"

// New returns an Impact of the change from a to b, whose diff is changes
// (rulebook.Diff(a.RV, b.RV)); list keeps one Mover per partner that
// changes tier, which is the only thing it keeps per partner.
func New(a, b Side, changes []rulebook.DiffEntry, schema *partner.Schema, list bool) *Impact {
	i := &Impact{a: a, b: b, changes: changes, list: list, counts: map[[3]string]*counter{},
		evA: engine.NewEvaluator(a.RV, schema), evB: engine.NewEvaluator(b.RV, schema)}
	i.vA, i.vB = engine.NewVerdicts(i.evA), engine.NewVerdicts(i.evB)
	i.cmp = compare.New([]compare.Column{{Key: keyA, RV: a.RV, At: a.At}, {Key: keyB, RV: b.RV, At: b.At}})
	return i
}

// Eval appends rec's results under A and B, each holding the tier it
// qualifies for.
func (i *Impact) Eval(rec *partner.Record, dst []engine.Result, _ *engine.Arena) []engine.Result {
	for _, s := range []struct {
		ev  *engine.Evaluator
		at  time.Time
		key string
	}{{i.evA, i.a.At, keyA}, {i.evB, i.b.At, keyB}} {
		start := len(dst)
		dst = s.ev.Evaluate(rec, s.at, dst)
		for j := start; j < len(dst); j++ {
			dst[j].Program, dst[j].Tier = s.key, dst[j].QualifiedTier
		}
	}
	return dst
}

// Add counts one partner from its results (Eval's).
func (i *Impact) Add(rec *partner.Record, results []engine.Result) {
	row := i.cmp.Add(results)
	ca, cb, mv := row.Cells[0], row.Cells[1], row.Moves[0]
	i.total++
	k := [3]string{tierName(ca.Tier), tierName(cb.Tier), mv.Move}
	c := i.counts[k]
	if c == nil {
		c = &counter{causes: map[string]int{}}
		i.counts[k] = c
	}
	c.n++
	if mv.Move == compare.MoveSame || mv.Move == compare.MoveNone {
		return
	}
	if mv.Falls() {
		i.falls++
	}
	why := i.causes(rec, ca, cb, mv)
	c.causes[key(why)]++
	if i.list {
		track := cb.Track
		if track == "" {
			track = ca.Track
		}
		i.movers = append(i.movers, Mover{Partner: rec.ID, Name: rec.Name, Track: track,
			From: k[0], To: k[1], Move: mv.Move, Changes: why})
	}
}

// Partners is how many partners were added.
func (i *Impact) Partners() int { return i.total }

// Falls is how many partners move down, lose their tier or fall to an
// undecided result (compare.Move.Falls).
func (i *Impact) Falls() int { return i.falls }

// Movers lists the partners that changed tier, in input order (with list).
func (i *Impact) Movers() []Mover { return i.movers }

// Transitions lists the counts: moves first, most partners first, then
// the partners that stayed.
func (i *Impact) Transitions() []Transition {
	out := make([]Transition, 0, len(i.counts))
	for k, c := range i.counts {
		t := Transition{From: k[0], To: k[1], Move: k[2], Partners: c.n, Causes: []Cause{}}
		for ck, n := range c.causes {
			t.Causes = append(t.Causes, Cause{Changes: unkey(ck), Partners: n})
		}
		slices.SortFunc(t.Causes, func(x, y Cause) int {
			return cmp.Or(cmp.Compare(y.Partners, x.Partners), slices.Compare(x.Changes, y.Changes))
		})
		out = append(out, t)
	}
	stays := func(t Transition) bool { return t.Move == compare.MoveSame || t.Move == compare.MoveNone }
	slices.SortFunc(out, func(x, y Transition) int {
		return cmp.Or(cmpBool(stays(x), stays(y)), cmp.Compare(y.Partners, x.Partners),
			cmp.Compare(x.From, y.From), cmp.Compare(x.To, y.To))
	})
	return out
}

func cmpBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

// causes lists the changes (indexes) that moved the partner from ca to cb.
func (i *Impact) causes(rec *partner.Record, ca, cb compare.Cell, mv compare.Move) []int {
	id := cb.Track
	if cb.Tier == nil {
		id = ca.Track
	}
	tb := rulebook.PairTrack(i.b.RV, id)
	if tb == nil { // the partner's track of A has no counterpart in B
		return i.find(func(e rulebook.DiffEntry) bool { return e.Kind == rulebook.DiffTrackRemoved && e.Track == ca.Track })
	}
	ta := rulebook.PairTrack(i.a.RV, tb.ID)
	if ta == nil { // B's track is new: its tiers pair with none of A's
		return i.find(func(e rulebook.DiffEntry) bool { return e.Kind == rulebook.DiffTrackAdded && e.Track == tb.ID })
	}
	rise := mv.Move == compare.MoveUp || mv.Move == compare.MoveNew
	tierB, tierChange := i.judgedTier(ta, tb, ca, cb, rise)
	if tierB == "" {
		return i.find(tierChange)
	}
	reg := ""
	if region.Known(rec.Country) {
		reg = region.Of(rec.Country)
	}
	return i.find(func(e rulebook.DiffEntry) bool {
		return e.Track == tb.ID && e.ToTier == tierB && i.decides(e, rec, reg, rise)
	})
}

// judgedTier is B's tier the partner is judged on: the one it rose to, or
// the one paired with the tier it fell from. "" when there is none; the
// tier change that explains the move instead (the tier added, or the old
// one removed) is then what tierChange finds.
func (i *Impact) judgedTier(ta, tb *rulebook.Track, ca, cb compare.Cell, rise bool) (string, func(rulebook.DiffEntry) bool) {
	if rise {
		name := *cb.Tier
		if rulebook.MappedFrom(i.a.RV, i.b.RV, ta, tb, name) != "" {
			return name, nil
		}
		return "", func(e rulebook.DiffEntry) bool {
			return e.Kind == rulebook.DiffTierAdded && e.Track == tb.ID && e.ToTier == name
		}
	}
	for _, t := range tb.Tiers {
		if rulebook.MappedFrom(i.a.RV, i.b.RV, ta, tb, t.Name) == *ca.Tier {
			return t.Name, nil
		}
	}
	return "", func(e rulebook.DiffEntry) bool {
		return e.Kind == rulebook.DiffTierRemoved && e.Track == tb.ID && e.FromTier == *ca.Tier
	}
}

// decides is whether change e made the difference for rec (in region
// reg): a tier that exists in the partner's region on the side it moved
// to only, or a requirement whose verdict differs between A's version and
// B's in the direction of the move.
func (i *Impact) decides(e rulebook.DiffEntry, rec *partner.Record, reg string, rise bool) bool {
	if e.Kind == rulebook.DiffTierRegions {
		oldIn, newIn := exists(e.Old, reg), exists(e.New, reg)
		return oldIn != newIn && newIn == rise
	}
	if e.Kind == rulebook.DiffFlagIllustrate || (e.A == nil && e.B == nil) {
		return false
	}
	metA, metB := i.met(i.vA, i.a.At, rec, e.A, reg), i.met(i.vB, i.b.At, rec, e.B, reg)
	if rise {
		return !metA && metB
	}
	return metA && !metB
}

// met is whether rec meets leaf l (a requirement absent on its side is
// met: nothing to fail).
func (i *Impact) met(v *engine.Verdicts, at time.Time, rec *partner.Record, l *rulebook.Leaf, reg string) bool {
	if l == nil {
		return true
	}
	if reg != "" && len(l.Regions) > 0 && !slices.Contains(l.Regions, reg) {
		return true // does not apply where the partner is
	}
	return v.Of(rec, at, l.Req) == engine.VerdictMet
}

// exists is whether a tier with these regions (empty: every region) exists
// in reg; an unknown region counts only for a tier that exists everywhere.
func exists(regions any, reg string) bool {
	rs, _ := regions.([]string)
	return len(rs) == 0 || (reg != "" && slices.Contains(rs, reg))
}

func (i *Impact) find(ok func(rulebook.DiffEntry) bool) []int {
	out := []int{}
	for j, e := range i.changes {
		if ok(e) {
			out = append(out, j)
		}
	}
	return out
}

func tierName(t *string) string {
	if t == nil {
		return compare.NoTier
	}
	return *t
}

func key(ix []int) string {
	s := make([]string, len(ix))
	for j, x := range ix {
		s[j] = strconv.Itoa(x)
	}
	return strings.Join(s, ",")
}

func unkey(k string) []int {
	out := []int{}
	if k == "" {
		return out
	}
	for _, s := range strings.Split(k, ",") {
		n, _ := strconv.Atoi(s)
		out = append(out, n)
	}
	return out
}
