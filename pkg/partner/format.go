package partner

import (
	"bytes"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
)

// The input-format registry. Each reader's file registers its format in one
// statement (var FormatX = register(formatSpec{...})), and everything that
// lists, names, recognises or opens formats reads the registry, so a new
// input format is its reader's file and nothing else.
//
// What a command-line front end needs:
//
//	partner.Formats()             every format, by name: for help, hints and completion
//	partner.FormatNames()         the same as names ("csv", "json", ...)
//	partner.FormatByName(s)       --input-format (names and aliases, any case)
//	partner.FormatForPath(path)   a file's format from its extension
//	partner.Sniff(peek)           piped input's format from its first bytes
//	partner.NewReader(r, file, f, schema, opt)
//
// and, per Format: Name, Aliases, Extensions, Description.

// Format is an input file format for partner records. Formats compare with
// ==; the zero Format is no format.
type Format struct{ spec *formatSpec }

// formatSpec is what a reader registers.
type formatSpec struct {
	name    string
	aliases []string // other names --input-format accepts
	exts    []string // lower case, with the dot; the first is the usual one
	desc    string   // one line, for help
	// sniff reports whether input starting with peek (BOM and leading
	// blanks removed; maybe empty) is in this format. nil: the format
	// read when no other claims the input (one format only).
	sniff func(peek []byte) bool
	open  func(r io.Reader, file string, s *Schema, opt ReadOptions) (Reader, error)
	// raw: the reader takes the input as it is (xlsx; YAML, which checks a
	// file's size before reading and decodes UTF-16 itself), not
	// decompressed and decoded text.
	raw bool
}

var registry []*formatSpec

// register adds a format at package initialisation.
func register(f formatSpec) Format {
	registry = append(registry, &f)
	return Format{&f}
}

// Name returns the format's canonical name, as --input-format takes it.
func (f Format) Name() string {
	if f.spec == nil {
		return ""
	}
	return f.spec.name
}

// String returns the format's name.
func (f Format) String() string {
	if f.spec == nil {
		return "Format(none)"
	}
	return f.spec.name
}

// Aliases returns the other names the format is accepted under.
func (f Format) Aliases() []string {
	if f.spec == nil {
		return nil
	}
	return slices.Clone(f.spec.aliases)
}

// Extensions returns the file name extensions (".csv") that select the
// format, the usual one first.
func (f Format) Extensions() []string {
	if f.spec == nil {
		return nil
	}
	return slices.Clone(f.spec.exts)
}

// Description returns a one-line description for help texts.
func (f Format) Description() string {
	if f.spec == nil {
		return ""
	}
	return f.spec.desc
}

// Formats returns every registered input format, sorted by name.
func Formats() []Format {
	out := make([]Format, len(registry))
	for i, s := range registry {
		out[i] = Format{s}
	}
	slices.SortFunc(out, func(a, b Format) int { return strings.Compare(a.spec.name, b.spec.name) })
	return out
}

// FormatNames returns the names of the input formats, sorted.
func FormatNames() []string {
	var out []string
	for _, f := range Formats() {
		out = append(out, f.spec.name)
	}
	return out
}

// FormatByName returns the format named (or aliased) s, in any case,
// surrounding blanks ignored.
func FormatByName(s string) (Format, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	for _, f := range registry {
		if f.name == s || slices.Contains(f.aliases, s) {
			return Format{f}, true
		}
	}
	return Format{}, false
}

// ParseFormat is FormatByName with an error naming the formats.
func ParseFormat(s string) (Format, error) {
	if f, ok := FormatByName(s); ok {
		return f, nil
	}
	return Format{}, fmt.Errorf("unknown input format %q (want %s)", s, FormatList())
}

// FormatList names the input formats for messages and help: "csv, json,
// ndjson or yaml".
func FormatList() string { return joinOr(FormatNames()) }

// ExtensionList names every extension the registry knows, for hints:
// ".csv, .json, ... or .yml".
func ExtensionList() string {
	var exts []string
	for _, f := range Formats() {
		exts = append(exts, f.Extensions()...)
	}
	return joinOr(exts)
}

// joinOr joins items as "a, b or c".
func joinOr(items []string) string {
	if len(items) < 2 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " or " + items[len(items)-1]
}

// FormatForPath picks the format from a file name's extension, in any case.
// ok is false when no format claims the extension.
func FormatForPath(path string) (f Format, ok bool) {
	ext := strings.ToLower(filepath.Ext(path))
	if ext == ".gz" || ext == ".zst" { // compressed: the extension before
		ext = strings.ToLower(filepath.Ext(strings.TrimSuffix(path, filepath.Ext(path))))
	}
	for _, s := range registry {
		if ext != "" && slices.Contains(s.exts, ext) {
			return Format{s}, true
		}
	}
	return Format{}, false
}

// Sniff guesses the format of input from its first bytes (a few KiB are
// plenty), for input with no file name. ok is false when no format
// recognised them: f is then the format to try anyway (CSV, which has no
// signature).
func Sniff(peek []byte) (f Format, ok bool) {
	peek = bytes.TrimLeft(bytes.TrimPrefix(peek, bom), " \t\r\n")
	var fallback *formatSpec
	for _, s := range registry {
		switch {
		case s.sniff == nil:
			fallback = s
		case s.sniff(peek):
			return Format{s}, true
		}
	}
	return Format{fallback}, false
}
