// Package assume is --assume: what-if changes applied to partner records
// before they are evaluated ("what if this partner had 2 more VTSP?").
//
// The grammar, one change per --assume:
//
//	KEY=N        set a credential or metric to N (VTSP=5, revenue_usd=12000.50)
//	KEY=+N       add N to it (also KEY+=N); KEY=-N takes N away, never below 0 (VTSP=+2)
//	LIST+=ID     add ids to competencies, attestations or profiles (competencies+=business-continuity)
//	LIST-=ID     remove ids from it
//	LIST=ID;ID   set the whole list (LIST= makes it a known empty list)
//	country=CC, current_tier=TIER   set the text field (current_tier= clears it)
//
// Several ids are separated by ";" or ",". Keys and ids are those of the
// record format (the built-in names and the loaded rulebooks'); a change
// to an unknown value (VTSP=+2 when VTSP is unknown, competencies+=x when
// the competencies are) is not applied, since an unknown value plus
// something is still unknown, and a note says so.
package assume

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/tiercalc/tiercalc/pkg/internal/suggest"
	"github.com/tiercalc/tiercalc/pkg/partner"
	"github.com/tiercalc/tiercalc/pkg/region"
)

type op uint8

const (
	opSet    op = iota // KEY=VALUE
	opAdd              // KEY=+N, LIST+=IDS
	opRemove           // KEY=-N, LIST-=IDS
)

// Change is one parsed --assume.
type Change struct {
	key   string
	op    op
	slot  int // credential or metric; -1 otherwise
	num   float64
	items []string // list ids; nil with opSet and an empty list is []
	text  string   // country, current_tier
}

// Set is the changes of one run, applied in the order given.
type Set struct{ changes []Change }

// Len is the number of changes.
func (s *Set) Len() int {
	if s == nil {
		return 0
	}
	return len(s.changes)
}

// String lists the changes as notes write them, joined ", ".
func (s *Set) String() string {
	var parts []string
	for _, c := range s.changes {
		parts = append(parts, c.String())
	}
	return strings.Join(parts, ", ")
}

// Error is a --assume that cannot be applied to any record: an unknown key,
// an unknown id, a value of the wrong form.
type Error struct {
	Spec  string
	Msg   string
	Hints []string
}

func (e *Error) Error() string        { return fmt.Sprintf("--assume %s: %s", e.Spec, e.Msg) }
func (e *Error) ErrorHints() []string { return e.Hints }

// Parse reads specs against schema s.
func Parse(specs []string, s *partner.Schema) (*Set, error) {
	set := &Set{}
	for _, spec := range specs {
		c, err := parse(spec, s)
		if err != nil {
			return nil, err
		}
		set.changes = append(set.changes, c)
	}
	return set, nil
}

const (
	fCompetencies = "competencies"
	fAttestations = "attestations"
	fProfiles     = "profiles"
	fCountry      = "country"
	fCurrentTier  = "current_tier"
)

var (
	lists    = []string{fCompetencies, fAttestations, fProfiles}
	singular = map[string]string{fCompetencies: "competency", fAttestations: "attestation", fProfiles: "profile"}
)

func parse(spec string, s *partner.Schema) (Change, error) {
	bad := func(msg string, hints ...string) (Change, error) {
		return Change{}, &Error{Spec: spec, Msg: msg, Hints: hints}
	}
	key, val, ok := strings.Cut(spec, "=")
	if !ok {
		return bad("expected KEY=VALUE, KEY=+N, LIST+=ID or LIST-=ID", "e.g. --assume VTSP=+2 or --assume competencies+=business-continuity")
	}
	c := Change{op: opSet, slot: -1}
	switch {
	case strings.HasSuffix(key, "+"):
		c.op, key = opAdd, strings.TrimSuffix(key, "+")
	case strings.HasSuffix(key, "-"):
		c.op, key = opRemove, strings.TrimSuffix(key, "-")
	}
	key, val = strings.TrimSpace(key), strings.TrimSpace(val)
	c.key = key
	if slot, ok := s.Slot(key); ok {
		return parseNum(c, spec, val, slot, s.IsCredential(slot))
	}
	if slices.Contains(lists, key) {
		return parseList(c, spec, val, s)
	}
	switch key {
	case fCountry, fCurrentTier:
		if c.op != opSet {
			return bad(key + " is text: write " + key + "=VALUE")
		}
		return parseText(c, spec, val, s)
	}
	known := append(append([]string{}, s.NumFields()...), lists...)
	known = append(known, fCountry, fCurrentTier)
	var hints []string
	if m := suggest.Closest(key, known); m != "" {
		hints = append(hints, fmt.Sprintf("did you mean %s?", m))
	}
	hints = append(hints, "keys are credentials and metrics (VTSP, revenue_usd, ...), competencies, attestations, profiles, country and current_tier")
	return bad(fmt.Sprintf("unknown key %q", key), hints...)
}

func parseNum(c Change, spec, val string, slot int, credential bool) (Change, error) {
	c.slot = slot
	switch {
	case c.op != opSet: // VTSP+=2 reads as VTSP=+2
	case strings.HasPrefix(val, "+"):
		c.op, val = opAdd, val[1:]
	case strings.HasPrefix(val, "-"):
		c.op, val = opRemove, val[1:]
	}
	v, err := strconv.ParseFloat(strings.ReplaceAll(val, "_", ""), 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) || v < 0 || v > 1e15 {
		return c, &Error{Spec: spec, Msg: fmt.Sprintf("%q is not a number from 0 to 1e15", val)}
	}
	if credential && v != math.Trunc(v) {
		return c, &Error{Spec: spec, Msg: fmt.Sprintf("%s counts people: %q is not a whole number", c.key, val)}
	}
	c.num = v
	return c, nil
}

func parseList(c Change, spec, val string, s *partner.Schema) (Change, error) {
	c.items = []string{}
	for _, it := range strings.FieldsFunc(val, func(r rune) bool { return r == ';' || r == ',' }) {
		it = strings.TrimSpace(it)
		if it == "" {
			continue
		}
		id, known := canonical(c.key, it, s)
		if id == "" {
			var hints []string
			if m := suggest.Closest(it, known); m != "" {
				hints = append(hints, fmt.Sprintf("did you mean %s?", m))
			}
			return c, &Error{Spec: spec, Msg: fmt.Sprintf("unknown %s %q", singular[c.key], it), Hints: hints}
		}
		if !slices.Contains(c.items, id) {
			c.items = append(c.items, id)
		}
	}
	if c.op != opSet && len(c.items) == 0 {
		return c, &Error{Spec: spec, Msg: "no id given"}
	}
	return c, nil
}

// canonical is the spelling of list item it the record format knows ("" if
// none), and the known ids for a hint.
func canonical(list, it string, s *partner.Schema) (string, []string) {
	var known []string
	switch list {
	case fCompetencies:
		known = s.Competencies()
	case fAttestations:
		known = s.AttestationIDs()
	case fProfiles:
		known = partner.Profiles
	}
	for _, k := range known {
		if strings.EqualFold(k, it) {
			return k, known
		}
	}
	return "", known
}

func parseText(c Change, spec, val string, s *partner.Schema) (Change, error) {
	switch c.key {
	case fCountry:
		code, ok := region.Code(val)
		if !ok || !region.Known(code) {
			return c, &Error{Spec: spec, Msg: fmt.Sprintf("%q is not an ISO 3166-1 alpha-2 country code", val)}
		}
		c.text = code
	case fCurrentTier:
		if val != "" && !s.KnownTier(val) {
			var hints []string
			if m := suggest.Closest(val, s.TierNames()); m != "" {
				hints = append(hints, fmt.Sprintf("did you mean %s?", m))
			}
			return c, &Error{Spec: spec, Msg: fmt.Sprintf("no loaded program has a tier %q", val), Hints: hints}
		}
		c.text = val
	}
	return c, nil
}

// String is the change as notes write it: "VTSP +2", "revenue_usd = 12000",
// "competencies + business-continuity".
func (c Change) String() string {
	switch {
	case c.slot >= 0:
		n := strconv.FormatFloat(c.num, 'f', -1, 64)
		switch c.op {
		case opAdd:
			return c.key + " +" + n
		case opRemove:
			return c.key + " -" + n
		}
		return c.key + " = " + n
	case c.items != nil:
		ids := strings.Join(c.items, ", ")
		switch c.op {
		case opAdd:
			return c.key + " + " + ids
		case opRemove:
			return c.key + " - " + ids
		}
		if ids == "" {
			ids = "none"
		}
		return c.key + " = " + ids
	}
	if c.text == "" {
		return c.key + " = none"
	}
	return c.key + " = " + c.text
}

// Apply applies the changes to rec and returns the notes its results
// carry: "assumed: ..." listing the changes applied, and "not assumed: ..."
// listing those left out because the value they change is unknown. Lists
// are copied before they change: a record's slices may share memory.
func (s *Set) Apply(rec *partner.Record) []string {
	if s.Len() == 0 {
		return nil
	}
	var done, skipped []string
	for _, c := range s.changes {
		if c.apply(rec) {
			done = append(done, c.String())
		} else {
			skipped = append(skipped, c.String()+" ("+c.key+" is unknown)")
		}
	}
	var notes []string
	if len(done) > 0 {
		notes = append(notes, "assumed: "+strings.Join(done, ", "))
	}
	if len(skipped) > 0 {
		notes = append(notes, "not assumed: "+strings.Join(skipped, ", "))
	}
	return notes
}

func (c Change) apply(rec *partner.Record) bool {
	if c.slot >= 0 {
		if c.slot >= len(rec.Nums) {
			return false
		}
		v := rec.Nums[c.slot]
		switch c.op {
		case opSet:
			v = c.num
		case opAdd:
			v += c.num
		case opRemove:
			v = max(0, v-c.num)
		}
		if partner.IsUnknown(v) {
			return false
		}
		rec.Nums[c.slot] = v
		return true
	}
	if c.items != nil {
		p := c.list(rec)
		if *p == nil && c.op != opSet {
			return false
		}
		var l []string
		switch c.op {
		case opSet:
			l = slices.Clone(c.items)
		case opAdd:
			l = slices.Clone(*p)
			for _, it := range c.items {
				if !slices.Contains(l, it) {
					l = append(l, it)
				}
			}
		case opRemove:
			l = slices.DeleteFunc(slices.Clone(*p), func(x string) bool { return slices.Contains(c.items, x) })
		}
		if l == nil {
			l = []string{}
		}
		*p = l
		return true
	}
	switch c.key {
	case fCountry:
		rec.Country = c.text
	case fCurrentTier:
		rec.CurrentTier = c.text
	}
	return true
}

func (c Change) list(rec *partner.Record) *[]string {
	switch c.key {
	case fCompetencies:
		return &rec.Competencies
	case fAttestations:
		return &rec.Attestations
	}
	return &rec.Profiles
}
