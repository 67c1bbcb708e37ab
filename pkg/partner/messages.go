package partner

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/tiercalc/tiercalc/pkg/internal/suggest"
)

// hintFor suggests the closest candidate, else lists short vocabularies.
func hintFor(name string, cands []string, what string) string {
	if m := closest(name, cands); m != "" {
		return "did you mean " + m + "?"
	}
	if len(cands) == 0 {
		return "no " + what + " are known to the loaded rulebooks"
	}
	if len(cands) <= 12 {
		return "known " + what + ": " + strings.Join(cands, ", ")
	}
	return ""
}

// maxName bounds a column or key name echoed in a message.
const maxName = 64

// clip cuts a name taken from the input for a message: its first maxName
// bytes (at a character boundary) and "...".
func clip(s string) string {
	if len(s) <= maxName {
		return s
	}
	cut := maxName
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "..."
}

// closest is suggest.Closest, never run on a name too long to be a typo.
func closest(name string, cands []string) string {
	if len(name) > 4*maxName {
		return ""
	}
	return suggest.Closest(name, cands)
}

// unknownKey reports a column or key no schema knows: a warning (once per
// name) when lenient, else an error naming it with a did-you-mean.
func (b *builder) unknownKey(name, what string, line, col int) *RecordError {
	if b.ignoring(name) {
		return nil
	}
	e := &RecordError{File: b.file, Line: line, Column: col, Field: printable(clip(name)), Msg: "unknown " + what}
	if m := closest(name, b.names); m != "" {
		e.Hint = "did you mean " + m + "?"
	} else {
		e.Hint = "known " + what + "s are id, name, country, current_tier, profiles, competencies, attestations and the credential and metric names (such as VTSP, revenue_usd) of the loaded rulebooks"
	}
	if !b.opt.Lenient {
		return e
	}
	if k := clip(name); !b.warned[k] && len(b.warned) < maxWarned {
		if b.warned == nil {
			b.warned = map[string]bool{}
		}
		b.warned[k] = true
		e.Msg += " ignored"
		b.warnOnce(e, k)
	}
	return nil
}

// maxWarned bounds the names warned about once each.
const maxWarned = 1000

// warn gives a warning. A builder of a chunk parsed in parallel queues
// it instead, for the reader to give in input order.
func (b *builder) warn(e *RecordError) { b.give(item{err: e, warn: anyWarning}) }

// warnOnce gives a warning given once for name (which may be empty: an
// unknown key "").
func (b *builder) warnOnce(e *RecordError, name string) {
	b.give(item{err: e, warn: &warning{once: name, perName: true}})
}

func (b *builder) give(it item) {
	if b.emit != nil {
		b.emit(it)
	} else if b.opt.Warn != nil {
		b.opt.Warn(it.err.(*RecordError))
	}
}

// ignoring reports whether an unknown name needs no more work: lenient, and
// already warned about (or too many names warned about).
func (b *builder) ignoring(name string) bool {
	return b.opt.Lenient && (len(b.warned) >= maxWarned || b.warned[clip(name)])
}

// printable returns s, or s quoted when it holds control characters, so
// that names taken from the input never write raw escapes to a terminal.
func printable(s string) string {
	for _, c := range s {
		if c < ' ' || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == utf8.RuneError {
			return quote(s)
		}
	}
	return s
}

// quote quotes a value for a message, cutting very long ones.
func quote(v string) string {
	const limit = 60
	if len(v) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(v[cut]) {
			cut--
		}
		return strconv.Quote(v[:cut]) + "..."
	}
	return strconv.Quote(v)
}
