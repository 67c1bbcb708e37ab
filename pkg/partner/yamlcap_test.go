package partner

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A YAML input over MaxYAML is refused whole before it is read: a file by
// its size, a stream by reading no more than the cap.
func TestYAMLCap(t *testing.T) {
	item := "- {id: P0000001, name: Acme, VTSP: 2}\n"
	small := strings.Repeat(item, 10)
	big := strings.Repeat(item, MaxYAML/len(item)+1)

	recs, rej, fatal := readAll(t, FormatYAML, small, ReadOptions{})
	if fatal != nil || len(recs) != 1 || len(rej) != 9 {
		t.Fatalf("small: %d records, %d rejected, %v", len(recs), len(rej), fatal)
	}
	var tl *TooLargeError
	_, _, fatal = readAll(t, FormatYAML, big, ReadOptions{})
	if !errors.As(fatal, &tl) || tl.Error() != "in: YAML input larger than 16 MiB" || !strings.Contains(tl.Hint, "NDJSON") {
		t.Fatalf("stream over the cap: %v", fatal)
	}
	cr := &countingReader{r: strings.NewReader(big + big)}
	if _, err := NewReader(cr, "-", FormatYAML, nil, ReadOptions{}); !errors.As(err, &tl) || cr.n > MaxYAML+64<<10 {
		t.Fatalf("stream: %v after %d bytes", err, cr.n)
	}

	// a file is refused by its size, unread (a sparse 1 GiB file)
	path := filepath.Join(t.TempDir(), "big.yaml")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := f.Truncate(1 << 30); err != nil {
		t.Fatal(err)
	}
	if _, err := NewReader(f, path, FormatYAML, nil, ReadOptions{}); !errors.As(err, &tl) {
		t.Fatalf("file: %v", err)
	}
	if off, _ := f.Seek(0, io.SeekCurrent); off != 0 {
		t.Errorf("read %d bytes of a file refused by its size", off)
	}
}

type countingReader struct {
	r io.Reader
	n int
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += n
	return n, err
}
