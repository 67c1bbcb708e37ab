package report

import (
	"fmt"
	"strings"
)

// View names one kind of output tiercalc prints. Each view has its own
// printer entry point (New, NewCompare, WriteSummary, RulesList,
// RulebookShow, RulesDiff, WriteWhy); which formats each accepts is stated once, in
// viewFormats, so that -o's help, completion and validation all read it.
type View string

// The views.
const (
	ViewCheck     View = "check"
	ViewCompare   View = "compare"
	ViewSummary   View = "summary"
	ViewRulesList View = "rules list"
	ViewRulesShow View = "rules show"
	ViewRulesDiff View = "rules diff"
	ViewWhy       View = "why"
	ViewPlan      View = "plan"
	ViewRulesTest View = "rules test"
)

// viewFormats is the registry: the formats of each view, in the order help
// lists them. A new format is added to the views it supports here and to
// their entry points.
var viewFormats = map[View][]Format{
	ViewCheck:     formats[:],
	ViewCompare:   {Table, JSON, Markdown, CSV},
	ViewSummary:   {Table, JSON, Markdown},
	ViewRulesList: {Table, JSON, YAML, Markdown},
	ViewRulesShow: {Table, JSON, YAML, Markdown},
	ViewRulesDiff: {Table, JSON, YAML, Markdown, CSV},
	ViewWhy:       {Table, JSON, Markdown},
	ViewPlan:      {Table, JSON, NDJSON, CSV, Markdown},
	ViewRulesTest: {Table, JSON, JUnit, GitHub},
}

// FormatsFor lists the formats view v supports.
func FormatsFor(v View) []Format { return viewFormats[v] }

// FormatNamesFor lists the names of the formats view v supports.
func FormatNamesFor(v View) []string { return formatNames(FormatsFor(v)) }

// Supports reports whether view v can print format f.
func (v View) Supports(f Format) bool {
	for _, g := range viewFormats[v] {
		if g == f {
			return true
		}
	}
	return false
}

// NoCompatiblePrinterError is returned for a format a view cannot print.
type NoCompatiblePrinterError struct {
	View   View
	Format string
}

func (e *NoCompatiblePrinterError) Error() string {
	return fmt.Sprintf("%s has no %q output (want one of %s)", e.View, e.Format,
		strings.Join(FormatNamesFor(e.View), ", "))
}

// ParseFormatFor returns the format named s (case-insensitive) if view v
// supports it.
func ParseFormatFor(v View, s string) (Format, error) {
	f, err := ParseFormat(s)
	if err != nil || !v.Supports(f) {
		return "", &NoCompatiblePrinterError{View: v, Format: s}
	}
	return f, nil
}
