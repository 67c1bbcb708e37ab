// Package suggest finds the closest known word to a mistyped one, for the
// "did you mean" hints of every tiercalc error.
package suggest

import "strings"

// Closest returns the candidate nearest to word (case-insensitive edit
// distance), or "" when none is close enough to be a plausible typo.
func Closest(word string, candidates []string) string {
	w := strings.ToLower(strings.TrimSpace(word))
	if len(w) > 64 {
		return "" // not a typo of a name; and keeps the cost bounded
	}
	best, bestD := "", -1
	for _, c := range candidates {
		d := distance(w, strings.ToLower(c))
		if bestD < 0 || d < bestD {
			best, bestD = c, d
		}
	}
	// Allow roughly one edit per three characters, at least one.
	limit := max(1, len([]rune(w))/3)
	if bestD < 0 || bestD > limit || bestD >= len([]rune(w)) {
		return ""
	}
	return best
}

// distance is the optimal-string-alignment distance between a and b, in
// runes: Levenshtein plus swaps of two neighbours, the commonest typo.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}
