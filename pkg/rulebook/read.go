package rulebook

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"syscall"
)

// Every path that reads a rulebook (--rules, rules validate, rules diff)
// reads it here: the path must be a regular file or a folder of them, which
// is known from a stat, before anything is opened (a named pipe would block
// the open, a device never end), and a file is read through a reader that
// stops one byte past MaxFileSize. What is refused here is refused as a
// whole for its size or kind: a *RefusedError, exit 2 (the README's contract).

// RefusedError is a rulebook path refused as a whole for its size or kind.
type RefusedError struct {
	Path   string
	Reason string
}

func (e *RefusedError) Error() string { return e.Path + ": " + e.Reason }

// ReadFile reads the rulebook file at p: a regular file (after symbolic
// links) of at most MaxFileSize bytes.
func ReadFile(p string) ([]byte, error) {
	st, err := os.Stat(p)
	if err != nil {
		return nil, err
	}
	if err := regular(p, st); err != nil {
		return nil, err
	}
	if st.Size() > MaxFileSize {
		return nil, tooLarge(p)
	}
	// O_NONBLOCK and a second look at what was opened: a path swapped for
	// a named pipe between the stat and the open must not block either.
	f, err := os.OpenFile(p, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if st, err = f.Stat(); err != nil {
		return nil, err
	}
	if err := regular(p, st); err != nil {
		return nil, err
	}
	return ReadFrom(p, f)
}

// ReadFrom reads a rulebook from r (stdin, asked for with "-"), named name,
// refusing it at MaxFileSize without reading further.
func ReadFrom(name string, r io.Reader) ([]byte, error) {
	data, err := readLimited(r)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if len(data) > MaxFileSize {
		return nil, tooLarge(name)
	}
	return data, nil
}

// readLimited reads at most one byte past MaxFileSize, so a huge file (or
// an endless stream) is refused without reading it all.
func readLimited(r io.Reader) ([]byte, error) {
	return io.ReadAll(io.LimitReader(r, MaxFileSize+1))
}

func tooLarge(name string) error {
	return &RefusedError{name, fmt.Sprintf("rulebook is over the size limit of %d bytes (4 MiB)", MaxFileSize)}
}

// regular refuses anything but a regular file, naming what it is.
func regular(p string, st fs.FileInfo) error {
	m := st.Mode()
	if m.IsRegular() {
		return nil
	}
	kind := "not a regular file"
	switch {
	case m&fs.ModeNamedPipe != 0:
		kind = "a named pipe (FIFO)"
	case m&fs.ModeDevice != 0 || m&fs.ModeCharDevice != 0:
		kind = "a device"
	case m&fs.ModeSocket != 0:
		kind = "a socket"
	case m.IsDir():
		kind = "a folder"
	}
	return &RefusedError{p, kind + ", not a rulebook file; a rulebook path is a regular file or a folder of them"}
}

// Files lists the rulebook files a path names: the path itself for a
// regular file, the *.yaml and *.yml files (any case) of a folder, not
// recursing and leaving out test suites and costs files (NotRulebook), each a regular file, at most MaxFolderFiles of them and
// MaxFolderSize bytes in all. A folder without any is an error.
func Files(p string) ([]string, error) {
	info, err := os.Stat(p)
	if err != nil {
		return nil, err
	}
	if !info.IsDir() {
		if err := regular(p, info); err != nil {
			return nil, err
		}
		return []string{p}, nil
	}
	entries, err := os.ReadDir(p)
	if err != nil {
		return nil, err
	}
	var names []string
	var total int64
	for _, e := range entries {
		ext := strings.ToLower(path.Ext(e.Name()))
		if e.IsDir() || (ext != ".yaml" && ext != ".yml") || NotRulebook(e.Name()) {
			continue
		}
		name := filepath.Join(p, e.Name())
		st, err := os.Stat(name) // a link is judged by what it names
		if err != nil {
			return nil, err
		}
		if err := regular(name, st); err != nil {
			return nil, err
		}
		if len(names) == MaxFolderFiles {
			return nil, &RefusedError{p, fmt.Sprintf("folder holds over %d rulebooks, the limit", MaxFolderFiles)}
		}
		if total += st.Size(); total > MaxFolderSize {
			return nil, &RefusedError{p, fmt.Sprintf("rulebooks in this folder are over %d bytes (32 MiB) in all, the limit", MaxFolderSize)}
		}
		names = append(names, name)
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("%s: no rulebooks (*.yaml, *.yml) in this folder", p)
	}
	return names, nil
}
