package partner

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/tiercalc/tiercalc/pkg/internal/suggest"
	"github.com/tiercalc/tiercalc/pkg/region"
)

// maxValue bounds every numeric field: larger values are typing errors (or
// attacks) rather than partner figures, and stay exact in a float64.
const maxValue = 1e15

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
	kind  fieldKind
	idx   int // distinct per field: duplicate detection
	slot  int // kNum: index in Record.Nums
	whole bool
	cred  bool
	name  string // canonical spelling
}

// fractional lists the metrics that may carry fractions; every other numeric
// field counts people or things.
var fractional = map[string]bool{"revenue_usd": true, "tier_credits": true}

// builder holds what every format shares: field resolution, value checks,
// the duplicate-id set and allocation slabs.
type builder struct {
	file string
	s    *Schema
	opt  ReadOptions

	fields []field
	exact  map[string]*field
	lower  map[string]*field
	names  []string // candidates for did-you-mean on unknown keys

	seen  []uint32 // per field: stamp of the last record that set it
	stamp uint32

	ids    *IDs // ids seen in this run's inputs
	idBase int  // this input's line base in ids

	warned map[string]bool
	index  int
	col    int // column of the record being built (JSON, YAML); 0 if none

	scratch []string
	recs    []Record
	nums    []float64
	strs    []string

	competencies, attestations []string // sorted, for hints; built lazily

	known [3]map[string]string // per list kind: item as written -> canonical
}

// knownItem returns the canonical form of a list item given as bytes,
// remembering it so that repeated items cost no allocation.
func (b *builder) knownItem(f *field, raw []byte) (string, *RecordError) {
	m := b.known[f.kind-kProfiles]
	if c, ok := m[string(raw)]; ok {
		return c, nil
	}
	it := string(raw)
	c, err := b.listItem(f, it)
	if err != nil {
		return "", err
	}
	if m == nil {
		m = map[string]string{}
		b.known[f.kind-kProfiles] = m
	}
	if len(m) < 4096 {
		m[it] = c
	}
	return c, nil
}

func newBuilder(file string, s *Schema, opt ReadOptions, groups bool) *builder {
	b := &builder{
		file:  file,
		s:     s,
		opt:   opt,
		exact: map[string]*field{},
		lower: map[string]*field{},
	}
	b.ids = opt.IDs
	if b.ids == nil {
		b.ids = NewIDs()
	}
	b.idBase = b.ids.begin(file)
	kinds := map[string]fieldKind{
		"id": kID, "name": kName, "country": kCountry, "current_tier": kTier,
		"profiles": kProfiles, "competencies": kCompetencies, "attestations": kAttestations,
	}
	for _, n := range append(append([]string{}, TextFields...), ListFields...) {
		b.fields = append(b.fields, field{kind: kinds[n], name: n})
	}
	for i, n := range s.NumFields() {
		b.fields = append(b.fields, field{kind: kNum, slot: i, cred: s.IsCredential(i), whole: s.IsCredential(i) || !fractional[n], name: n})
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
	return b
}

// lookupBytes is lookup without allocating for names spelled exactly.
func (b *builder) lookupBytes(name []byte) *field {
	if f, ok := b.exact[string(name)]; ok {
		return f
	}
	return b.lower[strings.ToLower(string(name))]
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
	if len(b.recs) == 0 {
		b.recs = make([]Record, 64)
	}
	r := &b.recs[0]
	b.recs = b.recs[1:]
	n := len(b.s.nums)
	if len(b.nums) < n {
		b.nums = make([]float64, 64*n)
	}
	r.Nums = b.nums[:n:n]
	b.nums = b.nums[n:]
	for i := range r.Nums {
		r.Nums[i] = Unknown
	}
	r.Line = line
	r.Index = b.index
	b.index++
	b.stamp++
	if b.stamp == 0 {
		clear(b.seen)
		b.stamp = 1
	}
	return r
}

// mark records that f was set in the current record; false if it already was.
func (b *builder) mark(f *field) bool {
	if b.seen[f.idx] == b.stamp {
		return false
	}
	b.seen[f.idx] = b.stamp
	return true
}

func fieldErr(f *field, msg, hint string) *RecordError {
	return &RecordError{Field: f.name, Msg: msg, Hint: hint}
}

// setText sets id, name, country or current_tier from a trimmed value,
// valid UTF-8 (JSON and YAML input is checked whole; CSV cells one by one).
func (b *builder) setText(r *Record, f *field, v string) *RecordError {
	switch f.kind {
	case kID:
		r.ID = v
	case kName:
		r.Name = v
	case kTier:
		if v != "" && !b.s.KnownTier(v) {
			return fieldErr(f, "unknown tier "+quote(v), hintFor(v, b.s.TierNames(), "tiers"))
		}
		r.CurrentTier = v
	case kCountry:
		return b.setCountry(r, f, v)
	}
	return nil
}

// setCountry keeps no reference to v: r.Country is interned.
func (b *builder) setCountry(r *Record, f *field, v string) *RecordError {
	if v == "" {
		r.Country = ""
		return nil
	}
	c, ok := region.Code(v)
	if !ok {
		hint := "use an ISO 3166-1 alpha-2 code such as FR, DE or US"
		if m := region.Meant(v); m != "" {
			hint = "did you mean " + m + "?"
		}
		return fieldErr(f, "invalid country code "+quote(v), hint)
	}
	r.Country = c
	return nil
}

// setNum sets a credential or metric from a trimmed value; "" leaves it
// unknown.
func (b *builder) setNum(r *Record, f *field, v string) *RecordError {
	if v == "" {
		r.Nums[f.slot] = Unknown
		return nil
	}
	x, msg, hint := parseNum(v, f.whole)
	if msg != "" {
		return fieldErr(f, msg, hint)
	}
	r.Nums[f.slot] = x
	return nil
}

// parseNum parses a non-negative decimal number no larger than maxValue,
// whole when whole is set. On failure msg (and maybe hint) say why.
func parseNum(v string, whole bool) (x float64, msg, hint string) {
	if len(v) <= 15 { // fast path: a plain integer, exact in a float64
		n := uint64(0)
		i := 0
		for ; i < len(v) && v[i] >= '0' && v[i] <= '9'; i++ {
			n = n*10 + uint64(v[i]-'0')
		}
		if i == len(v) && i > 0 {
			return float64(n), "", ""
		}
	}
	for i := 0; i < len(v); i++ {
		c := v[i]
		if (c < '0' || c > '9') && c != '.' && c != '-' && c != '+' && c != 'e' && c != 'E' {
			m, h := badNumber(v)
			return 0, m, h
		}
	}
	x, err := strconv.ParseFloat(v, 64)
	if err != nil {
		if errors.Is(err, strconv.ErrRange) {
			return 0, "value " + quote(v) + " out of range", "numbers go up to 1e15"
		}
		m, h := badNumber(v)
		return 0, m, h
	}
	switch {
	case math.IsNaN(x) || math.IsInf(x, 0):
		return 0, "not a finite number: " + quote(v), ""
	case x < 0:
		return 0, "negative value " + quote(v), "counts and amounts are zero or more; leave the cell empty when unknown"
	case x > maxValue:
		return 0, "value " + quote(v) + " out of range", "numbers go up to 1e15"
	case whole && x != math.Trunc(x):
		return 0, "not a whole number: " + quote(v), "this field counts people or things"
	}
	return x + 0, "", "" // +0 turns -0 into 0
}

func badNumber(v string) (msg, hint string) {
	switch strings.ToLower(strings.TrimLeft(v, "+-")) {
	case "nan", "inf", "infinity", ".inf", ".nan":
		return "not a finite number: " + quote(v), ""
	}
	switch {
	case strings.ContainsAny(v, ",_ '"):
		hint = "write numbers without thousands separators, with a decimal point"
	case strings.ContainsAny(v, "$€£%"):
		hint = "write a plain number, without currency or percent signs"
	case len(v) > 1 && v[0] == '0' && strings.IndexByte("xXoObB", v[1]) >= 0:
		hint = "write decimal numbers"
	}
	return "not a number: " + quote(v), hint
}

// setListString sets a list field from a ';'-separated trimmed value; ""
// leaves the list unknown (nil).
func (b *builder) setListString(r *Record, f *field, v string) *RecordError {
	if v == "" {
		b.setList(r, f, nil)
		return nil
	}
	items := b.scratch[:0]
	start := 0
	for i := 0; i <= len(v); i++ {
		if i == len(v) || v[i] == ';' {
			if item := strings.TrimSpace(v[start:i]); item != "" {
				items = append(items, item)
			}
			start = i + 1
		}
	}
	b.scratch = items
	return b.commitList(r, f, items, false)
}

// commitList checks, canonicalises and de-duplicates trimmed, non-empty,
// valid UTF-8 items in place (checked: already done), then stores them: a
// non-nil list even when empty.
func (b *builder) commitList(r *Record, f *field, items []string, checked bool) *RecordError {
	n := 0
	for _, it := range items {
		c := it
		if !checked {
			var err *RecordError
			if c, err = b.listItem(f, it); err != nil {
				return err
			}
		}
		dup := false
		for _, prev := range items[:n] {
			if prev == c {
				dup = true
				break
			}
		}
		if !dup {
			items[n] = c
			n++
		}
	}
	var out []string
	if n == 0 {
		out = []string{}
	} else {
		if len(b.strs) < n {
			b.strs = make([]string, max(256, n))
		}
		out = b.strs[:n:n]
		b.strs = b.strs[n:]
		copy(out, items[:n])
	}
	b.setList(r, f, out)
	return nil
}

func (b *builder) setList(r *Record, f *field, l []string) {
	switch f.kind {
	case kProfiles:
		r.Profiles = l
	case kCompetencies:
		r.Competencies = l
	case kAttestations:
		r.Attestations = l
	}
}

// listItem returns the canonical spelling of a list item (case-insensitive
// match) or an error with a did-you-mean hint.
func (b *builder) listItem(f *field, it string) (string, *RecordError) {
	switch f.kind {
	case kProfiles:
		for _, p := range Profiles {
			if p == it {
				return p, nil
			}
		}
		for _, p := range Profiles {
			if strings.EqualFold(p, it) {
				return p, nil
			}
		}
		return "", fieldErr(f, "unknown profile "+quote(it), hintFor(it, Profiles, "profiles"))
	case kCompetencies:
		if b.s.KnownCompetency(it) {
			return it, nil
		}
		if l := strings.ToLower(it); b.s.KnownCompetency(l) {
			return l, nil
		}
		if b.competencies == nil {
			b.competencies = b.s.Competencies()
		}
		return "", fieldErr(f, "unknown competency "+quote(it), hintFor(it, b.competencies, "competencies"))
	case kAttestations:
		if b.s.KnownAttestation(it) {
			return it, nil
		}
		if l := strings.ToLower(it); b.s.KnownAttestation(l) {
			return l, nil
		}
		if b.attestations == nil {
			b.attestations = b.s.AttestationIDs()
		}
		return "", fieldErr(f, "unknown attestation "+quote(it), hintFor(it, b.attestations, "attestations"))
	}
	return it, nil
}

// hintFor suggests the closest candidate, else lists short vocabularies.
func hintFor(name string, cands []string, what string) string {
	if m := closest(name, cands); m != "" {
		return "did you mean " + m + "?"
	}
	if len(cands) == 0 {
		return "no " + what + " are known to the loaded rulebooks"
	}
	if len(cands) <= 12 {
		return "known " + what + ": " + strings.Join(cands, ", ")
	}
	return ""
}

// maxName bounds a column or key name echoed in a message.
const maxName = 64

// clip cuts a name taken from the input for a message: its first maxName
// bytes (at a character boundary) and "...".
func clip(s string) string {
	if len(s) <= maxName {
		return s
	}
	cut := maxName
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "..."
}

// closest is suggest.Closest, never run on a name too long to be a typo.
func closest(name string, cands []string) string {
	if len(name) > 4*maxName {
		return ""
	}
	return suggest.Closest(name, cands)
}

// unknownKey reports a column or key no schema knows: a warning (once per
// name) when lenient, else an error naming it with a did-you-mean.
func (b *builder) unknownKey(name, what string, line, col int) *RecordError {
	if b.ignoring(name) {
		return nil
	}
	e := &RecordError{File: b.file, Line: line, Column: col, Field: printable(clip(name)), Msg: "unknown " + what}
	if m := closest(name, b.names); m != "" {
		e.Hint = "did you mean " + m + "?"
	} else {
		e.Hint = "known " + what + "s are id, name, country, current_tier, profiles, competencies, attestations and the credential and metric names (such as VTSP, revenue_usd) of the loaded rulebooks"
	}
	if !b.opt.Lenient {
		return e
	}
	if k := clip(name); !b.warned[k] && len(b.warned) < 1000 {
		if b.warned == nil {
			b.warned = map[string]bool{}
		}
		b.warned[k] = true
		e.Msg += " ignored"
		if b.opt.Warn != nil {
			b.opt.Warn(e)
		}
	}
	return nil
}

// ignoring reports whether an unknown name needs no more work: lenient, and
// already warned about (or too many names warned about).
func (b *builder) ignoring(name string) bool {
	return b.opt.Lenient && (len(b.warned) >= 1000 || b.warned[clip(name)])
}

// finish checks what needs the whole record (id present and unique) and
// returns the record's first error, completed with file and id.
func (b *builder) finish(r *Record, first *RecordError) *RecordError {
	if first == nil && r.ID == "" {
		first = &RecordError{Line: r.Line, Column: b.col, Field: "id", Msg: "missing id", Hint: "every record needs a non-empty, unique id"}
	}
	if r.ID != "" {
		if file, line, added := b.ids.add(r.ID, b.idBase, r.Line); !added && first == nil {
			where := fmt.Sprintf("line %d", line)
			if file != b.file {
				where = fmt.Sprintf("%s:%d", file, line)
			}
			first = &RecordError{Line: r.Line, Column: b.col, Field: "id", Msg: fmt.Sprintf("duplicate id %s (first on %s)", quote(r.ID), where), Hint: "ids must be unique in an input"}
		}
	}
	if first == nil {
		return nil
	}
	first.File = b.file
	if first.Line == 0 {
		first.Line = r.Line
	}
	if utf8.ValidString(r.ID) && len(r.ID) <= 200 {
		first.ID = printable(r.ID)
	}
	return first
}

// printable returns s, or s quoted when it holds control characters, so
// that names taken from the input never write raw escapes to a terminal.
func printable(s string) string {
	for _, c := range s {
		if c < ' ' || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == utf8.RuneError {
			return quote(s)
		}
	}
	return s
}

// quote quotes a value for a message, cutting very long ones.
func quote(v string) string {
	const limit = 60
	if len(v) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(v[cut]) {
			cut--
		}
		return strconv.Quote(v[:cut]) + "..."
	}
	return strconv.Quote(v)
}
