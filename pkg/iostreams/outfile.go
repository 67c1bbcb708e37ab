package iostreams

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"sync"
	"syscall"

	"github.com/tiercalc/tiercalc/pkg/internal/safetext"
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
	errOut io.Writer  // where an interrupt is reported
	mu     sync.Mutex // an interrupt and finish, one at a time
	done   bool       // finish has run
}

// OutFileError is a --out target refused before any work: a usage error.
type OutFileError struct{ msg string }

func (e *OutFileError) Error() string { return e.msg }

// newOutFile resolves the target and refuses, before any work, a folder
// that does not exist or a target that is a folder.
func newOutFile(path string, errOut io.Writer) (*outFile, error) {
	o := &outFile{path: path, target: path, errOut: errOut}
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
	o.watch(f.Name())
	return nil
}

// watch removes the temporary file name when a signal ends the run, says
// so once on stderr, and lets the signal end the process as it would have.
// Only signals that are not ignored are caught: under nohup, or in a
// script's & job, SIGHUP or SIGINT is inherited as ignored, the run goes on
// through it, and so must its temporary file.
func (o *outFile) watch(name string) {
	sigs := catchable()
	if len(sigs) == 0 {
		return
	}
	o.stop = make(chan os.Signal, 1)
	signal.Notify(o.stop, sigs...)
	go func(stop chan os.Signal) {
		sig, ok := <-stop
		if !ok {
			return
		}
		o.mu.Lock() // held to the end: finish must not rename what is removed
		if o.done {
			// finish won the race: the file is in place; only end.
			signal.Reset(sig)
			_ = syscall.Kill(os.Getpid(), sig.(syscall.Signal))
			return
		}
		os.Remove(name)
		if o.errOut != nil {
			fmt.Fprintf(o.errOut, "tiercalc: error: interrupted (%v); --out %s left as it was\n", sig, safetext.Terminal(o.path))
		}
		signal.Reset(sig)
		_ = syscall.Kill(os.Getpid(), sig.(syscall.Signal))
	}(o.stop)
}

// interrupts are the signals that end a run; catchable leaves out those
// the process inherited as ignored (signal.Ignored), which must stay so.
var interrupts = []os.Signal{os.Interrupt, syscall.SIGTERM, syscall.SIGHUP}

func catchable() []os.Signal {
	var out []os.Signal
	for _, s := range interrupts {
		if !signal.Ignored(s) {
			out = append(out, s)
		}
	}
	return out
}

// finish puts a temporary file in place when keep, removes it otherwise,
// and closes a file written in place. A finished run always replaces the
// file, even when it wrote nothing: an empty answer is an answer, and the
// previous file must not pass for it.
func (o *outFile) finish(keep bool) error {
	if o.f == nil && keep && o.err == nil {
		o.err = o.open()
	}
	if o.f == nil {
		return o.err
	}
	if !o.tmp {
		return o.wrap(o.f.Close())
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	o.done = true
	if o.stop != nil {
		signal.Stop(o.stop)
		close(o.stop)
	}
	name := o.f.Name()
	err := o.f.Close()
	if !keep || err != nil {
		os.Remove(name)
		return o.wrap(err)
	}
	if err := os.Rename(name, o.target); err != nil {
		os.Remove(name)
		return o.wrap(err)
	}
	return nil
}

// wrap names the --out path in err, once.
func (o *outFile) wrap(err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("--out %s: %w", o.path, err)
}

// SameFile reports whether st is the --out target itself (through a
// symbolic or hard link too) and a regular file, which the results would
// replace; a device such as /dev/null is written in place, never replaced.
func (o *outFile) SameFile(st os.FileInfo) bool {
	t, err := os.Stat(o.target)
	return err == nil && t.Mode().IsRegular() && os.SameFile(t, st)
}

// PathErr drops the operation and path of a *fs.PathError, for messages
// that name the path themselves.
func PathErr(err error) error {
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err
	}
	return err
}
