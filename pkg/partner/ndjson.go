package partner

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strconv"
)

// FormatNDJSON is one JSON record object a line.
var FormatNDJSON = register(formatSpec{
	name: "ndjson", aliases: []string{"jsonl"}, exts: []string{".ndjson", ".jsonl"},
	desc:  "one JSON record object a line (JSON Lines)",
	sniff: func(peek []byte) bool { return len(peek) > 0 && peek[0] == '{' },
	open: func(r io.Reader, file string, s *Schema, opt ReadOptions) (Reader, error) {
		n := newNDJSONReader(r, file, s, opt)
		if serialReading {
			return n, nil
		}
		return readChunks(n.b, r, 1, func(emit func(item)) chunkParser {
			return &ndjsonReader{b: n.b.fork(emit), br: bufio.NewReaderSize(nil, 64<<10)}
		}), nil
	},
})

// maxLine bounds an NDJSON line so that one runaway line cannot exhaust
// memory; a longer line is rejected as a record and skipped.
const maxLine = 16 << 20

// ndjsonReader reads one JSON object per line; blank lines are skipped.
type ndjsonReader struct {
	b    *builder
	br   *bufio.Reader
	line int
	buf  []byte
	done bool
	err  error
}

func newNDJSONReader(r io.Reader, file string, s *Schema, opt ReadOptions) *ndjsonReader {
	return &ndjsonReader{b: newBuilder(file, s, opt, true), br: bufio.NewReaderSize(r, 64<<10)}
}

func (n *ndjsonReader) start(r io.Reader, line int, _ bool) {
	n.br.Reset(r)
	n.line, n.done, n.err = line-1, false, nil
	n.b.warned = nil // given once per chunk here, once per input by the reader
}

func (n *ndjsonReader) col() int { return n.b.col }

func (n *ndjsonReader) dirty() (off, line int) { return -1, 0 }

// readLine returns the next line without its '\n', or too=true (and the
// line skipped) when it is longer than maxLine.
func (n *ndjsonReader) readLine() (line []byte, too bool, err error) {
	line, err = n.br.ReadSlice('\n')
	if err != bufio.ErrBufferFull {
		return bytes.TrimSuffix(line, []byte{'\n'}), false, err
	}
	n.buf = append(n.buf[:0], line...)
	for {
		line, err = n.br.ReadSlice('\n')
		if len(n.buf)+len(line) > maxLine {
			too = true
		} else {
			n.buf = append(n.buf, line...)
		}
		if err != bufio.ErrBufferFull {
			if too {
				n.buf = n.buf[:0]
			}
			return bytes.TrimSuffix(n.buf, []byte{'\n'}), too, err
		}
	}
}

// Next returns the next non-blank line's record.
func (n *ndjsonReader) Next() (*Record, error) {
	if n.err != nil {
		return nil, n.err
	}
	for !n.done {
		raw, too, err := n.readLine()
		if err != nil {
			if err != io.EOF {
				n.err = fmt.Errorf("%s: %w", n.b.file, err)
				return nil, n.err
			}
			n.done = true
			if len(raw) == 0 && !too {
				break
			}
		}
		n.line++
		lead := 0
		if n.line == 1 && bytes.HasPrefix(raw, bom) {
			raw, lead = raw[len(bom):], len(bom)
		}
		if too {
			return nil, &RecordError{File: n.b.file, Line: n.line, Msg: "line longer than " + strconv.Itoa(maxLine>>20) + " MiB", Hint: "NDJSON holds one record per line"}
		}
		lead += len(raw) - len(bytes.TrimLeft(raw, " \t\r"))
		t := bytes.TrimSpace(raw)
		if len(t) == 0 {
			continue
		}
		return n.b.decodeJSONHint(t, n.line, lead+1, "each line must hold one JSON object")
	}
	return nil, io.EOF
}
