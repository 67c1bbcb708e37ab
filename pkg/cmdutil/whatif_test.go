package cmdutil

import (
	"reflect"
	"testing"

	"github.com/spf13/cobra"

	"github.com/tiercalc/tiercalc/pkg/engine"
	"github.com/tiercalc/tiercalc/pkg/iostreams"
	"github.com/tiercalc/tiercalc/pkg/partner"
)

func TestWhatIfWrap(t *testing.T) {
	s := partner.NewSchema()
	o := &WhatIfOptions{Assume: []string{"VTSP=+2"}, Partners: []string{"A,B", "MISSING"}}
	w, err := o.Resolve(s)
	if err != nil {
		t.Fatal(err)
	}
	slot, _ := s.Slot("VTSP")
	var seen []float64
	eval := w.Wrap(func(rec *partner.Record, dst []engine.Result, _ *engine.Arena) []engine.Result {
		seen = append(seen, rec.Nums[slot])
		return append(dst, engine.Result{Partner: rec.ID, Notes: []string{}})
	})
	var out []engine.Result
	for _, id := range []string{"A", "C", "B"} {
		r := s.NewRecord()
		r.ID, r.Nums[slot] = id, 1
		out = eval(r, out, nil)
	}
	if len(out) != 2 || out[0].Partner != "A" || out[1].Partner != "B" {
		t.Fatalf("evaluated %v, want A and B", out)
	}
	if !reflect.DeepEqual(seen, []float64{3, 3}) || !reflect.DeepEqual(out[1].Notes, []string{"assumed: VTSP +2"}) {
		t.Errorf("VTSP seen %v, notes %q", seen, out[1].Notes)
	}
	ios, _, _, errOut := iostreams.Test()
	w.Finish(ios)
	want := "tiercalc: warning: --partner MISSING: no record with that id in the input\n"
	if errOut.String() != want {
		t.Errorf("stderr %q, want %q", errOut.String(), want)
	}
}

func TestWhatIfFlagsAreFlagOnly(t *testing.T) {
	cmd := &cobra.Command{}
	(&WhatIfOptions{}).AddFlags(cmd, true)
	for _, name := range []string{"assume", "partner"} {
		if fl := cmd.Flags().Lookup(name); fl == nil || !FlagOnly(fl) {
			t.Errorf("--%s is not flag-only", name)
		}
	}
}
