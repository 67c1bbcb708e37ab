package report

import "unsafe"

// csvRowEncoder encodes the rows of one call of AppendResults (or Print).
// Most cells of a check are the same few rulebook strings (program,
// edition, track, tier and status names, unknown keys, the notes) over
// millions of rows, and a partner's id and name repeat over its rows. So
// the encoder remembers, by the strings' addresses (see classify), the
// classes of long strings (memo) and where it wrote the id and name of
// the last row (lead), and copies those bytes instead of encoding the
// cells again: BenchmarkAppendCSV measures it. An encoder appends all the
// rows of its call to one buffer: it copies the lead from there. The cells
// from program to next tier and the unknown and notes cells, a few dozen
// combinations each, come from seg, a memo that outlives the call (see
// segMemo), so that each call does not start cold.
type csvRowEncoder struct {
	raw   bool
	memo  [csvMemoSize]csvMemoEntry
	lead  csvLeadEntry
	rows  csvRows // the ends of the rows of the partner of lead
	heads csvHeadRing
	seg   *segMemo // the cells from program to next tier, unknown and notes
}

// The cells of a row written by midCells: program to track, then tier to
// next tier.
const (
	csvHeadCells = 3
	csvTierCells = 5
)

// A csvLeadEntry is where in the output the partner and name cells of the
// last row were written: a partner's results come one after another and
// share both strings.
type csvLeadEntry struct {
	id, name  csvKey
	off, size int
}

// A csvKey is a string's address and length: see classify for why it
// identifies the string within a call.
type csvKey struct {
	p uintptr
	n int
}

func keyOf(s string) csvKey { return csvKey{uintptr(unsafe.Pointer(unsafe.StringData(s))), len(s)} }

const csvMemoSize = 64 // a power of two

// csvMemoMin is the shortest string memo serves: shorter ones are classed
// in one or two words, as fast as a look-up.
const csvMemoMin = 16

// A csvMemoEntry is the classes of the string of key.
type csvMemoEntry struct {
	key   csvKey
	class byte
}

// cell appends s, a string that may repeat, as appendCSVCell.
func (e *csvRowEncoder) cell(b []byte, s string) []byte {
	if !e.raw && e.classify(s) == 0 && (s == "" || csvPlainStart[s[0]]) {
		return append(b, s...) // the common case
	}
	return e.cellSlow(b, s)
}

func (e *csvRowEncoder) cellSlow(b []byte, s string) []byte {
	if e.raw {
		return appendCSVString(b, s)
	}
	return appendCSVClassed(b, s, e.classify(s))
}

// csvPlainStart are the bytes a cell of plain bytes may start with and be
// written as it is: not a formula start, a space, or the \ of `\.`.
var csvPlainStart = func() (t [256]bool) {
	for c := 0x20; c < 0x7f; c++ {
		t[c] = !csvFormulaStart(byte(c))
	}
	t[' '], t['\\'] = false, false
	return t
}()

// leadCells appends the partner and name cells, each followed by a comma.
func (e *csvRowEncoder) leadCells(b []byte, id, name string) []byte {
	k := csvLeadEntry{id: keyOf(id), name: keyOf(name)}
	if l := e.lead; l.size > 0 && l.id == k.id && l.name == k.name {
		return append(b, b[l.off:l.off+l.size]...)
	}
	k.off = len(b)
	e.rows.n = 0 // another partner
	b = append(appendCSVCell(b, id, e.raw), ',')
	b = append(appendCSVCell(b, name, e.raw), ',')
	k.size = len(b) - k.off
	e.lead = k
	return b
}

// midCells appends cells, each followed by a comma, copying them from
// where they were written before when they were.
func (e *csvRowEncoder) midCells(b []byte, k *segKey) []byte {
	slot, ok := e.seg.lookup(k)
	if ok {
		return append(b, slot.enc...)
	}
	start := len(b)
	for _, s := range k.s[:k.n] {
		b = append(e.cell(b, s), ',')
	}
	slot.store(k, b[start:])
	return b
}

// tailCells appends the unknown and notes cells, each after a comma, and
// the line's end. Both are lists of rulebook strings, so they are copied
// from seg when written before.
func (e *csvRowEncoder) tailCells(b []byte, unknown, notes []string) []byte {
	k, ok := listsKey(segTail, unknown, notes)
	var slot *segEntry
	if ok {
		if slot, ok = e.seg.lookup(&k); ok {
			return append(b, slot.enc...)
		}
	}
	start := len(b)
	b = append(b, ',')
	b = e.list(b, unknown, ";") // keys are names, but checked as any cell
	b = append(b, ',')
	b = append(e.list(b, notes, "; "), '\n')
	if slot != nil {
		slot.store(&k, b[start:])
	}
	return b
}

// classify is csvClassify(s), from memo when s was classed before.
//
// The key is s's address and length: exact, because an encoder lives for
// one call over results its caller holds, so every string it has seen
// stays reachable meanwhile (the collector neither frees nor moves it and
// strings are immutable): two strings at one address with one length
// during the call are the same bytes. An encoder must not outlive the call
// (it does not keep the strings alive); unsafe.StringData only reads the
// address.
func (e *csvRowEncoder) classify(s string) byte {
	if len(s) < csvMemoMin {
		return csvClassify(s)
	}
	k := keyOf(s)
	m := &e.memo[(k.p*0x9e3779b97f4a7c15)>>58] // Fibonacci hashing: the top 6 bits
	if m.key == k {
		return m.class
	}
	class := csvClassify(s)
	*m = csvMemoEntry{key: k, class: class}
	return class
}

// list appends the cell of list joined by sep (printable ASCII without
// comma or quote). Its classes are the union of its items', so a list
// whose cell needs no more than quotes is written straight into place.
func (e *csvRowEncoder) list(b []byte, list []string, sep string) []byte {
	switch {
	case len(list) == 0:
		return b
	case len(list) == 1:
		return e.cell(b, list[0])
	}
	var class byte
	if !e.raw {
		for _, s := range list {
			class |= e.classify(s)
		}
	}
	// The cell starts with the first item's first byte, and with sep
	// between items it is never `\.`.
	if first := list[0]; e.raw || class&(csvOther|csvDQuote) != 0 || first == "" || csvFormulaStart(first[0]) || first[0] == ' ' {
		start := len(b)
		return appendCSVInPlace(appendJoined(b, list, sep), start, e.raw)
	}
	if class == 0 {
		return appendJoined(b, list, sep)
	}
	b = append(b, '"')
	return append(appendJoined(b, list, sep), '"')
}

func appendJoined(b []byte, list []string, sep string) []byte {
	for i, s := range list {
		if i > 0 {
			b = append(b, sep...)
		}
		b = append(b, s...)
	}
	return b
}
