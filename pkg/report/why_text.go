package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/tiercalc/tiercalc/pkg/engine"
)

// The why tree for people (table) and for Markdown: per program a heading,
// the decision, edition and grace, then the tiers, failing ones first with
// their failing requirements first; met tiers, and met requirements of a
// failing tier, fold into one line unless --all.

// line is one line of the tree at a depth.
type line struct {
	depth int
	text  string
}

func writeWhyText(w io.Writer, markdown bool, doc trace, o WhyOptions) error {
	bw := bufio.NewWriter(w)
	for i, tp := range doc.Explanations {
		if i > 0 {
			bw.WriteByte('\n')
		}
		head := fmt.Sprintf("%s %s: %s (%s)", doc.Partner, doc.Name, tp.Program, tp.ProgramName)
		if tp.Track != "" {
			head += ", track " + tp.Track
		}
		head += ", as of " + doc.AsOf
		facts := whyFacts(tp)
		var body []line
		srcs := tp.Sources
		if tp.Answer != nil {
			body = answerLines(tp.Answer, o)
			srcs = citedOnly(tp, srcs)
		} else {
			body = treeLines(tp, o)
		}
		body = append(body, sourceLines(srcs)...)
		if markdown {
			bw.WriteString("## " + markdownEscape(head) + "\n\n")
			for _, f := range facts {
				bw.WriteString("- " + markdownEscape(f) + "\n")
			}
			bw.WriteByte('\n')
			for _, l := range body {
				if l.depth < 0 {
					bw.WriteString("\n" + markdownEscape(l.text) + "\n\n")
					continue
				}
				bw.WriteString(strings.Repeat("  ", l.depth) + "- " + markdownEscape(l.text) + "\n")
			}
			continue
		}
		bw.WriteString(sanitize(head) + "\n")
		for _, f := range facts {
			bw.WriteString("  " + sanitize(f) + "\n")
		}
		for _, l := range body {
			if l.depth < 0 {
				bw.WriteString(sanitize(l.text) + "\n")
				continue
			}
			bw.WriteString(strings.Repeat("  ", l.depth+1) + sanitize(l.text) + "\n")
		}
	}
	if len(doc.Explanations) == 0 {
		bw.WriteString("nothing to explain\n")
	}
	return bw.Flush()
}

// whyFacts are the lines under a program's heading: the decision, the
// edition, the partner's region, grace, notes.
func whyFacts(tp traceProg) []string {
	facts := []string{"tier: " + tierPhrase(tp) + "; next tier: " + derefOr(tp.NextTier, "none (top tier)")}
	ed := "edition " + tp.Edition.ID + " (in force from " + tp.Edition.Effective + ")"
	if tp.Edition.Label != "" { // an edition's label is optional
		ed = "edition " + tp.Edition.ID + " (" + tp.Edition.Label + ", in force from " + tp.Edition.Effective + ")"
	}
	if tp.Edition.Source != "" {
		ed += " [" + tp.Edition.Source + "]"
	}
	facts = append(facts, ed)
	where := "country " + orNone(tp.Country)
	if tp.Region != "" {
		where += " (region " + tp.Region + ")"
	} else {
		where += " (region unknown)"
	}
	facts = append(facts, where)
	if g := tp.Grace; g != nil {
		s := "grace: current tier " + g.CurrentTier
		if g.Mapped && g.Tier != nil {
			s += " (read as " + *g.Tier + ")"
		}
		if g.Months > 0 {
			s += fmt.Sprintf(", %d months from %s to %s", g.Months, deref(g.From), deref(g.Until))
		}
		s += ": " + g.Why
		if g.Source != "" {
			s += " [" + g.Source + "]"
		}
		facts = append(facts, s)
		if g.Applied && g.Note != "" {
			facts = append(facts, "grace rule: "+strings.Join(strings.Fields(g.Note), " "))
		}
	}
	for _, n := range tp.Notes {
		facts = append(facts, "note: "+n)
	}
	return facts
}

func treeLines(tp traceProg, o WhyOptions) []line {
	var failing, rest []line
	for i := len(tp.Tiers) - 1; i >= 0; i-- {
		t := tp.Tiers[i]
		switch t.Verdict {
		case engine.VerdictUnmet, engine.VerdictUnknown:
			head := mark(t.Verdict) + " " + t.Name + ": " + t.Verdict + leavesOut(t)
			if len(t.Regions) > 0 && tp.Region == "" {
				head += ": it exists only in " + strings.Join(t.Regions, ", ") + " and the partner's region is unknown; needs data: country"
			}
			failing = append(append(failing, line{0, head}), reqLines(t.Requirements, 1, o.All)...)
		case engine.VerdictAbsent:
			rest = append(rest, line{0, mark(t.Verdict) + " " + t.Name + ": does not exist in the partner's region (only in " +
				strings.Join(t.Regions, ", ") + ")"})
		default:
			s := mark(t.Verdict) + " " + t.Name + ": met" + leavesOut(t)
			switch n := len(t.Requirements); {
			case n == 0:
				s += ", nothing required"
			case !o.All:
				s += fmt.Sprintf(", %d requirement(s): %s", n, labels(t.Requirements))
			}
			rest = append(rest, line{0, s})
			if o.All {
				rest = append(rest, reqLines(t.Requirements, 1, true)...)
			}
		}
	}
	return append(failing, rest...)
}

// leavesOut names what a tier does not carry over from the tiers below.
func leavesOut(t traceTier) string {
	if len(t.Without) == 0 {
		return ""
	}
	return " (leaves out " + strings.Join(t.Without, ", ") + " of the tiers below)"
}

func answerLines(a *traceAnswer, o WhyOptions) []line {
	var out []line
	switch {
	case a.Verdict == engine.VerdictAbsent:
		out = append(out, line{-1, "why not " + a.Tier + ": it does not exist in the partner's region"})
	case a.By == "grace":
		out = append(out, line{-1, fmt.Sprintf("why %s: held in grace (see grace above); %d requirement(s) of %s and the tiers below are not met yet", a.Tier, len(a.Requirements), a.Tier)})
	case a.Holds:
		out = append(out, line{-1, fmt.Sprintf("why %s: %d requirement(s) of %s and the tiers below are met", a.Tier, len(a.Requirements), a.Tier)})
	default:
		out = append(out, line{-1, fmt.Sprintf("why not %s: %d requirement(s) of %s and the tiers below are not met", a.Tier, len(a.Requirements), a.Tier)})
	}
	for _, r := range a.Requirements {
		l := reqLines([]traceReq{r}, 0, true)
		l[0].text = strings.Replace(l[0].text, " ", " ["+r.Tier+"] ", 1)
		out = append(out, l...)
	}
	return out
}

// reqLines are the lines of reqs at depth: failing first; met ones folded
// into one line unless all.
func reqLines(reqs []traceReq, depth int, all bool) []line {
	var out, met []line
	var folded []traceReq
	for _, r := range reqs {
		if r.Verdict == engine.VerdictMet && !all {
			folded = append(folded, r)
			continue
		}
		l := append([]line{{depth, reqText(r)}}, reqLines(r.Items, depth+1, true)...)
		if r.Verdict == engine.VerdictMet {
			met = append(met, l...)
		} else {
			out = append(out, l...)
		}
	}
	if len(folded) > 0 {
		out = append(out, line{depth, mark(engine.VerdictMet) + " also met: " + labels(folded)})
	}
	return append(out, met...)
}

func reqText(r traceReq) string {
	m := mark(r.Verdict)
	if !r.Applies {
		m = "–"
	}
	s := m + " " + orNone(r.Label)
	if len(r.Items) == 0 || r.Derived == "" {
		if r.Rule != "" && r.Rule != r.Label && len(r.Items) == 0 {
			s += " (" + r.Rule + ")"
		}
	}
	var parts []string
	if !r.Applies {
		parts = append(parts, "does not apply in the partner's region (only in "+strings.Join(r.Regions, ", ")+")")
	}
	if r.Need != nil && r.Applies {
		parts = append(parts, numbers(r))
	}
	if r.Derived != "" {
		parts = append(parts, "competency "+r.Derived+", held when its requirement is met")
	}
	if len(r.Counted) > 0 {
		parts = append(parts, "counted: "+strings.Join(r.Counted, ", "))
	}
	if len(r.Unknown) > 0 {
		parts = append(parts, "needs data: "+strings.Join(r.Unknown, ", "))
	}
	if len(parts) > 0 {
		s += ": " + strings.Join(parts, "; ")
	}
	var tags []string
	if r.Source != "" {
		tags = append(tags, r.Source)
	}
	if r.Illustrative {
		tags = append(tags, "illustrative")
	}
	if len(tags) > 0 {
		s += " [" + strings.Join(tags, ", ") + "]"
	}
	return s
}

func numbers(r traceReq) string {
	if r.Kind == "competency" || r.Kind == "attestation" {
		yes, no := "held", "not held"
		if r.Kind == "attestation" {
			yes, no = "attested", "not attested"
		}
		switch {
		case r.Have == nil:
			return "unknown"
		case *r.Have >= *r.Need:
			return yes
		}
		return no
	}
	amount := func(p *float64) string {
		if p == nil {
			return "unknown"
		}
		return Number(*p, r.Unit)
	}
	s := "have " + amount(r.Have) + ", need " + amount(r.Need)
	if r.Short != nil && *r.Short > 0 {
		s += ", short " + amount(r.Short)
	}
	return s
}

func labels(reqs []traceReq) string {
	var ls []string
	for _, r := range reqs {
		ls = append(ls, orString(r.Label, r.Rule))
	}
	return strings.Join(ls, "; ")
}

// citedOnly keeps the sources an answer's lines cite: its requirements',
// the edition's and grace's.
func citedOnly(tp traceProg, srcs []traceSource) []traceSource {
	ids := map[string]bool{tp.Edition.Source: true}
	if tp.Grace != nil {
		ids[tp.Grace.Source] = true
	}
	var walk func(rs []traceReq)
	walk = func(rs []traceReq) {
		for _, r := range rs {
			ids[r.Source] = true
			walk(r.Items)
		}
	}
	walk(tp.Answer.Requirements)
	var out []traceSource
	for _, s := range srcs {
		if ids[s.ID] {
			out = append(out, s)
		}
	}
	return out
}

func sourceLines(srcs []traceSource) []line {
	if len(srcs) == 0 {
		return nil
	}
	out := []line{{-1, "sources:"}}
	for _, s := range srcs {
		t := "[" + s.ID + "] " + strings.Join(strings.Fields(s.Title), " ")
		if s.URL != "" {
			t += " <" + s.URL + ">"
		}
		if s.Date != "" {
			t += " (" + s.Date + ")"
		}
		out = append(out, line{0, t})
	}
	return out
}

func mark(verdict string) string {
	switch verdict {
	case engine.VerdictMet:
		return "✓"
	case engine.VerdictUnknown:
		return "?"
	case engine.VerdictAbsent:
		return "–"
	}
	return "✗"
}

func orString(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
