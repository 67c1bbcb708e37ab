package partner

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

type fieldKind uint8

const (
	kUnknown fieldKind = iota
	kID
	kName
	kCountry
	kTier
	kProfiles
	kCompetencies
	kAttestations
	kNum
	kGroupCredentials // JSON and YAML only: credentials: {...}
	kGroupMetrics     // JSON and YAML only: metrics: {...}
	kIgnore           // CSV only: a column with an empty header name
)

// field is a record field resolved from a column or key name once, so rows
// dispatch on kind without looking names up again.
type field struct {
	kind fieldKind
	idx  int // distinct per field: duplicate detection
	slot int // kNum: index in Record.Nums
	prec Precision
	cred bool
	name string // canonical spelling
}

// builder holds what every format shares: field resolution, value checks,
// the duplicate-id set and allocation slabs.
type builder struct {
	file string
	s    *Schema
	opt  ReadOptions
	// groups: JSON and YAML, whose credentials and metrics may be grouped
	groups bool

	fields []field
	exact  map[string]*field
	lower  map[string]*field
	names  []string // candidates for did-you-mean on unknown keys

	seen  []uint32 // per field: stamp of the last record that set it
	stamp uint32

	ids    *IDs // ids seen in this run's inputs
	idBase int  // this input's line base in ids
	// deferIDs leaves the id claim to the caller (claimID, in input
	// order): a builder of a chunk parsed in parallel.
	deferIDs bool
	emit     func(item) // with deferIDs: where warnings go

	warned map[string]bool
	col    int // column of the record being built (JSON, YAML); 0 if none

	scratch []string
	text    strings.Builder // ids and names of recent records (keepText)
	recs    []Record
	nums    []float64
	strs    []string
	// mem, when set, is the chunk's reusable record memory (recmem.go);
	// unknown then holds Nums' Unknown values when mem was used before.
	mem     *recMem
	unknown []float64

	competencies, attestations []string // sorted, for hints; built lazily

	tracks []track // VCAP-X and VCP-X slot pairs, for consistent

	known    [3]map[string]string // per list kind: item as written -> canonical
	tierSeen []string             // current_tier spellings found known (knownTier)

	keys       []jsonKey              // JSON: the keys of the last records, in order (jsonField)
	keyN       int                    // JSON: keys read so far in the record being built
	walk       jwalk                  // JSON: the walk of the record being built (walkJSON)
	shape      jshape                 // JSON: the shape of the last record walked in full (byShape)
	segs       []jseg                 // JSON: the shape the walk of the record being built records
	shapeTries backoff                // JSON: when the shape is tried (byShape)
	lists      [3]map[string][]string // JSON: per list kind, lists as written -> list (jsonCachedList)
}

func newBuilder(file string, s *Schema, opt ReadOptions, groups bool) *builder {
	b := makeBuilder(file, s, opt, groups)
	b.ids = opt.IDs
	if b.ids == nil {
		b.ids = NewIDs()
	}
	b.idBase = b.ids.begin(file)
	return b
}

// fork returns a builder of the same input for a chunk parsed in parallel:
// its own slabs and caches, warnings to emit, ids left to claimID.
func (b *builder) fork(emit func(item)) *builder {
	f := makeBuilder(b.file, b.s, b.opt, b.groups)
	f.deferIDs, f.emit = true, emit
	return f
}

func makeBuilder(file string, s *Schema, opt ReadOptions, groups bool) *builder {
	b := &builder{
		groups: groups,
		file:   file,
		s:      s,
		opt:    opt,
		exact:  map[string]*field{},
		lower:  map[string]*field{},
	}
	kinds := map[string]fieldKind{
		"id": kID, "name": kName, "country": kCountry, "current_tier": kTier,
		"profiles": kProfiles, "competencies": kCompetencies, "attestations": kAttestations,
	}
	for _, n := range slices.Concat(TextFields, ListFields) {
		b.fields = append(b.fields, field{kind: kinds[n], name: n})
	}
	for i, n := range s.NumFields() {
		b.fields = append(b.fields, field{kind: kNum, slot: i, cred: s.IsCredential(i), prec: s.Precision(i), name: n})
	}
	if groups {
		b.fields = append(b.fields, field{kind: kGroupCredentials, name: "credentials"}, field{kind: kGroupMetrics, name: "metrics"})
	}
	for i := range b.fields {
		f := &b.fields[i]
		f.idx = i
		if _, dup := b.exact[f.name]; !dup {
			b.exact[f.name] = f
		}
		if _, dup := b.lower[strings.ToLower(f.name)]; !dup {
			b.lower[strings.ToLower(f.name)] = f
		}
		b.names = append(b.names, f.name)
	}
	b.seen = make([]uint32, len(b.fields))
	b.tracks = certTracks(s)
	return b
}

// track is one certification track: the slots of its VCAP-X and VCP-X
// counts.
type track struct {
	vcap, vcp         int
	vcapName, vcpName string
}

// certTracks pairs every VCAP-X credential of s with its VCP-X.
func certTracks(s *Schema) []track {
	var out []track
	for i, n := range s.NumFields() {
		x, ok := strings.CutPrefix(n, "VCAP-")
		if !ok || !s.IsCredential(i) {
			continue
		}
		if j, ok := s.Slot("VCP-" + x); ok && s.IsCredential(j) {
			out = append(out, track{vcap: i, vcp: j, vcapName: n, vcpName: "VCP-" + x})
		}
	}
	return out
}

func fmtCount(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// consistent checks what the counts of one record say together: a VCAP-X
// holder has passed the track's VCP-X first (the advanced certification
// requires the professional one), so a record counting
// more VCAP-X than VCP-X holders has miscounted.
func (b *builder) consistent(r *Record) *RecordError {
	for _, t := range b.tracks {
		vcap, vcp := r.Nums[t.vcap], r.Nums[t.vcp]
		if IsUnknown(vcap) || IsUnknown(vcp) || vcap <= vcp {
			continue
		}
		return &RecordError{Line: r.Line, Column: b.col, Field: t.vcapName,
			Msg:  fmt.Sprintf("%s %s holders but only %s %s", fmtCount(vcap), t.vcapName, fmtCount(vcp), t.vcpName),
			Hint: fmt.Sprintf("a %s holder also holds the %s: count them in %s too", t.vcapName, t.vcpName, t.vcpName)}
	}
	return nil
}

// lookup resolves a key: exact spelling first, then case-insensitively.
func (b *builder) lookup(name string) *field {
	if f, ok := b.exact[name]; ok {
		return f
	}
	return b.lower[strings.ToLower(name)]
}

// newRecord starts a record. Records, their Nums and their lists are carved
// from slabs so that a row costs no allocation of its own on the hot path.
func (b *builder) newRecord(line int) *Record {
	n := len(b.s.nums)
	var r *Record
	if b.mem != nil {
		r = b.mem.record(n, b.unknown)
	} else {
		if len(b.recs) == 0 {
			b.recs = make([]Record, 64)
		}
		r = &b.recs[0]
		b.recs = b.recs[1:]
		if len(b.nums) < n {
			b.nums = unknownSlab(64 * n)
		}
		r.Nums = b.nums[:n:n]
		b.nums = b.nums[n:]
	}
	r.Line = line
	b.stamp++
	if b.stamp == 0 {
		clear(b.seen)
		b.stamp = 1
	}
	return r
}

// unknownSlab returns n values, every one Unknown: set by copying the
// part already set over the rest (memmove), which costs less than a store
// a value on every record.
func unknownSlab(n int) []float64 {
	s := make([]float64, n)
	if n == 0 {
		return s
	}
	s[0] = Unknown
	for k := 1; k < n; k *= 2 {
		copy(s[k:], s[:k])
	}
	return s
}

// mark records that f was set in the current record; false if it already was.
func (b *builder) mark(f *field) bool {
	if b.seen[f.idx] == b.stamp {
		return false
	}
	b.seen[f.idx] = b.stamp
	return true
}

// claim checks that f may be set here, in group g (nil: at the top level),
// and marks it set in the current record.
func (b *builder) claim(g, f *field) *RecordError {
	if g != nil {
		if e := groupMismatch(g, f); e != nil {
			return e
		}
	}
	if !b.mark(f) {
		return &RecordError{Field: f.name, Msg: "duplicate key", Hint: "give each field once, flat or under credentials: / metrics:"}
	}
	return nil
}

func fieldErr(f *field, msg, hint string) *RecordError {
	return &RecordError{Field: f.name, Msg: msg, Hint: hint}
}

// finish checks what needs the whole record (counts consistent, id present,
// printable and unique) and returns the record's first error, completed with file and id.
// Only a record that is kept claims its id: a rejected one does not make
// the next record with that id a duplicate.
func (b *builder) finish(r *Record, first *RecordError) *RecordError {
	if first == nil {
		first = b.consistent(r)
	}
	if first == nil && r.ID == "" {
		first = &RecordError{Line: r.Line, Column: b.col, Field: "id", Msg: "missing id", Hint: "every record needs a non-empty, unique id"}
	}
	if first == nil {
		if c, bad := idControl(r.ID); bad {
			first = &RecordError{Line: r.Line, Column: b.col, Field: "id", Msg: "id holds a control character " + charCode(c), Hint: "an id is one line of printable text"}
		}
	}
	if first != nil {
		return b.complete(r, first)
	}
	if b.deferIDs || b.opt.UniqueIDs {
		return nil
	}
	return b.claimID(r, b.col, b.ids.prepare(r.ID))
}

// claimID claims r's id, prepared as c, in the run's id set; a
// duplicate's rejection, at col (a JSON or YAML record's column; 0 for
// CSV), or nil.
func (b *builder) claimID(r *Record, col int, c idClaim) *RecordError {
	file, line, odd, added := b.ids.add(c, b.idBase, r.Line)
	if added {
		return nil
	}
	return b.dupError(r, col, c.odd || odd, file, line)
}

// claimed is the duplicate-id error of an item claimed by IDs.claim, or
// nil for a new id.
func (b *builder) claimed(it item) *RecordError {
	if it.dup.first == 0 {
		return nil
	}
	file, line := b.ids.where(it.dup.first)
	return b.dupError(it.rec, it.col, it.id.odd || it.dup.odd, file, line)
}

// dupError rejects r, whose id was first seen on line of file; odd says
// one of the two was written with invisible characters or another
// normalisation.
func (b *builder) dupError(r *Record, col int, odd bool, file string, line int) *RecordError {
	where := fmt.Sprintf("line %d", line)
	if file != b.file {
		where = fmt.Sprintf("%s:%d", file, line)
	}
	e := &RecordError{Line: r.Line, Column: col, Field: "id", Msg: fmt.Sprintf("duplicate id %s (first on %s)", quote(r.ID), where), Hint: "ids must be unique in an input"}
	if odd {
		e.Hint = "ids that differ only in invisible characters (zero-width or no-break spaces, blanks around them) or in Unicode normalisation are the same id"
	}
	return b.complete(r, e)
}

// complete names the file, line and id of a record's first error.
func (b *builder) complete(r *Record, first *RecordError) *RecordError {
	first.File = b.file
	if first.Line == 0 {
		first.Line = r.Line
	}
	if utf8.ValidString(r.ID) && len(r.ID) <= 200 {
		first.ID = printable(r.ID)
	}
	return first
}

// result finishes a record built by a JSON or YAML decoder.
func (b *builder) result(r *Record, first *RecordError) (*Record, error) {
	if e := b.finish(r, first); e != nil {
		return nil, e
	}
	return r, nil
}

// textSlab is the bytes of id and name text the records of recent rows
// share (keepText).
const textSlab = 1 << 10

// keepText returns v as a string that shares one allocation with the ids
// and names of the records around it: one allocation for some fifty
// records rather than one a record. A record kept on its own pins at most
// textSlab bytes; records kept together need only their id and name text,
// not their whole row or line. A strings.Builder never changes the bytes
// behind a string it returned: it appends after them, or to a new buffer
// after Reset.
func (b *builder) keepText(v []byte) string {
	if len(v) == 0 {
		return ""
	}
	t := &b.text
	if t.Cap()-t.Len() < len(v) {
		t.Reset()
		t.Grow(max(textSlab, len(v)))
	}
	from := t.Len()
	t.Write(v)
	return t.String()[from:]
}
