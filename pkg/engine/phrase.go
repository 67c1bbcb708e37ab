package engine

import (
	"math"
	"strconv"
	"strings"
)

// Phrase says what closes the gap, for people: "1 more VTSP", "2 more
// VCP-DCV", "US$8,500 more revenue", "3,500 more cores", "1 more of
// business-continuity / desktop-virtualization / virtualization-management",
// "competency infrastructure-virtualization", "attestation dedicated-sales",
// "one of: <phrase> or <phrase>".
func (g Gap) Phrase() string {
	noun := g.Noun
	if noun == "" {
		noun = g.Key
	}
	switch g.Kind {
	case kindCredential:
		return Number(g.Short) + " more " + noun
	case kindMetric:
		// The metric's label names what is counted ("committed cores",
		// "tier credits"); money carries its currency.
		switch g.Unit {
		case "USD", "usd", "US$":
			return "US$" + Number(g.Short) + " more " + noun
		}
		return Number(g.Short) + " more " + noun
	case kindCompetencies:
		return Number(g.Short) + " more of " + noun
	case kindCompetency:
		return "competency " + g.Key
	case kindAttestation:
		return "attestation " + g.Key
	case kindAny:
		parts := make([]string, len(g.Options))
		for i, o := range g.Options {
			parts[i] = o.Phrase()
			if o.Kind == kindAll && len(o.Options) > 1 {
				parts[i] = "(" + parts[i] + ")"
			}
		}
		return "one of: " + strings.Join(parts, " or ")
	case kindAll:
		parts := make([]string, len(g.Options))
		for i, o := range g.Options {
			parts[i] = o.Phrase()
		}
		return strings.Join(parts, " and ")
	}
	return g.Label
}

// Summary joins the phrases of gaps with "; ": a one-line account of what a
// partner is missing.
func Summary(gaps []Gap) string {
	parts := make([]string, len(gaps))
	for i, g := range gaps {
		parts[i] = g.Phrase()
	}
	return strings.Join(parts, "; ")
}

// Number formats v for people: thousands separated by commas, no decimals
// when whole ("8,500", "1,000,000", "2.5").
func Number(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	s := strconv.FormatFloat(v, 'f', -1, 64)
	sign := ""
	if s[0] == '-' {
		sign, s = "-", s[1:]
	}
	intPart, frac := s, ""
	if i := strings.IndexByte(s, '.'); i >= 0 {
		intPart, frac = s[:i], s[i:]
	}
	if len(intPart) <= 3 {
		return sign + intPart + frac
	}
	var b strings.Builder
	b.Grow(len(s) + len(s)/3 + 1)
	b.WriteString(sign)
	head := len(intPart) % 3
	if head > 0 {
		b.WriteString(intPart[:head])
	}
	for i := head; i < len(intPart); i += 3 {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(intPart[i : i+3])
	}
	b.WriteString(frac)
	return b.String()
}
