package partner

import (
	"hash/maphash"
	"math"
	"sort"
)

// IDs is the set of partner ids seen across every input of one run, so an
// id repeated in a second file is caught like one repeated in the same file
// (the README's contract: ids are unique in the input). Inputs are read one after another;
// an IDs is not safe for concurrent use.
//
// Lines are kept as one running count over the inputs (each input's lines
// shifted past the previous input's last line), so a slot stays 12 bytes
// and the first occurrence still maps back to its file and line.
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

// add records id seen at line of the input whose base is given. For an id
// seen before it returns the file and line of its first occurrence.
func (ids *IDs) add(id string, base, line int) (firstFile string, firstLine int, added bool) {
	g := base + line
	ids.last = max(ids.last, g)
	first, added := ids.set.add(maphash.String(ids.seed, id), g)
	if added {
		return "", 0, true
	}
	i := sort.SearchInts(ids.bases, first+1) - 1
	return ids.files[i], first - ids.bases[i], false
}

// idSet remembers the ids seen in a stream as 64-bit hashes with the line of
// their first record: open addressing with linear probing, 12 bytes a slot,
// at most 3/4 full, so a million ids take 24 MiB. Two distinct ids share a
// hash with probability about n²/2⁶⁵ (3e-8 for a million ids).
//
// The set is split by the top bits of the hash into idShards tables that
// grow one at a time: growing a single table of 24 MiB would hold the old
// and the new one (36 MiB) at once, the peak of a batch run's memory.
type idSet struct {
	shards [idShards]idTable
}

const idShards = 64

func (s *idSet) add(h uint64, line int) (first int, added bool) {
	return s.shards[h>>58].add(h, line)
}

type idTable struct {
	keys  []uint64 // 0: empty slot
	lines []int32
	n     int
}

// add records hash h first seen on line; if h was already there it returns
// the line it was first seen on and false.
func (s *idTable) add(h uint64, line int) (first int, added bool) {
	if h == 0 {
		h = 1
	}
	if 4*(s.n+1) > 3*len(s.keys) {
		s.grow()
	}
	mask := uint64(len(s.keys) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		switch s.keys[i] {
		case h:
			return int(s.lines[i]), false
		case 0:
			s.keys[i] = h
			s.lines[i] = int32(min(line, math.MaxInt32))
			s.n++
			return line, true
		}
	}
}

func (s *idTable) grow() {
	old, oldLines := s.keys, s.lines
	size := max(256, 2*len(old))
	s.keys, s.lines = make([]uint64, size), make([]int32, size)
	mask := uint64(size - 1)
	for j, h := range old {
		if h == 0 {
			continue
		}
		i := h & mask
		for s.keys[i] != 0 {
			i = (i + 1) & mask
		}
		s.keys[i], s.lines[i] = h, oldLines[j]
	}
}
