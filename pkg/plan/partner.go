package plan

import (
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/tiercalc/tiercalc/pkg/partner"
	"github.com/tiercalc/tiercalc/pkg/region"
	"github.com/tiercalc/tiercalc/pkg/rulebook"
)

// Status values of a Row.
const (
	StatusPlanned     = "planned"     // a plan reaches the target
	StatusLate        = "late"        // reachable, not by --by
	StatusBlocked     = "blocked"     // something not plannable stands in the way
	StatusQualified   = "qualified"   // already at or above the target
	StatusTop         = "top"         // no tier above the one held
	StatusUnreachable = "unreachable" // the target tier does not exist for the partner
	StatusIneligible  = "ineligible"  // no track of the program applies
)

// Statuses are a Row's statuses, in the order the README lists them.
var Statuses = []string{StatusPlanned, StatusLate, StatusBlocked, StatusQualified, StatusTop, StatusUnreachable, StatusIneligible}

// Row is one partner's plan under one program: on its cheapest track, or
// on the track asked for.
type Row struct {
	Partner, Name, Program, Edition, Track string
	Tier                                   *string // qualified tier today
	Target                                 *string
	Status                                 string
	Best                                   Option
	Alternatives                           []Alt
	Assumed                                []string
	Notes                                  []string
	By                                     string // YYYY-MM-DD; "" without --by
}

// Alt is a next-cheapest option that differs from the best in structure.
type Alt struct {
	Track  string
	Option Option
	Extra  int64 // objective above the best, cents (negative when it costs less but is blocked or late)
}

// Program is one program a Batch plans for.
type Program struct {
	Resolved *rulebook.Resolved
	Planner  *Planner
}

// scratch is one program call's working room, pooled per Batch: its
// results' Options are copied into the row by value before it is reused.
type scratch struct {
	tracks []*rulebook.Track
	qs     []int
	cands  []candidate
	res    []Result
	alts   []Alt
}

// Batch plans every record against programs with fixed settings.
type Batch struct {
	Programs []Program
	AsOf     time.Time
	To       string // target tier name; "": the next tier
	Track    string // "": every track, the cheapest kept
	By       time.Time

	pool sync.Pool // *scratch
}

// Plan appends the rows of rec, one per program.
func (b *Batch) Plan(rec *partner.Record, dst []Row) []Row {
	for _, p := range b.Programs {
		dst = append(dst, b.program(p, rec))
	}
	return dst
}

type candidate struct {
	track  *rulebook.Track
	status string
	tier   *string
	target *string
	res    *Result
	notes  []string
}

func (b *Batch) program(p Program, rec *partner.Record) Row {
	rv := p.Resolved
	row := Row{Partner: rec.ID, Name: rec.Name, Program: rv.Program.ID, Edition: rv.Edition}
	if !b.By.IsZero() {
		row.By = b.By.Format(time.DateOnly)
	}
	limit := -1
	if !b.By.IsZero() {
		limit = max(0, int(b.By.Sub(b.AsOf).Hours()/24))
	}
	reg := ""
	if rec.Country != "" && region.Known(rec.Country) {
		reg = region.Of(rec.Country)
	}
	sc, _ := b.pool.Get().(*scratch)
	if sc == nil {
		sc = &scratch{}
	}
	defer b.pool.Put(sc)
	tracks := sc.tracks[:0]
	for _, t := range rv.Tracks {
		if (b.Track != "" && t.ID != b.Track) || !applies(t.Profiles, rec.Profiles) {
			continue
		}
		tracks = append(tracks, t)
	}
	sc.tracks = tracks[:0]
	defer clear(tracks)
	// The target by default: the tier above the highest the partner holds
	// on any track, sought on every track that has it.
	qs := sc.qs[:0]
	for range tracks {
		qs = append(qs, 0)
	}
	sc.qs = qs[:0]
	for i, t := range tracks {
		qs[i] = p.Planner.Qualified(t, rec, reg)
	}
	to := b.To
	if to == "" && len(tracks) > 0 {
		bestQ, bestT, bestI := -2, tracks[0], 0
		for i, t := range tracks {
			if qs[i] > bestQ {
				bestQ, bestT, bestI = qs[i], t, i
			}
		}
		for i := bestQ + 1; i < len(bestT.Tiers); i++ {
			if TierExists(bestT.Tiers[i], reg) {
				to = bestT.Tiers[i].Name
				break
			}
		}
		if to == "" {
			tracks, qs = tracks[bestI:bestI+1], qs[bestI:bestI+1]
		}
	}
	for len(sc.res) < len(tracks) {
		sc.res = append(sc.res, Result{})
	}
	cands := sc.cands[:0]
	defer func() {
		clear(cands)
		sc.cands = cands[:0]
		for i := range sc.res {
			clear(sc.res[i].Options)
			sc.res[i] = Result{Options: sc.res[i].Options[:0]}
		}
	}()
	for i, t := range tracks {
		cands = append(cands, b.candidate(p, t, qs[i], rec, reg, limit, to, &sc.res[i]))
	}
	if len(cands) == 0 {
		row.Status = StatusIneligible
		row.Notes = []string{"No track of " + rv.Program.ID + " applies to the partner's profiles."}
		if b.Track != "" {
			row.Track = b.Track
			row.Notes = []string{"Track " + b.Track + " does not apply to the partner's profiles."}
		}
		return row
	}
	best := 0
	for i := 1; i < len(cands); i++ {
		if rankCand(&cands[i]) < rankCand(&cands[best]) ||
			(rankCand(&cands[i]) == rankCand(&cands[best]) && cands[i].res != nil && cands[best].res != nil && better(&cands[i].res.Options[0], &cands[best].res.Options[0])) {
			best = i
		}
	}
	c := cands[best]
	row.Track, row.Tier, row.Target, row.Status, row.Notes = c.track.ID, c.tier, c.target, c.status, c.notes
	if row.Notes == nil {
		row.Notes = []string{}
	}
	if c.res == nil {
		return row
	}
	row.Best = c.res.Options[0]
	row.Assumed = c.res.Assumed
	// Alternatives: the other options of this track, then the best of
	// every other track that plans, cheapest first, two at most.
	alts := sc.alts[:0]
	defer func() { clear(alts[:cap(alts)]); sc.alts = alts[:0] }()
	for _, o := range c.res.Options[1:] {
		alts = append(alts, Alt{Track: c.track.ID, Option: o})
	}
	if b.Track == "" {
		for i, o := range cands {
			if i != best && o.res != nil && (o.status == StatusPlanned || o.status == StatusLate || o.status == StatusBlocked) {
				alts = append(alts, Alt{Track: o.track.ID, Option: o.res.Options[0]})
			}
		}
	}
	slices.SortStableFunc(alts, func(x, y Alt) int {
		switch {
		case better(&x.Option, &y.Option):
			return -1
		case better(&y.Option, &x.Option):
			return 1
		}
		return 0
	})
	for i := range alts {
		alts[i].Extra = alts[i].Option.CostCents() - row.Best.CostCents()
	}
	if len(alts) > 2 {
		alts = alts[:2]
	}
	if len(alts) > 0 {
		row.Alternatives = slices.Clone(alts)
	}
	return row
}

// rankCand orders tracks: already at the target (nothing to do), a plan
// that reaches it in time, late, blocked, then the rest.
func rankCand(c *candidate) int {
	switch c.status {
	case StatusQualified:
		return 0
	case StatusPlanned:
		return 1
	case StatusLate:
		return 2
	case StatusBlocked:
		return 3
	case StatusTop:
		return 4
	}
	return 5
}

func (b *Batch) candidate(p Program, t *rulebook.Track, q int, rec *partner.Record, reg string, limit int, to string, res *Result) candidate {
	c := candidate{track: t}
	if q >= 0 {
		c.tier = &t.Tiers[q].Name
	}
	target := -1
	if to != "" {
		for i, tier := range t.Tiers {
			if strings.EqualFold(tier.Name, to) {
				target = i
			}
		}
		if target < 0 {
			c.status = StatusUnreachable
			c.notes = []string{"Track has no tier " + to + "."}
			return c
		}
	} else {
		for i := q + 1; i < len(t.Tiers); i++ {
			if TierExists(t.Tiers[i], reg) {
				target = i
				break
			}
		}
		if target < 0 {
			c.status = StatusTop
			return c
		}
	}
	c.target = &t.Tiers[target].Name
	if !TierExists(t.Tiers[target], reg) {
		c.status = StatusUnreachable
		c.notes = []string{t.Tiers[target].Name + " does not exist in the partner's region (" + reg + ")."}
		return c
	}
	if q >= target {
		c.status = StatusQualified
		return c
	}
	p.Planner.planInto(Effective(t, target, reg), rec, Options{LeadLimit: limit}, res)
	c.res = res
	o := &c.res.Options[0]
	switch {
	case len(o.Blocking) > 0:
		c.status = StatusBlocked
	case o.Late:
		c.status = StatusLate
	default:
		c.status = StatusPlanned
	}
	for _, k := range c.res.Assumed {
		if k == "country" {
			c.notes = append(c.notes, "The country is unknown: requirements scoped to regions were planned as applying.")
		} else {
			c.notes = append(c.notes, p.Planner.unknownNote(k))
		}
	}
	return c
}

// applies reports whether a track naming profiles applies to a partner
// with has (the README's contract: a partner with no profiles is on every track).
func applies(profiles, has []string) bool {
	if len(profiles) == 0 || len(has) == 0 {
		return true
	}
	for _, p := range profiles {
		if partner.Has(has, p) {
			return true
		}
	}
	return false
}
