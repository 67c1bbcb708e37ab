// Package safetext is the one home of the sanitiser: every string that comes
// from a file, a file name or a rulebook passes through Terminal before it
// is printed for a terminal (tables, Markdown, messages on stderr). Machine
// formats (JSON, NDJSON, YAML) never use it: they carry the data exactly.
package safetext

import (
	"strings"
	"unicode/utf8"
)

// Terminal makes s safe to show on a terminal or in a document: every
// control character (C0, DEL, C1), the Unicode line and paragraph
// separators, the bidirectional controls ("Trojan Source") and the
// zero-width and invisible characters become a visible escape such as
// \x1b, \n, \u202e or \u200b, and invalid UTF-8 becomes U+FFFD. A name
// carrying "\x1b]0;title\a" is then shown as that literal text, never
// interpreted, and a newline never breaks a row or a message.
func Terminal(s string) string { return escape(s, false) }

// Data is Terminal for formats whose own quoting carries line breaks and
// tabs (CSV): those stay, everything else is as Terminal.
func Data(s string) string { return escape(s, true) }

func escape(s string, keepSpace bool) string {
	i := 0
	for i < len(s) {
		c := s[i]
		if c >= 0x20 && c < 0x7f {
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if unsafeRune(r, size) && !(keepSpace && isSpaceControl(r)) {
			break
		}
		i += size
	}
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	b.WriteString(s[:i])
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !unsafeRune(r, size) || keepSpace && isSpaceControl(r) {
			b.WriteString(s[i : i+size])
			i += size
			continue
		}
		i += size
		if r == utf8.RuneError {
			b.WriteRune(utf8.RuneError)
			continue
		}
		switch r {
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		default:
			const hex = "0123456789abcdef"
			if r < 0x80 {
				b.WriteString(`\x`)
				b.WriteByte(hex[r>>4])
				b.WriteByte(hex[r&0xf])
			} else {
				b.WriteString(`\u`)
				b.WriteByte(hex[r>>12&0xf])
				b.WriteByte(hex[r>>8&0xf])
				b.WriteByte(hex[r>>4&0xf])
				b.WriteByte(hex[r&0xf])
			}
		}
	}
	return b.String()
}

func isSpaceControl(r rune) bool { return r == '\n' || r == '\r' || r == '\t' }

// unsafeRune reports whether r (decoded from size bytes) must not be
// written raw. Only called for bytes outside printable ASCII.
func unsafeRune(r rune, size int) bool {
	switch {
	case r == utf8.RuneError && size <= 1:
		return true // invalid UTF-8
	case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f:
		return true // C0, DEL, C1 (0x9b is a one-byte CSI on some terminals)
	case r == 0x2028, r == 0x2029:
		return true // line and paragraph separators
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x061c:
		return true // bidi embeddings, overrides, isolates and the Arabic letter mark
	case r >= 0x200b && r <= 0x200f, r >= 0x2060 && r <= 0x2064, r == 0xfeff, r == 0x00ad:
		// zero-width space, non-joiner, joiner, LRM, RLM; word joiner and
		// the invisible operators; BOM / zero-width no-break space; soft
		// hyphen: text that looks like something it is not
		return true
	}
	return false
}
