package engine

import (
	"strings"

	"github.com/tiercalc/tiercalc/pkg/rulebook"
)

// Rank returns the index of the tier named tier in track (0 for the lowest),
// or -1 when track is nil or has no such tier. Names match exactly, else
// case-insensitively. For --fail-below and comparisons: a result ranks below
// TIER when Rank(track, *r.Tier) < Rank(track, TIER), a nil Tier ranking -1.
func Rank(track *rulebook.Track, tier string) int {
	if track == nil || tier == "" {
		return -1
	}
	for i, t := range track.Tiers {
		if t.Name == tier {
			return i
		}
	}
	for i, t := range track.Tiers {
		if strings.EqualFold(t.Name, tier) {
			return i
		}
	}
	return -1
}

// RankOf is Rank for a tier pointer as a Result carries it: -1 for nil.
func RankOf(track *rulebook.Track, tier *string) int {
	if tier == nil {
		return -1
	}
	return Rank(track, *tier)
}
