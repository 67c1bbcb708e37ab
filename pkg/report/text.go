package report

import (
	"strings"

	"github.com/tiercalc/tiercalc/pkg/engine"
	"github.com/tiercalc/tiercalc/pkg/internal/safetext"
)

// sanitize makes s safe to show on a terminal or in a document (see
// safetext.Terminal, the one sanitiser).
func sanitize(s string) string { return safetext.Terminal(s) }

// sanitizeData is sanitize for formats whose own quoting carries line
// breaks and tabs (csv): those stay, everything else is as sanitize.
func sanitizeData(s string) string { return safetext.Data(s) }

// missingText is the one-line summary of what a result lacks: the gaps'
// phrases, then the data keys an undecided requirement needs.
func missingText(r *engine.Result) string {
	s := GapsPhrase(r.Missing)
	if len(r.Unknown) > 0 {
		needs := "needs: " + strings.Join(r.Unknown, ", ")
		if s == "" {
			s = needs
		} else {
			s += "; " + needs
		}
	}
	return s
}

// statusText is the STATUS cell: the status, with the grace window's end
// and the tier actually qualified for while in grace (NEXT is relative to
// it, so without it the row would read oddly).
func statusText(r *engine.Result) string {
	if r.Status != engine.StatusGrace || r.GraceUntil == nil {
		return r.Status
	}
	s := "grace until " + *r.GraceUntil
	if r.QualifiedTier != nil {
		s += ", qualifies " + *r.QualifiedTier
	} else {
		s += ", qualifies for no tier"
	}
	return s
}

func orDash(p *string, dash string) string {
	if p == nil || *p == "" {
		return dash
	}
	return *p
}

// describe is the one-line account of a result used in CI annotations and
// JUnit failure bodies.
func describe(r *engine.Result) string {
	var b strings.Builder
	b.WriteString("tier ")
	b.WriteString(orDash(r.Tier, "none"))
	b.WriteString(" (")
	b.WriteString(statusText(r))
	b.WriteString(")")
	if r.NextTier != nil {
		b.WriteString("; next ")
		b.WriteString(*r.NextTier)
		if m := missingText(r); m != "" {
			b.WriteString(": ")
			b.WriteString(m)
		}
	}
	return sanitize(b.String())
}

// subject names a result's partner: "P1 (Acme)".
func subject(r *engine.Result) string {
	if r.Name == "" {
		return sanitize(r.Partner)
	}
	return sanitize(r.Partner + " (" + r.Name + ")")
}

// suite names a result's program and track: "program/track".
func suite(r *engine.Result) string {
	if r.Track == "" {
		return sanitize(r.Program)
	}
	return sanitize(r.Program + "/" + r.Track)
}
