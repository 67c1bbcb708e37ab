package report

import (
	"strings"

	"github.com/tiercalc/tiercalc/pkg/compare"
	"github.com/tiercalc/tiercalc/pkg/engine"
	"github.com/tiercalc/tiercalc/pkg/partner"
	"github.com/tiercalc/tiercalc/pkg/rulebook"
	"github.com/tiercalc/tiercalc/pkg/summary"
)

// This file is the one home of the words tiercalc says about gaps: every
// format of check, summary and compare phrases them through it. The engine
// and the counting packages hand over data (kind, key, amounts, unit and
// the vocabulary's label); the English is made here.
//
// Subjects are named as the rulebook's vocabulary labels them, credentials
// aside: those keep their short ids ("2 more VCP-DCV"), which is how people
// say them. A counted metric's label is its plural ("committed cores");
// one of it reads in the singular (singular). A competency or attestation
// the vocabulary gives no label is named by kind and id.

// GapPhrase says what closes the gap, for people: "1 more VTSP", "2 more
// VCP-DCV", "US$8,500 more revenue", "1 more committed core", "3,500 more
// committed cores", "1 more competency of Business Continuity / Desktop
// Virtualization", "Infrastructure Virtualization competency", "joint
// business plan with Broadcom", "one of: <phrase> or <phrase>".
func GapPhrase(g engine.Gap) string { return string(AppendGapPhrase(nil, &g)) }

// AppendGapPhrase appends GapPhrase(*g) to b.
func AppendGapPhrase(b []byte, g *engine.Gap) []byte {
	noun := g.Noun
	if noun == "" {
		noun = g.Key
	}
	switch g.Kind {
	case "credential":
		b = AppendNumber(b, g.Short, "")
		return append(append(b, " more "...), noun...)
	case "metric":
		// The metric's label names what is counted ("committed cores",
		// "tier credits"); money carries its currency.
		b = AppendNumber(b, g.Short, g.Unit)
		return appendCounted(append(b, " more "...), noun, g.Short, g.Unit)
	case "competencies":
		b = AppendNumber(b, g.Short, "")
		if g.Short == 1 {
			b = append(b, " more competency of "...)
		} else {
			b = append(b, " more competencies of "...)
		}
		return append(b, noun...)
	case "competency":
		return appendCompetencyName(b, g.Noun, g.Key)
	case "attestation":
		return appendAttestationName(b, g.Noun, g.Key)
	case "any":
		b = append(b, "one of: "...)
		for i := range g.Options {
			o := &g.Options[i]
			if i > 0 {
				b = append(b, " or "...)
			}
			paren := o.Kind == "all" && len(o.Options) > 1
			if paren {
				b = append(b, '(')
			}
			b = AppendGapPhrase(b, o)
			if paren {
				b = append(b, ')')
			}
		}
		return b
	case "all":
		for i := range g.Options {
			if i > 0 {
				b = append(b, " and "...)
			}
			b = AppendGapPhrase(b, &g.Options[i])
		}
		return b
	}
	return append(b, g.Label...)
}

// GapsPhrase joins the phrases of gaps with "; ": a one-line account of
// what a partner is missing.
func GapsPhrase(gaps []engine.Gap) string { return string(AppendGapsPhrase(nil, gaps)) }

// AppendGapsPhrase appends GapsPhrase(gaps) to b.
func AppendGapsPhrase(b []byte, gaps []engine.Gap) []byte {
	for i := range gaps {
		if i > 0 {
			b = append(b, "; "...)
		}
		b = AppendGapPhrase(b, &gaps[i])
	}
	return b
}

// SummaryGapPhrase says a summary's gap as a sentence about its partners:
// "412 partners are 1 VTSP short of Enterprise", "1 partner lacks
// attestation ethics-training for Premier".
func SummaryGapPhrase(g summary.Gap) string {
	n := g.Partners
	subject := Number(float64(n), "") + " partners "
	are, lack, need := "are ", "lack ", "need "
	if n == 1 {
		subject, are, lack, need = "1 partner ", "is ", "lacks ", "needs "
	}
	noun := g.Noun
	if noun == "" {
		noun = g.Key
	}
	amount := Number(g.Short, "")
	switch g.Kind {
	case "credential":
		return subject + are + amount + " " + noun + " short of " + g.NextTier
	case "competencies":
		word := " competencies"
		if g.Short == 1 {
			word = " competency"
		}
		return subject + are + amount + word + " short of " + g.NextTier + " (of " + noun + ")"
	case "metric":
		// As GapPhrase words it: the metric's label, money with its
		// currency.
		return subject + are + "up to " + Number(g.Short, g.Unit) + " " + counted(noun, g.Short, g.Unit) + " short of " + g.NextTier
	case "competency":
		the := ""
		if g.Noun != "" {
			the = "the "
		}
		return subject + lack + the + competencyName(g.Noun, g.Key) + " for " + g.NextTier
	case "attestation":
		return subject + lack + attestationName(g.Noun, g.Key) + " for " + g.NextTier
	case "any":
		return subject + need + "one of " + g.Label + " for " + g.NextTier
	}
	label := g.Label
	if label == "" {
		label = g.Key
	}
	return subject + need + label + " for " + g.NextTier
}

// UnknownPhrase says how many partners lack key: "37 partners lack
// revenue_usd".
func UnknownPhrase(u summary.Unknown) string {
	if u.Partners == 1 {
		return "1 partner lacks " + u.Key
	}
	return Number(float64(u.Partners), "") + " partners lack " + u.Key
}

// competencyName names a competency: "Desktop Virtualization competency"
// from its label, "competency desktop-virtualization" without one.
func competencyName(label, id string) string { return string(appendCompetencyName(nil, label, id)) }

// appendCompetencyName appends competencyName(label, id) to b. A label
// already ending in "competency", in any case, is used as it is (only ASCII
// letters lower to ASCII ones, so EqualFold on the last ten bytes is
// strings.ToLower's suffix, without a copy).
func appendCompetencyName(b []byte, label, id string) []byte {
	const word = "competency"
	switch {
	case label == "":
		return append(append(b, "competency "...), id...)
	case len(label) >= len(word) && strings.EqualFold(label[len(label)-len(word):], word):
		return append(b, label...)
	}
	return append(append(b, label...), " competency"...)
}

// attestationName names an attestation: its label ("joint business plan
// with Broadcom"), or "attestation joint-business-plan" without one.
func attestationName(label, id string) string { return string(appendAttestationName(nil, label, id)) }

func appendAttestationName(b []byte, label, id string) []byte {
	if label == "" {
		return append(append(b, "attestation "...), id...)
	}
	return append(b, label...)
}

// counted is a metric's label for n of it: the label (a plural) unless n is
// 1 of a count; money is a mass ("US$1 more revenue").
func counted(label string, n float64, unit string) string {
	return string(appendCounted(nil, label, n, unit))
}

func appendCounted(b []byte, label string, n float64, unit string) []byte {
	if n != 1 || partner.IsCurrency(unit) {
		return append(b, label...)
	}
	return appendSingular(b, label)
}

// singular turns a plural label into its singular by its first plural
// word, the head noun of the labels rulebooks write ("committed cores",
// "project deployments", "cloud points a year", "hours of training"):
// -ies becomes -y, -sses -ss, -shes -sh, -ches -ch, -xes -x, another -s
// goes. Words that only look plural (-ss, -us, -is, "sales") are skipped;
// a label with none is left as it is.
func singular(label string) string { return string(appendSingular(nil, label)) }

// appendSingular appends singular(label) to b, word by word in place.
func appendSingular(b []byte, label string) []byte {
	for rest, done := label, 0; ; {
		w, after, more := strings.Cut(rest, " ")
		if stem, ending, ok := singularWord(w); ok {
			b = append(b, label[:done]...)
			b = append(append(b, stem...), ending...)
			return append(b, label[done+len(w):]...)
		}
		if !more {
			return append(b, label...)
		}
		done += len(w) + 1
		rest = after
	}
}

// notPlural are words ending in s that are no plurals, or whose singular is
// the same.
var notPlural = map[string]bool{"sales": true, "series": true, "species": true, "news": true, "means": true,
	"always": true, "has": true, "was": true, "its": true, "this": true, "yes": true, "plus": true, "as": true}

// singularWord is w's singular as a stem of w and an ending ("compan",
// "y"), and whether w is a plural.
func singularWord(w string) (stem, ending string, ok bool) {
	l := strings.ToLower(w)
	if len(l) < 3 || !strings.HasSuffix(l, "s") || notPlural[l] {
		return w, "", false
	}
	for _, suf := range []string{"ss", "us", "is", "'s"} {
		if strings.HasSuffix(l, suf) {
			return w, "", false
		}
	}
	switch {
	case strings.HasSuffix(l, "ies"):
		return w[:len(w)-3], "y", true
	case strings.HasSuffix(l, "sses"), strings.HasSuffix(l, "shes"), strings.HasSuffix(l, "ches"), strings.HasSuffix(l, "xes"):
		return w[:len(w)-2], "", true
	}
	return w[:len(w)-1], "", true
}

// MoveWhy says what drove a move between two columns of compare: "no tier
// before", "no tier in partner-connect-2020", "Enterprise maps to
// Advanced", "same tier name", "by rank", "the record lacks
// attestations"; "" for a partner with no tier in either.
func MoveWhy(mv compare.Move) string {
	switch {
	case mv.Move == compare.MoveUndecided:
		return "the record lacks " + strings.Join(mv.Lacks, ", ")
	case mv.Move == compare.MoveNew:
		return "no tier before"
	case mv.Move == compare.MoveLost:
		return "no tier in " + mv.Program
	}
	switch mv.Via {
	case compare.ViaMapping:
		return mv.FromTier + " maps to " + mv.MappedTo
	case compare.ViaName:
		return "same tier name"
	case compare.ViaRank:
		return "by rank"
	}
	return ""
}

// MovePhrase says who went from what to what, why, and what the partner
// misses to win the old rank back: "Enterprise -> Partner (Enterprise maps
// to Advanced); for Advanced it misses 1 more project deployment".
func MovePhrase(row compare.Row, mv compare.Move) string {
	from, to := row.Results[mv.From], row.Results[mv.To]
	s := tierOr(from.Tier) + " -> " + tierOr(to.Tier)
	if why := MoveWhy(mv); why != "" {
		s += " (" + why + ")"
	}
	if mv.Illustrative {
		s += ", judged through an illustrative mapping"
	}
	if to.NextTier != nil && len(to.Missing) > 0 {
		s += "; for " + *to.NextTier + " it misses " + GapsPhrase(to.Missing)
	}
	return s
}

func tierOr(t *string) string {
	if t == nil {
		return "no tier"
	}
	return *t
}

// The words of rules diff: a change's old and new values as the table
// shows them, derived from the structured change, and the phrase that
// names a change as the cause of a partner's move.

// ChangeValues are e's old and new values in words: a requirement's rule
// ("VTSP >= 2", with "[emea only]" where it applies in some regions only),
// regions ("all regions" or the list), "illustrative" or "documented".
// A tier's own changes (added, removed, renamed) have none: the tier
// column says them.
func ChangeValues(e rulebook.DiffEntry) (old, new string) {
	switch e.Field {
	case rulebook.FieldRequirement, rulebook.FieldMin:
		return leafText(e.A), leafText(e.B)
	case rulebook.FieldRegions:
		return regionsText(e.Old), regionsText(e.New)
	case rulebook.FieldIllustrative:
		return illustrativeText(e.Old), illustrativeText(e.New)
	}
	return "", ""
}

// ChangesPhrase names changes as the cause of a move, joined by "and",
// the tier said once when they share it: "Premier: VTSP >= 4 -> VTSP >= 6
// and revenue_usd >= 1000000 -> revenue_usd >= 2000000", "Partner:
// added VCP-DCV >= 1", "Registered (reseller): exists in emea (was all
// regions)", "tier Enrolled added". A tier is followed by its track where
// the program names its tracks.
func ChangesPhrase(es []rulebook.DiffEntry) string {
	parts := make([]string, len(es))
	shared := ""
	for i, e := range es {
		subject, what := changeParts(e)
		if i == 0 {
			shared = subject
		} else if subject != shared {
			shared = ""
		}
		parts[i] = what
	}
	if shared != "" {
		return shared + ": " + strings.Join(parts, " and ")
	}
	for i, e := range es {
		if subject, what := changeParts(e); subject != "" {
			parts[i] = subject + ": " + what
		}
	}
	return strings.Join(parts, " and ")
}

// changeParts is what a change is about (its tier and track; "" for a
// track or a whole tier) and what happens to it.
func changeParts(e rulebook.DiffEntry) (subject, what string) {
	tier := e.ToTier
	if tier == "" {
		tier = e.FromTier
	}
	if e.Track != "" {
		tier += " (" + e.Track + ")"
	}
	old, new := ChangeValues(e)
	switch e.Kind {
	case rulebook.DiffTrackAdded:
		return "", "track " + e.Track + " added (no track of the other program pairs with it)"
	case rulebook.DiffTrackRemoved:
		return "", "track " + e.Track + " removed"
	case rulebook.DiffTierAdded:
		return "", "tier " + tier + " added"
	case rulebook.DiffTierRemoved:
		return "", "tier " + tier + " removed"
	case rulebook.DiffReqAdded:
		return tier, "added " + new
	case rulebook.DiffReqRemoved:
		return tier, "removed " + old
	case rulebook.DiffTierRegions:
		return tier, "exists in " + regionsText(e.New) + " (was " + regionsText(e.Old) + ")"
	case rulebook.DiffReqRegions:
		return tier, e.Key + " applies in " + new + " (was " + old + ")"
	}
	return tier, old + " -> " + new
}

// NoCausePhrase stands for a move no listed change accounts for alone.
const NoCausePhrase = "no listed change alone (tracks' profiles are not compared: check -p B says why)"

func leafText(l *rulebook.Leaf) string {
	if l == nil {
		return ""
	}
	s := rulebook.RuleText(l.Req)
	if len(l.Regions) > 0 {
		s += " [" + strings.Join(l.Regions, ", ") + " only]"
	}
	return s
}

func regionsText(v any) string {
	rs, _ := v.([]string)
	if len(rs) == 0 {
		return "all regions"
	}
	return strings.Join(rs, ", ")
}

func illustrativeText(v any) string {
	if b, _ := v.(bool); b {
		return "illustrative"
	}
	return "documented"
}
