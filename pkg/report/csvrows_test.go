package report

import (
	"bytes"
	"testing"

	"github.com/tiercalc/tiercalc/pkg/engine"
)

// appendEach encodes each result in a call of its own, where no row can
// be copied from another.
func appendEach(t *testing.T, a Appender, rs []engine.Result) []byte {
	t.Helper()
	var out []byte
	for i := range rs {
		var err error
		if out, err = a.AppendResults(out, rs[i:i+1]); err != nil {
			t.Fatal(err)
		}
	}
	return out
}

// A partner's rows that share slices and tier names copy each other's
// ends; rows that share some but not all (other notes, a grace date, an
// unknown key list with the same keys in another slice, another partner)
// are written afresh; so are the program, edition and track cells,
// copied only from a row of the same three strings. Either way the bytes are those of each row written
// alone.
func TestCSVRowEndsCopiedExactly(t *testing.T) {
	tiers := []string{"Enrolled", "Partner", "2026-01-31"}
	gaps := []engine.Gap{{Tier: "Enrolled", Kind: "attestation", Key: "ethics-training", Short: 1, Noun: "Ethics & Compliance training, completed"}}
	unknown := []string{"attestations"}
	notes, other := []string{"ended; evaluated on its last edition"}, []string{"=a formula"}
	base := engine.Result{Partner: "P1", Name: "Data, Inc", Program: "partner-connect-2020", Edition: "2020-02-29",
		Status: engine.StatusIneligible, NextTier: &tiers[0], Missing: gaps, Unknown: unknown, Notes: notes}
	var rs []engine.Result
	add := func(track string, change func(*engine.Result)) {
		r := base
		r.Track = track
		change(&r)
		rs = append(rs, r)
	}
	add("a", func(*engine.Result) {})
	add("b", func(*engine.Result) {})                                         // copied
	add("c", func(r *engine.Result) { r.Notes = other })                      // notes differ
	add("d", func(r *engine.Result) { r.GraceUntil = &tiers[2] })             // grace differs
	add("e", func(r *engine.Result) { r.Unknown = []string{"attestations"} }) // same keys, another slice
	add("f", func(r *engine.Result) { r.Missing = gaps[:0] })                 // same address, shorter
	add("g", func(r *engine.Result) { r.Tier, r.QualifiedTier = &tiers[1], &tiers[1] })
	add("h", func(r *engine.Result) { r.Notes = other })                           // copies c's end
	add("i", func(r *engine.Result) { r.Partner, r.Name = "P2", "=cmd" })          // another partner
	add("j", func(r *engine.Result) { r.Partner, r.Name = "P2", "=cmd" })          // copies i's end
	add("k", func(r *engine.Result) { r.Status = engine.StatusIncomplete })        // status differs
	add("a", func(r *engine.Result) { r.Partner = "P3" })                          // a's head again
	add("a", func(r *engine.Result) { r.Partner, r.Edition = "P3", "2021-01-01" }) // another edition
	add("a", func(r *engine.Result) { r.Partner, r.Program = "P3", "vpn-2009" })   // another program
	for _, raw := range []bool{false, true} {
		p := newCSV(discard{}, raw)
		got, err := p.AppendResults(nil, rs)
		if err != nil {
			t.Fatal(err)
		}
		want := appendEach(t, newCSV(discard{}, raw), rs)
		if !bytes.Equal(got, want) {
			t.Fatalf("raw %v:\n got %s\nwant %s", raw, got, want)
		}
	}
}
