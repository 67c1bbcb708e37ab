package report

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"

	"github.com/itchyny/gojq"
)

// JQ is a compiled --jq expression (github.com/itchyny/gojq, the jq
// language in Go), for fields of -o json and ndjson, as gh's --jq.
type JQ struct{ code *gojq.Code }

// ParseJQ compiles expr; an error says where the expression is wrong.
func ParseJQ(expr string) (*JQ, error) {
	q, err := gojq.Parse(expr)
	if err != nil {
		return nil, err
	}
	code, err := gojq.Compile(q)
	if err != nil {
		return nil, err
	}
	return &JQ{code: code}, nil
}

// Writer returns a writer that runs the expression over what a json or
// ndjson printer writes to it and writes the results to w, one a line: a
// string as it is (as jq -r), anything else as JSON. With ndjson each line
// is run on its own as it comes (streaming); with json the whole document
// is read first, so that '.[0].partner' works on the array. Close runs
// what is left.
func (j *JQ) Writer(w io.Writer, f Format) io.WriteCloser {
	return &jqWriter{jq: j, w: bufio.NewWriterSize(w, 64<<10), lines: f == NDJSON}
}

type jqWriter struct {
	jq    *JQ
	w     *bufio.Writer
	lines bool
	buf   []byte
}

func (x *jqWriter) Write(b []byte) (int, error) {
	x.buf = append(x.buf, b...)
	if !x.lines {
		return len(b), nil
	}
	for {
		i := bytes.IndexByte(x.buf, '\n')
		if i < 0 {
			return len(b), nil
		}
		if err := x.run(x.buf[:i]); err != nil {
			return 0, err
		}
		x.buf = x.buf[:copy(x.buf, x.buf[i+1:])]
	}
}

func (x *jqWriter) Close() error {
	if len(bytes.TrimSpace(x.buf)) > 0 {
		if err := x.run(x.buf); err != nil {
			return err
		}
	}
	x.buf = nil
	return x.w.Flush()
}

// run runs the expression on one JSON document.
func (x *jqWriter) run(doc []byte) error {
	var v any
	if err := json.Unmarshal(doc, &v); err != nil {
		return fmt.Errorf("--jq: %w", err)
	}
	iter := x.jq.code.Run(v)
	for {
		out, ok := iter.Next()
		if !ok {
			return nil
		}
		if err, ok := out.(error); ok {
			return fmt.Errorf("--jq: %w", err)
		}
		if s, ok := out.(string); ok {
			x.w.WriteString(s)
		} else {
			b, err := gojq.Marshal(out)
			if err != nil {
				return fmt.Errorf("--jq: %w", err)
			}
			x.w.Write(b)
		}
		x.w.WriteByte('\n')
	}
}
