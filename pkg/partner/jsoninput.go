package partner

import (
	"bytes"
	"io"
)

// maxStack bounds the bracket kinds remembered while finding an element's
// end; deeper levels are only counted.
const maxStack = 1 << 20

// posAt returns the 1-based line and byte column of buf[i]. Positions must
// be asked in input order: lines are counted once.
func (j *jsonReader) posAt(i int) (line, col int) {
	lo := int(j.lnOff - j.base)
	if lo < i {
		seg := j.buf[lo:i]
		if n := bytes.Count(seg, []byte{'\n'}); n > 0 {
			j.line += n
			j.lastNL = j.base + int64(lo+bytes.LastIndexByte(seg, '\n'))
		}
		j.lnOff = j.base + int64(i)
	}
	return j.line, int(j.base + int64(i) - j.lastNL)
}

// more reads more input, dropping buf[:keep] first (the buffer grows when
// nothing can be dropped). It returns by how much indices into buf moved
// down, and false when the input has ended (or failed).
func (j *jsonReader) more(keep int) (shift int, ok bool) {
	if j.rerr != nil {
		return 0, false
	}
	if keep > 0 {
		if j.lnOff < j.base+int64(keep) {
			j.posAt(keep)
		}
		j.end = copy(j.buf, j.buf[keep:j.end])
		j.base += int64(keep)
		j.pos = max(j.pos-keep, 0)
	}
	if j.end == len(j.buf) {
		nb := make([]byte, min(2*len(j.buf), maxElem+64<<10))
		copy(nb, j.buf[:j.end])
		j.buf = nb
	}
	for range 100 {
		n, err := j.r.Read(j.buf[j.end:])
		j.end += n
		if err != nil {
			j.rerr = err
		}
		if n > 0 {
			return keep, true
		}
		if err != nil {
			return keep, false
		}
	}
	j.rerr = io.ErrNoProgress
	return keep, false
}

// peek skips blanks and returns the next byte; false at the end of input.
func (j *jsonReader) peek() (byte, bool) {
	for {
		for j.pos < j.end {
			switch c := j.buf[j.pos]; c {
			case ' ', '\t', '\r', '\n':
				j.pos++
			default:
				return c, true
			}
		}
		if _, ok := j.more(j.pos); !ok {
			return 0, false
		}
	}
}

// scan finds the end of the value at j.pos: buf[s:e] on return. A nested
// value ends at the bracket that closes its first one (a mismatched bracket
// closes up to its match; in an array, a ']' with no match ends the element
// before it); a string at its closing quote; anything else at the next
// delimiter. skipped: the value was longer than maxElem and was dropped on
// the way; eof: the input ended inside it.
func (j *jsonReader) scan() (s, e int, skipped, eof bool) {
	s = j.pos
	i := s
	depth := 0
	inStr, esc, literal := false, false, false
	stack := j.stack[:0]
	defer func() { j.stack = stack[:0] }()
	switch j.buf[i] {
	case '"':
		inStr = true
		i++
	case '{', '[':
	default:
		literal = true
	}
	inArray := j.state != jsonStream
	for {
		buf := j.buf[:j.end]
		for ; i < len(buf); i++ {
			if inStr {
				if i, esc = strEnd(buf, i, esc); i == len(buf) {
					break
				}
				inStr = false
				if depth == 0 {
					return s, i + 1, skipped, false
				}
				continue
			}
			c := buf[i]
			if literal {
				switch c {
				case ',', ']', '}', '[', '{', '"', ':', ' ', '\t', '\r', '\n':
					return s, i, skipped, false
				}
				continue
			}
			switch c {
			case '"':
				inStr = true
			case '{', '[':
				depth++
				if len(stack) < maxStack {
					stack = append(stack, c)
				}
			case '}', ']':
				if depth > len(stack) {
					depth--
					break
				}
				want := byte('{')
				if c == ']' {
					want = '['
				}
				if stack[depth-1] == want {
					depth--
					stack = stack[:depth]
				} else if k := bytes.LastIndexByte(stack, want); k >= 0 {
					depth = k
					stack = stack[:k]
				} else if c == ']' && inArray {
					return s, i, skipped, false // the array's own ']'
				} else {
					continue // a stray closer: the element is malformed
				}
				if depth == 0 {
					return s, i + 1, skipped, false
				}
			}
		}
		keep := s
		if skipped || i-s > maxElem {
			skipped, keep = true, i
		}
		shift, ok := j.more(keep)
		i -= shift
		s -= shift
		if !ok {
			return max(s, 0), i, skipped, !literal
		}
	}
}
