package suite

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/tiercalc/tiercalc/pkg/engine"
	"github.com/tiercalc/tiercalc/pkg/internal/suggest"
)

// Statuses a result may have, for checking status: expectations.
var statuses = []string{engine.StatusQualified, engine.StatusGrace, engine.StatusIncomplete, engine.StatusIneligible}

// want reads an expect: mapping.
func (l *loader) want(n *yaml.Node) Want {
	var w Want
	for _, kv := range l.fields(n, "expect", expectKeys) {
		switch kv.k.Value {
		case "tier":
			w.Tier = l.opt(kv.v, "tier")
		case "status":
			w.Status = l.status(kv.v)
		case "next_tier":
			w.NextTier = l.opt(kv.v, "next_tier")
		case "grace_until":
			if w.GraceUntil = l.opt(kv.v, "grace_until"); w.GraceUntil != nil && !w.GraceUntil.Null {
				l.date(kv.v, "grace_until")
			}
		case "gaps":
			w.Gaps, w.GapsSet = l.gaps(kv.v), true
		case "notes":
			w.Notes, w.NotesSet = l.notes(kv.v), true
		}
	}
	return w
}

// opt reads a string that may be null.
func (l *loader) opt(n *yaml.Node, what string) *Opt {
	if isNull(n) {
		return &Opt{Null: true}
	}
	s, ok := l.scalar(n, what)
	if !ok {
		return nil
	}
	return &Opt{Value: strings.TrimSpace(s)}
}

func (l *loader) status(n *yaml.Node) string {
	s, ok := l.scalar(n, "status")
	if !ok {
		return ""
	}
	if !isStatus(s) {
		hint := "a status is " + strings.Join(statuses, ", ")
		if m := suggest.Closest(s, statuses); m != "" {
			hint = fmt.Sprintf("did you mean %q?", m)
		}
		l.at(n, hint, "status: unknown status %q", s)
		return ""
	}
	return s
}

// gaps reads gaps: {requirement-id: {short: N}, ...}; a gap's value may be
// null or {} when its short is not checked.
func (l *loader) gaps(n *yaml.Node) []GapWant {
	out := []GapWant{}
	for _, kv := range l.fields(n, "gaps", nil) {
		g := GapWant{ID: kv.k.Value}
		if !isNull(kv.v) {
			for _, f := range l.fields(kv.v, "a gap", gapKeys) {
				if x, ok := l.number(f.v, "short"); ok {
					g.Short = &x
				}
			}
		}
		out = append(out, g)
	}
	return out
}

func (l *loader) notes(n *yaml.Node) []string {
	d := deref(n)
	if d == nil || d.Kind != yaml.SequenceNode {
		l.at(n, "", "notes: expected a list of sentences, got %s", kindOf(d))
		return nil
	}
	out := []string{}
	for _, it := range d.Content {
		if s, ok := l.scalar(it, "a note"); ok {
			out = append(out, s)
		}
	}
	return out
}

// with returns w with every expectation o gives replacing w's.
func (w Want) with(o Want) Want {
	if o.Tier != nil {
		w.Tier = o.Tier
	}
	if o.Status != "" {
		w.Status = o.Status
	}
	if o.NextTier != nil {
		w.NextTier = o.NextTier
	}
	if o.GraceUntil != nil {
		w.GraceUntil = o.GraceUntil
	}
	if o.GapsSet {
		w.Gaps, w.GapsSet = o.Gaps, true
	}
	if o.NotesSet {
		w.Notes, w.NotesSet = o.Notes, true
	}
	return w
}

// dateOf parses a YYYY-MM-DD cell or value.
func dateOf(s string) (time.Time, error) { return time.Parse(time.DateOnly, strings.TrimSpace(s)) }

func isStatus(s string) bool { return slices.Contains(statuses, s) }
