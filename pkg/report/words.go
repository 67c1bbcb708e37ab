package report

import (
	"github.com/tiercalc/tiercalc/pkg/engine"
	"github.com/tiercalc/tiercalc/pkg/summary"
)

// This file is the one home of the words tiercalc says about gaps: every
// format of check, summary and compare phrases them through it. The engine
// and the counting packages hand over data (kind, key, amounts, unit and
// the vocabulary's label); the English is made here.

// GapPhrase says what closes the gap, for people: "1 more VTSP", "2 more
// VCP-DCV", "US$8,500 more revenue", "3,500 more cores", "1 more of
// business-continuity / desktop-virtualization / virtualization-management",
// "competency infrastructure-virtualization", "attestation dedicated-sales",
// "one of: <phrase> or <phrase>".
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
		return append(append(b, " more "...), noun...)
	case "competencies":
		b = AppendNumber(b, g.Short, "")
		return append(append(b, " more of "...), noun...)
	case "competency":
		return append(append(b, "competency "...), g.Key...)
	case "attestation":
		return append(append(b, "attestation "...), g.Key...)
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
		return subject + are + "up to " + Number(g.Short, g.Unit) + " " + noun + " short of " + g.NextTier
	case "competency", "attestation":
		return subject + lack + g.Kind + " " + g.Key + " for " + g.NextTier
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
