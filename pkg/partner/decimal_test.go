package partner

import "testing"

func TestDecimalComma(t *testing.T) {
	for _, c := range []struct {
		in       string
		declared bool
		want     string // "" when not rewritten
	}{
		{"1 234,56", false, "1234.56"},
		{"1\u00a0234\u00a0567,5", false, "1234567.5"},
		{"1\u202f234", false, "1234"},
		{"1.234,56", false, "1234.56"},
		{"12,5", false, "12.5"},
		{"1234,56", false, "1234.56"},
		{"0,1234", false, "0.1234"},
		{"1,234", false, ""}, // 1234 or 1.234: never guessed
		{"1,234", true, "1.234"},
		{"1.234", false, ""}, // a decimal point
		{"1.234", true, "1234"},
		{"1 234", false, "1234"},
		{"12 34,5", false, ""}, // not groups of three
		{"1 234.5", false, ""},
		{"1,2,3", false, ""},
		{"1,", false, ""},
		{",5", false, ""},
		{"1234", false, ""},
		{"-1,5", false, ""},
	} {
		got, ok := decimalComma(c.in, c.declared)
		if got != c.want || ok != (c.want != "") {
			t.Errorf("decimalComma(%q, %v) = %q, %v; want %q", c.in, c.declared, got, ok, c.want)
		}
	}
}
