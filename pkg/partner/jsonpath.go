package partner

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"strings"
)

// A JSON export that wraps its records in an object ({"partners": [...]})
// is refused with a hint, or read with --json-path partners: the bytes
// around the array become blanks (line breaks kept), so the JSON reader
// sees the array alone and still names the file's own lines and columns.

// jsonWrapped returns text for the JSON reader: the array under
// opt.JSONPath, or text itself after checking it is not a wrapper object.
func jsonWrapped(text *bufio.Reader, file string, opt *ReadOptions) (io.Reader, error) {
	if opt.JSONPath != "" {
		var r io.Reader = text
		for _, key := range strings.Split(opt.JSONPath, ".") {
			r = &jsonPick{r: r, key: key, file: file, path: opt.JSONPath}
		}
		return r, nil
	}
	p, _ := text.Peek(peekSize)
	if key, ok := wrapperKey(p); ok {
		hint := "pass --json-path " + key + " to read the records inside"
		if key == "" || strings.Contains(key, ".") {
			hint = "--json-path names keys joined by dots, so it cannot reach this one: write the array on its own"
		}
		// the line of the object's opening brace
		line := 1 + bytes.Count(p[:len(p)-len(bytes.TrimLeft(p, " \t\r\n"))], []byte{'\n'})
		return nil, &HeaderError{File: file, Line: line, Msg: "a JSON object holding the records under " + quote(key) + ", not an array of records", Hint: hint}
	}
	return text, nil
}

// wrapperKey reports whether p starts an object that holds an array or
// object under a key that names no record field, before any key that
// does: a wrapper such as {"exported": "...", "partners": [...]}.
func wrapperKey(p []byte) (string, bool) {
	p = bytes.TrimLeft(p, " \t\r\n")
	if len(p) == 0 || p[0] != '{' {
		return "", false
	}
	dec := json.NewDecoder(bytes.NewReader(p))
	if _, err := dec.Token(); err != nil {
		return "", false
	}
	for {
		t, err := dec.Token()
		key, isKey := t.(string)
		if err != nil || !isKey || knownName(key) {
			return "", false
		}
		if t, err = dec.Token(); err != nil {
			return "", false
		}
		if d, isDelim := t.(json.Delim); isDelim && (d == '[' || d == '{') {
			return key, true
		}
	}
}

// knownName reports whether key names a record field or group in the
// built-in schema (a record's first key, not a wrapper's).
func knownName(key string) bool {
	b := newBuilder("", NewSchema(), ReadOptions{}, true)
	return b.lookup(key) != nil
}

// jsonPick passes on the value of key in the top-level object of r, and
// blanks out everything else.
type jsonPick struct {
	r               io.Reader
	key, file, path string

	phase    int // 0: before the value, 1: in it, 2: after it
	depth    int
	inStr    bool
	esc      bool
	expect   bool   // at depth 1: the next string is a key
	keyStart int    // offset in cur of the key being read, -1 if none
	cur      []byte // the key read so far
	match    bool   // the last key read is ours
	vdepth   int    // depth the value started at
	line     int
	err      error
}

func (j *jsonPick) Read(p []byte) (int, error) {
	if j.err != nil {
		return 0, j.err
	}
	n, err := j.r.Read(p)
	for i := 0; i < n; i++ {
		p[i] = j.step(p[i])
	}
	if j.err != nil {
		return 0, j.err // the input is unusable: nothing of it is read
	}
	if err == io.EOF && j.phase == 0 {
		j.err = &HeaderError{File: j.file, Msg: "--json-path " + j.path + ": no key " + quote(j.key) + " in the top-level object",
			Hint: "name the key that holds the array of records"}
		return n, nil
	}
	return n, err
}

// step scans one byte and returns what the JSON reader sees in its place.
func (j *jsonPick) step(c byte) byte {
	if c == '\n' {
		j.line++
	}
	switch j.phase {
	case 1:
		j.scan(c)
		if j.depth < j.vdepth {
			j.phase = 2 // c closed the value
		}
		return c
	case 2:
		return blankOut(c)
	}
	if j.match && !j.inStr && j.depth == 1 && !isSpace(c) && c != ':' {
		j.phase, j.vdepth = 1, 2
		if c != '[' && c != '{' {
			j.err = &HeaderError{File: j.file, Line: j.line + 1, Msg: "--json-path " + j.path + ": " + quote(j.key) + " holds no array of records"}
			return ' '
		}
		j.scan(c)
		return c
	}
	j.scan(c)
	if c == '[' && j.depth == 1 && !j.inStr {
		j.err = &HeaderError{File: j.file, Msg: "--json-path " + j.path + ": the input is an array, not an object holding one",
			Hint: "leave out --json-path"}
	}
	return blankOut(c)
}

// scan follows strings, depth and keys.
func (j *jsonPick) scan(c byte) {
	if j.inStr {
		switch {
		case j.esc:
			j.esc = false
		case c == '\\':
			j.esc = true
		case c == '"':
			j.inStr = false
			if j.keyStart >= 0 {
				var k string
				j.match = json.Unmarshal(append(j.cur, '"'), &k) == nil && k == j.key && j.phase == 0
				j.keyStart = -1
			}
			return
		}
		if j.keyStart >= 0 {
			j.cur = append(j.cur, c)
		}
		return
	}
	switch c {
	case '"':
		j.inStr = true
		j.keyStart = -1
		if j.depth == 1 && j.expect {
			j.keyStart, j.cur, j.expect = 0, append(j.cur[:0], '"'), false
		}
	case '{', '[':
		j.depth++
		j.expect = c == '{' && j.depth == 1
		j.match = false
	case '}', ']':
		j.depth--
	case ',':
		j.expect = j.depth == 1
		j.match = false
	}
}

// blankOut is what a byte of the wrapper around the --json-path value
// becomes: a space, or itself for a line end (line numbers stay).
func blankOut(c byte) byte {
	if c == '\n' || c == '\r' {
		return c
	}
	return ' '
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }
