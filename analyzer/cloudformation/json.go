package cloudformation

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/rampart-iac/rampart/analyzer/graph"
)

// jsonReader builds nodes from encoding/json tokens. Decoder.InputOffset
// gives the end of each token; the start is found by skipping the white
// space and separators before it.
type jsonReader struct {
	file  string
	src   []byte
	ix    *lineIndex
	dec   *json.Decoder
	diags *graph.Diagnostics
}

// parseJSON parses src as a JSON template, or returns nil with an error
// diagnostic at the line of the syntax error. Valid JSON takes the fast
// path (scanJSON); jsonReader reads the rest and says what is wrong.
func parseJSON(file string, src []byte, diags *graph.Diagnostics) *node {
	ix := newLineIndex(src)
	if n, dups, ok := scanJSON(file, src, ix); ok {
		*diags = append(*diags, dups...)
		return n
	}
	return decodeJSON(file, src, ix, diags)
}

// decodeJSON parses src with encoding/json's tokens: any JSON text, and
// the error of a text that is not JSON.
func decodeJSON(file string, src []byte, ix *lineIndex, diags *graph.Diagnostics) *node {
	r := &jsonReader{file: file, src: src, ix: ix, diags: diags}
	r.dec = json.NewDecoder(bytes.NewReader(src))
	r.dec.UseNumber()
	n, err := r.value(0)
	if err == nil {
		if _, extra := r.dec.Token(); extra != io.EOF {
			off := r.tokenStart()
			err = &posError{off: off, msg: "unexpected content after the top-level value"}
		}
	}
	if err != nil {
		r.report(err)
		return nil
	}
	return n
}

// posError is a reader error at a byte offset.
type posError struct {
	off int
	msg string
}

func (e *posError) Error() string { return e.msg }

func (r *jsonReader) report(err error) {
	off := int(r.dec.InputOffset())
	msg := err.Error()
	var pe *posError
	var se *json.SyntaxError
	switch {
	case errors.As(err, &pe):
		off = pe.off
	case errors.As(err, &se):
		off, msg = r.syntaxError(se)
	case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
		off, msg = len(r.src), "unexpected end of JSON input"
	}
	loc := r.ix.loc(r.file, off, off)
	r.diags.Errorf(loc, "invalid JSON: %s", msg)
}

// syntaxError returns the offset of the bad byte of a syntax error and its
// message. The Decoder's offsets cannot be used: Token reports the offset of
// the bad byte, but an error inside a string, number or literal counts only
// the bytes of the values decoded so far, and the two look alike. A fresh
// validation of the whole text meets the same first error and counts every
// byte up to and including the bad one.
func (r *jsonReader) syntaxError(tokenErr *json.SyntaxError) (int, string) {
	var raw json.RawMessage
	var se *json.SyntaxError
	if err := json.Unmarshal(r.src, &raw); errors.As(err, &se) {
		if se.Error() == "unexpected end of JSON input" {
			return len(r.src), se.Error()
		}
		return max(int(se.Offset)-1, 0), se.Error()
	}
	return int(r.dec.InputOffset()), tokenErr.Error()
}

// tokenStart returns the offset of the next token.
func (r *jsonReader) tokenStart() int {
	off := int(r.dec.InputOffset())
	for off < len(r.src) {
		switch r.src[off] {
		case ' ', '\t', '\n', '\r', ',', ':':
			off++
		default:
			return off
		}
	}
	return off
}

func (r *jsonReader) token() (json.Token, int, error) {
	start := r.tokenStart()
	tok, err := r.dec.Token()
	return tok, start, err
}

func (r *jsonReader) value(depth int) (*node, error) {
	tok, start, err := r.token()
	if err != nil {
		return nil, err
	}
	return r.valueFrom(tok, start, depth)
}

func (r *jsonReader) valueFrom(tok json.Token, start, depth int) (*node, error) {
	if depth > MaxDepth {
		return nil, &posError{off: start, msg: fmt.Sprintf("template nests deeper than %d levels", MaxDepth)}
	}
	end := int(r.dec.InputOffset())
	switch t := tok.(type) {
	case json.Delim:
		switch t {
		case '{':
			return r.object(start, depth)
		case '[':
			return r.array(start, depth)
		}
		return nil, &posError{off: start, msg: fmt.Sprintf("unexpected %q", rune(t))}
	case string:
		return &node{kind: nString, str: t, loc: r.ix.loc(r.file, start, end)}, nil
	case json.Number:
		n := &node{loc: r.ix.loc(r.file, start, end)}
		if f, ok := parseYAMLNumber(t.String()); ok {
			n.kind, n.num = nNumber, f
		} else {
			// Too many digits for a float64 to keep: keep the text.
			n.kind, n.str = nString, t.String()
		}
		return n, nil
	case bool:
		return &node{kind: nBool, b: t, loc: r.ix.loc(r.file, start, end)}, nil
	case nil:
		return &node{kind: nNull, loc: r.ix.loc(r.file, start, end)}, nil
	}
	return nil, &posError{off: start, msg: fmt.Sprintf("unexpected token %v", tok)}
}

func (r *jsonReader) object(start, depth int) (*node, error) {
	n := &node{kind: nMap}
	seen := map[string]int{}
	for {
		tok, kstart, err := r.token()
		if err != nil {
			return nil, err
		}
		if d, ok := tok.(json.Delim); ok && d == '}' {
			n.loc = r.ix.loc(r.file, start, int(r.dec.InputOffset()))
			return n, nil
		}
		key, ok := tok.(string)
		if !ok {
			return nil, &posError{off: kstart, msg: "object key must be a string"}
		}
		kloc := r.ix.loc(r.file, kstart, int(r.dec.InputOffset()))
		val, err := r.value(depth + 1)
		if err != nil {
			return nil, err
		}
		if i, dup := seen[key]; dup {
			// CloudFormation keeps the last value of a duplicated key.
			r.diags.Errorf(kloc, "duplicate mapping key %q (first defined at line %d)", key, n.keys[i].loc.StartLine)
			n.keys[i].loc, n.vals[i] = kloc, val
			continue
		}
		seen[key] = len(n.keys)
		n.keys = append(n.keys, mapKey{name: key, loc: kloc})
		n.vals = append(n.vals, val)
	}
}

func (r *jsonReader) array(start, depth int) (*node, error) {
	n := &node{kind: nList, list: []*node{}}
	for {
		tok, vstart, err := r.token()
		if err != nil {
			return nil, err
		}
		if d, ok := tok.(json.Delim); ok && d == ']' {
			n.loc = r.ix.loc(r.file, start, int(r.dec.InputOffset()))
			return n, nil
		}
		val, err := r.valueFrom(tok, vstart, depth+1)
		if err != nil {
			return nil, err
		}
		n.list = append(n.list, val)
	}
}

// looksLikeJSON reports whether a template should be read as JSON: a .json
// file, or another extension (.template) whose content starts with "{".
func looksLikeJSON(path string, src []byte) bool {
	lower := strings.ToLower(path)
	switch {
	case strings.HasSuffix(lower, ".json"):
		return true
	case strings.HasSuffix(lower, ".yaml"), strings.HasSuffix(lower, ".yml"):
		return false
	}
	trimmed := bytes.TrimLeft(src, " \t\r\n\ufeff")
	return len(trimmed) > 0 && trimmed[0] == '{'
}

// parseSource reads a template as JSON or YAML by its name and content.
func parseSource(path string, src []byte, diags *graph.Diagnostics) *node {
	if looksLikeJSON(path, src) {
		return parseJSON(path, bytes.TrimPrefix(src, []byte("\xef\xbb\xbf")), diags)
	}
	return parseYAML(path, src, diags)
}
