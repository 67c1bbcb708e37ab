package iostreams

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
)

// outFile is the --out destination. Nothing touches it until the first
// write. A regular file (or a new one) is written beside the target under a
// temporary name that replaces the target only when the run succeeds, so a
// failed run never truncates or half-writes a previous file; the new file
// keeps the old one's permissions (0644 when there was none). Anything else
// (a terminal, /dev/null, a named pipe) is opened and written in place, as a
// shell redirection would, and never replaced.
type outFile struct {
	path   string // as given
	target string // path with symbolic links resolved
	f      *os.File
	tmp    bool // f is a temporary file to rename onto target
	err    error
	stop   chan os.Signal
}

// OutFileError is a --out target refused before any work: a usage error.
type OutFileError struct{ msg string }

func (e *OutFileError) Error() string { return e.msg }

// newOutFile resolves the target and refuses, before any work, a folder
// that does not exist or a target that is a folder.
func newOutFile(path string) (*outFile, error) {
	o := &outFile{path: path, target: path}
	if t, err := filepath.EvalSymlinks(path); err == nil {
		o.target = t
	}
	if st, err := os.Stat(o.target); err == nil && st.IsDir() {
		return nil, &OutFileError{fmt.Sprintf("--out %s is a folder", path)}
	}
	if st, err := os.Stat(filepath.Dir(o.target)); err != nil || !st.IsDir() {
		return nil, &OutFileError{fmt.Sprintf("--out %s: folder %s does not exist", path, filepath.Dir(o.target))}
	}
	return o, nil
}

func (o *outFile) Write(p []byte) (int, error) {
	if o.f == nil && o.err == nil {
		o.err = o.open()
	}
	if o.err != nil {
		return 0, o.err
	}
	return o.f.Write(p)
}

func (o *outFile) open() error {
	st, err := os.Stat(o.target)
	if err == nil && !st.Mode().IsRegular() {
		o.f, err = os.OpenFile(o.target, os.O_WRONLY, 0)
		if err != nil {
			return fmt.Errorf("--out %s: %w", o.path, PathErr(err))
		}
		return nil
	}
	mode := fs.FileMode(0o644)
	if err == nil {
		mode = st.Mode().Perm()
	}
	f, err := os.CreateTemp(filepath.Dir(o.target), "."+filepath.Base(o.target)+".tiercalc-*")
	if err != nil {
		return fmt.Errorf("--out %s: %w", o.path, PathErr(err))
	}
	if err := f.Chmod(mode); err != nil {
		f.Close()
		os.Remove(f.Name())
		return fmt.Errorf("--out %s: %w", o.path, err)
	}
	o.f, o.tmp = f, true
	// An interrupted run must not leave the temporary file behind: remove
	// it, then let the signal end the process as it would have.
	o.stop = make(chan os.Signal, 1)
	signal.Notify(o.stop, os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	go func(name string, stop chan os.Signal) {
		sig, ok := <-stop
		if !ok {
			return
		}
		os.Remove(name)
		signal.Reset(sig)
		_ = syscall.Kill(os.Getpid(), sig.(syscall.Signal))
	}(f.Name(), o.stop)
	return nil
}

// finish puts a temporary file in place when keep, removes it otherwise,
// and closes a file written in place.
func (o *outFile) finish(keep bool) error {
	if o.f == nil {
		return o.err
	}
	if !o.tmp {
		return o.f.Close()
	}
	signal.Stop(o.stop)
	close(o.stop)
	name := o.f.Name()
	err := o.f.Close()
	if !keep || err != nil {
		os.Remove(name)
		return err
	}
	if err := os.Rename(name, o.target); err != nil {
		os.Remove(name)
		return errors.Join(fmt.Errorf("--out %s", o.path), err)
	}
	return nil
}

// PathErr drops the operation and path of a *fs.PathError, for messages
// that name the path themselves.
func PathErr(err error) error {
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err
	}
	return err
}
