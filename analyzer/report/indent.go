package report

import (
	"encoding/json"
	"io"
)

// writeIndentedJSON writes v as json.Encoder does with SetIndent("", "  ")
// and SetEscapeHTML(false), byte for byte: one JSON document, two spaces
// per level, empty objects and arrays as {} and [], and a newline after
// it. The Encoder indents by stepping its scanner through every byte of
// the document it has marshalled, which took most of the time of writing
// a large report; indenting that compact, valid document needs only to
// know whether a byte is inside a string. The compact document goes
// straight from the Encoder into an indenter, which writes the indented
// one in pieces: a report of 2.2 MB took 2.2 MB more for a copy of the
// compact document and 4.4 MB for the indented one, fresh memory the
// process faulted in page by page.
func writeIndentedJSON(w io.Writer, v any) error {
	in := &indenter{w: w, buf: make([]byte, 0, indentChunk+256)}
	enc := json.NewEncoder(in)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return err
	}
	return in.flush()
}

// indentChunk is about how much indented text an indenter holds before
// it writes.
const indentChunk = 64 << 10

// indenter indents the compact JSON text written to it (as Marshal writes
// it, with no space outside strings), as json.Indent indents it with no
// prefix and two spaces, in any number of writes.
type indenter struct {
	w     io.Writer
	buf   []byte
	depth int
	// open is set after '{' or '[': an empty one closes on the same line.
	open bool
	// inString and escaped say where a string split between writes
	// stands.
	inString, escaped bool
	err               error
}

func (in *indenter) Write(p []byte) (int, error) {
	if in.err != nil {
		return 0, in.err
	}
	for i := 0; i < len(p); i++ {
		if in.inString {
			// A long string is taken a chunk at a time.
			end := in.stringEnd(p[:min(len(p), i+indentChunk)], i)
			in.buf = append(in.buf, p[i:end]...)
			i = end - 1
		} else {
			in.indent(p[i])
		}
		if len(in.buf) >= indentChunk {
			if err := in.flush(); err != nil {
				return i + 1, err
			}
		}
	}
	return len(p), nil
}

// indent adds one byte outside strings.
func (in *indenter) indent(c byte) {
	if in.open && c != '}' && c != ']' {
		in.open = false
		in.depth++
		in.newline()
	}
	switch c {
	case '"':
		in.inString = true
		in.buf = append(in.buf, c)
	case '{', '[':
		in.open = true
		in.buf = append(in.buf, c)
	case ',':
		in.buf = append(in.buf, c)
		in.newline()
	case ':':
		in.buf = append(in.buf, c, ' ')
	case '}', ']':
		if in.open {
			in.open = false
		} else {
			in.depth--
			in.newline()
		}
		in.buf = append(in.buf, c)
	default:
		in.buf = append(in.buf, c)
	}
}

// stringEnd returns the offset in p after the part of the string being
// read that p holds: after its closing quote, or len(p).
func (in *indenter) stringEnd(p []byte, start int) int {
	for i := start; i < len(p); i++ {
		switch {
		case in.escaped:
			in.escaped = false
		case p[i] == '\\':
			in.escaped = true
		case p[i] == '"':
			in.inString = false
			return i + 1
		}
	}
	return len(p)
}

func (in *indenter) newline() {
	in.buf = append(in.buf, '\n')
	for range in.depth {
		in.buf = append(in.buf, ' ', ' ')
	}
}

// flush writes what the indenter holds.
func (in *indenter) flush() error {
	if in.err == nil && len(in.buf) > 0 {
		_, in.err = in.w.Write(in.buf)
		in.buf = in.buf[:0]
	}
	return in.err
}
