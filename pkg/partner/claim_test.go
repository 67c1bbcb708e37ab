package partner

import (
	"errors"
	"fmt"
	"testing"
)

// TestClaimMatchesOrder claims ids in chunks, among rejections and
// warnings, with colliding fingerprints and a spilling log: every
// duplicate, and nothing else, must name its first occurrence, as the
// claim of one record at a time does.
func TestClaimMatchesOrder(t *testing.T) {
	keys := someKeys(6000)
	ids := NewIDs()
	ids.set.fpBits = 3
	ids.set.log.spillAt = 512
	base := ids.begin("a.csv")
	items := make([]item, 0, 2*len(keys))
	for i, k := range keys {
		items = append(items, item{rec: &Record{ID: k, Line: i + 2}, id: ids.claimOf(k, i%5 == 0)})
		if i%11 == 0 { // a rejection and a warning: nothing to claim
			items = append(items, item{err: &RecordError{Line: i + 2}}, item{err: &RecordError{Line: i + 2}, warn: anyWarning})
		}
	}
	for from := 0; from < len(items); from += 1500 {
		ids.claim(items[from:min(from+1500, len(items))], base)
	}
	firsts := make([]int, len(keys))
	for _, it := range items {
		if it.rec == nil {
			continue
		}
		i := it.rec.Line - 2
		if it.dup.first != 0 {
			file, line := ids.where(it.dup.first)
			if file != "a.csv" || it.dup.odd != ((line-2)%5 == 0) {
				t.Fatalf("%q: first in %s:%d written oddly %v", it.rec.ID, file, line, it.dup.odd)
			}
			firsts[i] = line
		}
	}
	checkFirsts(t, keys, firsts)
	if ids.last != base+len(keys)+1 {
		t.Fatalf("last running line %d, want %d", ids.last, base+len(keys)+1)
	}
}

// After a fatal error the input ends: the ids behind it stay unclaimed.
func TestClaimStopsAtFatal(t *testing.T) {
	ids := NewIDs()
	base := ids.begin("a.csv")
	var items []item
	keys := someKeys(600)
	for i := range 600 {
		if i == 300 {
			items = append(items, item{err: errors.New("a.csv: read failed")})
		}
		items = append(items, item{rec: &Record{Line: i + 2}, id: ids.claimOf(keys[i], false)})
	}
	ids.claim(items, base)
	if _, _, _, added := ids.add(items[301].id, ids.begin("b.csv"), 2); !added {
		t.Fatal("an id behind the fatal error was claimed")
	}
	if _, _, _, added := ids.add(items[299].id, base, 900); added {
		t.Fatal("an id before the fatal error was not claimed")
	}
}

// BenchmarkClaim claims 1,000,000 distinct ids a op in chunks of 1,700
// items (a 256 KiB chunk of CSV), one add at a time as records are handed
// out ("one-by-one", the claim as it was) against the claim of a chunk
// at once ("chunk", the probes' first slots touched a group at a time),
// and reports ns an id.
func BenchmarkClaim(b *testing.B) {
	const n, chunk = 1000000, 1700
	ids := NewIDs()
	items := make([]item, n)
	for i := range items {
		k := fmt.Sprintf("P%09d", i)
		items[i] = item{rec: &Record{ID: k, Line: i + 2}, id: ids.claimOf(k, false)}
	}
	run := func(b *testing.B, claim func(ids *IDs, items []item, base int)) {
		for b.Loop() {
			fresh := &IDs{seed: ids.seed}
			base := fresh.begin("bench")
			fresh.reserve(n) // as a run does from its input's size
			for from := 0; from < n; from += chunk {
				claim(fresh, items[from:min(from+chunk, n)], base)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/id")
	}
	b.Run("one-by-one", func(b *testing.B) {
		run(b, func(ids *IDs, items []item, base int) {
			for i := range items {
				ids.add(items[i].id, base, items[i].rec.Line)
			}
		})
	})
	b.Run("chunk", func(b *testing.B) { run(b, (*IDs).claim) })
}
