package partner

import "math"

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
