package rulebook

import (
	"maps"
	"slices"
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
	DiffReqRegions     = "requirement-regions-changed"
)

// Fields a change is about (DiffEntry.Field).
const (
	FieldName         = "name"         // a tier's name; Old and New are strings
	FieldRequirement  = "requirement"  // a whole requirement; Old or New is a ReqValue
	FieldMin          = "min"          // a threshold; Old and New are numbers
	FieldRegions      = "regions"      // where a tier or requirement applies; lists, empty: everywhere
	FieldIllustrative = "illustrative" // whether the number is assumed; booleans
)

// DiffEntry is one difference between two resolved rulebooks, as data: the
// views derive their wording from it. Requirement changes are about one
// leaf of what a partner must meet to hold the tier, named by Key (what it
// tests) and, when the rulebook gives one, its id.
type DiffEntry struct {
	Kind        string `json:"kind" yaml:"kind"`
	Track       string `json:"track" yaml:"track"`
	FromTier    string `json:"from_tier,omitempty" yaml:"from_tier,omitempty"`
	ToTier      string `json:"to_tier,omitempty" yaml:"to_tier,omitempty"`
	Key         string `json:"key,omitempty" yaml:"key,omitempty"`
	Requirement string `json:"requirement,omitempty" yaml:"requirement,omitempty"`
	Field       string `json:"field,omitempty" yaml:"field,omitempty"`
	Old         any    `json:"old,omitempty" yaml:"old,omitempty"`
	New         any    `json:"new,omitempty" yaml:"new,omitempty"`
	Label       string `json:"label,omitempty" yaml:"label,omitempty"`
	// Edition is the edition that made the change, when the two sides are
	// two dates of one program (DatedDiff); "" otherwise.
	Edition string `json:"edition,omitempty" yaml:"edition,omitempty"`
	// A and B are the requirements compared (nil on the side that lacks
	// it), with their effective regions, for wording and impact.
	A, B *Leaf `json:"-" yaml:"-"`
}

// Leaf is one requirement a partner must meet for a tier, with the regions
// where it applies once those of the all-groups around it are applied.
type Leaf struct {
	Req     *Requirement
	Regions []string
	sig     string
	key     string
}

// ReqValue is a requirement as a diff's old or new value.
type ReqValue struct {
	Kind         string     `json:"kind" yaml:"kind"`
	Keys         []string   `json:"keys,omitempty" yaml:"keys,omitempty"`
	Min          *float64   `json:"min,omitempty" yaml:"min,omitempty"`
	Items        []ReqValue `json:"items,omitempty" yaml:"items,omitempty"`
	Regions      []string   `json:"regions" yaml:"regions"`
	Illustrative bool       `json:"illustrative" yaml:"illustrative"`
	Source       string     `json:"source,omitempty" yaml:"source,omitempty"`
	Label        string     `json:"label,omitempty" yaml:"label,omitempty"`
}

// Diff lists what changes from a to b, tier by tier. Tiers are paired
// through b's mapping from a when b declares one, else by name. Requirements
// are compared cumulatively (what a partner must meet to hold the tier), so
// a threshold that moved between tiers shows where it bites. Tracks pair by
// id; a one-track program pairs with every track of the other.
func Diff(a, b *Resolved) []DiffEntry {
	var out []DiffEntry
	for _, tb := range b.Tracks {
		ta := PairTrack(a, tb.ID)
		if ta == nil {
			out = append(out, DiffEntry{Track: tb.ID, Kind: DiffTrackAdded, Label: tb.Label})
			continue
		}
		out = append(out, diffTrack(a, b, ta, tb)...)
	}
	for _, ta := range a.Tracks {
		if PairTrack(b, ta.ID) == nil && !(len(b.Tracks) > 0 && len(a.Tracks) == 1) {
			out = append(out, DiffEntry{Track: ta.ID, Kind: DiffTrackRemoved, Label: ta.Label})
		}
	}
	return out
}

// PairTrack is the track of rv that a track id of the other side of a diff
// pairs with: the one of that id, else rv's only track; nil when none.
func PairTrack(rv *Resolved, id string) *Track {
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
		nameA := MappedFrom(a, b, ta, tb, tierB.Name)
		if nameA == "" {
			out = append(out, DiffEntry{Track: track, ToTier: tierB.Name, Kind: DiffTierAdded, Label: tierB.Label})
			continue
		}
		matchedA[nameA] = true
		if nameA != tierB.Name {
			out = append(out, DiffEntry{Track: track, FromTier: nameA, ToTier: tierB.Name, Kind: DiffTierRenamed,
				Field: FieldName, Old: nameA, New: tierB.Name})
		}
		ia := slices.IndexFunc(ta.Tiers, func(t *Tier) bool { return t.Name == nameA })
		if ra, rb := sortedRegions(ta.Tiers[ia].Regions), sortedRegions(tierB.Regions); !slices.Equal(ra, rb) {
			// A tier that exists in fewer regions is removed for the others
			// (Broadcom's reseller Registered tier from 2025-06-01).
			out = append(out, DiffEntry{Track: track, FromTier: nameA, ToTier: tierB.Name,
				Kind: DiffTierRegions, Field: FieldRegions, Old: ra, New: rb})
		}
		out = append(out, DiffTier(ta, ia, tb, ib)...)
	}
	for _, tierA := range ta.Tiers {
		if !matchedA[tierA.Name] {
			out = append(out, DiffEntry{Track: track, FromTier: tierA.Name, Kind: DiffTierRemoved, Label: tierA.Label})
		}
	}
	return out
}

// DiffTier lists the requirement changes between what a partner must meet
// to hold tier ia of ta and tier ib of tb, leaf by leaf, in the order of
// what the leaves test.
func DiffTier(ta *Track, ia int, tb *Track, ib int) []DiffEntry {
	var out []DiffEntry
	ra, rb := cumulative(ta, ia), cumulative(tb, ib)
	for _, k := range sortedSigs(ra, rb) {
		x, inA := ra[k]
		y, inB := rb[k]
		e := DiffEntry{Track: tb.ID, FromTier: ta.Tiers[ia].Name, ToTier: tb.Tiers[ib].Name}
		switch {
		case inA && !inB:
			e.Kind, e.Field, e.Old, e.A = DiffReqRemoved, FieldRequirement, x.value(), x
			out = append(out, e.about(x))
		case inB && !inA:
			e.Kind, e.Field, e.New, e.B = DiffReqAdded, FieldRequirement, y.value(), y
			out = append(out, e.about(y))
		default:
			out = append(out, leafChanges(e, x, y)...)
		}
	}
	return out
}

// leafChanges lists what changes in one leaf present on both sides: its
// threshold, its regions, whether its number is illustrative.
func leafChanges(e DiffEntry, x, y *Leaf) []DiffEntry {
	e.A, e.B = x, y
	e = e.about(y)
	var out []DiffEntry
	if x.Req.Min != y.Req.Min {
		c := e
		c.Kind, c.Field, c.Old, c.New = DiffThreshold, FieldMin, x.Req.Min, y.Req.Min
		out = append(out, c)
	}
	if !slices.Equal(x.Regions, y.Regions) {
		c := e
		c.Kind, c.Field, c.Old, c.New = DiffReqRegions, FieldRegions, x.Regions, y.Regions
		out = append(out, c)
	}
	if x.Req.Illustrative != y.Req.Illustrative {
		c := e
		c.Kind, c.Field, c.Old, c.New = DiffFlagIllustrate, FieldIllustrative, x.Req.Illustrative, y.Req.Illustrative
		out = append(out, c)
	}
	return out
}

// about names the leaf l in e: what it tests, its id and its label.
func (e DiffEntry) about(l *Leaf) DiffEntry {
	e.Key, e.Requirement, e.Label = l.key, l.Req.ID, l.Req.Label
	return e
}

func (l *Leaf) value() ReqValue {
	v := valueOf(l.Req)
	v.Regions = l.Regions
	return v
}

func valueOf(r *Requirement) ReqValue {
	v := ReqValue{Kind: r.Kind.Name(), Keys: r.Keys, Regions: sortedRegions(r.Regions),
		Illustrative: r.Illustrative, Source: r.Source, Label: r.Label}
	if specOf(r.Kind).numeric || r.Kind == KindCompetencySet {
		m := r.Min
		v.Min = &m
	}
	for _, it := range r.Items {
		v.Items = append(v.Items, valueOf(it))
	}
	return v
}

// MappedFrom finds the tier of ta that b's tier name corresponds to: the
// one b's mapping from a names, else the one of the same name; "" when
// none.
func MappedFrom(a, b *Resolved, ta, tb *Track, name string) string {
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

// cumulative returns the leaves a partner must meet to hold tier i of t
// (its effective requirements, without: applied), keyed by what they test;
// of two tests of the same thing the stricter stands. Derived competencies
// and all-groups are opened up, their regions carried down to the leaves.
func cumulative(t *Track, i int) map[string]*Leaf {
	out := map[string]*Leaf{}
	for _, r := range t.Effective(i) {
		collect(r, nil, out)
	}
	return out
}

func collect(r *Requirement, regions []string, out map[string]*Leaf) {
	regions = intersect(regions, sortedRegions(r.Regions))
	switch {
	case specOf(r.Kind).all:
		for _, it := range r.Items {
			collect(it, regions, out)
		}
		return
	case r.Derived != nil && r.Derived.Requires != nil:
		collect(r.Derived.Requires, regions, out)
		return
	}
	sig, key := signature(r)
	if old, ok := out[sig]; ok && old.Req.Min >= r.Min {
		return
	}
	out[sig] = &Leaf{Req: r, Regions: regions, sig: sig, key: key}
}

// intersect is where both region lists apply (empty: everywhere). Lists
// that share no region give [NoRegion]: the requirement applies nowhere.
func intersect(a, b []string) []string {
	switch {
	case len(a) == 0:
		return b
	case len(b) == 0:
		return a
	}
	out := []string{}
	for _, r := range a {
		if slices.Contains(b, r) {
			out = append(out, r)
		}
	}
	if len(out) == 0 {
		return []string{NoRegion}
	}
	return out
}

// NoRegion stands in a leaf's regions for "applies nowhere" (an item whose
// regions share none with its group's).
const NoRegion = "none"

func sortedSigs(a, b map[string]*Leaf) []string {
	out := slices.AppendSeq(slices.Collect(maps.Keys(a)), maps.Keys(b))
	slices.Sort(out)
	return slices.Compact(out)
}

// sortedRegions is a region list in order, never nil (empty: everywhere).
func sortedRegions(regions []string) []string {
	r := append([]string{}, regions...)
	slices.Sort(r)
	return r
}

// Name is the kind as a rulebook writes it (its first YAML form's key).
func (k Kind) Name() string {
	for _, f := range kindForms {
		if f.kind == k {
			return f.key
		}
	}
	return "unknown"
}

// regionText names where a tier exists: its regions, or "all regions".
func regionText(regions []string) string {
	if len(regions) == 0 {
		return "all regions"
	}
	return strings.Join(sortedRegions(regions), ", ")
}
