package report

import (
	"strconv"
	"testing"

	"github.com/tiercalc/tiercalc/pkg/engine"
)

// Notes as the engine hands them out: one slice per program or track,
// shared by every result that carries it.
var (
	benchVPNNotes = []string{"vpn-2009 ended on 2020-02-29; evaluated on its last edition (2010-08)"}
	benchPCNotes  = []string{"partner-connect-2020 ended on 2024-02-05; evaluated on its last edition (2020-02-29)"}
	benchPCNoTier = []string{"no tier: Enrolled needs Ethics & Compliance training completed and US$895 annual program fee paid",
		"partner-connect-2020 ended on 2024-02-05; evaluated on its last edition (2020-02-29)"}
	benchBAPNoTier = []string{"Registered was dropped on 2025-11-01 (edition 2025-11-01: White-label route closed; a cloud provider without 3,500 committed cores has no tier)",
		"no tier: Premier needs 3,500 committed cores (or, in EMEA, a data-sovereignty exemption)"}
	benchPCTracks = []string{"data-center-virtualization", "network-virtualization", "cloud-management-automation", "digital-workspace", "vmware-cloud-on-aws"}
)

// benchResults is n partners' results under all three programs, shaped
// like a check of the synthetic million-partner benchmark input: per
// partner one vpn-2009 row, five partner-connect-2020 tracks and one
// broadcom-advantage-2024 row; rulebook strings repeat, ids, names and gap
// amounts vary.
func benchResults(n int) []engine.Result {
	var rs []engine.Result
	tiers := []string{"Registered", "Professional", "Enterprise", "Enrolled", "Partner", "Advanced", "Select", "Premier"}
	t := func(i int) *string { return &tiers[i] }
	for i := range n {
		id, name := "P"+strconv.Itoa(i+1), "Data "+strconv.Itoa(i%1000)+" Inc"
		short := float64(i*7919%500000 + 1)
		rs = append(rs, engine.Result{Partner: id, Name: name, Program: "vpn-2009", Edition: "2010-08",
			Tier: t(1), QualifiedTier: t(1), Status: engine.StatusQualified, NextTier: t(2),
			Missing: []engine.Gap{
				{Tier: "Enterprise", Kind: "credential", Key: "VTSP", Short: 1, Unit: "people", Noun: "VTSP"},
				{Tier: "Enterprise", Kind: "metric", Key: "revenue_usd", Short: float64(i % 10000), Unit: "USD", Noun: "revenue"},
			},
			Unknown: []string{"competencies"}, Notes: benchVPNNotes})
		// As the engine hands them out, a partner's tracks that end
		// alike share their tier names and gap and key slices; four
		// partners in five end alike on all five tracks (the benchmark
		// input's share), the others on some.
		var cases [4]*engine.Result
		for k, track := range benchPCTracks {
			c := (i + k) % 4
			if i%5 != 0 {
				c = i % 4
			}
			if cases[c] == nil {
				cases[c] = benchPCResult(c, short, i)
			}
			r := *cases[c]
			r.Partner, r.Name, r.Track = id, name, track
			rs = append(rs, r)
		}
		r := engine.Result{Partner: id, Name: name, Program: "broadcom-advantage-2024", Edition: "2025-11-01", Track: "reseller",
			Tier: t(0), QualifiedTier: t(0), Status: engine.StatusQualified, NextTier: t(6),
			Missing: []engine.Gap{{Tier: "Select", Kind: "metric", Key: "revenue_usd", Short: short, Unit: "USD", Noun: "revenue"}},
			Unknown: []string{}, Notes: []string{}}
		if i%3 == 0 {
			r.Track, r.Tier, r.QualifiedTier, r.Status, r.NextTier, r.Notes = "cloud-provider", nil, nil, engine.StatusIneligible, t(7), benchBAPNoTier
			r.Missing = []engine.Gap{{Tier: "Premier", Kind: "any", Short: 1, Options: []engine.Gap{
				{Kind: "metric", Key: "cores", Short: 3500, Noun: "committed cores"},
				{Kind: "attestation", Key: "data-sovereignty-exemption", Short: 1, Noun: "data-sovereignty exemption"},
			}}}
		}
		rs = append(rs, r)
	}
	return rs
}

// benchPCResult is a partner-connect-2020 result of the kind c (0 to 3):
// incomplete, ineligible, qualified with a gap, or incomplete again.
func benchPCResult(c int, short float64, i int) *engine.Result {
	tiers := []string{"Enrolled", "Partner", "Advanced"}
	r := engine.Result{Program: "partner-connect-2020", Edition: "2020-02-29",
		Status: engine.StatusIncomplete, NextTier: &tiers[0], Missing: []engine.Gap{}, Unknown: []string{"attestations"}, Notes: benchPCNotes}
	switch c {
	case 1:
		r.Status, r.Unknown, r.Notes = engine.StatusIneligible, []string{}, benchPCNoTier
		r.Missing = []engine.Gap{{Tier: "Enrolled", Kind: "attestation", Key: "ethics-training", Short: 1, Noun: "Ethics & Compliance training completed"}}
	case 2:
		r.Tier, r.QualifiedTier, r.Status, r.NextTier, r.Unknown = &tiers[1], &tiers[1], engine.StatusQualified, &tiers[2], []string{}
		r.Missing = []engine.Gap{{Tier: "Advanced", Kind: "any", Short: 1, Options: []engine.Gap{
			{Kind: "metric", Key: "tier_credits", Short: short, Noun: "tier credits"},
			{Kind: "metric", Key: "cloud_points", Short: 3600, Noun: "cloud points a year"},
			{Kind: "metric", Key: "deployments", Short: float64(1 + i%2), Noun: "project deployments"},
		}}}
	}
	return &r
}

// benchAppend encodes results as a batch run does: AppendResults on
// batches of 256 into a reused buffer.
func benchAppend(b *testing.B, f Format) {
	rs := benchResults(2000)
	p, err := New(f, discard{}, Options{})
	if err != nil {
		b.Fatal(err)
	}
	a := p.(Appender)
	var buf []byte
	size := 0
	b.ReportAllocs()
	for b.Loop() {
		size = 0
		for i := 0; i < len(rs); i += 256 {
			if buf, err = a.AppendResults(buf[:0], rs[i:min(i+256, len(rs))]); err != nil {
				b.Fatal(err)
			}
			size += len(buf)
		}
	}
	b.SetBytes(int64(size))
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(rs)), "ns/row")
}

func BenchmarkAppendCSV(b *testing.B)    { benchAppend(b, CSV) }
func BenchmarkAppendNDJSON(b *testing.B) { benchAppend(b, NDJSON) }
