package engine

import (
	"math"

	"github.com/tiercalc/tiercalc/pkg/rulebook"
)

// kindOps is what the engine does with one requirement kind. Each kind
// registers its own in its kind_*.go file, so that adding a kind to the
// engine is one new file, and the walkers in eval.go never name a kind.
type kindOps struct {
	gapKind string // Gap.Kind of the kind's gaps

	// compile fills in the kind's part of n, compiled from r; the generic
	// part (regions, keys, min, gap key) is already set.
	compile func(c *compiler, n *node, r *rulebook.Requirement)
	// eval is n's verdict, regions aside.
	eval func(s *state, n *node) verdict
	// gaps appends the gaps of n, which failed; countGaps is how many.
	gaps      func(s *state, n *node, tier string, out []Gap) []Gap
	countGaps func(s *state, n *node) int
	// collect adds the keys of the unknown values n reads; v is n's
	// verdict, never met.
	collect func(s *state, n *node, v verdict)
}

// kinds holds every registered kind. It is filled by init functions, not a
// composite literal: the group kinds' functions call back into the
// walkers that read it, which a package-level initializer cannot express.
var kinds = map[rulebook.Kind]*kindOps{}

func register(k rulebook.Kind, ops *kindOps) { kinds[k] = ops }

// noKind evaluates a requirement of a kind the engine does not know (a
// zero Requirement built in code): never met, one gap, nothing unknown.
var noKind = &kindOps{
	compile:   func(*compiler, *node, *rulebook.Requirement) {},
	eval:      func(*state, *node) verdict { return failed },
	gaps:      func(s *state, n *node, tier string, out []Gap) []Gap { return append(out, s.leafGap(n, tier, 0, 1)) },
	countGaps: oneGap,
	collect:   func(*state, *node, verdict) {},
}

// node is a compiled requirement. The fields judging reads come first,
// so that judging a node touches one cache line of it; the compiler
// allocates an evaluator's nodes side by side (compiler.newNode).
type node struct {
	// eval is ops.eval, one load nearer: it is the hot path.
	eval func(s *state, n *node) verdict
	// vid is n's verdict slot in state.seen. Requirements that judge the
	// same thing (the same kind, keys and minimum, or groups of the same
	// items) share one, so that a record is judged once on, say, the
	// ethics attestation every track of a program asks.
	vid    int
	fast   int  // vid, or 0 (a slot never judged) when scoped: see state.eval
	scoped bool // applies only in the regions of mask
	mask   uint8
	min    float64
	slots  []int   // credential, metric: Record.Nums index per key, -1 unbound
	items  []*node // any, all
	der    int     // competency: derived index, -1 none, cyclic
	key    string  // Keys[0]
	keys   []string
	dref   []int // competency set: derived index per key, or -1

	req *rulebook.Requirement
	ops *kindOps

	// expands says the gaps of n are not one gap under n's own key: a
	// group, or a derived competency opened up into its requirement.
	expands bool
	// illus: the requirement, one beneath it or the derived competency it
	// names rests on an assumed number (the gap's "illustrative").
	illus bool

	gapKind string
	gapKey  string
	unit    string
	noun    string
	// cents: n reads money, whose gap's short is rounded to the cent.
	cents bool

	// anyKey and anyLabel are the Key and the Label of an any-group's gap
	// when every alternative is a leaf (fixed: the gap's own key and
	// label), precomputed so that the gap costs no strings.Join; anyFixed
	// says they are set.
	anyKey, anyLabel string
	anyFixed         bool
}

const cyclic = -2 // a derived competency that requires itself: never held

// Gap kinds.
const (
	kindCredential   = "credential"
	kindCompetency   = "competency"
	kindCompetencies = "competencies"
	kindMetric       = "metric"
	kindAttestation  = "attestation"
	kindAny          = "any"
	kindAll          = "all"
)

// Keys named in Result.Unknown besides credential and metric ids.
const (
	keyCompetencies = "competencies"
	keyAttestations = "attestations"
	keyCountry      = "country"
)

// leafGap is the gap of a failed requirement that is one gap under its own
// key.
//
// Money is exact: have and need hold whole cents (partner.CheckValue
// refuses any other record value or threshold), so need - have is within
// a rounding error of a whole number of cents, and rounding it to the cent
// gives the float64 nearest that amount, which prints as it (0.01, never
// 0.010000000000218279).
func (s *state) leafGap(n *node, tier string, have, need float64) Gap {
	short := need - have
	if n.cents {
		short = math.Round(short*100) / 100
	}
	return Gap{Tier: tier, Kind: n.gapKind, Key: n.gapKey, Have: have, Need: need, Short: short,
		Label: n.req.Label, Illustrative: n.illus, Source: n.req.Source, Unit: n.unit, Noun: n.noun}
}

func oneGap(*state, *node) int { return 1 }
