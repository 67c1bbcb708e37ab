package cmdutil

import (
	"github.com/spf13/cobra"

	"github.com/tiercalc/tiercalc/pkg/report"
)

// PrintFlags is -o for one view, after kubectl's: the formats it offers
// come from report's registry, a value the view cannot print is refused
// while flags parse, and the command reads a report.Format, never a string.
type PrintFlags struct {
	View   report.View
	format string
}

// NewPrintFlags returns -o for view v, defaulting to the view's first
// format (table).
func NewPrintFlags(v report.View) *PrintFlags { return &PrintFlags{View: v} }

// AddFlags adds -o/--output to cmd, with its help and completion.
func (p *PrintFlags) AddFlags(cmd *cobra.Command) {
	names := report.FormatNamesFor(p.View)
	StringEnumFlag(cmd, &p.format, "output", "o", names[0], names, "output format")
}

// Format is the format -o resolved to.
func (p *PrintFlags) Format() report.Format { return report.Format(p.format) }
