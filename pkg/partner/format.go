package partner

import (
	"fmt"
	"path/filepath"
	"strings"
)

// Format is an input file format for partner records.
type Format int

// The input formats.
const (
	FormatCSV Format = iota
	FormatJSON
	FormatNDJSON
	FormatYAML
)

// String returns the format's canonical name (csv, json, ndjson, yaml).
func (f Format) String() string {
	switch f {
	case FormatCSV:
		return "csv"
	case FormatJSON:
		return "json"
	case FormatNDJSON:
		return "ndjson"
	case FormatYAML:
		return "yaml"
	}
	return fmt.Sprintf("Format(%d)", int(f))
}

// ParseFormat parses an input format name: csv, json, ndjson (or jsonl),
// yaml (or yml), case-insensitively.
func ParseFormat(s string) (Format, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "csv":
		return FormatCSV, nil
	case "json":
		return FormatJSON, nil
	case "ndjson", "jsonl":
		return FormatNDJSON, nil
	case "yaml", "yml":
		return FormatYAML, nil
	}
	return 0, fmt.Errorf("unknown input format %q (want csv, json, ndjson or yaml)", s)
}

// FormatFromPath picks the format from a file name's extension: .csv, .json,
// .ndjson or .jsonl, .yaml or .yml (any case). ok is false for anything else.
func FormatFromPath(path string) (f Format, ok bool) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".csv":
		return FormatCSV, true
	case ".json":
		return FormatJSON, true
	case ".ndjson", ".jsonl":
		return FormatNDJSON, true
	case ".yaml", ".yml":
		return FormatYAML, true
	}
	return 0, false
}
