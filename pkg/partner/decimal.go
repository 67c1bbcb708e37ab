package partner

import "strings"

// Numbers as French, German or Italian exports write them: "1 234,56",
// "1.234,56", "12,5". A number is rewritten to the plain form ("1234.56")
// and then parsed as any other, so the amount is the same to the cent as
// the plain CSV's.
//
// Without --decimal-comma a comma is read as the decimal mark only where
// it cannot be misread: with a space or no-break space as the thousands
// separator ("1 234,56"), with dots grouping thousands before it
// ("1.234,56"), or with other than three digits after it ("12,5",
// "1234,567 8" is no number). "1,234" alone is never guessed: it is 1234
// in English and 1.234 in French.

// thousandsSeps are the separators a decimal-comma number may group
// thousands with: space, no-break space, narrow no-break space, dot.
var thousandsSeps = []string{" ", "\u00a0", "\u202f", "."}

// decimalComma returns v in plain form ("1234.56") when it is a number
// written with a decimal comma (declared: --decimal-comma) or thousands
// separators; ok is false when v is no such number or could be misread.
func decimalComma(v string, declared bool) (plain string, ok bool) {
	intPart, frac, hasComma := strings.Cut(v, ",")
	if hasComma && (frac == "" || !digits(frac)) {
		return "", false
	}
	sep, groups := splitGroups(intPart)
	if groups == nil {
		return "", false
	}
	grouped := len(groups) > 1
	if !grouped && !hasComma {
		return "", false // a plain number: nothing to rewrite
	}
	if !grouped && len(frac) == 3 && !declared {
		return "", false // "1,234": 1234 or 1.234
	}
	if sep == "." && !hasComma && !declared {
		return "", false // "1.234": a decimal point in English
	}
	plain = strings.Join(groups, "")
	if hasComma {
		plain += "." + frac
	}
	return plain, true
}

// splitGroups splits an integer part written with one kind of thousands
// separator into its digit groups (the first of 1-3 digits, the others of
// 3); nil when it is not so written.
func splitGroups(s string) (sep string, groups []string) {
	for _, t := range thousandsSeps {
		if strings.Contains(s, t) {
			sep = t
			break
		}
	}
	if sep == "" {
		if !digits(s) {
			return "", nil
		}
		return "", []string{s}
	}
	groups = strings.Split(s, sep)
	for i, g := range groups {
		if !digits(g) || i > 0 && len(g) != 3 || i == 0 && len(g) > 3 {
			return "", nil
		}
	}
	return sep, groups
}

func digits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// plainNumber reports whether v is digits with at most one decimal point.
func plainNumber(v string) bool {
	i, f, _ := strings.Cut(v, ".")
	return digits(i) && (f == "" || digits(f))
}
