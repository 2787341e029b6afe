package cloudformation

import (
	"bytes"
	"encoding/json"
	"unicode/utf8"

	"github.com/rampart-iac/rampart/analyzer/graph"
)

// jsonScanner reads a JSON template straight from its bytes into nodes.
// encoding/json's Decoder.Token, which jsonReader uses, allocates a value
// for every token and steps a state machine through every byte; a
// repository's JSON (templates, and the large JSON files detection must
// parse to rule out) spent most of its parse there.
//
// The scanner takes the fast path only: valid JSON whose top level is an
// object nesting no deeper than MaxDepth. It gives up (ok false) at
// anything else, and jsonReader then reads the text and reports the error
// as before, so an error is always jsonReader's. On the fast path the nodes,
// their locations and the duplicate-key errors are the ones jsonReader
// makes: a token's location runs from its first byte to the byte after it.
type jsonScanner struct {
	file  string
	src   []byte
	ix    *lineIndex
	off   int
	diags graph.Diagnostics
}

// scanJSON reads src on the fast path; ok is false where jsonReader must
// read it instead.
func scanJSON(file string, src []byte, ix *lineIndex) (n *node, diags graph.Diagnostics, ok bool) {
	s := &jsonScanner{file: file, src: src, ix: ix}
	s.skipSpace()
	if s.off >= len(src) || src[s.off] != '{' {
		return nil, nil, false
	}
	n, ok = s.value(0)
	if !ok {
		return nil, nil, false
	}
	s.skipSpace()
	if s.off != len(src) {
		return nil, nil, false // content after the top-level value
	}
	return n, s.diags, true
}

func (s *jsonScanner) skipSpace() {
	for s.off < len(s.src) {
		switch s.src[s.off] {
		case ' ', '\t', '\n', '\r':
			s.off++
		default:
			return
		}
	}
}

// value reads the value at the next non-space byte.
func (s *jsonScanner) value(depth int) (*node, bool) {
	if depth > MaxDepth {
		return nil, false
	}
	s.skipSpace()
	if s.off >= len(s.src) {
		return nil, false
	}
	start := s.off
	switch c := s.src[start]; {
	case c == '{':
		return s.object(start, depth)
	case c == '[':
		return s.array(start, depth)
	case c == '"':
		str, ok := s.string()
		if !ok {
			return nil, false
		}
		return &node{kind: nString, str: str, loc: s.ix.loc(s.file, start, s.off)}, true
	case c == '-' || '0' <= c && c <= '9':
		text, ok := s.number()
		if !ok {
			return nil, false
		}
		n := &node{loc: s.ix.loc(s.file, start, s.off)}
		if f, ok := parseYAMLNumber(text); ok {
			n.kind, n.num = nNumber, f
		} else {
			// Too many digits for a float64 to keep: keep the text.
			n.kind, n.str = nString, text
		}
		return n, true
	case s.literal("true"):
		return &node{kind: nBool, b: true, loc: s.ix.loc(s.file, start, s.off)}, true
	case s.literal("false"):
		return &node{kind: nBool, loc: s.ix.loc(s.file, start, s.off)}, true
	case s.literal("null"):
		return &node{kind: nNull, loc: s.ix.loc(s.file, start, s.off)}, true
	}
	return nil, false
}

// literal consumes word when the text continues with it.
func (s *jsonScanner) literal(word string) bool {
	if !bytes.HasPrefix(s.src[s.off:], []byte(word)) {
		return false
	}
	s.off += len(word)
	return true
}

// object reads the object whose '{' is at start, as jsonReader.object does.
func (s *jsonScanner) object(start, depth int) (*node, bool) {
	n := &node{kind: nMap}
	s.off++ // '{'
	s.skipSpace()
	if s.off < len(s.src) && s.src[s.off] == '}' {
		s.off++
		n.loc = s.ix.loc(s.file, start, s.off)
		return n, true
	}
	var seen map[string]int
	for {
		s.skipSpace()
		if s.off >= len(s.src) || s.src[s.off] != '"' {
			return nil, false
		}
		kstart := s.off
		key, ok := s.string()
		if !ok {
			return nil, false
		}
		kloc := s.ix.loc(s.file, kstart, s.off)
		s.skipSpace()
		if s.off >= len(s.src) || s.src[s.off] != ':' {
			return nil, false
		}
		s.off++
		val, ok := s.value(depth + 1)
		if !ok {
			return nil, false
		}
		if i, dup := s.index(n, seen, key); dup {
			// CloudFormation keeps the last value of a duplicated key.
			s.diags.Errorf(kloc, "duplicate mapping key %q (first defined at line %d)", key, n.keys[i].loc.StartLine)
			n.keys[i].loc, n.vals[i] = kloc, val
		} else {
			n.keys = append(n.keys, mapKey{name: key, loc: kloc})
			n.vals = append(n.vals, val)
			if len(n.keys) > smallObject {
				if seen == nil {
					seen = make(map[string]int, 2*len(n.keys))
					for j, k := range n.keys[:len(n.keys)-1] {
						seen[k.name] = j
					}
				}
				seen[key] = len(n.keys) - 1
			}
		}
		done, ok := s.separator('}')
		if !ok {
			return nil, false
		}
		if done {
			n.loc = s.ix.loc(s.file, start, s.off)
			return n, true
		}
	}
}

// separator reads what follows a member or an element: a comma, with more
// to come, or closing, which ends the object or array (done); anything
// else is malformed.
func (s *jsonScanner) separator(closing byte) (done, ok bool) {
	s.skipSpace()
	if s.off >= len(s.src) {
		return false, false
	}
	switch s.src[s.off] {
	case ',':
		s.off++
		return false, true
	case closing:
		s.off++
		return true, true
	}
	return false, false
}

// smallObject is the number of keys up to which an object's keys are
// searched in order for duplicates rather than kept in a map.
const smallObject = 8

// index finds key among the keys read so far: in seen once the object has
// more than smallObject keys, by looking through them before.
func (s *jsonScanner) index(n *node, seen map[string]int, key string) (int, bool) {
	if seen != nil {
		i, ok := seen[key]
		return i, ok
	}
	for i, k := range n.keys {
		if k.name == key {
			return i, true
		}
	}
	return 0, false
}

// array reads the array whose '[' is at start.
func (s *jsonScanner) array(start, depth int) (*node, bool) {
	n := &node{kind: nList, list: []*node{}}
	s.off++ // '['
	s.skipSpace()
	if s.off < len(s.src) && s.src[s.off] == ']' {
		s.off++
		n.loc = s.ix.loc(s.file, start, s.off)
		return n, true
	}
	for {
		val, ok := s.value(depth + 1)
		if !ok {
			return nil, false
		}
		n.list = append(n.list, val)
		done, ok := s.separator(']')
		if !ok {
			return nil, false
		}
		if done {
			n.loc = s.ix.loc(s.file, start, s.off)
			return n, true
		}
	}
}

// string reads the string whose '"' is at the offset. Text without escapes
// and in valid UTF-8 is taken as it is; any other is decoded by
// encoding/json, so escapes, surrogates and invalid bytes come out as
// jsonReader has them.
func (s *jsonScanner) string() (string, bool) {
	start := s.off
	plain := true
	for i := start + 1; i < len(s.src); i++ {
		switch c := s.src[i]; {
		case c == '"':
			s.off = i + 1
			raw := s.src[start+1 : i]
			if plain && utf8.Valid(raw) {
				return string(raw), true
			}
			var str string
			if err := json.Unmarshal(s.src[start:s.off], &str); err != nil {
				return "", false
			}
			return str, true
		case c == '\\':
			n, ok := escapeLen(s.src[i:])
			if !ok {
				return "", false
			}
			plain = false
			i += n - 1
		case c < 0x20:
			return "", false // a control character must be escaped
		}
	}
	return "", false // unterminated
}

// escapeLen is the length of the valid JSON escape sequence at the start
// of b (which begins with a backslash).
func escapeLen(b []byte) (int, bool) {
	if len(b) < 2 {
		return 0, false
	}
	switch b[1] {
	case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
		return 2, true
	case 'u':
		if len(b) < 6 {
			return 0, false
		}
		for _, h := range b[2:6] {
			if !('0' <= h && h <= '9' || 'a' <= h && h <= 'f' || 'A' <= h && h <= 'F') {
				return 0, false
			}
		}
		return 6, true
	}
	return 0, false
}

// number reads a number in JSON's grammar: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
func (s *jsonScanner) number() (string, bool) {
	start := s.off
	if !s.skipNumber() {
		return "", false
	}
	return string(s.src[start:s.off]), true
}

// skipNumber consumes a number in JSON's grammar.
func (s *jsonScanner) skipNumber() bool {
	b, i := s.src, s.off
	if i < len(b) && b[i] == '-' {
		i++
	}
	switch {
	case i < len(b) && b[i] == '0':
		i++
	case i < len(b) && '1' <= b[i] && b[i] <= '9':
		i = digits(b, i)
	default:
		return false
	}
	if i < len(b) && b[i] == '.' {
		j := digits(b, i+1)
		if j == i+1 {
			return false
		}
		i = j
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		j := digits(b, i)
		if j == i {
			return false
		}
		i = j
	}
	s.off = i
	return true
}

// digits returns the offset after the run of digits at i.
func digits(b []byte, i int) int {
	for i < len(b) && '0' <= b[i] && b[i] <= '9' {
		i++
	}
	return i
}

// jsonShape is what detection needs of a JSON template's top level.
type jsonShape struct {
	formatVersion bool // it has an AWSTemplateFormatVersion key
	resourcesMap  bool // its (last) Resources key holds an object
}

// scanJSONShape checks src as scanJSON reads it, building no nodes, and
// reports the shape of its top-level object; ok is false wherever scanJSON
// gives up.
func scanJSONShape(src []byte) (shape jsonShape, ok bool) {
	s := &jsonScanner{src: src}
	s.skipSpace()
	if s.off >= len(src) || src[s.off] != '{' {
		return jsonShape{}, false
	}
	s.off++
	s.skipSpace()
	if s.off < len(src) && src[s.off] == '}' {
		s.off++
	} else if !s.topLevelMembers(&shape) {
		return jsonShape{}, false
	}
	s.skipSpace()
	return shape, s.off == len(src)
}

// topLevelMembers reads the members of the top-level object up to its
// closing brace, noting the keys detection looks at.
func (s *jsonScanner) topLevelMembers(shape *jsonShape) bool {
	for {
		s.skipSpace()
		if s.off >= len(s.src) || s.src[s.off] != '"' {
			return false
		}
		key, ok := s.string()
		if !ok {
			return false
		}
		s.skipSpace()
		if s.off >= len(s.src) || s.src[s.off] != ':' {
			return false
		}
		s.off++
		s.skipSpace()
		object := s.off < len(s.src) && s.src[s.off] == '{'
		if !s.skip(1) {
			return false
		}
		switch key {
		case "AWSTemplateFormatVersion":
			shape.formatVersion = true
		case "Resources":
			shape.resourcesMap = object // the last one counts, as in the tree
		}
		s.skipSpace()
		if s.off >= len(s.src) {
			return false
		}
		switch s.src[s.off] {
		case ',':
			s.off++
		case '}':
			s.off++
			return true
		default:
			return false
		}
	}
}

// skip consumes the value at the next non-space byte as value would read
// it, without building it.
func (s *jsonScanner) skip(depth int) bool {
	if depth > MaxDepth {
		return false
	}
	s.skipSpace()
	if s.off >= len(s.src) {
		return false
	}
	switch c := s.src[s.off]; {
	case c == '{':
		return s.skipCollection('}', true, depth)
	case c == '[':
		return s.skipCollection(']', false, depth)
	case c == '"':
		return s.skipString()
	case c == '-' || '0' <= c && c <= '9':
		return s.skipNumber()
	case s.literal("true"), s.literal("false"), s.literal("null"):
		return true
	}
	return false
}

// skipCollection consumes an object (keyed) or array up to its closing
// byte.
func (s *jsonScanner) skipCollection(closing byte, keyed bool, depth int) bool {
	s.off++ // '{' or '['
	s.skipSpace()
	if s.off < len(s.src) && s.src[s.off] == closing {
		s.off++
		return true
	}
	for {
		if keyed {
			s.skipSpace()
			if s.off >= len(s.src) || s.src[s.off] != '"' || !s.skipString() {
				return false
			}
			s.skipSpace()
			if s.off >= len(s.src) || s.src[s.off] != ':' {
				return false
			}
			s.off++
		}
		if !s.skip(depth + 1) {
			return false
		}
		s.skipSpace()
		if s.off >= len(s.src) {
			return false
		}
		switch s.src[s.off] {
		case ',':
			s.off++
		case closing:
			s.off++
			return true
		default:
			return false
		}
	}
}

// skipString consumes the string whose '"' is at the offset, accepting
// what string accepts.
func (s *jsonScanner) skipString() bool {
	for i := s.off + 1; i < len(s.src); i++ {
		switch c := s.src[i]; {
		case c == '"':
			s.off = i + 1
			return true
		case c == '\\':
			n, ok := escapeLen(s.src[i:])
			if !ok {
				return false
			}
			i += n - 1
		case c < 0x20:
			return false
		}
	}
	return false
}
