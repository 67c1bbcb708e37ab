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
	st := elemEnd{stack: j.stack[:0], inArray: j.state != jsonStream}
	defer func() { j.stack = st.stack[:0] }()
	literal := false
	switch j.buf[i] {
	case '{':
		if e, ok := j.skel.fit(j.buf[:j.end], i); ok {
			j.broken = false
			return s, e, false, false
		}
	case '"':
		st.inStr = true
		i++
	case '[':
	default:
		literal = true
	}
	for {
		buf := j.buf[:j.end]
		var done bool
		if literal {
			i, done = literalEnd(buf, i)
		} else {
			i, done = st.find(buf, i)
		}
		if done {
			j.broken = st.broken
			if !skipped && !st.broken && !literal {
				j.skel.learn(j.buf[s:i])
			}
			return s, i, skipped, false
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

// elemEnd finds where a string, object or array element ends, across
// refills of the buffer.
type elemEnd struct {
	depth      int
	inStr, esc bool
	stack      []byte // the open brackets, up to maxStack of them
	inArray    bool   // a ']' matching no open bracket is the array's own
	broken     bool   // a line break ended a string: the element is cut there
}

// find scans buf from i: it returns the offset just past the element and
// true (or, for the array's own ']', that bracket's offset), else len(buf)
// and false when the element goes on after buf. State is kept in locals
// while scanning, as this is the JSON reader's hottest loop.
func (st *elemEnd) find(buf []byte, i int) (int, bool) {
	depth, inStr, esc, stack := st.depth, st.inStr, st.esc, st.stack
	end, done := len(buf), false
loop:
	for ; i < len(buf); i++ {
		if inStr {
			if i, esc = strEnd(buf, i, esc); i == len(buf) {
				break
			}
			inStr = false
			if buf[i] == '\n' {
				// a string cut by a line break: a stray quote. The
				// element ends here, malformed, and the reader
				// resynchronises at the next record.
				st.broken = true
				end, done = i, true
				break
			}
			if depth == 0 {
				end, done = i+1, true
				break
			}
			continue
		}
		for i < len(buf) && !elemMark[buf[i]] {
			i++
		}
		if i == len(buf) {
			break
		}
		switch c := buf[i]; c {
		case '"':
			inStr = true
		case '{', '[':
			depth++
			if len(stack) < maxStack {
				stack = append(stack, c)
			}
		case '}', ']':
			d, ok := closeBracket(stack, depth, c)
			switch {
			case ok:
				depth, stack = d, stack[:min(d, len(stack))]
				if depth == 0 {
					end, done = i+1, true
					break loop
				}
			case c == ']' && st.inArray:
				end, done = i, true
				break loop
			} // else a stray closer: the element is malformed
		}
	}
	st.depth, st.inStr, st.esc, st.stack = depth, inStr, esc, stack
	return end, done
}

// elemMark marks the bytes find acts on outside strings: quotes and
// brackets. It skips the rest a byte at a time without a switch.
var elemMark = func() (t [256]bool) {
	for _, c := range `"{}[]` {
		t[c] = true
	}
	return t
}()

// literalEnd finds the end of a number, true, false or null (or of stray
// characters) at buf[i]: the offset of the delimiter after it and true, or
// len(buf) and false.
func literalEnd(buf []byte, i int) (int, bool) {
	if k := bytes.IndexAny(buf[i:], ",]}[{\": \t\r\n"); k >= 0 {
		return i + k, true
	}
	return len(buf), false
}

// closeBracket matches the closer c against the open brackets: depth
// levels, of which stack remembers the first (up to maxStack). It returns
// the depth after c; ok is false when no open bracket matches it. A
// mismatched closer closes up to its match, so that one missing bracket
// does not swallow the elements after it.
func closeBracket(stack []byte, depth int, c byte) (int, bool) {
	if depth > len(stack) {
		return depth - 1, true
	}
	want := byte('{')
	if c == ']' {
		want = '['
	}
	if stack[depth-1] == want {
		return depth - 1, true
	}
	if k := bytes.LastIndexByte(stack, want); k >= 0 {
		return k, true
	}
	return depth, false
}
