package report

import (
	"bytes"
	"encoding"
	"encoding/json"
	"io"
	"reflect"
	"strings"
)

// writeIndentedJSON writes v as json.Encoder does with SetIndent("", "  ")
// and SetEscapeHTML(false), byte for byte: one JSON document, two spaces
// per level, empty objects and arrays as {} and [], and a newline after
// it. The Encoder indents by stepping its scanner through every byte of
// the document it has marshalled, which took most of the time of writing
// a large report; indenting that compact, valid document needs only to
// know whether a byte is inside a string. So the compact document goes
// into an indenter, which writes the indented one in pieces. Nor is the
// compact document ever held whole: the Encoder marshals a value into a
// buffer that doubles as it grows, about three times the report at the
// end of a large scan (a 77 MB report on the 200-copy tree), so the
// document is encoded a piece at a time (streamEncoder).
func writeIndentedJSON(w io.Writer, v any) error {
	in := &indenter{w: w, buf: make([]byte, 0, indentChunk+256)}
	s := newStreamEncoder(in)
	if err := s.value(reflect.ValueOf(v)); err != nil {
		return err
	}
	if _, err := in.Write([]byte{'\n'}); err != nil {
		return err
	}
	return in.flush()
}

// streamEncoder writes a value's compact JSON as json.Encoder (without
// HTML escaping) does, a piece at a time: a struct field by field and a
// slice element by element, each piece marshalled by the Encoder. The
// elements of a slice of more than one are marshalled whole (a report's
// findings, its files); a slice of one is descended into, so that the
// results of SARIF's single run are streamed too.
type streamEncoder struct {
	w   io.Writer
	buf bytes.Buffer
	enc *json.Encoder
}

func newStreamEncoder(w io.Writer) *streamEncoder {
	s := &streamEncoder{w: w}
	s.enc = json.NewEncoder(&s.buf)
	s.enc.SetEscapeHTML(false)
	return s
}

func (s *streamEncoder) value(v reflect.Value) error {
	switch {
	case v.Kind() == reflect.Struct && streamable(v.Type()):
		return s.object(v)
	case v.Kind() == reflect.Slice && !v.IsNil() && streamable(v.Type()):
		return s.array(v)
	}
	return s.whole(v)
}

// whole writes v as the Encoder marshals it.
func (s *streamEncoder) whole(v reflect.Value) error {
	s.buf.Reset()
	var x any
	switch {
	case v.CanAddr():
		// An element of a slice is addressable, and the Encoder then
		// calls the marshal methods of its pointer.
		x = v.Addr().Interface()
	case v.IsValid():
		x = v.Interface()
	}
	if err := s.enc.Encode(x); err != nil {
		return err
	}
	// Encode ends the value with a newline.
	_, err := s.w.Write(bytes.TrimSuffix(s.buf.Bytes(), []byte{'\n'}))
	return err
}

func (s *streamEncoder) object(v reflect.Value) error {
	if err := s.write("{"); err != nil {
		return err
	}
	first := true
	t := v.Type()
	for i := range t.NumField() {
		f := t.Field(i)
		name, omitEmpty, ok := jsonField(f)
		if !ok || omitEmpty && emptyJSONValue(v.Field(i)) {
			continue
		}
		if !first {
			if err := s.write(","); err != nil {
				return err
			}
		}
		first = false
		if err := s.whole(reflect.ValueOf(name)); err != nil {
			return err
		}
		if err := s.write(":"); err != nil {
			return err
		}
		if err := s.value(v.Field(i)); err != nil {
			return err
		}
	}
	return s.write("}")
}

func (s *streamEncoder) array(v reflect.Value) error {
	if err := s.write("["); err != nil {
		return err
	}
	for i := range v.Len() {
		if i > 0 {
			if err := s.write(","); err != nil {
				return err
			}
		}
		var err error
		if v.Len() == 1 {
			err = s.value(v.Index(i))
		} else {
			err = s.whole(v.Index(i))
		}
		if err != nil {
			return err
		}
	}
	return s.write("]")
}

func (s *streamEncoder) write(text string) error {
	_, err := io.WriteString(s.w, text)
	return err
}

var (
	jsonMarshaler = reflect.TypeFor[json.Marshaler]()
	textMarshaler = reflect.TypeFor[encoding.TextMarshaler]()
)

// streamable reports whether the streamEncoder may take a struct or
// slice type apart and write what the Encoder would: it marshals itself
// in no other way, and a struct has only fields this encoder knows to
// name and omit as the Encoder does. Any other value is marshalled whole.
func streamable(t reflect.Type) bool {
	for _, m := range []reflect.Type{jsonMarshaler, textMarshaler} {
		if t.Implements(m) || reflect.PointerTo(t).Implements(m) {
			return false
		}
	}
	switch t.Kind() {
	case reflect.Slice:
		return t.Elem().Kind() != reflect.Uint8 // []byte is base64
	case reflect.Struct:
		for i := range t.NumField() {
			f := t.Field(i)
			if f.Anonymous {
				return false // embedded fields are promoted
			}
			if _, opts, _ := strings.Cut(f.Tag.Get("json"), ","); opts != "" && opts != "omitempty" {
				return false // string, omitzero
			}
		}
		return true
	}
	return false
}

// jsonField is a struct field's name in JSON, whether it is left out
// when empty, and whether it is written at all.
func jsonField(f reflect.StructField) (name string, omitEmpty, ok bool) {
	if !f.IsExported() {
		return "", false, false
	}
	tag := f.Tag.Get("json")
	if tag == "-" {
		return "", false, false
	}
	name, opts, _ := strings.Cut(tag, ",")
	if name == "" {
		name = f.Name
	}
	return name, opts == "omitempty", true
}

// emptyJSONValue is encoding/json's notion of empty, for omitempty.
func emptyJSONValue(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return v.Len() == 0
	case reflect.Bool:
		return !v.Bool()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return v.Int() == 0
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return v.Uint() == 0
	case reflect.Float32, reflect.Float64:
		return v.Float() == 0
	case reflect.Interface, reflect.Pointer:
		return v.IsNil()
	}
	return false
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
