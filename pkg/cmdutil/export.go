package cmdutil

import (
	"github.com/spf13/pflag"

	"github.com/tiercalc/tiercalc/pkg/partner"
)

// ExportFlags say how an export is read where detection is not enough:
// its encoding, delimiter, decimal comma, sheet, title rows, column names
// and the key of a JSON wrapper. InputOptions holds them.
type ExportFlags struct {
	Encoding      string
	Delimiter     string
	DecimalComma  bool
	Sheet         string
	SkipRows      int
	Map           []string
	IgnoreColumns bool
	JSONPath      string

	export partner.ExportOptions // resolved by take
}

func (e *ExportFlags) addFlags(f *pflag.FlagSet) {
	f.StringVar(&e.Encoding, "encoding", "", "read CSV in this `ENCODING` (utf-8, utf-16, windows-1252, latin-1, ...; default: UTF-8, UTF-16 with a BOM, else Windows-1252 with a warning)")
	f.StringVar(&e.Delimiter, "delimiter", "", "CSV cell separator: , ; tab or | (default: detected from the first lines)")
	f.BoolVar(&e.DecimalComma, "decimal-comma", false, `read numbers with a decimal comma ("1.234,5", "1,234" = 1.234); without it a comma is read as decimal only where it cannot be misread`)
	f.StringVar(&e.Sheet, "sheet", "", "the workbook's sheet to read (.xlsx; default: the first)")
	f.IntVar(&e.SkipRows, "skip-rows", 0, "skip `N` title rows above the header")
	f.StringArrayVar(&e.Map, "map", nil, `read a column as a field: "COLUMN=FIELD", e.g. "Account Name=name" (repeatable; config file: columns:)`)
	f.BoolVar(&e.IgnoreColumns, "ignore-columns", false, "ignore columns that are no field, instead of refusing the file")
	f.StringVar(&e.JSONPath, "json-path", "", "read the records from the array at this `KEY` of a JSON object (a.b for nested keys)")
}

// take checks the flags and resolves them.
func (e *ExportFlags) take() error {
	x := partner.ExportOptions{DecimalComma: e.DecimalComma, Sheet: e.Sheet, SkipRows: e.SkipRows,
		IgnoreColumns: e.IgnoreColumns, JSONPath: e.JSONPath}
	if e.Encoding != "" {
		if _, _, err := partner.ParseEncoding(e.Encoding); err != nil {
			return UsageErrorf("--encoding: %v", err)
		}
		x.Encoding = e.Encoding
	}
	if e.Delimiter != "" {
		d, err := partner.ParseDelimiter(e.Delimiter)
		if err != nil {
			return UsageErrorf("--delimiter: %v", err)
		}
		x.Delimiter = d
	}
	if e.SkipRows < 0 {
		return UsageErrorf("--skip-rows must be 0 or more, got %d", e.SkipRows)
	}
	m, err := partner.ParseColumnMap(e.Map)
	if err != nil {
		return UsageErrorf("--map: %v", err)
	}
	x.Map = m
	e.export = x
	return nil
}
