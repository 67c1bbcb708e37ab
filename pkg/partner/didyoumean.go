package partner

import "strings"

// closest returns the candidate nearest to name (case-insensitive optimal
// string alignment distance, so a swap of two letters costs one), or "" when
// none is near enough to be a plausible typo.
func closest(name string, cands []string) string {
	n := strings.ToLower(strings.TrimSpace(name))
	if n == "" || len(n) > 64 {
		return ""
	}
	limit := 1 // a typo costs one edit per four letters or so
	switch {
	case len(n) > 8:
		limit = 3
	case len(n) > 4:
		limit = 2
	}
	best, bestD := "", limit+1
	for _, c := range cands {
		if d := editDistance(n, strings.ToLower(c)); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

// editDistance is the optimal string alignment distance over bytes.
func editDistance(a, b string) int {
	if len(a) > 64 || len(b) > 64 {
		return 1 << 20
	}
	var rows [3][65]int
	prev2, prev, cur := &rows[0], &rows[1], &rows[2]
	for j := 0; j <= len(b); j++ {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d = min(d, prev2[j-2]+1)
			}
			cur[j] = d
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}
