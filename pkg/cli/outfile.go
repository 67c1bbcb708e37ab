package cli

import (
	"os"
	"path/filepath"
)

// outFile is the --out destination. Nothing touches the file until the
// first write, and writes go to a temporary file beside it that replaces it
// only when the run succeeds: a run that fails, early or late, never
// truncates or half-writes an existing file.
type outFile struct {
	path string
	tmp  *os.File
	err  error
}

func (o *outFile) Write(p []byte) (int, error) {
	if o.tmp == nil && o.err == nil {
		o.tmp, o.err = os.CreateTemp(filepath.Dir(o.path), "."+filepath.Base(o.path)+".*")
	}
	if o.err != nil {
		return 0, o.err
	}
	return o.tmp.Write(p)
}

// finish puts the output in place when ok, and removes it otherwise.
func (o *outFile) finish(ok bool) error {
	if o.tmp == nil {
		return o.err
	}
	name := o.tmp.Name()
	err := o.tmp.Close()
	if !ok || err != nil {
		os.Remove(name)
		return err
	}
	if err := os.Rename(name, o.path); err != nil {
		os.Remove(name)
		return err
	}
	return nil
}
