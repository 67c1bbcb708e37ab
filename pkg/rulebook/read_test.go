package rulebook

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

type endless struct{ n int64 }

func (e *endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = '#'
	}
	e.n += int64(len(p))
	return len(p), nil
}

// An endless stream is refused once it passes the cap, having read no more
// than one byte past it.
func TestReadFromStopsAtTheCap(t *testing.T) {
	r := &endless{}
	_, err := ReadFrom("stdin", r)
	var re *RefusedError
	if !errors.As(err, &re) {
		t.Fatalf("err = %v, want a RefusedError", err)
	}
	if r.n > MaxFileSize+64<<10 {
		t.Errorf("read %d bytes for a cap of %d", r.n, MaxFileSize)
	}
	if data, err := ReadFrom("stdin", io.LimitReader(r, 10)); err != nil || len(data) != 10 {
		t.Errorf("small input: %d bytes, %v", len(data), err)
	}
}

// A named pipe is refused from its stat, never opened (which would block).
func TestFilesRefusesPipes(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "p.yaml")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip(err)
	}
	var re *RefusedError
	for _, p := range []string{fifo, dir} {
		if _, err := Files(p); !errors.As(err, &re) {
			t.Errorf("Files(%s) = %v, want a RefusedError", p, err)
		}
	}
	if _, err := ReadFile(fifo); !errors.As(err, &re) {
		t.Errorf("ReadFile = %v", err)
	}
	if err := NewSet().AddPath(dir); !errors.As(err, &re) {
		t.Errorf("AddPath = %v", err)
	}
	if _, err := ReadFile(os.DevNull); !errors.As(err, &re) {
		t.Errorf("ReadFile(%s) = %v", os.DevNull, err)
	}
}
