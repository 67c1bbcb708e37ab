// Package ci is the one home of the two formats CI systems read from every
// command that gates a job: GitHub Actions workflow commands (annotations)
// and JUnit XML as the Jenkins/Ant junit-10.xsd defines it. Commands build
// Annotation and Case values; this package does the escaping, so partner or
// rulebook text can never end a command early or break the XML.
package ci

import (
	"strconv"
	"strings"

	"github.com/tiercalc/tiercalc/pkg/internal/safetext"
)

// Annotation is one GitHub Actions workflow command such as
//
//	::error file=rules/vpn-2009.yaml,line=12,title=tier Premier::needs 4 VCPs
//
// Level is "error", "warning" or "notice". File, Line and Col are optional
// (0 or "" leave them out).
type Annotation struct {
	Level   string
	File    string
	Line    int
	Col     int
	Title   string
	Message string
}

var (
	dataEscaper     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	propertyEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

// Data escapes a workflow command's message as the Actions runner expects
// (actions/toolkit's command.ts): % \r and \n.
func Data(s string) string { return dataEscaper.Replace(s) }

// Property escapes a workflow command's property value: as Data, and also
// the : and , that would end the property.
func Property(s string) string { return propertyEscaper.Replace(s) }

// AppendAnnotation appends a's workflow command line (with its newline) to b.
// Other control characters are made visible by safetext.Data first, so the
// line stays one line.
func AppendAnnotation(b []byte, a Annotation) []byte {
	level := a.Level
	if level == "" {
		level = "error"
	}
	b = append(b, "::"...)
	b = append(b, level...)
	sep := byte(' ')
	prop := func(k, v string) {
		b = append(b, sep)
		sep = ','
		b = append(b, k...)
		b = append(b, '=')
		b = append(b, Property(safetext.Data(v))...)
	}
	if a.File != "" {
		prop("file", a.File)
	}
	if a.Line > 0 {
		prop("line", strconv.Itoa(a.Line))
	}
	if a.Col > 0 {
		prop("col", strconv.Itoa(a.Col))
	}
	if a.Title != "" {
		prop("title", a.Title)
	}
	b = append(b, "::"...)
	b = append(b, Data(safetext.Data(a.Message))...)
	return append(b, '\n')
}

// MaxAnnotations is how many annotations of one level a step writes before
// the rest are summed up in one: GitHub shows at most 10 errors and 10
// warnings per step and drops the others silently.
const MaxAnnotations = 10
