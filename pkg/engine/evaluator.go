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
}

type alias struct {
	name string
	tier int
}

// ctier is a compiled tier.
type ctier struct {
	name   *string // the model's string, shared by every result
	scoped bool    // exists only in the regions of mask
	mask   uint8
	reqs   []*node

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
)

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
