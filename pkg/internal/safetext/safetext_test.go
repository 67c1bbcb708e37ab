package safetext

import "testing"

func TestTerminal(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Acme", "Acme"},
		{"Café Ünïcode", "Café Ünïcode"},
		{"a\x1b]0;pwned\ab", `a\x1b]0;pwned\x07b`},
		{"red\x1b[31m", `red\x1b[31m`},
		{"line\nbreak\ttab\r", `line\nbreak\ttab\r`},
		{"\u202egnp.exe", `\u202egnp.exe`},
		{"zero\u200bwidth", `zero\u200bwidth`},
		{"j\u200dj\u200c", `j\u200dj\u200c`},
		{"marks\u200e\u200f", `marks\u200e\u200f`},
		{"word\u2060join\u2064", `word\u2060join\u2064`},
		{"in\ufefftext", `in\ufefftext`},
		{"soft\u00adhyphen", `soft\u00adhyphen`},
		{"c1\u009b", `c1\u009b`},
		{"bad\xffutf8", "bad\uFFFDutf8"},
	}
	for _, tt := range tests {
		if got := Terminal(tt.in); got != tt.want {
			t.Errorf("Terminal(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestDataKeepsLineBreaks(t *testing.T) {
	if got, want := Data("a\nb\tc\x1bd\u200b"), "a\nb\tc\\x1bd\\u200b"; got != want {
		t.Errorf("Data = %q, want %q", got, want)
	}
}
