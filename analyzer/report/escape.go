package report

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Escape makes text from a template safe to print on a terminal: control
// characters (ESC, CR, BS, DEL, C1 controls, and newlines inside one-line
// fields) become visible escapes such as \x1b, and so do invalid UTF-8 bytes
// and the bidirectional-override characters that can make displayed text
// differ from what is stored. Tabs are kept. A template must never be able to
// move the cursor, recolor the terminal or forge a line of the report.
func Escape(s string) string {
	if !needsEscape(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r == '\t':
			b.WriteByte('\t')
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, r)
		case r >= 0x80 && r < 0xa0:
			fmt.Fprintf(&b, `\u%04x`, r)
		case isBidiControl(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

func needsEscape(s string) bool {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && size == 1) || (r < 0x20 && r != '\t') || (r >= 0x7f && r < 0xa0) || isBidiControl(r) {
			return true
		}
		i += size
	}
	return false
}

// isBidiControl reports the Unicode bidirectional embedding, override and
// isolate controls (the "Trojan Source" characters) and the implicit marks.
func isBidiControl(r rune) bool {
	return (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) || r == 0x200e || r == 0x200f || r == 0x061c
}
