// Package report turns engine results into output: one printer per format,
// chosen once from -o. Every format of the check view streams: json,
// ndjson, csv, yaml, junit and github hold no more than a batch of results;
// table, wide and markdown, for people, hold one block of rows (blockRows).
//
// Printers write nothing until the first Print or Close, so the CLI's --out
// file (created on first write) is never created for a run that fails before
// it has anything to say. Streaming printers buffer their writes: Close
// flushes, and must always be called.
package report

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/tiercalc/tiercalc/pkg/compare"
	"github.com/tiercalc/tiercalc/pkg/engine"
)

// Format names an output format, as given to -o.
type Format string

// The output formats.
const (
	Table    Format = "table"
	Wide     Format = "wide" // the table with every field as a column
	JSON     Format = "json"
	NDJSON   Format = "ndjson"
	CSV      Format = "csv"
	YAML     Format = "yaml"
	Markdown Format = "markdown"
	JUnit    Format = "junit"
	GitHub   Format = "github"
)

var formats = [...]Format{Table, Wide, JSON, NDJSON, CSV, YAML, Markdown, JUnit, GitHub, XLSX}

// Formats lists the format names in the order help text shows them.
func Formats() []string { return formatNames(formats[:]) }

func formatNames(fs []Format) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = string(f)
	}
	return out
}

// ParseFormat returns the format named s (case-insensitive).
func ParseFormat(s string) (Format, error) {
	want := strings.ToLower(strings.TrimSpace(s))
	for _, f := range formats {
		if string(f) == want {
			return f, nil
		}
	}
	return "", fmt.Errorf("unknown output format %q (want one of %s)", s, strings.Join(Formats(), ", "))
}

// String returns the format's name.
func (f Format) String() string { return string(f) }

// ProgramInfo describes a program for the headings of table and markdown
// output.
type ProgramInfo struct {
	Name    string // e.g. "VMware Partner Network"
	Edition string // the edition in force; empty: taken from the results
	Tracks  bool   // the program has named tracks: tables show TRACK
}

// Options tune the printers. The zero value is valid.
type Options struct {
	// Programs maps program ids to what headings show about them.
	Programs map[string]ProgramInfo

	// Gate decides, for junit and github output, whether a result fails
	// (a partner below --fail-below, say) and says why in a few words.
	// Nil: nothing fails.
	Gate func(engine.Result) (failed bool, why string)

	// CSVRaw writes CSV cells exactly (--csv-raw): no sanitising, no
	// neutralising of cells a spreadsheet would run as formulas.
	CSVRaw bool

	// Width is the line width the table printer fits rows into by
	// wrapping cells at spaces (COLUMNS or the terminal's width); 0 or
	// less: no limit, every row one line.
	Width int
	// Wide shows every field as a column (-o wide) and wraps nothing.
	Wide bool
	// NoHeaders leaves out the table's title row (--no-headers).
	NoHeaders bool
	// Color colours the table's titles and statuses (a terminal only).
	Color bool
	// RowGate decides, for compare's junit and github output, whether a
	// row fails (--fail-on-downgrade, --fail-on-incomplete) and why.
	RowGate func(compare.Row) (failed bool, why string)

	// StepSummary is the file -o github appends its job summary to
	// ($GITHUB_STEP_SUMMARY); "" for none.
	StepSummary string
}

// Printer writes results in one format.
type Printer interface {
	// Print writes (or, for the formats that write in blocks, records)
	// one result.
	Print(engine.Result) error
	// Close writes whatever is left and flushes. It does not close the
	// underlying writer.
	Close() error
}

var errClosed = errors.New("report: Print after Close")

// New returns a printer of format f writing to w: the check view.
func New(f Format, w io.Writer, o Options) (Printer, error) {
	f, err := ParseFormatFor(ViewCheck, string(f))
	if err != nil {
		return nil, err
	}
	switch f {
	case Table:
		return newTable(w, o), nil
	case Wide:
		o.Wide = true
		return newTable(w, o), nil
	case JSON:
		return newJSON(w), nil
	case NDJSON:
		return newNDJSON(w), nil
	case CSV:
		return newCSV(w, o.CSVRaw), nil
	case XLSX:
		return newXLSXCheck(w), nil
	case YAML:
		return newYAML(w), nil
	case Markdown:
		return newMarkdown(w, o), nil
	case JUnit:
		return newJUnit(w, o), nil
	case GitHub:
		return newGitHub(w, o), nil
	}
	return nil, fmt.Errorf("report: format %q has no printer", f) // unreachable: formats and this switch agree
}
