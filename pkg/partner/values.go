package partner

import (
	"errors"
	"math"
	"strconv"
	"strings"

	"github.com/tiercalc/tiercalc/pkg/region"
)

// setText sets id, name, country or current_tier from a trimmed value,
// valid UTF-8 (JSON and YAML input is checked whole; CSV cells one by one).
func (b *builder) setText(r *Record, f *field, v string) *RecordError {
	switch f.kind {
	case kID:
		r.ID = v
	case kName:
		r.Name = v
	case kTier:
		if v != "" && !b.knownTier(v) {
			return fieldErr(f, "unknown tier "+quote(v), hintFor(v, b.s.TierNames(), "tiers"))
		}
		r.CurrentTier = v
	case kCountry:
		return b.setCountry(r, f, v)
	}
	return nil
}

// knownTier is Schema.KnownTier remembering the few spellings an input
// uses: comparing with them costs less than the map lookup of a lower-cased
// copy, on every row.
func (b *builder) knownTier(v string) bool {
	for _, t := range b.tierSeen {
		if t == v {
			return true
		}
	}
	if !b.s.KnownTier(v) {
		return false
	}
	if len(b.tierSeen) < 8 {
		b.tierSeen = append(b.tierSeen, strings.Clone(v))
	}
	return true
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
	if !b.opt.DecimalComma {
		if x, ok := plainInt(v); ok {
			r.Nums[f.slot] = x
			return nil
		}
	}
	orig := v
	if b.opt.DecimalComma || !plainNumber(v) {
		if p, ok := decimalComma(v, b.opt.DecimalComma); ok {
			v = p // decimal.go
		}
	}
	x, msg, hint := parseNum(v, f.prec)
	if msg != "" {
		msg = strings.Replace(msg, quote(v), quote(orig), 1) // as written
		if strings.Contains(v, ",") && !b.opt.DecimalComma {
			hint = strings.TrimSuffix("pass --decimal-comma if the comma is the decimal mark; else "+hint, "; else ")
		}
		return fieldErr(f, msg, hint)
	}
	r.Nums[f.slot] = x
	return nil
}

// parseNum parses a non-negative decimal number that a field of precision
// p may hold (CheckValue). On failure msg (and maybe hint) say why.
func parseNum(v string, p Precision) (x float64, msg, hint string) {
	if x, ok := plainInt(v); ok { // fast path
		return x, "", ""
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
			return 0, "value " + quote(v) + " out of range", limitHint(p)
		}
		m, h := badNumber(v)
		return 0, m, h
	}
	switch {
	case math.IsNaN(x) || math.IsInf(x, 0):
		return 0, "not a finite number: " + quote(v), ""
	case x < 0:
		return 0, "negative value " + quote(v), "counts and amounts are zero or more; leave the cell empty when unknown"
	}
	x += 0 // turns -0 into 0
	switch msg, hint := CheckValue(x, p); {
	case msg == "":
		return x, "", ""
	case strings.HasPrefix(msg, "above"):
		return 0, "value " + quote(v) + " out of range", hint
	default:
		return 0, msg + ": " + quote(v), hint
	}
}

// plainInt reads v when it is 1 to plainDigits ASCII digits (nearly every
// cell of an export): such a number is exact in a float64 and below every
// field's limit (MaxMoney, 1e13, is the lower), and whole, so one loop gives
// what strconv.ParseFloat and CheckValue would, without a look at signs,
// points or exponents. Longer numbers take the full path, with its range
// check. It is parseNum's fast path, which JSON number literals take
// without a string (jsonrecord.go).
func plainInt[T string | []byte](v T) (float64, bool) {
	if len(v) == 0 || len(v) > plainDigits {
		return 0, false
	}
	n := uint64(0)
	for i := 0; i < len(v); i++ {
		if v[i] < '0' || v[i] > '9' {
			return 0, false
		}
		n = n*10 + uint64(v[i]-'0')
	}
	return float64(n), true
}

// plainDigits is the longest plain integer plainInt reads: 13 digits stay
// under 1e13, the lowest field limit.
const plainDigits = 13

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
