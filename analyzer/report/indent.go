package report

import (
	"bytes"
	"encoding/json"
	"io"
)

// writeIndentedJSON writes v as json.Encoder does with SetIndent("", "  ")
// and SetEscapeHTML(false), byte for byte: one JSON document, two spaces
// per level, empty objects and arrays as {} and [], and a newline after
// it. The Encoder indents by stepping its scanner through every byte of
// the document it has marshalled, which took most of the time of writing
// a large report; indenting that compact, valid document needs only to
// know whether a byte is inside a string.
func writeIndentedJSON(w io.Writer, v any) error {
	var compact bytes.Buffer
	enc := json.NewEncoder(&compact)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := w.Write(indentCompactJSON(make([]byte, 0, 2*compact.Len()), compact.Bytes()))
	return err
}

// indentCompactJSON appends to dst the compact JSON text src (as Marshal
// writes it, with no space outside strings) indented as json.Indent
// indents it with no prefix and two spaces.
func indentCompactJSON(dst, src []byte) []byte {
	const indent = "  "
	newline := func(depth int) {
		dst = append(dst, '\n')
		for range depth {
			dst = append(dst, indent...)
		}
	}
	depth := 0
	open := false // after '{' or '[': an empty one closes on the same line
	for i := 0; i < len(src); i++ {
		c := src[i]
		if open && c != '}' && c != ']' {
			open = false
			depth++
			newline(depth)
		}
		switch c {
		case '"':
			end := stringEnd(src, i)
			dst = append(dst, src[i:end]...)
			i = end - 1
		case '{', '[':
			open = true
			dst = append(dst, c)
		case ',':
			dst = append(dst, c)
			newline(depth)
		case ':':
			dst = append(dst, c, ' ')
		case '}', ']':
			if open {
				open = false
			} else {
				depth--
				newline(depth)
			}
			dst = append(dst, c)
		default:
			dst = append(dst, c)
		}
	}
	return dst
}

// stringEnd returns the offset after the string whose opening quote is at
// src[start].
func stringEnd(src []byte, start int) int {
	for i := start + 1; i < len(src); i++ {
		switch src[i] {
		case '\\':
			i++ // the escaped byte
		case '"':
			return i + 1
		}
	}
	return len(src)
}
