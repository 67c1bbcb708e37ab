package cli

import (
	"bufio"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"

	"github.com/tiercalc/tiercalc/pkg/partner"
)

// input is one source of partner records named on the command line.
type input struct {
	name   string // as the user wrote it; "-" is stdin, shown as "stdin"
	format partner.Format
	sniff  bool // format to be guessed from the first bytes (stdin only)
}

// resolveInputs checks every named input before any record is read, so a
// typo in the third file fails the run before output starts.
func resolveInputs(files []string, inputFormat string, d *Deps, stdinIsTerminal bool) ([]input, error) {
	var forced partner.Format
	hasForced := inputFormat != ""
	if hasForced {
		f, err := partner.ParseFormat(inputFormat)
		if err != nil {
			return nil, usageErr("--input-format %q: %v", inputFormat, err).
				hint("use one of csv, json, ndjson, yaml")
		}
		forced = f
	}
	if len(files) == 0 {
		if stdinIsTerminal {
			return nil, usageErr("no input: name partner files, or pipe records to stdin").
				hint("e.g. tiercalc check testdata/partners.csv")
		}
		files = []string{"-"}
	}
	var out []input
	stdinSeen := false
	for _, name := range files {
		in := input{name: name, format: forced}
		if name == "-" {
			if stdinSeen {
				return nil, usageErr("stdin (-) is named twice")
			}
			stdinSeen = true
			if stdinIsTerminal {
				return nil, usageErr("stdin (-) is a terminal, not a file of records").
					hint("pipe records in, e.g. tiercalc check - < partners.csv")
			}
			in.sniff = !hasForced
			out = append(out, in)
			continue
		}
		st, err := os.Stat(name)
		switch {
		case err != nil:
			return nil, usageErr("%s: %v", name, pathErr(err)).hint("check the file name")
		case st.IsDir():
			return nil, usageErr("%s is a directory, not a file of partner records", name)
		}
		// A regular file is opened once here so that an unreadable one
		// fails before any output; a pipe or device must not be, since
		// opening it twice would lose what the first open consumed.
		if st.Mode().IsRegular() {
			f, err := os.Open(name)
			if err != nil {
				return nil, usageErr("%s: %v", name, pathErr(err))
			}
			f.Close()
		}
		if !hasForced {
			ff, ok := partner.FormatFromPath(name)
			if !ok {
				return nil, usageErr("%s: cannot tell the format from the file name", name).
					hint("name it .csv, .json, .ndjson, .jsonl or .yaml, or pass --input-format")
			}
			in.format = ff
		}
		out = append(out, in)
	}
	return out, nil
}

func pathErr(err error) error {
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err
	}
	return err
}

// open opens an input for reading.
func (in input) open(d *Deps) (io.ReadCloser, string, partner.Format, error) {
	if in.name == "-" {
		br := bufio.NewReaderSize(d.In, 64<<10)
		f := in.format
		if in.sniff {
			f = sniffFormat(br)
		}
		return io.NopCloser(br), "stdin", f, nil
	}
	f, err := os.Open(in.name)
	if err != nil {
		return nil, in.name, in.format, fmt.Errorf("%s: %w", in.name, pathErr(err))
	}
	return f, in.name, in.format, nil
}

// sniffFormat guesses the format of piped records from their first
// non-blank byte: '[' JSON, '{' NDJSON, '-' or "---" YAML, else CSV.
func sniffFormat(br *bufio.Reader) partner.Format {
	buf, _ := br.Peek(4096)
	s := strings.TrimLeft(strings.TrimPrefix(string(buf), "\ufeff"), " \t\r\n")
	switch {
	case strings.HasPrefix(s, "["):
		return partner.FormatJSON
	case strings.HasPrefix(s, "{"):
		return partner.FormatNDJSON
	case strings.HasPrefix(s, "-"), strings.HasPrefix(s, "#"):
		return partner.FormatYAML
	}
	return partner.FormatCSV
}
