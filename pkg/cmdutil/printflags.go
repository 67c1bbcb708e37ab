package cmdutil

import (
	"github.com/spf13/cobra"

	"github.com/tiercalc/tiercalc/pkg/iostreams"
	"github.com/tiercalc/tiercalc/pkg/report"
)

// PrintFlags is -o for one view, after kubectl's: the formats it offers
// come from report's registry, a value the view cannot print is refused
// while flags parse, and the command reads a report.Format, never a string.
type PrintFlags struct {
	View   report.View
	format string
	csvRaw bool
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
}

// Check refuses --csv-raw with a format other than csv: it would be
// silently ignored.
func (p *PrintFlags) Check() error {
	if p.csvRaw && p.Format() != report.CSV {
		return UsageErrorf("--csv-raw applies to -o csv only, not -o %s", p.format)
	}
	return nil
}

// CSVRaw reports whether CSV cells are written exactly (--csv-raw).
func (p *PrintFlags) CSVRaw() bool { return p.csvRaw }

// Format is the format -o resolved to.
func (p *PrintFlags) Format() report.Format { return report.Format(p.format) }

// CheckTerminal refuses -o xlsx, a binary workbook, on a terminal.
func (p *PrintFlags) CheckTerminal(ios *iostreams.IOStreams) error {
	if p.Format() == report.XLSX && ios.IsResultsTTY() {
		return UsageErrorf("-o xlsx writes a workbook, which a terminal cannot show").
			Hintf("write it to a file: --out results.xlsx, or > results.xlsx")
	}
	return nil
}
