package terraform

import (
	"bytes"
	"strings"
)

// mayDeclareModule reports whether a configuration file may declare a
// module block, from its bytes alone. It errs on the side of yes: a JSON
// file always may (its keys can be written with escapes), and a native
// syntax file may when the word module starts a line, after blanks only
// or after the end of a /* */ comment. A block is a body item, and a body
// item starts its line: an attribute ends at its newline, and a one-line
// block can hold no nested block. What the word module inside a string
// or a heredoc matches only costs a parse.
func mayDeclareModule(path string, src []byte) bool {
	if strings.HasSuffix(path, ".json") {
		return true
	}
	const word = "module"
	for at := 0; ; {
		i := bytes.Index(src[at:], []byte(word))
		if i < 0 {
			return false
		}
		i += at
		at = i + len(word)
		if at < len(src) && isIdentByte(src[at]) {
			continue // module_name, modules: another word
		}
		line := src[bytes.LastIndexByte(src[:i], '\n')+1 : i]
		if startsItem(line) {
			return true
		}
	}
}

// startsItem reports whether what precedes a word on its line lets the
// word start a body item: blanks only, the end of a block comment, or
// anything not ASCII (a byte order mark, say), which is left to the
// parser.
func startsItem(prefix []byte) bool {
	if bytes.Contains(prefix, []byte("*/")) {
		return true
	}
	for _, c := range prefix {
		if c >= 0x80 {
			return true
		}
		if c != ' ' && c != '\t' && c != '\r' && c != '\f' && c != '\v' {
			return false
		}
	}
	return true
}

func isIdentByte(c byte) bool {
	return c == '_' || c == '-' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}
