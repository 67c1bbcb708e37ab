package suggest

import "testing"

func TestClosest(t *testing.T) {
	known := []string{"revenue_usd", "VTSP", "VCP-DCV", "competencies", "json", "ndjson", "table"}
	tests := []struct {
		word, want string
	}{
		{"revenu_usd", "revenue_usd"},
		{"vtsp", "VTSP"},
		{"VCP_DCV", "VCP-DCV"},
		{"competences", "competencies"},
		{"jsno", "json"},
		{"tabel", "table"},
		{"colour", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Closest(tt.word, known); got != tt.want {
			t.Errorf("Closest(%q) = %q, want %q", tt.word, got, tt.want)
		}
	}
	if got := Closest("x", nil); got != "" {
		t.Errorf("Closest with no candidates = %q", got)
	}
}

func TestDistance(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want int
	}{{"", "", 0}, {"abc", "", 3}, {"kitten", "sitting", 3}, {"été", "ete", 2}, {"jsno", "json", 1}} {
		if got := distance(tt.a, tt.b); got != tt.want {
			t.Errorf("distance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}
