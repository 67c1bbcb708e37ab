// Package partner holds the partner record, the schema of names it may
// carry, and streaming readers for CSV, JSON, NDJSON and YAML input.
//
// Readers return one record at a time and never hold a whole input (YAML
// excepted: yaml.v3 decodes a document at once). A bad record is rejected
// with a *RecordError naming file, line and field, and reading goes on; a
// CSV header that cannot be used is a *HeaderError; anything else is fatal
// for that input. An empty cell, a null or an absent key is unknown (NaN for
// numbers, nil for lists), never zero.
package partner
