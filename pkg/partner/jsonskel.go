package partner

// The splitter's shortcut (jsonpar.go): finding where an array element
// ends costs a scan of its every byte, on the one goroutine that splits
// the input. The elements of an export are alike but for their values,
// so the last well-formed element's skeleton (its bytes but for its
// values: strings, numbers, true, false, null and lists) is compared
// whole with the next, and only the values are stepped over. Where the
// skeleton does not fit, the element is scanned as before.
//
// When it fits, the element ends where the scan would end it: the
// skeleton's bytes outside strings are a well-formed element's, keys
// included, so they open and close brackets as that element did, closing
// its first one only at their end; a string value is stepped over as the
// scan steps over strings (one cut by a line break does not fit); a
// number or a word holds no quote or bracket; a list holds only its own
// brackets, matched, and strings (a brace or an unmatched bracket does
// not fit).

// skeletons turns the shortcut off when false: tests compare the two.
var skeletons = true

// skel is a skeleton: the bytes between values, and where each value
// stands in them.
type skel struct {
	text     []byte
	segs     []int   // per value: where the bytes before it end in text
	tries    backoff // when the skeleton is tried
	learning bool    // the element being scanned is to give the next skeleton
}

// fit returns where the element at buf[i] (a '{') ends, and whether the
// skeleton fits it.
func (k *skel) fit(buf []byte, i int) (int, bool) {
	k.learning = false
	switch {
	case !skeletons:
		return 0, false
	case k.tries.skip():
		return 0, false
	case k.segs != nil:
		if end, ok := k.fitAt(buf, i); ok {
			k.tries.hit()
			return end, true
		}
		k.tries.missed()
	}
	k.learning = true
	return 0, false
}

func (k *skel) fitAt(buf []byte, i int) (int, bool) {
	from := 0
	for _, to := range k.segs {
		lit := k.text[from:to]
		from = to
		if !litAt(buf, i, lit) {
			return 0, false
		}
		var ok bool
		if i, ok = skelValue(buf, i+len(lit)); !ok {
			return 0, false
		}
	}
	lit := k.text[from:]
	return i + len(lit), litAt(buf, i, lit)
}

// skelValue steps over the value at buf[i]: a string, a number, true,
// false, null, or a list (skelList).
func skelValue(buf []byte, i int) (int, bool) {
	if i >= len(buf) {
		return i, false
	}
	switch c := buf[i]; c {
	case '"':
		end, _ := strEnd(buf, i+1, false)
		return end + 1, end < len(buf) && buf[end] == '"'
	case '[':
		return skelList(buf, i)
	case 't', 'f', 'n':
		w := jsonWords[c]
		return i + len(w), litAt(buf, i, w)
	}
	return skelNum(buf, i)
}

var jsonWords = [256]string{'t': "true", 'f': "false", 'n': "null"}

// skelNum steps over the number at buf[i]: its first byte a digit or a
// '-', the rest digits, signs, points and exponents.
func skelNum(buf []byte, i int) (int, bool) {
	if c := buf[i]; c != '-' && (c < '0' || c > '9') {
		return i, false
	}
	for i++; i < len(buf) && numByte[buf[i]]; i++ {
	}
	return i, true
}

var numByte = func() (t [256]bool) {
	for _, c := range "0123456789+-.eE" {
		t[c] = true
	}
	return t
}()

// skelList steps over the list at buf[i] (a '['): strings, and brackets
// that match. A brace, a line break in a string, or the end of buf first,
// and it does not fit.
func skelList(buf []byte, i int) (int, bool) {
	if buf[i] != '[' {
		return i, false
	}
	depth := 0
	for ; i < len(buf); i++ {
		switch buf[i] {
		case '"':
			end, _ := strEnd(buf, i+1, false)
			if end == len(buf) || buf[end] != '"' {
				return i, false
			}
			i = end
		case '[':
			depth++
		case ']':
			if depth--; depth == 0 {
				return i + 1, true
			}
		case '{', '}':
			return i, false
		}
	}
	return i, false
}

// learn takes the skeleton of e, an element the scan found whole, when
// the skeleton was just tried and missed (or there was none) and e is a
// well-formed object.
func (k *skel) learn(e []byte) {
	if !k.learning || len(e) == 0 || e[0] != '{' || !quickValid(e) {
		return
	}
	k.learning = false
	k.text, k.segs = k.text[:0], k.segs[:0]
	from := 0
	for i := 0; i < len(e); {
		switch c := e[i]; {
		case c == '"':
			end, _ := strEnd(e, i+1, false)
			if j := quickWS(e, end+1); j < len(e) && e[j] == ':' {
				i = end + 1 // a key: part of the skeleton
				continue
			}
		case c == '[' || c == '-' || (c >= '0' && c <= '9') || jsonWords[c] != "":
		default:
			i++
			continue
		}
		end, ok := skelValue(e, i)
		if !ok { // a list holding objects: no skeleton
			k.segs = nil
			return
		}
		k.text = append(k.text, e[from:i]...)
		k.segs = append(k.segs, len(k.text))
		i, from = end, end
	}
	k.text = append(k.text, e[from:]...)
	if k.segs == nil {
		k.segs = []int{}
	}
}
