package report

import (
	"math/bits"
	"sync"
	"unsafe"
)

// A segMemo remembers the encodings of pieces of output (segments) made
// from a few strings: in a check, the cells from program to next tier,
// unknown keys and notes are the same few dozen rulebook
// strings over millions of results, so an encoder that has written a
// segment copies its bytes instead of encoding it again.
//
// A slot is found by the strings' addresses and lengths and holds the
// strings themselves, so it is exact: a string the slot holds stays
// reachable, hence its bytes are neither freed, moved nor reused, and
// strings are immutable; another string with the same address and length
// is therefore the same bytes. Equal strings at other addresses are merely
// a miss, encoded again. unsafe.StringData only reads the address.
//
// Memos live in a pool per printer (segMemos), so that an encoder starts
// warm and AppendResults stays safe for concurrent use; the pool drops them
// with the collector's cycles, which only costs misses.
type segMemo struct {
	slots [segSlots]segEntry
}

const (
	segMax   = 8   // strings in a key
	segSlots = 512 // a power of two
)

// A segKey is what a segment is encoded from: its kind (which part of
// which format), up to segMax strings and flags (which of them are null,
// or a boolean the segment holds).
type segKey struct {
	s     [segMax]string
	n     uint8
	kind  uint8
	flags uint8
}

// The kinds of segment: one memo serves one printer, whose segments of
// different kinds must never be taken for each other.
const (
	segMid   uint8 = 1 + iota // program to next tier
	segTail                   // unknown and notes, to the end
	segHead                   // CSV: program to track
	segTiers                  // CSV: tier to next tier
)

// A segEntry is a segment's key and its encoding; enc is nil while the
// slot is empty.
type segEntry struct {
	key segKey
	enc []byte
}

// lookup returns k's slot, and whether it holds k's encoding. On a miss
// the caller encodes the segment and calls store on the slot.
func (m *segMemo) lookup(k *segKey) (*segEntry, bool) {
	h := uint64(k.kind) | uint64(k.flags)<<8 | uint64(k.n)<<16
	for i := range k.n {
		h ^= bits.RotateLeft64(strAddr(k.s[i])+uint64(len(k.s[i])), 7*int(i)+24)
	}
	e := &m.slots[(h*0x9e3779b97f4a7c15)>>(64-9)] // Fibonacci hashing: the top 9 bits
	return e, e.enc != nil && e.key.same(k)
}

// listsKey is the key of a segment made of two lists of strings, a and b
// (a result's unknown keys and notes), of the given kind; ok is false when
// they are too many for a key.
func listsKey(kind uint8, a, b []string) (k segKey, ok bool) {
	if len(a)+len(b) > segMax {
		return k, false
	}
	copy(k.s[copy(k.s[:], a):], b)
	k.n, k.kind, k.flags = uint8(len(a)+len(b)), kind, uint8(len(a))
	return k, true
}

// store remembers enc, k's encoding, in the slot.
func (e *segEntry) store(k *segKey, enc []byte) {
	e.key = *k
	e.enc = append(e.enc[:0], enc...)
	if e.enc == nil {
		e.enc = []byte{} // an empty segment is still remembered
	}
}

// same reports whether k and o are the same strings (by address and
// length) and the same kind and flags.
func (k *segKey) same(o *segKey) bool {
	if k.n != o.n || k.kind != o.kind || k.flags != o.flags {
		return false
	}
	for i := range k.n {
		a, b := k.s[i], o.s[i]
		if len(a) != len(b) || len(a) > 0 && unsafe.StringData(a) != unsafe.StringData(b) {
			return false
		}
	}
	return true
}

// strAddr is s's address as bits for the hash; empty strings are all one.
func strAddr(s string) uint64 {
	if s == "" {
		return 0
	}
	return uint64(uintptr(unsafe.Pointer(unsafe.StringData(s))))
}

// segMemos is a pool of memos: one per printer, since what a segment
// encodes to depends on the printer's format and options.
type segMemos struct{ pool sync.Pool }

func (p *segMemos) get() *segMemo {
	if m, ok := p.pool.Get().(*segMemo); ok {
		return m
	}
	return new(segMemo)
}

func (p *segMemos) put(m *segMemo) { p.pool.Put(m) }
