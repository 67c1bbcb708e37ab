package rulebook

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

func TestHostileInput(t *testing.T) {
	bomb := "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
	for i := 'b'; i <= 'k'; i++ {
		bomb += fmt.Sprintf("%c: &%c [*%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c]\n", i, i, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1)
	}
	tests := []struct {
		name string
		src  string
		want string
	}{
		{"alias bomb", bomb, "t.yaml: rulebook expands to over 100000 YAML nodes through"},
		{"alias bomb inside a tier", head + "tiers:\n  - name: A\n    label: &l [" + strings.Repeat("x,", 300) + "x]\n    requires: [" + strings.Repeat("*l,", 400) + "*l]\n", "alias bomb"},
		{"self-containing anchor", "a: &a\n  b: *a\n", "t.yaml:2:6: alias *a refers to an anchor that contains it"},
		{"deep flow nesting", strings.Repeat("[", 100) + strings.Repeat("]", 100), "t.yaml:1:65: rulebook nests deeper than 64 levels"},
		{"deep block nesting", deepBlock(80), "rulebook nests deeper than 64 levels"},
		{"deep through aliases", "a: &a " + strings.Repeat("[", 40) + strings.Repeat("]", 40) + "\nb: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[*a]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]\n", "rulebook nests deeper than 64 levels"},
		{"huge file", "id: t\nsummary: " + strings.Repeat("x", MaxFileSize), "t.yaml: rulebook is 4194319 bytes; the limit is 4194304 (4 MiB)"},
		{"too many nodes", "[" + strings.Repeat("1,", maxTokens) + "1]", "t.yaml: rulebook has too many YAML items (over 100000)"},
		{"unknown anchor", "a: *nope\n", "t.yaml: YAML syntax: unknown anchor 'nope' referenced"},
		{"invalid UTF-8", "id: \xff\xfe\n", "YAML syntax"},
		{"NUL", "id: t\x00\n", "YAML syntax"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			start := time.Now()
			_, err := Parse("t.yaml", []byte(tc.src))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want %q", err, tc.want)
			}
			if d := time.Since(start); d > 2*time.Second {
				t.Errorf("took %v", d)
			}
		})
	}
}

func deepBlock(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "%sk:\n", strings.Repeat(" ", i))
	}
	fmt.Fprintf(&b, "%sv\n", strings.Repeat(" ", n))
	return b.String()
}

// A few plain aliases are fine: a requirement written once, used twice.
func TestSmallAliasesAllowed(t *testing.T) {
	_, err := Parse("t.yaml", []byte(head+`tiers:
  - name: A
    requires:
      - &fee {attestation: program-fee-paid, label: fee, source: s}
  - name: B
    requires:
      - *fee
      - {credential: VTSP, min: 1, label: x, source: s}
`))
	if err != nil {
		t.Fatal(err)
	}
}

func TestAliasBombIsFast(t *testing.T) {
	// Nine levels of ten: 10^9 nodes if expanded.
	src := "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
	for i := 1; i < 9; i++ {
		src += fmt.Sprintf("a%d: &a%d [%s]\n", i, i, strings.TrimSuffix(strings.Repeat(fmt.Sprintf("*a%d, ", i-1), 10), ", "))
	}
	start := time.Now()
	_, err := Parse("bomb.yaml", []byte(src))
	if err == nil || !strings.Contains(err.Error(), "alias bomb") {
		t.Fatalf("err = %v", err)
	}
	if d := time.Since(start); d > 100*time.Millisecond {
		t.Errorf("refusing the bomb took %v", d)
	}
}
