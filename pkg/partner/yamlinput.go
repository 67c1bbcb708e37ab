package partner

import (
	"errors"
	"io"
	"unicode/utf8"
)

// maxBadSpots bounds the refused characters remembered for one YAML input.
const maxBadSpots = 10000

var errTooManyBad = errors.New("too many invalid characters")

// badSpot is the first character on a line that yaml.v3 would refuse.
type badSpot struct {
	line, col int // 1-based; col in bytes
	msg       string
}

// yamlInput feeds yaml.v3 the input with each character it refuses
// (invalid UTF-8, control characters) replaced by U+FFFD, noting the first
// one of each line. yaml.v3 itself stops at such a character with no
// position and loses the whole document; this way the records around it
// are still read, and the element holding it is rejected at its line.
// Lines are counted as yaml.v3 counts them (CR, LF, CRLF, NEL, LS, PS).
type yamlInput struct {
	r       io.Reader
	raw     []byte // read, not yet converted (a split sequence at most)
	out     []byte // converted, not yet returned
	outPos  int
	line    int
	col     int
	cr      bool // the last byte was '\r'
	badLine int  // the last line with a spot
	spots   []badSpot
	nSpots  int
	started bool
	pass    bool // UTF-16 input: passed on as is
	err     error
}

func newYAMLInput(r io.Reader) *yamlInput {
	return &yamlInput{r: r, line: 1, col: 1}
}

func (y *yamlInput) Read(p []byte) (int, error) {
	for y.outPos == len(y.out) {
		if y.err != nil {
			return 0, y.err
		}
		y.out, y.outPos = y.out[:0], 0
		const chunk = 32 << 10
		if cap(y.raw)-len(y.raw) < chunk {
			y.raw = append(make([]byte, 0, len(y.raw)+2*chunk), y.raw...)
		}
		n, err := y.r.Read(y.raw[len(y.raw):cap(y.raw)])
		y.raw = y.raw[:len(y.raw)+n]
		if err != nil {
			y.err = err
		}
		if !y.started && (len(y.raw) >= 2 || err != nil) {
			y.started = true
			if len(y.raw) >= 2 && (y.raw[0] == 0xFF && y.raw[1] == 0xFE || y.raw[0] == 0xFE && y.raw[1] == 0xFF) {
				y.pass = true
			}
		}
		if !y.started {
			continue
		}
		if y.pass {
			y.out = append(y.out, y.raw...)
			y.raw = y.raw[:0]
			continue
		}
		y.convert(err != nil)
		if y.nSpots > maxBadSpots {
			y.err = errTooManyBad
		}
	}
	n := copy(p, y.out[y.outPos:])
	y.outPos += n
	return n, nil
}

// convert moves y.raw to y.out, keeping a sequence split at the end unless
// the input has ended.
func (y *yamlInput) convert(final bool) {
	b := y.raw
	i := 0
	for i < len(b) {
		c := b[i]
		if c >= 0x20 && c < 0x7f {
			j := i + 1
			for j < len(b) && b[j] >= 0x20 && b[j] < 0x7f {
				j++
			}
			y.out = append(y.out, b[i:j]...)
			y.col += j - i
			y.cr = false
			i = j
			continue
		}
		if c < utf8.RuneSelf {
			switch c {
			case '\n':
				if !y.cr {
					y.line++
				}
				y.col, y.cr = 1, false
			case '\r':
				y.line++
				y.col, y.cr = 1, true
			case '\t':
				y.col++
				y.cr = false
			default:
				y.spot("control character " + charCode(rune(c)))
				y.col++
				y.cr = false
				i++
				continue
			}
			y.out = append(y.out, c)
			i++
			continue
		}
		if !final && !utf8.FullRune(b[i:]) {
			break
		}
		y.cr = false
		r, n := utf8.DecodeRune(b[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			y.spot("invalid UTF-8")
			y.col++
		case r == 0x85 || r == 0x2028 || r == 0x2029:
			y.out = append(y.out, b[i:i+n]...)
			y.line++
			y.col = 1
		case r < 0xA0 || r == 0xFFFE || r == 0xFFFF:
			y.spot("control character " + charCode(r))
			y.col += n
		default:
			y.out = append(y.out, b[i:i+n]...)
			y.col += n
		}
		i += n
	}
	y.raw = y.raw[:copy(y.raw, b[i:])]
}

// spot replaces a refused character at the current position.
func (y *yamlInput) spot(msg string) {
	y.out = append(y.out, "\uFFFD"...)
	if y.line == y.badLine {
		return
	}
	y.badLine = y.line
	y.nSpots++
	if y.nSpots <= maxBadSpots {
		y.spots = append(y.spots, badSpot{y.line, y.col, msg})
	}
}

func charCode(r rune) string {
	const hex = "0123456789ABCDEF"
	return "U+" + string([]byte{hex[r>>12&15], hex[r>>8&15], hex[r>>4&15], hex[r&15]})
}
