package report

import (
	"testing"
	"unicode/utf8"
)

// FuzzEscape checks that escaped text is valid UTF-8 holding no control
// character but tab, so nothing from a template reaches the terminal raw.
func FuzzEscape(f *testing.F) {
	for _, seed := range []string{"plain", "\x1b[2J", "a\r\nb", "\u202e", "\xff\xfe", "\u009b31m"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := Escape(s)
		if !utf8.ValidString(out) {
			t.Fatalf("Escape(%q) = %q is not valid UTF-8", s, out)
		}
		for _, r := range out {
			if (r < 0x20 && r != '\t') || (r >= 0x7f && r < 0xa0) || isBidiControl(r) {
				t.Fatalf("Escape(%q) = %q keeps %U", s, out, r)
			}
		}
	})
}
