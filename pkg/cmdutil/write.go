package cmdutil

import (
	"bufio"
	"io"
)

// WriteBuffered runs write against a buffer on w and flushes it: views
// written at once make many small writes.
func WriteBuffered(w io.Writer, write func(*bufio.Writer) error) error {
	bw := bufio.NewWriter(w)
	if err := write(bw); err != nil {
		return err
	}
	return bw.Flush()
}
