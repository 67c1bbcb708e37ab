package engine

import (
	"math"
	"strconv"
)

// Phrase says what closes the gap, for people: "1 more VTSP", "2 more
// VCP-DCV", "US$8,500 more revenue", "3,500 more cores", "1 more of
// business-continuity / desktop-virtualization / virtualization-management",
// "competency infrastructure-virtualization", "attestation dedicated-sales",
// "one of: <phrase> or <phrase>".
func (g Gap) Phrase() string { return string(g.AppendPhrase(nil)) }

// AppendPhrase appends g.Phrase() to b: batch printers build their lines
// without a string per gap.
func (g *Gap) AppendPhrase(b []byte) []byte {
	noun := g.Noun
	if noun == "" {
		noun = g.Key
	}
	switch g.Kind {
	case kindCredential:
		b = AppendNumber(b, g.Short)
		return append(append(b, " more "...), noun...)
	case kindMetric:
		// The metric's label names what is counted ("committed cores",
		// "tier credits"); money carries its currency.
		switch g.Unit {
		case "USD", "usd", "US$":
			b = append(b, "US$"...)
		}
		b = AppendNumber(b, g.Short)
		return append(append(b, " more "...), noun...)
	case kindCompetencies:
		b = AppendNumber(b, g.Short)
		return append(append(b, " more of "...), noun...)
	case kindCompetency:
		return append(append(b, "competency "...), g.Key...)
	case kindAttestation:
		return append(append(b, "attestation "...), g.Key...)
	case kindAny:
		b = append(b, "one of: "...)
		for i := range g.Options {
			o := &g.Options[i]
			if i > 0 {
				b = append(b, " or "...)
			}
			paren := o.Kind == kindAll && len(o.Options) > 1
			if paren {
				b = append(b, '(')
			}
			b = o.AppendPhrase(b)
			if paren {
				b = append(b, ')')
			}
		}
		return b
	case kindAll:
		for i := range g.Options {
			if i > 0 {
				b = append(b, " and "...)
			}
			b = g.Options[i].AppendPhrase(b)
		}
		return b
	}
	return append(b, g.Label...)
}

// Summary joins the phrases of gaps with "; ": a one-line account of what a
// partner is missing.
func Summary(gaps []Gap) string { return string(AppendSummary(nil, gaps)) }

// AppendSummary appends Summary(gaps) to b.
func AppendSummary(b []byte, gaps []Gap) []byte {
	for i := range gaps {
		if i > 0 {
			b = append(b, "; "...)
		}
		b = gaps[i].AppendPhrase(b)
	}
	return b
}

// Number formats v for people: thousands separated by commas, no decimals
// when whole ("8,500", "1,000,000", "2.5").
func Number(v float64) string { return string(AppendNumber(nil, v)) }

// AppendNumber appends Number(v) to b.
func AppendNumber(b []byte, v float64) []byte {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return strconv.AppendFloat(b, v, 'f', -1, 64)
	}
	var buf [64]byte
	s := strconv.AppendFloat(buf[:0], v, 'f', -1, 64)
	if s[0] == '-' {
		b = append(b, '-')
		s = s[1:]
	}
	intLen := len(s)
	for i, c := range s {
		if c == '.' {
			intLen = i
			break
		}
	}
	head := intLen % 3
	if head == 0 {
		head = 3
	}
	b = append(b, s[:min(head, intLen)]...)
	for i := head; i < intLen; i += 3 {
		b = append(b, ',')
		b = append(b, s[i:i+3]...)
	}
	return append(b, s[intLen:]...)
}
