package engine

import (
	"time"

	"github.com/tiercalc/tiercalc/pkg/region"
)

// Evaluator is a compiled rulebook edition.
type Evaluator struct {
	program string
	edition string
	tracks  []ctrack
	derived []*node // compiled requirement of each derived competency
	vids    int     // verdict slots of the nodes (node.vid)
	shares  int     // share classes of the tiers (ctier.share)
	seq     uint32  // which evaluator this is, for state.resolveTier's cache
	// tracksText names the tracks and their profiles, for the note of a
	// partner no track applies to.
	tracksText string
	// tierNames are the names of the tracks' aliases (ctrack.aliases and
	// ctrack.gone), each once: a record's current_tier is looked up among
	// them once per evaluation (state.lookup).
	tierNames []string
}

// ctrack is a compiled track.
type ctrack struct {
	id       string
	profiles []string
	tiers    []ctier
	// aliases resolves a record's current_tier: the track's own tier names
	// first, then the predecessor mapping's entries for this track, then
	// those for every track.
	aliases []alias
	// slow: a tier leaves out requirements of the tiers below (without:),
	// so tiers are judged by their effective sets, not one after another;
	// reqs are the track's requirements, which each tier's eff indexes.
	slow bool
	reqs []effReq
	// masked: a slow track with at most maxMasked requirements, whose
	// tiers are judged on bit sets (reqMasks).
	masked bool
	// floor: on a masked track, the requirements of the lowest tier, when
	// it exists in every region, that every tier's effective set keeps:
	// one failed fails every tier, one unknown leaves none met
	// (state.floorVerdict).
	floor uint64
	// floorVid is the verdict slot of the floor's verdict: tracks whose
	// floors are the same requirements (Partner Connect's five, which
	// all start at the same enrolment) share one, so that a record's
	// floor is judged once.
	floorVid int
	// named and goneNamed are, for each of Evaluator.tierNames, the index
	// of the alias of that name in aliases and in gone (find), or -1.
	named, goneNamed []int
	// retired are the tiers editions took away, oldest first; gone the
	// aliases (own names, then mapped ones) of the dropped ones, by index
	// in retired.
	retired []cretire
	gone    []alias
	// keptUntil is the last day (dayNum) on which a current tier can be
	// kept above the one qualified for: the latest end of a tier's grace
	// window or of a retirement's held_until (math.MinInt: none). After
	// it, the current tier changes no result (state.current), and most
	// runs evaluate a program whose windows closed long ago.
	keptUntil int
	// ineligible holds the notes of an ineligible result, by region
	// variant and next tier (index+1; 0: no next tier).
	ineligible [variants][][]string
}

type alias struct {
	name string
	tier int
	// notes is the note of a current_tier read through a mapping the
	// rulebook calls illustrative; nil otherwise.
	notes []string
}

// effReq is one requirement of a tier's effective set, with the tier that
// states it: it carries over only where that tier exists.
type effReq struct {
	owner int
	n     *node
}

// cretire is a compiled rulebook.Retirement.
type cretire struct {
	name    *string
	pos     int   // how many of the track's tiers were below it
	taken   uint8 // region bits it was taken from (bitNone: partners in no region)
	dropped bool
	held    string // held_until, YYYY-MM-DD; "" when not held
	heldDay int
	// why says what happened, per region variant ("was retired for
	// resellers in the Americas on ..."); heldNotes is the grace note.
	why       [variants]string
	heldNotes [variants][]string
}

// ctier is a compiled tier.
type ctier struct {
	name   *string // the model's string, shared by every result
	scoped bool    // exists only in the regions of mask
	mask   uint8
	reqs   []*node
	share  int   // share class: tiers alike in it give alike gaps (share.go)
	eff    []int // slow tracks: the effective requirements, in ctrack.reqs
	// masked tracks: eff as a bit set, and the tier's own requirements
	effMask, owned uint64

	graceMonths int
	graceUntil  string // YYYY-MM-DD
	graceDay    int    // dayNum of graceUntil
	graceStart  int    // dayNum of Grace.From: no grace before the window opens
}

// Region bits.
const (
	bitAmericas uint8 = 1 << iota
	bitEMEA
	bitAPJ
	bitNone // a known country in no region (retirements only)
)

// Region variants a note may depend on: the country unknown, in no
// region, or in one of the three.
const (
	variantUnknown = iota
	variantNone
	variantAmericas
	variantEMEA
	variantAPJ
	variants
)

// variantBits are the region bits of each variant.
var variantBits = [variants]uint8{0, bitNone, bitAmericas, bitEMEA, bitAPJ}

func regionBit(name string) uint8 {
	switch name {
	case region.Americas:
		return bitAmericas
	case region.EMEA:
		return bitEMEA
	case region.APJ:
		return bitAPJ
	}
	return 0
}

func regionMask(names []string) uint8 {
	var m uint8
	for _, n := range names {
		m |= regionBit(n)
	}
	return m
}

// dayNum orders calendar days: a < b iff day a is before day b.
func dayNum(t time.Time) int {
	y, m, d := t.Date()
	return y*512 + int(m)*32 + d
}

// addMonths is t plus n calendar months, clamped to the end of the target
// month: six months from 31 August is the last day of February, not
// 3 March as time.AddDate's normalisation would give.
func addMonths(t time.Time, n int) time.Time {
	y, m, d := t.Date()
	first := time.Date(y, m+time.Month(n), 1, 0, 0, 0, 0, t.Location())
	last := first.AddDate(0, 1, -1).Day()
	return time.Date(first.Year(), first.Month(), min(d, last), 0, 0, 0, 0, t.Location())
}
