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
		v.without(t, after)
		v.cumulative(t, after)
		v.reachable(t, after)
	}
}

// without checks each tier's without: list: every id names a top-level
// requirement of a lower tier that the tier below still carries.
func (v *validator) without(t *Track, after string) {
	for i, tier := range t.Tiers {
		seen := map[string]bool{}
		for j, id := range tier.Without {
			at := tier.at.of(fmt.Sprintf("without[%d]", j), tier.Pos)
			if seen[id] {
				v.once(at, "", after, fmt.Sprintf("tier %q: without: %q listed twice", tier.Name, id))
				continue
			}
			seen[id] = true
			if msg, hint := withoutProblem(t, i, id); msg != "" {
				v.once(at, hint, after, fmt.Sprintf("tier %q: without: %s", tier.Name, msg))
			}
		}
	}
}

// withoutProblem says what is wrong with tier i of t leaving out id, or "".
func withoutProblem(t *Track, i int, id string) (msg, hint string) {
	var lower []string
	for k, tier := range t.Tiers[:i] {
		for _, r := range tier.Requires {
			if r.ID != id {
				lower = append(lower, r.ID)
				continue
			}
			for _, x := range t.Tiers[k+1 : i] {
				if slices.Contains(x.Without, id) {
					return fmt.Sprintf("requirement %q of tier %q is already left out by tier %q", id, tier.Name, x.Name), ""
				}
			}
			return "", ""
		}
		found := false
		walk(tier.Requires, func(r *Requirement) { found = found || r.ID == id })
		if found {
			return fmt.Sprintf("%q is inside a group of tier %q", id, tier.Name), "without: leaves out whole requirements of a tier; name the group's id"
		}
	}
	for _, tier := range t.Tiers[i:] {
		found := false
		walk(tier.Requires, func(r *Requirement) { found = found || r.ID == id })
		if found {
			return fmt.Sprintf("%q is a requirement of tier %q, not of a tier below", id, tier.Name), ""
		}
	}
	hint = didYouMean(id, lower)
	if hint == "" {
		hint = "name a requirement (by its id:) of a lower tier of the same track"
	}
	return fmt.Sprintf("no requirement %q in the tiers below", id), hint
}

// cumulative reports tiers that ask less than the tiers below them whose
// requirements they carry (Track.Effective): the lower threshold is dead.
// A tier limited to some regions raises no floor for the tiers above it.
func (v *validator) cumulative(t *Track, after string) {
	var carried []*Requirement // the effective requirements of tiers everywhere below
	owner := map[*Requirement]string{}
	for _, tier := range t.Tiers {
		if len(tier.Without) > 0 {
			carried = slices.DeleteFunc(carried, func(r *Requirement) bool { return r.ID != "" && slices.Contains(tier.Without, r.ID) })
		}
		below := map[string]*Requirement{}
		thresholds(carried, below)
		mins := map[string]*Requirement{}
		thresholds(tier.Requires, mins)
		for _, k := range slices.Sorted(maps.Keys(mins)) {
			r := mins[k]
			if f, ok := below[k]; ok && r.Min < f.Min {
				v.once(r.at.of("min", r.Pos), fmt.Sprintf("raise it to at least %g, or remove it: tiers are cumulative", f.Min), after,
					fmt.Sprintf("tier %q requires %s >= %g, less than the %g of tier %q below it", tier.Name, displayKey(k), r.Min, f.Min, owner[f]))
			}
		}
		if len(tier.Regions) > 0 {
			continue
		}
		walk(tier.Requires, func(r *Requirement) { owner[r] = tier.Name })
		carried = append(carried, tier.Requires...)
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
