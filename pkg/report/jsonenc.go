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
// gives, except that nil missing, unknown and notes are written [] (the contract's
// arrays are never null); TestAppendResultMatchesMarshal holds it to that.
// Batch runs print millions of results; reflection-free encoding keeps
// -o ndjson and -o json from being the slowest stage of the pipeline.
func appendResult(b []byte, r *engine.Result) ([]byte, error) {
	return jsonEncoder{}.appendResult(b, r)
}

// A jsonEncoder is appendResult with a memo of segments (see segMemo):
// most of a result is rulebook strings, the same few dozen combinations
// over millions of results. With seg nil it remembers nothing.
type jsonEncoder struct{ seg *segMemo }

func (e jsonEncoder) appendResult(b []byte, r *engine.Result) ([]byte, error) {
	var err error
	b = append(b, `{"partner":`...)
	b = appendString(b, r.Partner)
	b = append(b, `,"name":`...)
	b = appendString(b, r.Name)
	k := segKey{s: [segMax]string{r.Program, r.Edition, r.Track, orDash(r.Tier, ""), orDash(r.QualifiedTier, ""),
		r.Status, orDash(r.GraceUntil, ""), orDash(r.NextTier, "")}, n: segMax, kind: segMid,
		flags: nullBit(r.Tier, 3) | nullBit(r.QualifiedTier, 4) | nullBit(r.GraceUntil, 6) | nullBit(r.NextTier, 7)}
	b = e.appendSeg(b, &k)
	b = append(b, `,"missing":`...)
	if b, err = e.appendGaps(b, r.Missing); err != nil {
		return b, err
	}
	if k, ok := listsKey(segTail, r.Unknown, r.Notes); ok {
		return e.appendSeg(b, &k), nil
	}
	return appendJSONTail(b, r.Unknown, r.Notes), nil
}

// appendSeg appends k's segment: from e.seg when it is there, else
// encoded (and then remembered).
func (e jsonEncoder) appendSeg(b []byte, k *segKey) []byte {
	if e.seg == nil {
		return appendJSONSeg(b, k)
	}
	slot, ok := e.seg.lookup(k)
	if ok {
		return append(b, slot.enc...)
	}
	start := len(b)
	b = appendJSONSeg(b, k)
	slot.store(k, b[start:])
	return b
}

// appendJSONSeg encodes k's segment. It is called directly, not through a
// function value, so that keys stay on the stack.
func appendJSONSeg(b []byte, k *segKey) []byte {
	if k.kind == segMid {
		return appendJSONMid(b, k)
	}
	return appendJSONTail(b, k.s[:k.flags], k.s[k.flags:k.n])
}

// nullBit is the flag of the i'th string of a key when p is nil: null,
// not "".
func nullBit(p *string, i uint) uint8 {
	if p == nil {
		return 1 << i
	}
	return 0
}

// jsonMidNames are the names of the members appendJSONMid writes.
var jsonMidNames = [segMax]string{`,"program":`, `,"edition":`, `,"track":`, `,"tier":`,
	`,"qualified_tier":`, `,"status":`, `,"grace_until":`, `,"next_tier":`}

// appendJSONMid appends the members from program to next tier, of strings
// k.s, null where k.flags says so.
func appendJSONMid(b []byte, k *segKey) []byte {
	for i, name := range jsonMidNames {
		b = append(b, name...)
		if k.flags&(1<<i) != 0 {
			b = append(b, "null"...)
		} else {
			b = appendString(b, k.s[i])
		}
	}
	return b
}

// appendJSONTail appends the unknown and notes members and the object's
// end. nil lists are written [], not null: the contract's arrays are
// always arrays, whatever the caller built.
func appendJSONTail(b []byte, unknown, notes []string) []byte {
	b = append(b, `,"unknown":`...)
	b = appendStrings(b, unknown)
	b = append(b, `,"notes":`...)
	b = appendStrings(b, notes)
	return append(b, '}')
}

func appendStrings(b []byte, list []string) []byte {
	b = append(b, '[')
	for i, s := range list {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, s)
	}
	return append(b, ']')
}

// appendGaps writes a nil slice as [], not null, as appendJSONTail.
func (e jsonEncoder) appendGaps(b []byte, gs []engine.Gap) ([]byte, error) {
	b = append(b, '[')
	for i := range gs {
		if i > 0 {
			b = append(b, ',')
		}
		var err error
		if b, err = e.appendGap(b, &gs[i]); err != nil {
			return b, err
		}
	}
	return append(b, ']'), nil
}

func (e jsonEncoder) appendGap(b []byte, g *engine.Gap) ([]byte, error) {
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
	b = append(b, `,"illustrative":`...)
	b = strconv.AppendBool(b, g.Illustrative)
	b = append(b, `,"source":`...)
	b = appendString(b, g.Source)
	if len(g.Options) > 0 {
		b = append(b, `,"options":`...)
		if b, err = e.appendGaps(b, g.Options); err != nil {
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
	i := jsonSafePrefix(s)
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

// jsonSafePrefix is the length of the longest prefix of s whose bytes are
// all jsonSafe. Batch runs encode millions of short strings, nearly all
// safe: it tests them a word at a time (SWAR), with overlapping loads for
// the tail, and scans byte by byte only short strings (under 4 bytes) and
// the word where an unsafe byte is.
func jsonSafePrefix(s string) int {
	n := len(s)
	i := 0
	switch {
	case n >= 8:
		for ; i+8 <= n; i += 8 {
			if jsonUnsafe8(load64(s, i)) {
				return i + jsonSafeBytes(s[i:])
			}
		}
		if i < n && jsonUnsafe8(load64(s, n-8)) {
			i = n - 8 // bytes before were safe
			return i + jsonSafeBytes(s[i:])
		}
		return n
	case n >= 4:
		// Both halves, overlapping, with safe filler above them.
		if !jsonUnsafe8(load32(s, 0) | load32(s, n-4)<<32) {
			return n
		}
	}
	return i + jsonSafeBytes(s[i:])
}

// jsonSafeBytes is jsonSafePrefix byte by byte.
func jsonSafeBytes(s string) int {
	i := 0
	for i < len(s) && jsonSafe[s[i]] {
		i++
	}
	return i
}

// load64 and load32 read s[i:i+8] and s[i:i+4] little-endian; the compiler
// merges the byte loads into one.
func load64[T string | []byte](s T, i int) uint64 {
	s = s[i : i+8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

func load32[T string | []byte](s T, i int) uint64 {
	s = s[i : i+4]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24
}

// jsonUnsafe8 reports whether any byte of x is not jsonSafe: at or above
// 0x80, below 0x20, or one of " & < > \\ (" and & differ in one bit, as do
// < and >: setting it tests both at once). Each test is exact as to whether
// some byte matches (a borrow only reaches bytes above a matching one).
func jsonUnsafe8(x uint64) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	t := x | (x-0x20*ones)&^x // high bit: >= 0x80, or < 0x20
	q := (x | 0x04*ones) ^ ('&' * ones)
	t |= (q - ones) &^ q
	q = (x | 0x02*ones) ^ ('>' * ones)
	t |= (q - ones) &^ q
	q = x ^ ('\\' * ones)
	t |= (q - ones) &^ q
	return t&highs != 0
}

// jsonSafe marks the bytes appendString copies as they are.
var jsonSafe = func() (t [256]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = true
	}
	t['"'], t['\\'], t['<'], t['>'], t['&'] = false, false, false, false, false
	return t
}()
