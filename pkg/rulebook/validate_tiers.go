package rulebook

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

// tracks checks one edition's tracks (after edition, "" for the base):
// requirement ids unique within a track, tiers at least as strict as those
// below, every tier reachable.
func (v *validator) tracks(ts []*Track, edition string) {
	after := ""
	if edition != "" {
		after = " after edition " + edition
	}
	for _, t := range ts {
		if edition != "" {
			var flat []*Requirement
			for _, tier := range t.Tiers {
				walk(tier.Requires, func(r *Requirement) { flat = append(flat, r) })
			}
			unique(v, "requirement id (in track "+quote(t.ID)+after+")", flat, func(r *Requirement) (string, Pos) { return r.ID, r.at.of("id", r.Pos) })
		}
		v.cumulative(t, after)
		v.reachable(t, after)
	}
}

// floor is the strictest threshold for one key over the tiers below.
type floor struct {
	min  float64
	tier string
}

// cumulative reports tiers that ask less than a tier below them: tiers
// are cumulative, so the lower threshold is dead. A tier limited to some
// regions raises no floor for the tiers above it.
func (v *validator) cumulative(t *Track, after string) {
	below := map[string]floor{}
	for _, tier := range t.Tiers {
		mins := map[string]*Requirement{}
		thresholds(tier.Requires, mins)
		for _, k := range slices.Sorted(maps.Keys(mins)) {
			r := mins[k]
			if f, ok := below[k]; ok && r.Min < f.min {
				v.once(r.at.of("min", r.Pos), fmt.Sprintf("raise it to at least %g, or remove it: tiers are cumulative", f.min), after,
					fmt.Sprintf("tier %q requires %s >= %g, less than the %g of tier %q below it", tier.Name, displayKey(k), r.Min, f.min, f.tier))
			}
		}
		if len(tier.Regions) > 0 {
			continue
		}
		for k, r := range mins {
			if f, ok := below[k]; !ok || r.Min > f.min {
				below[k] = floor{r.Min, tier.Name}
			}
		}
	}
}

// reachable reports the first tier of t that can never be reached (the
// tiers above it cannot be either: one report is enough).
func (v *validator) reachable(t *Track, after string) {
	for _, tier := range t.Tiers {
		for _, r := range tier.Requires {
			if why, at := v.never(r, map[*Derived]bool{}); why != "" {
				v.once(at, "", after, fmt.Sprintf("tier %q can never be reached: %s", tier.Name, why))
				return
			}
		}
	}
}

// once reports a problem of a track unless an earlier edition (or the base)
// already had it at the same place; after names the edition.
func (v *validator) once(at Pos, hint, after, msg string) {
	key := at.String() + "\x00" + msg
	if v.said[key] {
		return
	}
	v.said[key] = true
	v.add(at, hint, "%s%s", msg, after)
}

func quote(s string) string { return fmt.Sprintf("%q", s) }

// thresholds gathers, by key, the strictest numeric requirement a tier
// always imposes: top level and inside all: groups, not inside any: (an
// alternative) nor when limited to some regions.
func thresholds(rs []*Requirement, out map[string]*Requirement) {
	for _, r := range rs {
		if len(r.Regions) > 0 {
			continue
		}
		spec := specOf(r.Kind)
		if spec.all {
			thresholds(r.Items, out)
			continue
		}
		if spec.threshold == nil {
			continue
		}
		k := spec.threshold(r)
		if prev, ok := out[k]; !ok || r.Min > prev.Min {
			out[k] = r
		}
	}
}

func displayKey(k string) string {
	_, after, _ := strings.Cut(k, " ")
	return after
}
