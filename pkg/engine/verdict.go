package engine

import (
	"time"

	"github.com/tiercalc/tiercalc/pkg/partner"
	"github.com/tiercalc/tiercalc/pkg/rulebook"
)

// Verdicts finds the compiled node of each requirement of an edition, so
// that one requirement can be judged on its own (rules diff --partners
// asks which changed requirement moved a partner). Off the hot path.
type Verdicts struct {
	e     *Evaluator
	nodes map[*rulebook.Requirement]*node
}

// NewVerdicts indexes e's requirements, derived competencies' included.
func NewVerdicts(e *Evaluator) *Verdicts {
	v := &Verdicts{e: e, nodes: map[*rulebook.Requirement]*node{}}
	var walk func(n *node)
	walk = func(n *node) {
		if n == nil {
			return
		}
		if n.req != nil {
			v.nodes[n.req] = n
		}
		for _, it := range n.items {
			walk(it)
		}
	}
	for i := range e.tracks {
		ct := &e.tracks[i]
		for j := range ct.tiers {
			for _, n := range ct.tiers[j].reqs {
				walk(n)
			}
		}
		for _, er := range ct.reqs {
			walk(er.n)
		}
	}
	for _, n := range e.derived {
		walk(n)
	}
	return v
}

// Of is rec's verdict on r as of asOf (VerdictMet, VerdictUnmet or
// VerdictUnknown), regions aside: where r applies is the caller's to
// judge. "" when r is not a requirement of the edition.
func (v *Verdicts) Of(rec *partner.Record, asOf time.Time, r *rulebook.Requirement) string {
	n := v.nodes[r]
	if n == nil {
		return ""
	}
	return verdictName(v.e.newState(rec, asOf).evalKind(n))
}
