package report

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/tiercalc/tiercalc/pkg/engine"
)

// appendYAMLResult appends r as one item of a block sequence:
//
//   - partner: P001
//     tier: Enterprise
//     missing:
//   - tier: Premier
//     ...
//     unknown: []
//
// Strings are plain where no YAML reader could take them for anything
// else, double-quoted otherwise (yamlString); numbers are written as JSON
// writes them.
func appendYAMLResult(b []byte, r *engine.Result) ([]byte, error) {
	b = yamlKey(b, "- ", "partner", r.Partner)
	for _, kv := range [...]struct{ k, v string }{
		{"name", r.Name}, {"program", r.Program}, {"edition", r.Edition}, {"track", r.Track},
	} {
		b = yamlKey(b, "  ", kv.k, kv.v)
	}
	b = yamlNullable(b, "  tier: ", r.Tier)
	b = yamlNullable(b, "  qualified_tier: ", r.QualifiedTier)
	b = yamlKey(b, "  ", "status", r.Status)
	b = yamlNullable(b, "  grace_until: ", r.GraceUntil)
	b = yamlNullable(b, "  next_tier: ", r.NextTier)
	var err error
	if b, err = appendYAMLGaps(b, "  ", "missing", r.Missing); err != nil {
		return b, err
	}
	b = yamlList(b, "unknown", r.Unknown)
	return yamlList(b, "notes", r.Notes), nil
}

func appendYAMLGaps(b []byte, indent, key string, gs []engine.Gap) ([]byte, error) {
	b = append(b, indent...)
	b = append(b, key...)
	if len(gs) == 0 {
		return append(b, ": []\n"...), nil
	}
	b = append(b, ":\n"...)
	in := indent + "    "
	var err error
	for i := range gs {
		g := &gs[i]
		b = yamlKey(b, indent+"  - ", "tier", g.Tier)
		b = yamlKey(b, in, "kind", g.Kind)
		b = yamlKey(b, in, "key", g.Key)
		for _, kv := range [...]struct {
			k string
			v float64
		}{{"have", g.Have}, {"need", g.Need}, {"short", g.Short}} {
			b = append(b, in...)
			b = append(b, kv.k...)
			b = append(b, ": "...)
			if b, err = appendFloat(b, kv.v); err != nil {
				return b, err
			}
			b = append(b, '\n')
		}
		b = yamlKey(b, in, "label", g.Label)
		b = append(b, in...)
		b = append(b, "illustrative: "...)
		b = strconv.AppendBool(b, g.Illustrative)
		b = append(b, '\n')
		b = yamlKey(b, in, "source", g.Source)
		if len(g.Options) > 0 {
			if b, err = appendYAMLGaps(b, in, "options", g.Options); err != nil {
				return b, err
			}
		}
	}
	return b, nil
}

func yamlKey(b []byte, indent, key, v string) []byte {
	b = append(b, indent...)
	b = append(b, key...)
	b = append(b, ": "...)
	b = yamlString(b, v)
	return append(b, '\n')
}

func yamlNullable(b []byte, prefix string, p *string) []byte {
	b = append(b, prefix...)
	if p == nil {
		return append(b, "null\n"...)
	}
	b = yamlString(b, *p)
	return append(b, '\n')
}

func yamlList(b []byte, key string, vs []string) []byte {
	b = append(b, "  "...)
	b = append(b, key...)
	if len(vs) == 0 {
		return append(b, ": []\n"...)
	}
	b = append(b, ":\n"...)
	for _, v := range vs {
		b = append(b, "    - "...)
		b = yamlString(b, v)
		b = append(b, '\n')
	}
	return b
}

// yamlString appends s plain when it is safe to (yamlPlain), else
// double-quoted, with every character YAML does not allow raw escaped.
func yamlString(b []byte, s string) []byte {
	if yamlPlain(s) {
		return append(b, s...)
	}
	const hex = "0123456789abcdef"
	b = append(b, '"')
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		switch {
		case r == '"' || r == '\\':
			b = append(b, '\\', byte(r))
		case r == '\n':
			b = append(b, `\n`...)
		case r == '\t':
			b = append(b, `\t`...)
		case r == utf8.RuneError && n == 1:
			b = append(b, `\ufffd`...) // invalid UTF-8, as JSON writes it
		case yamlPrintable(r):
			b = utf8.AppendRune(b, r)
		case r <= 0xffff:
			b = append(b, '\\', 'u', hex[r>>12&0xf], hex[r>>8&0xf], hex[r>>4&0xf], hex[r&0xf])
		default:
			b = append(b, `\U`...)
			b = append(b, strings.Repeat("0", 8-len(strconv.FormatInt(int64(r), 16)))...)
			b = strconv.AppendInt(b, int64(r), 16)
		}
	}
	return append(b, '"')
}

// yamlPrintable is YAML's printable set less the line breaks (U+0085, and
// U+2028 and U+2029, which YAML 1.1 readers break lines at) and the byte
// order mark.
func yamlPrintable(r rune) bool {
	switch {
	case r >= 0x20 && r <= 0x7e:
		return true
	case r == 0x85 || r == 0x2028 || r == 0x2029 || r == 0xfeff:
		return false
	case r >= 0xa0 && r <= 0xd7ff, r >= 0xe000 && r <= 0xfffd, r >= 0x10000 && r <= 0x10ffff:
		return true
	}
	return false
}

// yamlPlain reports whether s reads back as the same string unquoted, in
// YAML 1.1 and 1.2 alike: it starts with a letter, holds only letters,
// digits, spaces and a few marks that mean nothing inside a plain scalar,
// has no ": " or " #", does not end in a space, and is no boolean or null.
func yamlPlain(s string) bool {
	if s == "" || !isASCIILetter(s[0]) || s[len(s)-1] == ' ' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case isASCIILetter(c) || c >= '0' && c <= '9':
		case strings.IndexByte(" -_./()$,;+|'", c) >= 0:
		case c == ':' && (i+1 == len(s) || s[i+1] == ' '):
			return false
		case c == ':':
		default:
			return false
		}
		if c == ' ' && i+1 < len(s) && s[i+1] == '#' {
			return false
		}
	}
	switch strings.ToLower(s) {
	case "true", "false", "yes", "no", "on", "off", "y", "n", "null":
		return false
	}
	return true
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
