package cmdutil

import (
	"io"
	"strconv"

	"github.com/spf13/cobra"

	"github.com/tiercalc/tiercalc/pkg/iostreams"
	"github.com/tiercalc/tiercalc/pkg/report"
)

// PrintFlags is -o for one view, after kubectl's: the formats it offers
// come from report's registry, a value the view cannot print is refused
// while flags parse, and the command reads a report.Format, never a string.
// With it come the flags that tune the printers: --csv-raw and
// --no-headers where the view has those formats.
type PrintFlags struct {
	View      report.View
	format    string
	csvRaw    bool
	noHeaders bool
	jqExpr    string
	jq        *report.JQ
}

// NewPrintFlags returns -o for view v, defaulting to the view's first
// format (table).
func NewPrintFlags(v report.View) *PrintFlags { return &PrintFlags{View: v} }

// AddFlags adds -o/--output to cmd, with its help and completion.
func (p *PrintFlags) AddFlags(cmd *cobra.Command) {
	names := report.FormatNamesFor(p.View)
	StringEnumFlag(cmd, &p.format, "output", "o", names[0], names, "output format")
	if p.View.Supports(report.CSV) {
		cmd.Flags().BoolVar(&p.csvRaw, "csv-raw", false, "with -o csv, write every cell exactly: no escaping of control characters, no quote before cells a spreadsheet would run as formulas (= + - @)")
	}
	if p.View.Supports(report.JSON) && p.View != report.ViewSummary {
		cmd.Flags().StringVar(&p.jqExpr, "jq", "", "with -o json or ndjson, print what this jq `EXPR` selects: from the whole array with json, from each object with ndjson (strings as they are, other values as JSON)")
	}
	if p.View == report.ViewCheck || p.View == report.ViewCompare {
		cmd.Flags().BoolVar(&p.noHeaders, "no-headers", false, "leave out the column titles of -o table, wide and markdown")
	}
}

// Check refuses --csv-raw with a format other than csv: it would be
// silently ignored.
// An expression that does not parse is refused before any input is read.
func (p *PrintFlags) Check() error {
	if p.csvRaw && p.Format() != report.CSV {
		return UsageErrorf("--csv-raw applies to -o csv only, not -o %s", p.format)
	}
	if p.jqExpr == "" {
		return nil
	}
	if f := p.Format(); f != report.JSON && f != report.NDJSON {
		return UsageErrorf("--jq applies to -o json and -o ndjson, not -o %s", p.format).Hintf("add -o json (the whole array) or -o ndjson (each object)")
	}
	jq, err := report.ParseJQ(p.jqExpr)
	if err != nil {
		return UsageErrorf("--jq %q: %v", p.jqExpr, err)
	}
	p.jq = jq
	return nil
}

// Output is where the printer writes: w itself, or with --jq a filter
// onto w; done ends the filter, after the printer's Close.
func (p *PrintFlags) Output(w io.Writer) (out io.Writer, done func() error) {
	if p.jq == nil {
		return w, func() error { return nil }
	}
	jw := p.jq.Writer(w, p.Format())
	return jw, jw.Close
}

// CSVRaw reports whether CSV cells are written exactly (--csv-raw).
func (p *PrintFlags) CSVRaw() bool { return p.csvRaw }

// Format is the format -o resolved to.
func (p *PrintFlags) Format() report.Format { return report.Format(p.format) }

// Options are the printer options these flags and the terminal give:
// tables fit COLUMNS, else the terminal's width (none when the results do
// not go to a terminal: every row is then one line), and are coloured
// only on a terminal, unless NO_COLOR is set (no-color.org).
func (p *PrintFlags) Options(f *Factory) report.Options {
	o := report.Options{CSVRaw: p.csvRaw, NoHeaders: p.noHeaders}
	tty := f.IOStreams.IsResultsTTY()
	if n, err := strconv.Atoi(getenv(f, "COLUMNS")); err == nil && n > 0 {
		o.Width = n
	} else if tty && f.TermWidth != nil {
		o.Width = f.TermWidth()
	}
	o.Color = tty && getenv(f, "NO_COLOR") == ""
	o.StepSummary = getenv(f, "GITHUB_STEP_SUMMARY")
	return o
}

func getenv(f *Factory, key string) string {
	if f.Getenv == nil {
		return ""
	}
	return f.Getenv(key)
}

// CheckTerminal refuses -o xlsx, a binary workbook, on a terminal.
func (p *PrintFlags) CheckTerminal(ios *iostreams.IOStreams) error {
	if p.Format() == report.XLSX && ios.IsResultsTTY() {
		return UsageErrorf("-o xlsx writes a workbook, which a terminal cannot show").
			Hintf("write it to a file: --out results.xlsx, or > results.xlsx")
	}
	return nil
}
