package partner

import (
	"slices"
	"unicode/utf8"

	"github.com/tiercalc/tiercalc/pkg/region"
)

// The cells of a row without quotes, read from the row's bytes: the usual
// cell (a small whole number, a known list, tier or country code, an id
// or a name) is set without a string of its own; any other cell takes cellAt's full
// path, which trims, checks and explains.

// cellPlan sorts a reader's columns for plainCells: the numeric ones,
// read in a loop of their own, and the others (the numeric ones too with
// --decimal-comma, which quickNum leaves to cell).
type cellPlan struct {
	nums   []numCol
	others []int
	slow   []int // reused: the columns of a row left to cellAt
}

type numCol struct{ col, slot int }

func (c *csvReader) cellPlan() *cellPlan {
	if c.plan != nil {
		return c.plan
	}
	p := &cellPlan{}
	for i, f := range c.cols {
		if f.kind == kNum && !c.b.opt.DecimalComma {
			p.nums = append(p.nums, numCol{i, f.slot})
		} else {
			p.others = append(p.others, i)
		}
	}
	c.plan = p
	return p
}

// quickCells turns the quick path off when false: tests compare the two.
var quickCells = true

// plainCells is rowCells for a lazy row. Quick cells set their fields
// and cannot fail; the rest go to cellAt in column order, so the first
// problem is still the leftmost one.
func (c *csvReader) plainCells(rec *Record, row *csvRow) *RecordError {
	p := c.cellPlan()
	slow := p.slow[:0]
	if quickCells {
		slow = c.quickRow(rec, row, p, slow)
	} else {
		for i := range row.spans {
			slow = append(slow, i)
		}
	}
	p.slow = slow
	if len(slow) == 0 {
		return nil
	}
	slices.Sort(slow)
	var first *RecordError
	for _, i := range slow {
		sp := row.span(i)
		if e := c.cellAt(rec, i, string(row.text[sp.start:sp.end])); e != nil && first == nil {
			first = e
		}
	}
	return first
}

// quickRow sets the fields of a row's quick cells, and appends the other
// columns to slow.
func (c *csvReader) quickRow(rec *Record, row *csvRow, p *cellPlan, slow []int) []int {
	text, spans := row.text, row.spans
	for _, n := range p.nums {
		sp := spans[n.col]
		v := text[sp.start:sp.end]
		switch {
		case len(v) == 1 && v[0]-'0' <= 9: // most counts are one digit
			rec.Nums[n.slot] = float64(v[0] - '0')
		case len(v) == 0:
			rec.Nums[n.slot] = Unknown
		default:
			x, ok := plainInt(v) // digits only: nothing to trim
			if !ok {
				slow = append(slow, n.col)
				continue
			}
			rec.Nums[n.slot] = x
		}
	}
	for _, i := range p.others {
		sp := spans[i]
		if !c.quickCell(rec, i, text[sp.start:sp.end]) {
			slow = append(slow, i)
		}
	}
	return slow
}

// quickCell sets the field of column i from v when v needs neither
// trimming nor a message, as cell would set it; false leaves it to cell.
func (c *csvReader) quickCell(rec *Record, i int, v []byte) bool {
	if len(v) > 0 && !(edgeByte(v[0]) && edgeByte(v[len(v)-1])) {
		return false // blanks to trim, or a byte from 0x80 at an edge
	}
	b, f := c.b, c.cols[i]
	switch f.kind {
	case kNum:
		return b.quickNum(rec, f, v)
	case kProfiles, kCompetencies, kAttestations:
		return c.quickList(rec, i, f, v)
	case kID, kName:
		return c.quickText(rec, f, v)
	case kCountry:
		return quickCountry(rec, v)
	case kTier:
		return b.quickTier(rec, v)
	case kIgnore:
		return len(v) == 0
	}
	return f == skipField && utf8.Valid(v)
}

// quickText sets the id or the name from valid UTF-8.
func (c *csvReader) quickText(rec *Record, f *field, v []byte) bool {
	if !utf8.Valid(v) {
		return false
	}
	if f.kind == kID {
		rec.ID = c.b.keepText(v)
	} else {
		rec.Name = c.b.keepText(v)
	}
	return true
}

// quickCountry is setCountry for an empty cell or a known code.
func quickCountry(rec *Record, v []byte) bool {
	if len(v) == 0 {
		rec.Country = ""
		return true
	}
	code, ok := region.Code(string(v))
	if ok {
		rec.Country = code
	}
	return ok
}

// quickNum is setNum for an empty cell or a plain whole number.
func (b *builder) quickNum(rec *Record, f *field, v []byte) bool {
	if len(v) == 0 {
		rec.Nums[f.slot] = Unknown
		return true
	}
	if b.opt.DecimalComma {
		return false
	}
	x, ok := plainInt(v)
	rec.Nums[f.slot] = x
	return ok
}

// quickList is list for an empty cell or one read before in this column.
func (c *csvReader) quickList(rec *Record, col int, f *field, v []byte) bool {
	if len(v) == 0 {
		c.b.setList(rec, f, nil)
		return true
	}
	if c.lists == nil {
		return false
	}
	l, ok := c.lists[col][string(v)]
	if ok {
		c.b.setList(rec, f, l)
	}
	return ok
}

// quickTier is setText for an empty tier or one of the spellings the
// input used before (knownTier): the record shares that spelling's string.
func (b *builder) quickTier(rec *Record, v []byte) bool {
	if len(v) == 0 {
		rec.CurrentTier = ""
		return true
	}
	for _, t := range b.tierSeen {
		if t == string(v) {
			rec.CurrentTier = t
			return true
		}
	}
	return false
}
