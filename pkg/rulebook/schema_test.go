package rulebook

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/tiercalc/tiercalc/pkg/partner"
)

func TestLinkDerived(t *testing.T) {
	p := mustParseFile(t, "testdata/multi.yaml")
	d := p.DerivedCompetency("x-competency")
	if p.Tracks[0].Tier("Premier").Requires[0].Derived != d {
		t.Errorf("competency x-competency not linked to its Derived")
	}
	// Resolved copies keep the link.
	r := p.At(day0("2030-01-01"))
	if r.Track("reseller").Tier("Premier").Requires[0].Derived != d {
		t.Errorf("resolved copy lost its Derived link")
	}
	if slices.Contains(p.Vocab().Competencies, "x-competency") {
		t.Errorf("Vocab offers the derived competency to records")
	}
}

func TestCheckSchema(t *testing.T) {
	p := mustParseFile(t, "testdata/multi.yaml")
	err := p.CheckSchema(partner.NewSchema()) // without the program's vocabulary
	var ps Problems
	if !errors.As(err, &ps) || len(ps) != 1 || !strings.Contains(ps[0].Error(), `multi.yaml:21:30: "VCP-X" is not a field`) {
		t.Errorf("missing slot: %v", err)
	}
	err = p.CheckSchema(partner.NewSchema(partner.Vocabulary{Metrics: []string{"VCP-X"}}))
	if err == nil || !strings.Contains(err.Error(), `"VCP-X" is a credential here but a metric in another loaded rulebook`) {
		t.Errorf("kind conflict: %v", err)
	}
}
