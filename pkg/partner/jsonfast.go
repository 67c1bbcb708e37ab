package partner

// A quick syntax check for the values JSON and NDJSON inputs hold, tried
// before jsontext's: partner records are shallow objects of plain strings,
// numbers and lists, and one tight loop over such a value costs a fraction
// of a general validator's (which was 18% of an NDJSON run's CPU).
//
// quickValid answers true only for a value that is well-formed by RFC 8259
// as encoding/json's Valid reads it: bytes of 0x80 and above are taken
// inside strings whatever they are, as Valid takes them (invalid UTF-8 is
// named later by fromJSON). Any other answer means "not shown here":
// jsontext then gives the verdict, so a value deeper than quickDepth, or
// malformed, costs one more pass and never a different verdict.
// FuzzJSONValid holds jsonValid, and so this, to encoding/json's Valid.

// quickDepth bounds the nesting quickValid follows.
const quickDepth = 32

// quickValid reports whether b is shown to be one well-formed JSON value.
func quickValid(b []byte) bool {
	i := quickValue(b, quickWS(b, 0))
	return i >= 0 && quickWS(b, i) == len(b)
}

// quickValue returns the offset just past the value at b[i] when it is
// shown well-formed, else -1.
func quickValue(b []byte, i int) int {
	var open [quickDepth]byte // '{' or '[' per level
	d := 0
	for {
		// A value is due at b[i].
		if i >= len(b) {
			return -1
		}
		switch c := b[i]; c {
		case '{', '[':
			if d == quickDepth {
				return -1
			}
			open[d], d = c, d+1
			i = quickWS(b, i+1)
			if i < len(b) && b[i] == c+2 { // '}' or ']': empty
				d--
				i++
				break
			}
			if c == '{' {
				if i = quickKey(b, i); i < 0 {
					return -1
				}
			}
			continue
		case '"':
			i = quickStr(b, i+1)
		case 't':
			i = quickWord(b, i, "true")
		case 'f':
			i = quickWord(b, i, "false")
		case 'n':
			i = quickWord(b, i, "null")
		default:
			i = quickNum(b, i)
		}
		// After a value: a comma, the closer of its container, or the end.
		for {
			if i < 0 || d == 0 {
				return i
			}
			i = quickWS(b, i)
			if i >= len(b) {
				return -1
			}
			if b[i] != open[d-1]+2 {
				break
			}
			d--
			i++
		}
		if b[i] != ',' {
			return -1
		}
		i = quickWS(b, i+1)
		if open[d-1] == '{' {
			if i = quickKey(b, i); i < 0 {
				return -1
			}
		}
	}
}

// quickWS returns the offset of the first byte at or after i that is not
// JSON whitespace.
func quickWS(b []byte, i int) int {
	for i < len(b) {
		switch b[i] {
		case ' ', '\t', '\r', '\n':
			i++
		default:
			return i
		}
	}
	return i
}

// quickKey reads `"key" :` and the blanks after it at b[i], returning the
// offset of the value, or -1.
func quickKey(b []byte, i int) int {
	if i >= len(b) || b[i] != '"' {
		return -1
	}
	if i = quickStr(b, i+1); i < 0 {
		return -1
	}
	i = quickWS(b, i)
	if i >= len(b) || b[i] != ':' {
		return -1
	}
	return quickWS(b, i+1)
}

// quickStr reads string contents from b[i] and returns the offset after
// the closing quote, or -1 for a control character, a bad escape or the
// end of b.
func quickStr(b []byte, i int) int {
	for i < len(b) {
		for i < len(b) && strPlain[b[i]] {
			i++
		}
		switch {
		case i == len(b) || b[i] < 0x20:
			return -1
		case b[i] == '"':
			return i + 1
		}
		if i = quickEscape(b, i+1); i < 0 { // b[i] was '\\'
			return -1
		}
	}
	return -1
}

// strPlain marks the bytes a JSON string holds as they are: not a control
// character, '"' or '\\'. One load a byte beats three comparisons.
var strPlain = func() (t [256]bool) {
	for c := 0x20; c < 256; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// quickEscape reads the escape after a backslash at b[i] and returns the
// offset after it, or -1.
func quickEscape(b []byte, i int) int {
	if i >= len(b) {
		return -1
	}
	switch b[i] {
	case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
		return i + 1
	case 'u':
		if i+4 >= len(b) {
			return -1
		}
		for _, h := range b[i+1 : i+5] {
			if !isHex(h) {
				return -1
			}
		}
		return i + 5
	}
	return -1
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// quickLiteral reports whether lit is one number, true, false or null.
func quickLiteral(lit []byte) bool {
	switch string(lit) {
	case "true", "false", "null":
		return true
	}
	return len(lit) > 0 && quickNum(lit, 0) == len(lit)
}

// quickWord reads the literal w at b[i] and returns the offset after it,
// or -1.
func quickWord(b []byte, i int, w string) int {
	if len(b)-i < len(w) || string(b[i:i+len(w)]) != w {
		return -1
	}
	return i + len(w)
}

// quickNum reads a number, -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?,
// at b[i] and returns the offset after it, or -1.
func quickNum(b []byte, i int) int {
	if i < len(b) && b[i] == '-' {
		i++
	}
	switch {
	case i < len(b) && b[i] == '0':
		i++
	case i < len(b) && b[i] >= '1' && b[i] <= '9':
		i = quickDigits(b, i+1)
	default:
		return -1
	}
	if i < len(b) && b[i] == '.' {
		j := quickDigits(b, i+1)
		if j == i+1 {
			return -1
		}
		i = j
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		j := quickDigits(b, i)
		if j == i {
			return -1
		}
		i = j
	}
	return i
}

// quickDigits returns the offset of the first non-digit at or after i.
func quickDigits(b []byte, i int) int {
	for i < len(b) && b[i] >= '0' && b[i] <= '9' {
		i++
	}
	return i
}
