// Package costs holds the costs file tiercalc ships for `tiercalc plan`: what
// one more unit of each credential, competency, attestation and metric takes
// (days of effort, money, lead time). It sits in its own folder so that the
// rulebook loaders, which read rules/*.yaml only, never take it for a
// rulebook; `--costs FILE` replaces it.
package costs

import _ "embed"

// Default is the shipped costs file.
//
//go:embed default-costs.yaml
var Default []byte
