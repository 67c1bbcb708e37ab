package partner

import (
	"hash/maphash"
	"math"
	"math/bits"
	"sort"
)

// IDs is the set of partner ids seen across every input of one run, so an
// id repeated in a second file is caught like one repeated in the same file
// (the README's contract: ids are unique in the input). Inputs are read one after another;
// an IDs is not safe for concurrent use.
//
// Lines are kept as one running count over the inputs (each input's lines
// shifted past the previous input's last line), so the first occurrence
// maps back to its file and line from one number.
type IDs struct {
	seed  maphash.Seed
	set   idSet
	files []string
	bases []int // running line of each file's line 0
	last  int   // highest running line used so far
}

// NewIDs returns an empty set.
func NewIDs() *IDs { return &IDs{seed: maphash.MakeSeed()} }

// begin registers the next input and returns its line base.
func (ids *IDs) begin(file string) int {
	base := ids.last + 1
	ids.files = append(ids.files, file)
	ids.bases = append(ids.bases, base)
	return base
}

// idClaim is an id made ready for the set: its key (see idKey) and the
// key's hash. Making it reads only the seed, so the parallel chunk parsers
// make it and the serial claim, in input order, only probes.
type idClaim struct {
	key  string
	hash uint64
	odd  bool // the id as written differed from its key
}

// prepare returns id's claim; safe for concurrent use.
func (ids *IDs) prepare(id string) idClaim {
	key, changed := idKey(id)
	return ids.claimOf(key, changed)
}

func (ids *IDs) claimOf(key string, odd bool) idClaim {
	return idClaim{key: key, hash: maphash.String(ids.seed, key), odd: odd}
}

// add records c seen at line of the input whose base is given. For a key
// seen before it returns the file and line of its first occurrence, and
// whether that one was written oddly.
func (ids *IDs) add(c idClaim, base, line int) (firstFile string, firstLine int, firstOdd, added bool) {
	g := base + line
	ids.last = max(ids.last, g)
	first, firstOdd, added := ids.set.add(c.hash, c.key, g, c.odd)
	if added {
		return "", 0, false, true
	}
	firstFile, firstLine = ids.where(first)
	return firstFile, firstLine, firstOdd, false
}

// where maps a running line back to its file and line there.
func (ids *IDs) where(g int) (file string, line int) {
	i := sort.SearchInts(ids.bases, g+1) - 1
	return ids.files[i], g - ids.bases[i]
}

// reserve makes room for about n more ids, so that the tables need not
// grow on the way (each growth moves every slot of its table). A shard
// gets its share of n plus five standard deviations of it (the hash
// spreads ids binomially), at the 85% a table may fill to: under 10 bytes
// an id from 1,000,000 ids, within the set's bound of 12 from 100,000, when
// the estimate holds. The tables still grow past it if needed.
func (ids *IDs) reserve(n int) {
	m := float64(n) / idShards
	share := int(m + 5*math.Sqrt(m) + 8)
	for i := range ids.set.shards {
		t := &ids.set.shards[i]
		if size := (t.n+share)*20/17 + 1; size > len(t.slots) {
			t.resize(size)
		}
	}
}

// idSet remembers the ids seen in a run, exactly, in 9.4 to 11.8 bytes of
// memory an id:
//
//   - Each id is appended once to a log (idLog: its first line and its key),
//     which spills to an unlinked temporary file past its first MiB, so
//     the keys cost disk, not memory.
//   - An open-addressing table (linear probing) holds one 8-byte slot an id:
//     a 32-bit fingerprint of the id's hash and the id's ordinal in the log.
//     It is split by the hash's top 6 bits into idShards tables, so the
//     fingerprint and the shard together are 38 bits of the hash. A table
//     grows by a quarter when it would pass 85% full, so it stays 68% to
//     85% full (9.4 to 11.8 bytes an id: under 12 wherever a run stops),
//     and the memory held while one table grows is a 64th of the whole.
//
// A fingerprint that matches is only a candidate: the first occurrence's
// key is read back from the log and compared with the new key, so a
// fingerprint collision (about n/2^38 a new id, some 200 times in a run of
// 10 million ids) costs one read and never rejects a record. The slots hold
// no pointers, so the garbage collector never scans them.
type idSet struct {
	shards [idShards]idTable
	log    idLog
	// fpBits, when not zero, keeps only that many low bits of each
	// fingerprint: tests force collisions with it.
	fpBits uint
	// touched keeps what claim reads ahead, so that it reads it.
	touched uint64
}

const (
	idShards  = 64
	idMinSize = 64
)

func (s *idSet) add(h uint64, key string, line int, odd bool) (first int, firstOdd, added bool) {
	fp := s.fp(h)
	t := &s.shards[h>>58]
	if 20*(t.n+1) > 17*len(t.slots) {
		t.grow()
	}
	size := uint64(len(t.slots))
	for i := t.home(fp, size); ; i = next(i, size) {
		slot := t.slots[i]
		if slot == 0 {
			t.slots[i] = uint64(fp)<<32 | uint64(s.log.n) + 1
			t.n++
			s.log.append(key, line, odd)
			return line, false, true
		}
		if uint32(slot>>32) != fp {
			continue
		}
		if k, l, o := s.log.at(int(uint32(slot)) - 1); k == key {
			return l, o, false
		}
	}
}

// fp is the fingerprint of hash h.
func (s *idSet) fp(h uint64) uint32 {
	if s.fpBits != 0 {
		return uint32(h) & (1<<s.fpBits - 1)
	}
	return uint32(h)
}

// idTable is one shard: slots of fingerprint<<32 | ordinal+1 (0: empty).
type idTable struct {
	slots []uint64
	n     int
}

// home is where fp's probe starts in a table of size slots: the
// fingerprint scaled to the size, so that growing needs only the slots.
func (t *idTable) home(fp uint32, size uint64) uint64 {
	hi, _ := bits.Mul64(uint64(fp)<<32, size)
	return hi
}

func next(i, size uint64) uint64 {
	if i++; i == size {
		return 0
	}
	return i
}

func (t *idTable) grow() { t.resize(max(idMinSize, len(t.slots)+len(t.slots)/4)) }

// resize moves the slots to a table of n (more than hold them now).
func (t *idTable) resize(n int) {
	old := t.slots
	size := uint64(n)
	t.slots = make([]uint64, size)
	for _, slot := range old {
		if slot == 0 {
			continue
		}
		i := t.home(uint32(slot>>32), size)
		for t.slots[i] != 0 {
			i = next(i, size)
		}
		t.slots[i] = slot
	}
}
