package suite

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/tiercalc/tiercalc/pkg/partner"
)

// MaxFile bounds a suite file: suites are read whole, like rulebooks.
const MaxFile = 4 << 20

// IsSuiteName reports whether a file found in a folder is a suite:
// *_test.yaml, *_test.yml or *_test.csv (any case).
func IsSuiteName(name string) bool {
	base := strings.ToLower(filepath.Base(name))
	for _, ext := range []string{"_test.yaml", "_test.yml", "_test.csv"} {
		if strings.HasSuffix(base, ext) {
			return true
		}
	}
	return false
}

// Files lists the suites a path names: a file as given, or every suite
// file under a folder (searched through its subfolders), in lexical order.
func Files(path string) ([]string, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !st.IsDir() {
		return []string{path}, nil
	}
	var out []string
	err = filepath.WalkDir(path, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && IsSuiteName(p) {
			out = append(out, p)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: no test suites (*_test.yaml, *_test.yml, *_test.csv) in this folder", path)
	}
	slices.Sort(out)
	return out, nil
}

// ReadFile reads a suite file: a regular file of at most MaxFile bytes.
func ReadFile(path string) ([]byte, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: not a regular file, not a test suite", path)
	}
	if st.Size() > MaxFile {
		return nil, fmt.Errorf("%s: test suite is over the size limit of %d bytes (4 MiB)", path, MaxFile)
	}
	return os.ReadFile(path)
}

// Parse reads a suite in the form its name says: CSV for *.csv, else YAML.
func Parse(name string, data []byte, schema *partner.Schema) (*Suite, error) {
	if strings.EqualFold(filepath.Ext(name), ".csv") {
		return ParseCSV(name, data, schema)
	}
	return ParseYAML(name, data, schema)
}

// Write puts an updated suite in place: written beside it, then renamed.
func Write(path string, text []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(text); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if st, err := os.Stat(path); err == nil {
		os.Chmod(tmp.Name(), st.Mode().Perm())
	}
	return os.Rename(tmp.Name(), path)
}

// RulebookOf is the rulebook a suite file tests, by name: NAME.yaml or
// NAME.yml beside NAME_test.yaml (.yml, .csv); "" when there is none.
func RulebookOf(suitePath string) string {
	ext := filepath.Ext(suitePath)
	stem, ok := strings.CutSuffix(strings.TrimSuffix(suitePath, ext), "_test")
	if !ok {
		return ""
	}
	for _, e := range []string{".yaml", ".yml"} {
		if st, err := os.Stat(stem + e); err == nil && st.Mode().IsRegular() {
			return stem + e
		}
	}
	return ""
}
