// Package partner holds the partner record, the schema of names it may
// carry, and streaming readers for CSV, JSON, NDJSON and YAML input. Each
// reader's file registers its format (name, extensions, signature,
// constructor) in the registry of format.go, which is what help, hints,
// completion and format detection read: a new input format is one new file.
//
// Readers return one record at a time and never hold a whole input (YAML
// excepted: yaml.v3 decodes a document at once). A bad record is rejected
// with a *RecordError naming file, line, column (where known) and field, and
// reading goes on. Malformed input is contained where the format allows: a
// JSON syntax error rejects its array element only (broken structure
// between elements is reported once, and reading resumes at the next
// element); an NDJSON one its line; invalid UTF-8 or a control character in
// YAML the element whose lines hold it. A CSV header that cannot be used is
// a *HeaderError; anything else (truncated JSON, a YAML syntax error) is
// fatal for that input. Names and values taken from the input are cut short
// in messages. An empty cell, a null or an absent key is unknown (NaN for
// numbers, nil for lists), never zero.
package partner
