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
func missingText(r *engine.Result) string { return withNeeds(GapsPhrase(r.Missing), r.Unknown) }

// withNeeds appends to gaps the data keys an undecided requirement needs.
func withNeeds(gaps string, unknown []string) string {
	if len(unknown) == 0 {
		return gaps
	}
	needs := "needs: " + strings.Join(unknown, ", ")
	if gaps == "" {
		return needs
	}
	return gaps + "; " + needs
}

// assumedMark follows, in tables, Markdown and summaries, a gap that rests
// on an assumed number (engine.Gap.Illustrative); one footnote line
// (illustrativeFootnote) under the output explains it.
const assumedMark = "*"

// assumed reports whether g rests on an assumed number: its own, or one of
// its alternatives'.
func assumed(g *engine.Gap) bool {
	if g.Illustrative {
		return true
	}
	for i := range g.Options {
		if assumed(&g.Options[i]) {
			return true
		}
	}
	return false
}

// markedMissing is missingText for people: each gap's phrase, as the
// engine words it, followed by assumedMark when it rests on an assumed
// number; marked says whether any is.
func markedMissing(r *engine.Result) (s string, marked bool) {
	s, marked = markedGaps(r)
	return withNeeds(s, r.Unknown), marked
}

// markedGaps is markedMissing without the unknown keys (-o wide shows
// them in their own column).
func markedGaps(r *engine.Result) (s string, marked bool) {
	var b []byte
	for i := range r.Missing {
		g := &r.Missing[i]
		if i > 0 {
			b = append(b, "; "...)
		}
		b = AppendGapPhrase(b, g)
		if assumed(g) {
			b = append(b, assumedMark...)
			marked = true
		}
	}
	return string(b), marked
}

// illustrativeFootnote is the one line under an output whose marks
// (assumedMark) point at programs: "* assumed number, not documented: see
// tiercalc rules show vpn-2009". what says what is marked.
func illustrativeFootnote(what string, programs []string) string {
	if len(programs) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString(assumedMark + " " + what + ": see ")
	for i, id := range programs {
		switch {
		case i == 0:
		case i == len(programs)-1:
			b.WriteString(" and ")
		default:
			b.WriteString(", ")
		}
		b.WriteString("tiercalc rules show " + id)
	}
	return b.String()
}

// footnoteAssumed is what assumedMark says after a gap.
const footnoteAssumed = "assumed number, not documented"

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
	if len(r.Notes) > 0 {
		// A CI annotation has no room for footnotes: the notes follow.
		b.WriteString(" (")
		b.WriteString(strings.Join(r.Notes, "; "))
		b.WriteString(")")
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
