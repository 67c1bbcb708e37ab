package partner

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// idKey returns the form of an id that decides whether two ids are the
// same: NFC, no-break spaces (U+00A0, U+202F) as spaces, zero-width
// characters (U+200B-U+200D, U+2060, U+FEFF) removed, surrounding spaces
// trimmed. changed says the key differs from id. Plain ASCII ids, nearly
// all of them, are their own key and cost nothing.
func idKey(id string) (key string, changed bool) {
	ascii := true
	for i := 0; i < len(id); i++ {
		if id[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return id, false
	}
	var b strings.Builder
	b.Grow(len(id))
	for _, c := range norm.NFC.String(id) {
		switch c {
		case 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF:
			continue
		case 0x00A0, 0x202F:
			c = ' '
		}
		b.WriteRune(c)
	}
	key = strings.TrimSpace(b.String())
	return key, key != id
}

// idControl returns the first control character (C0, DEL, C1, line and
// paragraph separators) in id, if any: such an id cannot be shown or
// matched reliably, so its record is rejected.
func idControl(id string) (rune, bool) {
	for _, c := range id {
		if c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == 0x2028 || c == 0x2029 {
			return c, true
		}
	}
	return 0, false
}
