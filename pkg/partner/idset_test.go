package partner

import (
	"fmt"
	"path/filepath"
	"testing"
	"unsafe"
)

// claimAll adds ids[i] at line i+2 of one input and returns, per id, the
// first line named for a duplicate (0 when it was added).
func claimAll(t testing.TB, ids *IDs, file string, keys []string) []int {
	t.Helper()
	base := ids.begin(file)
	firsts := make([]int, len(keys))
	for i, k := range keys {
		f, line, _, added := ids.add(ids.claimOf(k, false), base, i+2)
		if !added {
			if f != file {
				t.Fatalf("%q: first named in %q, want %q", k, f, file)
			}
			firsts[i] = line
		}
	}
	return firsts
}

// checkFirsts says whether every duplicate in keys, and nothing else, was
// named with the line of its first occurrence.
func checkFirsts(t *testing.T, keys []string, firsts []int) {
	t.Helper()
	seen := map[string]int{}
	for i, k := range keys {
		want, dup := seen[k]
		if !dup {
			seen[k] = i + 2
		}
		if firsts[i] != want {
			t.Fatalf("id %q at line %d: first line %d, want %d (0: new)", k, i+2, firsts[i], want)
		}
	}
}

// someKeys returns n distinct ids, then every seventh of them again.
func someKeys(n int) []string {
	keys := make([]string, 0, n+n/7)
	for i := range n {
		keys = append(keys, fmt.Sprintf("P%07d", i))
	}
	for i := 0; i < n; i += 7 {
		keys = append(keys, fmt.Sprintf("P%07d", i))
	}
	return keys
}

func TestIDSetDuplicatesNameFirstLine(t *testing.T) {
	keys := someKeys(20000)
	ids := NewIDs()
	ids.set.log.spillAt = 4096 // most of the log read back from the file
	checkFirsts(t, keys, claimAll(t, ids, "a.csv", keys))
	if ids.set.log.spilled == 0 {
		t.Fatal("the log never spilled to its file")
	}
}

// Where no temporary file can be made the log stays in memory, as exact.
func TestIDSetNoTempFile(t *testing.T) {
	t.Setenv("TMPDIR", filepath.Join(t.TempDir(), "absent"))
	keys := someKeys(5000)
	ids := NewIDs()
	ids.set.log.spillAt = 4096
	checkFirsts(t, keys, claimAll(t, ids, "a.csv", keys))
	if !ids.set.log.noSpill || ids.set.log.spilled != 0 {
		t.Fatalf("spilled %d bytes to a file in a missing folder", ids.set.log.spilled)
	}
}

// With 3-bit fingerprints nearly every probe meets other ids' fingerprint:
// each must be confirmed against the log, and none rejected.
func TestIDSetCollisionsNeverReject(t *testing.T) {
	for _, spill := range []int{0, 512} {
		ids := NewIDs()
		ids.set.fpBits, ids.set.log.spillAt = 3, spill
		keys := someKeys(3000)
		checkFirsts(t, keys, claimAll(t, ids, "a.csv", keys))
	}
}

func TestIDSetManyFiles(t *testing.T) {
	ids := NewIDs()
	ids.set.fpBits = 8
	files := []string{"a.csv", "b.csv", "c.csv"}
	for n, file := range files {
		base := ids.begin(file)
		for i := range 1000 {
			k := fmt.Sprintf("P%d", i)
			f, line, _, added := ids.add(ids.claimOf(k, n == 1), base, i+2)
			switch {
			case n == 0 && !added:
				t.Fatalf("%s: %q rejected on its first occurrence", file, k)
			case n > 0 && (added || f != "a.csv" || line != i+2):
				t.Fatalf("%s: %q gave first %s:%d (added %v), want a.csv:%d", file, k, f, line, added, i+2)
			}
		}
		f, _, odd, added := ids.add(ids.claimOf(fmt.Sprintf("Q%d", n), n == 1), base, 5000)
		if !added || f != "" || odd {
			t.Fatalf("%s: a new id was not added", file)
		}
	}
	if f, line, odd, added := ids.add(ids.claimOf("Q1", false), ids.begin("d.csv"), 3); added || f != "b.csv" || line != 5000 || !odd {
		t.Fatalf("Q1 again: %s:%d odd %v added %v, want b.csv:5000, written oddly", f, line, odd, added)
	}
}

// BenchmarkIDSet adds 1,000,000 distinct ids per op and reports the
// table's bytes an id (slots, log index and the log's memory tail).
func BenchmarkIDSet(b *testing.B) {
	const n = 1000000
	keys := make([]string, n)
	for i := range keys {
		keys[i] = fmt.Sprintf("P%09d", i)
	}
	b.ReportAllocs()
	var perID float64
	for b.Loop() {
		ids := NewIDs()
		base := ids.begin("bench")
		for i, k := range keys {
			if _, _, _, added := ids.add(ids.claimOf(k, false), base, i+2); !added {
				b.Fatalf("%q rejected", k)
			}
		}
		perID = float64(ids.set.memory()) / n
	}
	b.ReportMetric(perID, "B/id")
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/id")
}

// memory is the bytes the set holds in memory.
func (s *idSet) memory() int {
	return cap(s.log.buf) + cap(s.log.index)*int(unsafe.Sizeof(int64(0))) + s.slotBytes()
}

// slotBytes is the bytes of the tables' slots.
func (s *idSet) slotBytes() int {
	m := 0
	for i := range s.shards {
		m += cap(s.shards[i].slots) * int(unsafe.Sizeof(uint64(0)))
	}
	return m
}

// TestIDsReserve checks that a set reserved for n ids takes them without
// growing, in at most 12 bytes an id, and still finds every duplicate.
func TestIDsReserve(t *testing.T) {
	const n = 100000
	ids := NewIDs()
	base := ids.begin("a.csv")
	ids.reserve(n)
	before := ids.set.slotBytes()
	for i := range n {
		if _, _, _, added := ids.add(ids.claimOf(fmt.Sprintf("P%d", i), false), base, i+2); !added {
			t.Fatalf("P%d rejected on its first occurrence", i)
		}
	}
	if got := ids.set.slotBytes(); got > 12*n || got != before {
		t.Fatalf("%d bytes of slots for %d ids (%d reserved): grew, or over 12 bytes an id", got, n, before)
	}
	if f, line, _, added := ids.add(ids.claimOf("P7", false), base, n+5); added || f != "a.csv" || line != 9 {
		t.Fatalf("P7 again: %s:%d added %v, want a.csv:9", f, line, added)
	}
}
