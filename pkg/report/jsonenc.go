package report

import (
	"encoding/json"
	"math"
	"reflect"
	"strconv"
	"unicode/utf8"

	"github.com/tiercalc/tiercalc/pkg/engine"
)

// appendResult appends r as compact JSON, byte for byte what json.Marshal
// gives, except that nil missing and unknown are written [] (SPEC.md's
// arrays are never null); TestAppendResultMatchesMarshal holds it to that.
// Batch runs print millions of results; reflection-free encoding keeps
// -o ndjson and -o json from being the slowest stage of the pipeline.
func appendResult(b []byte, r *engine.Result) ([]byte, error) {
	var err error
	b = append(b, `{"partner":`...)
	b = appendString(b, r.Partner)
	b = append(b, `,"name":`...)
	b = appendString(b, r.Name)
	b = append(b, `,"program":`...)
	b = appendString(b, r.Program)
	b = append(b, `,"edition":`...)
	b = appendString(b, r.Edition)
	b = append(b, `,"track":`...)
	b = appendString(b, r.Track)
	b = append(b, `,"tier":`...)
	b = appendNullable(b, r.Tier)
	b = append(b, `,"qualified_tier":`...)
	b = appendNullable(b, r.QualifiedTier)
	b = append(b, `,"status":`...)
	b = appendString(b, r.Status)
	b = append(b, `,"grace_until":`...)
	b = appendNullable(b, r.GraceUntil)
	b = append(b, `,"next_tier":`...)
	b = appendNullable(b, r.NextTier)
	b = append(b, `,"missing":`...)
	if b, err = appendGaps(b, r.Missing); err != nil {
		return b, err
	}
	b = append(b, `,"unknown":`...)
	b = append(b, '[')
	for i, k := range r.Unknown {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, k)
	}
	return append(b, ']', '}'), nil
}

// appendGaps writes a nil slice as [], not null: SPEC.md's missing and
// unknown are always arrays, whatever the caller built.
func appendGaps(b []byte, gs []engine.Gap) ([]byte, error) {
	b = append(b, '[')
	for i := range gs {
		if i > 0 {
			b = append(b, ',')
		}
		var err error
		if b, err = appendGap(b, &gs[i]); err != nil {
			return b, err
		}
	}
	return append(b, ']'), nil
}

func appendGap(b []byte, g *engine.Gap) ([]byte, error) {
	var err error
	b = append(b, `{"tier":`...)
	b = appendString(b, g.Tier)
	b = append(b, `,"kind":`...)
	b = appendString(b, g.Kind)
	b = append(b, `,"key":`...)
	b = appendString(b, g.Key)
	b = append(b, `,"have":`...)
	if b, err = appendFloat(b, g.Have); err != nil {
		return b, err
	}
	b = append(b, `,"need":`...)
	if b, err = appendFloat(b, g.Need); err != nil {
		return b, err
	}
	b = append(b, `,"short":`...)
	if b, err = appendFloat(b, g.Short); err != nil {
		return b, err
	}
	b = append(b, `,"label":`...)
	b = appendString(b, g.Label)
	if len(g.Options) > 0 {
		b = append(b, `,"options":`...)
		if b, err = appendGaps(b, g.Options); err != nil {
			return b, err
		}
	}
	return append(b, '}'), nil
}

func appendNullable(b []byte, p *string) []byte {
	if p == nil {
		return append(b, "null"...)
	}
	return appendString(b, *p)
}

// appendFloat follows encoding/json's float64 encoding.
func appendFloat(b []byte, f float64) ([]byte, error) {
	if f == math.Trunc(f) && math.Abs(f) < 1e15 && (f != 0 || !math.Signbit(f)) {
		return strconv.AppendInt(b, int64(f), 10), nil // the common case, same digits
	}
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return b, &json.UnsupportedValueError{Value: reflect.ValueOf(f), Str: strconv.FormatFloat(f, 'g', -1, 64)}
	}
	format := byte('f')
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' {
		// e-09 -> e-9, as encoding/json does
		n := len(b)
		if n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b, nil
}

// appendString follows encoding/json's string encoding with HTML escaping
// (json.Marshal's default): <, > and & as \u003c..., control characters
// escaped, invalid UTF-8 as \ufffd, U+2028 and U+2029 escaped.
func appendString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	i := 0
	for i < len(s) && jsonSafe[s[i]] {
		i++
	}
	if i == len(s) { // nothing to escape: the common case
		b = append(b, s...)
		return append(b, '"')
	}
	start := 0
	for i < len(s) {
		if c := s[i]; c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// jsonSafe marks the bytes appendString copies as they are.
var jsonSafe = func() (t [256]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = true
	}
	t['"'], t['\\'], t['<'], t['>'], t['&'] = false, false, false, false, false
	return t
}()
