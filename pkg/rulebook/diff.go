package rulebook

import (
	"maps"
	"slices"
	"strconv"
	"strings"
)

// Change kinds of a rulebook diff.
const (
	DiffTierAdded      = "tier-added"
	DiffTierRemoved    = "tier-removed"
	DiffTierRenamed    = "tier-renamed"
	DiffReqAdded       = "requirement-added"
	DiffReqRemoved     = "requirement-removed"
	DiffThreshold      = "threshold-changed"
	DiffTrackAdded     = "track-added"
	DiffTrackRemoved   = "track-removed"
	DiffFlagIllustrate = "illustrative-changed"
	DiffTierRegions    = "tier-regions-changed"
)

// DiffEntry is one difference between two resolved rulebooks.
type DiffEntry struct {
	Track    string `json:"track"`
	FromTier string `json:"from_tier,omitempty"`
	ToTier   string `json:"to_tier,omitempty"`
	Change   string `json:"change"`
	Key      string `json:"key,omitempty"`
	Old      string `json:"old,omitempty"`
	New      string `json:"new,omitempty"`
	Label    string `json:"label,omitempty"`
}

// Diff lists what changes from a to b, tier by tier. Tiers are paired
// through b's mapping from a when b declares one, else by name. Requirements
// are compared cumulatively (what a partner must meet to hold the tier), so
// a threshold that moved between tiers shows where it bites. Tracks pair by
// id; a one-track program pairs with every track of the other.
func Diff(a, b *Resolved) []DiffEntry {
	var out []DiffEntry
	for _, tb := range b.Tracks {
		ta := pairTrack(a, tb.ID)
		if ta == nil {
			out = append(out, DiffEntry{Track: tb.ID, Change: DiffTrackAdded, Label: tb.Label})
			continue
		}
		out = append(out, diffTrack(a, b, ta, tb)...)
	}
	for _, ta := range a.Tracks {
		if pairTrack(b, ta.ID) == nil && !(len(b.Tracks) > 0 && len(a.Tracks) == 1) {
			out = append(out, DiffEntry{Track: ta.ID, Change: DiffTrackRemoved, Label: ta.Label})
		}
	}
	return out
}

func pairTrack(rv *Resolved, id string) *Track {
	for _, t := range rv.Tracks {
		if t.ID == id {
			return t
		}
	}
	if len(rv.Tracks) == 1 {
		return rv.Tracks[0]
	}
	return nil
}

func diffTrack(a, b *Resolved, ta, tb *Track) []DiffEntry {
	var out []DiffEntry
	track := tb.ID
	matchedA := map[string]bool{}
	for ib, tierB := range tb.Tiers {
		nameA := mappedFrom(a, b, ta, tb, tierB.Name)
		if nameA == "" {
			out = append(out, DiffEntry{Track: track, ToTier: tierB.Name, Change: DiffTierAdded, Label: tierB.Label})
			continue
		}
		matchedA[nameA] = true
		if nameA != tierB.Name {
			out = append(out, DiffEntry{Track: track, FromTier: nameA, ToTier: tierB.Name, Change: DiffTierRenamed})
		}
		ia := slices.IndexFunc(ta.Tiers, func(t *Tier) bool { return t.Name == nameA })
		if ra, rb := regionText(ta.Tiers[ia].Regions), regionText(tierB.Regions); ra != rb {
			// A tier that exists in fewer regions is removed for the others
			// (Broadcom's reseller Registered tier from 2025-06-01).
			out = append(out, DiffEntry{Track: track, FromTier: nameA, ToTier: tierB.Name,
				Change: DiffTierRegions, Key: "regions", Old: ra, New: rb})
		}
		ra, rb := cumulative(ta, ia), cumulative(tb, ib)
		for _, k := range sortedSigs(ra, rb) {
			x, inA := ra[k]
			y, inB := rb[k]
			e := DiffEntry{Track: track, FromTier: nameA, ToTier: tierB.Name}
			switch {
			case inA && !inB:
				e.Change, e.Key, e.Old, e.Label = DiffReqRemoved, x.key, x.rule, x.req.Label
			case inB && !inA:
				e.Change, e.Key, e.New, e.Label = DiffReqAdded, y.key, y.rule, y.req.Label
			case x.req.Min != y.req.Min:
				e.Change, e.Key, e.Old, e.New, e.Label = DiffThreshold, x.key, x.rule, y.rule, y.req.Label
			case x.req.Illustrative != y.req.Illustrative:
				e.Change, e.Key = DiffFlagIllustrate, x.key
				e.Old, e.New = strconv.FormatBool(x.req.Illustrative), strconv.FormatBool(y.req.Illustrative)
			default:
				continue
			}
			out = append(out, e)
		}
	}
	for _, tierA := range ta.Tiers {
		if !matchedA[tierA.Name] {
			out = append(out, DiffEntry{Track: track, FromTier: tierA.Name, Change: DiffTierRemoved, Label: tierA.Label})
		}
	}
	return out
}

// mappedFrom finds the tier of ta that b's tier name corresponds to.
func mappedFrom(a, b *Resolved, ta, tb *Track, name string) string {
	if m := b.Program.Predecessor; m != nil && m.Program == a.Program.ID {
		found := ""
		for _, tm := range m.Tiers {
			if tm.To == name && (tm.Track == tb.ID || tm.Track == "") {
				if found == "" || tm.Track == tb.ID {
					found = tm.From
				}
			}
		}
		if found != "" && slices.ContainsFunc(ta.Tiers, func(t *Tier) bool { return t.Name == found }) {
			return found
		}
	}
	if slices.ContainsFunc(ta.Tiers, func(t *Tier) bool { return t.Name == name }) {
		return name
	}
	return ""
}

type sigReq struct {
	key  string
	rule string
	req  *Requirement
}

// cumulative returns the leaves a partner must meet to hold tier i of t
// (its effective requirements, without: applied), keyed by what they test;
// of two tests of the same thing the stricter stands. Derived competencies
// and all-groups are opened up.
func cumulative(t *Track, i int) map[string]sigReq {
	out := map[string]sigReq{}
	for _, r := range t.Effective(i) {
		collect(r, out)
	}
	return out
}

func collect(r *Requirement, out map[string]sigReq) {
	switch {
	case specOf(r.Kind).all:
		for _, it := range r.Items {
			collect(it, out)
		}
		return
	case r.Derived != nil && r.Derived.Requires != nil:
		collect(r.Derived.Requires, out)
		return
	}
	sig, key := signature(r)
	if old, ok := out[sig]; ok && old.req.Min >= r.Min {
		return
	}
	out[sig] = sigReq{key: key, rule: RuleText(r), req: r}
}

func sortedSigs(a, b map[string]sigReq) []string {
	out := slices.AppendSeq(slices.Collect(maps.Keys(a)), maps.Keys(b))
	slices.Sort(out)
	return slices.Compact(out)
}

// regionText names where a tier exists: its regions, or "all regions".
func regionText(regions []string) string {
	if len(regions) == 0 {
		return "all regions"
	}
	r := slices.Clone(regions)
	slices.Sort(r)
	return strings.Join(r, ", ")
}
