package rulebook

import (
	"fmt"

	"github.com/tiercalc/tiercalc/pkg/partner"
)

// Vocab returns the names the program adds to the record format, for
// partner.NewSchema: its vocabulary, and its derived competencies (so a
// record may list one it holds outright).
func (p *Program) Vocab() partner.Vocabulary {
	ids := func(es []*VocabEntry) []string {
		out := make([]string, 0, len(es))
		for _, e := range es {
			out = append(out, e.ID)
		}
		return out
	}
	v := partner.Vocabulary{
		Credentials:  ids(p.Vocabulary.Credentials),
		Metrics:      ids(p.Vocabulary.Metrics),
		Competencies: ids(p.Vocabulary.Competencies),
		Attestations: ids(p.Vocabulary.Attestations),
	}
	for _, e := range p.Vocabulary.Metrics {
		if partner.IsCurrency(e.Unit) {
			v.Money = append(v.Money, e.ID)
		}
	}
	// Derived competencies are not part of the record format: they are
	// earned through the requirement, never claimed by a record.
	for _, t := range p.Tracks {
		for _, tier := range t.Tiers {
			v.Tiers = append(v.Tiers, tier.Name)
		}
	}
	if m := p.Predecessor; m != nil {
		for _, tm := range m.Tiers {
			v.Tiers = append(v.Tiers, tm.From)
		}
	}
	return v
}

// CheckSchema reports, as Problems, the credential and metric keys the
// record format s has no slot for, or a slot of the other kind (two
// rulebooks disagreeing on whether a name is a credential or a metric). It
// changes nothing: the engine resolves keys to slots when it compiles an
// edition.
func (p *Program) CheckSchema(s *partner.Schema) error {
	var probs Problems
	p.eachRequirement(func(r *Requirement) {
		spec := specOf(r.Kind)
		if !spec.numeric {
			return
		}
		want := spec.credential
		for i, k := range r.Keys {
			at := r.at.of(fmt.Sprintf("key[%d]", i), r.Pos)
			slot, ok := s.Slot(k)
			switch {
			case !ok:
				probs = append(probs, Problem{Pos: at, Msg: fmt.Sprintf("%q is not a field of the record format", k)})
			case s.IsCredential(slot) != want:
				probs = append(probs, Problem{Pos: at, Msg: fmt.Sprintf("%q is a %s here but a %s in another loaded rulebook", k, kindWord(want), kindWord(!want))})
			}
		}
	})
	return probs.sorted().Err()
}

// linkDerived points each competency requirement naming a derived
// competency at it, for the views that open it up (rules show, diff). It is
// a link inside the program, made once by Parse, not a binding to a run.
func (p *Program) linkDerived() {
	p.eachRequirement(func(r *Requirement) {
		if r.Kind == KindCompetency && len(r.Keys) == 1 {
			r.Derived = p.DerivedCompetency(r.Keys[0])
		}
	})
}

func kindWord(credential bool) string {
	if credential {
		return "credential"
	}
	return "metric"
}

// eachRequirement calls fn on every requirement the program holds, groups
// and their items included.
func (p *Program) eachRequirement(fn func(*Requirement)) {
	for _, d := range p.Derived {
		if d.Requires != nil {
			walk([]*Requirement{d.Requires}, fn)
		}
	}
	for _, t := range p.Tracks {
		for _, tier := range t.Tiers {
			walk(tier.Requires, fn)
		}
	}
	for _, e := range p.Editions {
		for _, c := range e.Changes {
			for _, r := range []*Requirement{c.Add, c.With} {
				if r != nil {
					walk([]*Requirement{r}, fn)
				}
			}
		}
	}
}
