package report

import (
	"math"
	"strconv"

	"github.com/tiercalc/tiercalc/pkg/partner"
)

// Number formats v for people in unit: thousands separated by commas, no
// decimals when whole ("8,500", "1,000,000", "2.5"). A currency amount
// carries its symbol and, when it has cents, two decimals ("US$8,500",
// "US$0.01", "US$1,000.50"). Counts pass unit "".
func Number(v float64, unit string) string { return string(AppendNumber(nil, v, unit)) }

// AppendNumber appends Number(v, unit) to b: batch printers build their
// lines without a string per number.
func AppendNumber(b []byte, v float64, unit string) []byte {
	if partner.IsCurrency(unit) {
		if v < 0 {
			b = append(b, '-')
			v = -v
		}
		b = append(b, "US$"...)
		if v != math.Trunc(v) && !math.IsInf(v, 0) {
			// An amount holds whole cents (partner.CheckValue, and
			// the engine rounds gaps to the cent): two decimals say
			// it exactly.
			var buf [64]byte
			return appendGroupedDigits(b, strconv.AppendFloat(buf[:0], v, 'f', 2, 64))
		}
	}
	return appendGrouped(b, v)
}

// appendGrouped appends v with its thousands separated by commas.
func appendGrouped(b []byte, v float64) []byte {
	if v == math.Trunc(v) && math.Abs(v) < 1e15 && !math.Signbit(v) {
		// The common case: a whole count or amount. Below 1e15 floats
		// are less than 1 apart, so its shortest digits are its
		// integer's; -0 ("-0") keeps the general path.
		return appendGroupedUint(b, uint64(v))
	}
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return strconv.AppendFloat(b, v, 'f', -1, 64)
	}
	var buf [64]byte
	return appendGroupedDigits(b, strconv.AppendFloat(buf[:0], v, 'f', -1, 64))
}

// appendGroupedDigits appends s, a number in digits, with commas between
// the thousands of its integer part.
func appendGroupedDigits(b, s []byte) []byte {
	if s[0] == '-' {
		b = append(b, '-')
		s = s[1:]
	}
	intLen := len(s)
	for i, c := range s {
		if c == '.' {
			intLen = i
			break
		}
	}
	head := intLen % 3
	if head == 0 {
		head = 3
	}
	b = append(b, s[:min(head, intLen)]...)
	for i := head; i < intLen; i += 3 {
		b = append(b, ',')
		b = append(b, s[i:i+3]...)
	}
	return append(b, s[intLen:]...)
}

// appendGroupedUint appends u with commas between its thousands, as
// appendGroupedDigits does to its digits.
func appendGroupedUint(b []byte, u uint64) []byte {
	var buf [26]byte // 20 digits and 6 commas
	i := len(buf)
	for n := 0; ; n++ {
		if n > 0 && n%3 == 0 {
			i--
			buf[i] = ','
		}
		i--
		buf[i] = byte('0' + u%10)
		u /= 10
		if u == 0 {
			return append(b, buf[i:]...)
		}
	}
}
