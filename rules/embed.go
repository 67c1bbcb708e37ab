// Package rules holds the rulebooks tiercalc ships: one YAML file per partner
// program generation (vpn-2009, partner-connect-2020, broadcom-advantage-2024),
// embedded in the binary so a fresh build needs no files beside it. Each file
// is decoded and validated by pkg/rulebook; `--rules PATH` adds rulebooks or
// replaces one of these by id.
package rules

import "embed"

// FS holds every shipped rulebook (*.yaml at the top of this directory) and
// their test suites (*_test.yaml, run by `tiercalc rules test`), which the
// rulebook loaders skip.
//
//go:embed *.yaml
var FS embed.FS
