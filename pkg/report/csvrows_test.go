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

// Rows without gaps copy the end of the last such row of their program and
// track, partner after partner, when every string from tier to notes is
// the same (their unknown keys and notes other slices of the same
// strings); a row that differs in any one of them, or has gaps, is
// written afresh. A partner's tracks that end alike (Partner Connect's
// five) copy the first's end, then each its own from its head on. More
// tracks than the encoder keeps heads of push the oldest out. Either way
// the bytes are those of each row written alone.
func TestCSVRowEndsCopiedAcrossPartners(t *testing.T) {
	tiers := []string{"Enrolled", "Partner", "2026-01-31"}
	keys, notes := []string{"attestations", "country"}, []string{"ended; evaluated on its last edition", "=a formula"}
	gaps := []engine.Gap{{Tier: "Partner", Kind: "attestation", Key: "ethics-training", Short: 1, Noun: "Ethics & Compliance training"}}
	base := engine.Result{Program: "partner-connect-2020", Edition: "2020-02-29", Track: "dcv",
		Status: engine.StatusIncomplete, NextTier: &tiers[0], Missing: []engine.Gap{}}
	changes := []func(*engine.Result){
		func(*engine.Result) {},
		func(*engine.Result) {}, // copies the first's end
		func(r *engine.Result) { r.Unknown = keys[1:] },
		func(r *engine.Result) { r.Unknown = append([]string(nil), keys[0], "other") },
		func(r *engine.Result) { r.Notes = notes[1:] },
		func(r *engine.Result) { r.Notes = append([]string(nil), notes[0]) }, // copies the first's end
		func(r *engine.Result) {
			r.Tier, r.QualifiedTier, r.Status = &tiers[0], &tiers[0], engine.StatusQualified
		},
		func(r *engine.Result) { r.Tier = &tiers[0] },
		func(r *engine.Result) { r.GraceUntil = &tiers[2] },
		func(r *engine.Result) { r.NextTier = &tiers[1] },
		func(r *engine.Result) { r.Status = engine.StatusIneligible },
		func(r *engine.Result) { r.NextTier, r.Missing = &tiers[1], gaps },
		func(r *engine.Result) { r.Track = "nv" },
		func(*engine.Result) {},
	}
	var rs []engine.Result
	for _, change := range changes {
		for _, change := range []func(*engine.Result){func(*engine.Result) {}, change} { // each against the first
			r := base
			r.Partner, r.Name = "P"+string(rune('a'+len(rs))), "Data Inc"
			r.Unknown = append([]string(nil), keys[0]) // another slice each partner
			r.Notes = append([]string(nil), notes[0])
			change(&r)
			rs = append(rs, r)
		}
	}
	for i := range 4 { // five tracks alike, then some with gaps, the last with another status
		r := base
		r.Partner, r.Name = "R"+string(rune('a'+i)), "Data, Inc"
		r.Unknown, r.Notes = append([]string(nil), keys[0]), append([]string(nil), notes[0])
		for j, track := range []string{"dcv", "nv", "cma", "dw", "vmc"} {
			r.Track = track
			switch {
			case i == 1 && j == 2:
				r.Missing = gaps // else alike
			case i == 2 && j == 1:
				r.NextTier, r.Missing = &tiers[1], gaps
			}
			if i == 3 && j == 4 {
				r.Status = engine.StatusIneligible
			}
			rs = append(rs, r)
		}
	}
	for i := range csvHeads + 3 { // more tracks than heads kept, twice over
		for range 2 {
			r := base
			r.Partner, r.Name, r.Track = "Q"+string(rune('a'+i)), "Data Inc", "t"+string(rune('a'+i%(csvHeads+2)))
			r.Unknown, r.Notes = keys[:1], notes[:1]
			rs = append(rs, r)
		}
	}
	for _, raw := range []bool{false, true} {
		got, err := newCSV(discard{}, raw).AppendResults(nil, rs)
		if err != nil {
			t.Fatal(err)
		}
		if want := appendEach(t, newCSV(discard{}, raw), rs); !bytes.Equal(got, want) {
			t.Fatalf("raw %v:\n got %s\nwant %s", raw, got, want)
		}
	}
}
