package engine

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/tiercalc/tiercalc/pkg/rulebook"
)

// Notes are rare (an ineligible result, a tier held after it was taken
// away, a current tier read through an illustrative mapping), but an
// ineligible result is not: every note a result can carry is written when
// the Evaluator is compiled, so that evaluating still allocates nothing.
// Note slices are shared between results, full to capacity, so that
// appending to one copies it.

// regionNames name the regions in notes.
var regionNames = map[uint8]string{bitAmericas: "the Americas", bitEMEA: "EMEA", bitAPJ: "Asia-Pacific/Japan"}

func regionsText(names []string) string {
	var out []string
	for _, n := range names {
		out = append(out, regionNames[regionBit(n)])
	}
	return joinAnd(out)
}

// joinAnd joins "a", "a and b", "a, b and c".
func joinAnd(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}

// forTrack is " for <track>" ("for resellers"), "" for a program's only,
// unnamed track. A label with capitals past its first letter is a name
// ("Data Center Virtualization") and keeps them.
func forTrack(t *rulebook.Track) string {
	if t.ID == "" {
		return ""
	}
	l := t.Label
	if l == "" {
		return " on track " + t.ID
	}
	r := []rune(l)
	if !slices.ContainsFunc(r[1:], unicode.IsUpper) {
		r[0] = unicode.ToLower(r[0])
	}
	return " for " + string(r)
}

func editionText(e *rulebook.Edition, label bool) string {
	if label && e.Label != "" {
		return fmt.Sprintf("(edition %s: %s)", e.ID, e.Label)
	}
	return fmt.Sprintf("(edition %s)", e.ID)
}

// compileRetirement compiles r, a tier an edition took away from t.
func compileRetirement(t *rulebook.Track, r *rulebook.Retirement) cretire {
	name := r.Tier.Name
	cr := cretire{name: &name, dropped: r.Dropped}
	for _, b := range r.Below {
		if t.Rank(b) >= 0 {
			cr.pos++
		}
	}
	day := r.Edition.Effective.Format(time.DateOnly)
	if r.Dropped {
		cr.taken = bitAmericas | bitEMEA | bitAPJ | bitNone
		why := fmt.Sprintf("was dropped on %s %s", day, editionText(r.Edition, true))
		for v := range cr.why {
			cr.why[v] = why
		}
	} else {
		cr.taken = regionMask(r.Taken)
		if len(r.Tier.Regions) == 0 {
			cr.taken |= bitNone
		}
		for v := variantNone; v < variants; v++ {
			bit := variantBits[v]
			switch {
			case cr.taken&bit == 0:
			case v == variantNone:
				cr.why[v] = fmt.Sprintf("was retired%s outside %s on %s %s", forTrack(t), regionsText(r.Kept), day, editionText(r.Edition, false))
			default:
				cr.why[v] = fmt.Sprintf("was retired%s in %s on %s %s", forTrack(t), regionNames[bit], day, editionText(r.Edition, false))
			}
		}
	}
	if !r.HeldUntil.IsZero() {
		cr.held = r.HeldUntil.Format(time.DateOnly)
		cr.heldDay = dayNum(r.HeldUntil)
		for v, why := range cr.why {
			if why != "" {
				cr.heldNotes[v] = []string{fmt.Sprintf("%s is held until %s: it %s", name, cr.held, why)}
			}
		}
	}
	return cr
}

// retirement returns the latest retirement of the named tier that
// concerns a partner of region variant v, or nil.
func (ct *ctrack) retirement(name string, v int) *cretire {
	for i := len(ct.retired) - 1; i >= 0; i-- {
		if r := &ct.retired[i]; *r.name == name && r.taken&variantBits[v] != 0 {
			return r
		}
	}
	return nil
}

// ineligibleNotes writes the notes of every ineligible result of ct: why
// each tier below the next one is missing for the partner's region, then
// what the next tier needs. A track with nothing regional shares one list
// per next tier between the variants.
func ineligibleNotes(t *rulebook.Track, ct *ctrack) (out [variants][][]string) {
	regional := len(ct.retired) > 0
	for _, tier := range t.Tiers {
		regional = regional || len(tier.Regions) > 0 ||
			slices.ContainsFunc(tier.Requires, func(r *rulebook.Requirement) bool { return len(r.Regions) > 0 })
	}
	for v := range variants {
		if v > 0 && !regional {
			out[v] = out[0]
			continue
		}
		out[v] = make([][]string, len(t.Tiers)+1)
		for next := -1; next < len(t.Tiers); next++ {
			out[v][next+1] = slices.Clip(ineligibleFor(t, ct, v, next))
		}
	}
	return out
}

func ineligibleFor(t *rulebook.Track, ct *ctrack, v, next int) []string {
	var notes []string
	limit := next
	if next < 0 {
		limit = len(t.Tiers)
	}
	bit := variantBits[v]
	for i := 0; i <= limit; i++ {
		for k := range ct.retired {
			if r := &ct.retired[k]; r.dropped && r.pos == i && t.Rank(*r.name) < 0 {
				notes = append(notes, *r.name+" "+r.why[v])
			}
		}
		if i == limit || i >= len(t.Tiers) {
			break
		}
		tier := t.Tiers[i]
		if len(tier.Regions) == 0 || v == variantUnknown || regionMask(tier.Regions)&bit != 0 {
			continue // the tier exists for the partner (or might)
		}
		if r := ct.retirement(tier.Name, v); r != nil {
			notes = append(notes, tier.Name+" "+r.why[v])
		} else if v == variantNone {
			notes = append(notes, fmt.Sprintf("%s exists%s only in %s", tier.Name, forTrack(t), regionsText(tier.Regions)))
		} else {
			notes = append(notes, fmt.Sprintf("%s does not exist%s in %s (only in %s)", tier.Name, forTrack(t), regionNames[bit], regionsText(tier.Regions)))
		}
	}
	if next >= 0 {
		var needs []string
		for _, r := range t.Tiers[next].Requires {
			if len(r.Regions) == 0 || v == variantUnknown || regionMask(r.Regions)&bit != 0 {
				needs = append(needs, reqText(r))
			}
		}
		if len(needs) > 0 {
			notes = append(notes, fmt.Sprintf("no tier: %s needs %s", t.Tiers[next].Name, joinAnd(needs)))
		}
	}
	if len(notes) == 0 {
		return nil
	}
	return notes
}

// reqText is what a requirement asks, in its label or its items' labels.
func reqText(r *rulebook.Requirement) string {
	if r.Label != "" || len(r.Items) == 0 {
		return r.Label
	}
	parts := make([]string, len(r.Items))
	for i, it := range r.Items {
		parts[i] = reqText(it)
	}
	if r.Kind == rulebook.KindAny {
		return strings.Join(parts, " or ")
	}
	return joinAnd(parts)
}

// tracksText names the tracks of a program and the profiles each applies
// to, for the note of a partner no track applies to.
func tracksText(program string, ts []*rulebook.Track) string {
	if len(ts) == 0 {
		return program + " has no tracks"
	}
	parts := make([]string, len(ts))
	for i, t := range ts {
		parts[i] = fmt.Sprintf("%s (profiles %s)", cmp.Or(t.ID, `""`), strings.Join(t.Profiles, ", "))
	}
	return fmt.Sprintf("the tracks of %s are %s", program, joinAnd(parts))
}
