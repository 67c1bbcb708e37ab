package rulebook

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/tiercalc/tiercalc/pkg/partner"
)

func TestBind(t *testing.T) {
	p := mustParseFile(t, "testdata/multi.yaml")
	s := partner.NewSchema(p.Vocab())
	if err := p.Bind(s); err != nil {
		t.Fatal(err)
	}
	x, _ := s.Slot("VCP-X")
	dcv, _ := s.Slot("VCP-DCV")
	d := p.DerivedCompetency("x-competency")
	if got := d.Requires.Slots; !slices.Equal(got, []int{x, dcv}) {
		t.Errorf("derived requirement slots = %v, want %v", got, []int{x, dcv})
	}
	prem := p.Tracks[0].Tier("Premier").Requires[0]
	if prem.Derived != d {
		t.Errorf("competency x-competency not bound to its Derived")
	}
	// Resolved copies keep the bindings.
	r := p.At(day0("2030-01-01"))
	cores, _ := s.Slot("cores")
	if got := r.Track("cloud-provider").Tier("Premier").Requires[0].Slots; !slices.Equal(got, []int{cores}) {
		t.Errorf("resolved cores slots = %v", got)
	}
	if r.Track("reseller").Tier("Premier").Requires[0].Derived != d {
		t.Errorf("resolved copy lost its Derived binding")
	}
	if slices.Contains(p.Vocab().Competencies, "x-competency") {
		t.Errorf("Vocab offers the derived competency to records")
	}
}

func TestBindErrors(t *testing.T) {
	p := mustParseFile(t, "testdata/multi.yaml")
	err := p.Bind(partner.NewSchema()) // without the program's vocabulary
	var ps Problems
	if !errors.As(err, &ps) || len(ps) != 1 || !strings.Contains(ps[0].Error(), `multi.yaml:21:30: "VCP-X" is not a field`) {
		t.Errorf("missing slot: %v", err)
	}
	err = p.Bind(partner.NewSchema(partner.Vocabulary{Metrics: []string{"VCP-X"}}))
	if err == nil || !strings.Contains(err.Error(), `"VCP-X" is a credential here but a metric in another loaded rulebook`) {
		t.Errorf("kind conflict: %v", err)
	}
}
