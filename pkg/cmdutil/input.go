package cmdutil

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/tiercalc/tiercalc/pkg/internal/batch"
	"github.com/tiercalc/tiercalc/pkg/iostreams"
	"github.com/tiercalc/tiercalc/pkg/partner"
)

// input is one source of partner records named on the command line.
type input struct {
	name   string // as the user wrote it; "-" is stdin, shown as "stdin"
	format partner.Format
	sniff  bool      // format to be guessed from the first bytes (stdin only)
	stdin  io.Reader // what "-" reads
}

// ResolveInputs checks every named input before any record is read, so a
// typo in the third file fails the run before output starts. No files
// means stdin, unless it is a terminal.
func ResolveInputs(files []string, inputFormat string, ios *iostreams.IOStreams) ([]batch.Input, error) {
	stdinIsTerminal := ios.IsStdinTTY()
	var forced partner.Format
	hasForced := inputFormat != ""
	if hasForced {
		f, err := partner.ParseFormat(inputFormat)
		if err != nil {
			return nil, UsageErrorf("--input-format %q: %v", inputFormat, err).
				Hintf("use one of %s", strings.Join(partner.FormatNames(), ", "))
		}
		forced = f
	}
	if len(files) == 0 {
		if stdinIsTerminal {
			return nil, UsageErrorf("no input: name partner files, or pipe records to stdin").
				Hintf("e.g. tiercalc check testdata/partners.csv")
		}
		files = []string{"-"}
	}
	var out []batch.Input
	stdinSeen := false
	for _, name := range files {
		in := input{name: name, format: forced, stdin: ios.In}
		if name == "-" {
			if stdinSeen {
				return nil, UsageErrorf("stdin (-) is named twice")
			}
			stdinSeen = true
			if err := checkStdin(ios, stdinIsTerminal); err != nil {
				return nil, err
			}
			in.sniff = !hasForced
			out = append(out, in)
			continue
		}
		if err := checkInputFile(ios, name); err != nil {
			return nil, err
		}
		if !hasForced {
			ff, ok := partner.FormatForPath(name)
			if !ok {
				return nil, UsageErrorf("%s: cannot tell the format from the file name", name).
					Hintf("name it %s, or pass --input-format", partner.ExtensionList())
			}
			in.format = ff
		}
		out = append(out, in)
	}
	return out, nil
}

// checkStdin refuses stdin as an input when it is a terminal or the --out
// file.
func checkStdin(ios *iostreams.IOStreams, stdinIsTerminal bool) error {
	if stdinIsTerminal {
		return UsageErrorf("stdin (-) is a terminal, not a file of records").
			Hintf("pipe records in, e.g. tiercalc check - < partners.csv")
	}
	if f, ok := ios.In.(*os.File); ok {
		if st, err := f.Stat(); err == nil && ios.IsOutFile(st) {
			return OutIsInput("stdin", ios.OutFile())
		}
	}
	return nil
}

// checkInputFile refuses an input file that is missing, a directory, the
// --out file, or a regular file that cannot be opened.
func checkInputFile(ios *iostreams.IOStreams, name string) error {
	st, err := os.Stat(name)
	switch {
	case err != nil:
		return UsageErrorf("%s: %v", name, iostreams.PathErr(err)).Hintf("check the file name")
	case st.IsDir():
		return UsageErrorf("%s is a directory, not a file of partner records", name)
	case ios.IsOutFile(st):
		return OutIsInput(name, ios.OutFile())
	}
	// A regular file is opened once here so that an unreadable one
	// fails before any output; a pipe or device must not be, since
	// opening it twice would lose what the first open consumed.
	if st.Mode().IsRegular() {
		f, err := os.Open(name)
		if err != nil {
			return UsageErrorf("%s: %v", name, iostreams.PathErr(err))
		}
		f.Close()
	}
	return nil
}

// OutIsInput is the refusal of an --out file that is one of the run's
// inputs: the results would replace the data they come from.
func OutIsInput(input, out string) *ExitError {
	return UsageErrorf("--out %s is the input %s: the results would replace it", out, input).
		Hintf("write the results to another file")
}

// CheckNotOut refuses, before it is read, an input path (a rulebook, or
// every file of a folder of them) that is the --out file.
func CheckNotOut(ios *iostreams.IOStreams, path string) error {
	if ios.OutFile() == "" {
		return nil
	}
	st, err := os.Stat(path)
	if err != nil {
		return nil // the reader reports it
	}
	if ios.IsOutFile(st) {
		return OutIsInput(path, ios.OutFile())
	}
	if !st.IsDir() {
		return nil
	}
	entries, err := os.ReadDir(path)
	if err != nil {
		return nil
	}
	for _, e := range entries {
		p := filepath.Join(path, e.Name())
		if st, err := os.Stat(p); err == nil && ios.IsOutFile(st) {
			return OutIsInput(p, ios.OutFile())
		}
	}
	return nil
}

// Open opens an input for reading.
func (in input) Open() (io.ReadCloser, string, partner.Format, error) {
	if in.name == "-" {
		// gzip or zstd by its magic bytes, and the format of what it holds
		r, err := partner.Decompress(in.stdin)
		if err != nil {
			return nil, "stdin", in.format, fmt.Errorf("stdin: %w", err)
		}
		br := bufio.NewReaderSize(r, 64<<10)
		f := in.format
		if in.sniff {
			f = sniffFormat(br)
		}
		return io.NopCloser(br), "stdin", f, nil
	}
	f, err := os.Open(in.name)
	if err != nil {
		return nil, in.name, in.format, fmt.Errorf("%s: %w", in.name, iostreams.PathErr(err))
	}
	if compressed(in.name) && in.format == partner.FormatYAML {
		// the YAML reader takes its input as it is; the others decompress
		r, err := partner.Decompress(f)
		if err != nil {
			f.Close()
			return nil, in.name, in.format, fmt.Errorf("%s: %w", in.name, err)
		}
		return struct {
			io.Reader
			io.Closer
		}{r, f}, in.name, in.format, nil
	}
	return f, in.name, in.format, nil
}

// compressed reports whether a file name says gzip or zstd.
func compressed(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	return ext == ".gz" || ext == ".zst"
}

// sniffFormat guesses the format of piped records from their first bytes,
// as the input-format registry says (CSV when no format claims them).
func sniffFormat(br *bufio.Reader) partner.Format {
	buf, _ := br.Peek(4096)
	f, _ := partner.Sniff(buf)
	return f
}
