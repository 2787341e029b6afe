package plan

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
)

// nodeKind is the JSON type of a node.
type nodeKind uint8

const (
	nodeNull nodeKind = iota
	nodeBool
	nodeNumber
	nodeString
	nodeArray
	nodeObject
)

// node is one JSON value with the byte range it occupies in the plan file.
// The plan is decoded into nodes rather than Go structs because every value
// rampart reports must remember where it was written.
type node struct {
	kind   nodeKind
	bool   bool
	num    json.Number
	str    string
	items  []*node
	keys   []string // object keys in file order
	fields map[string]*node
	start  int64 // offset of the value's first byte
	end    int64 // offset just past the value's last byte
}

// get returns the object member key, or nil when n is not an object or
// lacks it.
func (n *node) get(key string) *node {
	if n == nil || n.kind != nodeObject {
		return nil
	}
	return n.fields[key]
}

// text returns a string node's value.
func (n *node) text() (string, bool) {
	if n == nil || n.kind != nodeString {
		return "", false
	}
	return n.str, true
}

// isObject reports whether n is a JSON object.
func (n *node) isObject() bool { return n != nil && n.kind == nodeObject }

// isArray reports whether n is a JSON array.
func (n *node) isArray() bool { return n != nil && n.kind == nodeArray }

// syntaxError is a JSON error at a byte offset of the plan file.
type syntaxError struct {
	offset int64
	msg    string
}

func (e *syntaxError) Error() string { return e.msg }

// treeDecoder builds nodes from encoding/json tokens. encoding/json is used
// rather than a YAML parser because it accepts every valid JSON document
// (surrogate-pair escapes included) and InputOffset gives exact positions.
type treeDecoder struct {
	dec      *json.Decoder
	src      []byte
	maxDepth int
	skip     func(keys []string) bool
	keys     []string // object keys from the root to the value being decoded
}

// decodeTree decodes src, which must hold exactly one JSON value.
func decodeTree(src []byte, maxDepth int) (*node, error) {
	return decodeTreeSkipping(src, maxDepth, nil)
}

// decodeTreeSkipping decodes src like decodeTree but leaves out object
// members for which skip returns true; skip is given the keys leading to the
// member, its own last. Skipped members are still checked for syntax, by
// encoding/json, without the cost of building nodes: most of a plan
// (prior state, before and after values of every change) is never read.
func decodeTreeSkipping(src []byte, maxDepth int, skip func(keys []string) bool) (*node, error) {
	d := &treeDecoder{dec: json.NewDecoder(bytes.NewReader(src)), src: src, maxDepth: maxDepth, skip: skip}
	d.dec.UseNumber()
	root, err := d.value(0)
	if err != nil {
		return nil, exactError(src, err)
	}
	off := d.tokenStart()
	if _, err := d.dec.Token(); err != io.EOF {
		return nil, exactError(src, &syntaxError{offset: off, msg: "unexpected data after the top-level JSON value"})
	}
	return root, nil
}

// exactError returns the syntax error of src with its exact offset. A
// json.Decoder reports offsets counted from where its current read began,
// not from the start of the input, so the position comes from a validating
// pass over the whole input instead. Errors that are not JSON syntax errors
// (the depth limit) are returned as they are.
func exactError(src []byte, err error) error {
	var raw json.RawMessage
	uerr := json.Unmarshal(src, &raw)
	var se *json.SyntaxError
	if !errors.As(uerr, &se) {
		return err
	}
	// Offset counts the bytes read up to and including the offending one.
	off := se.Offset - 1
	if off < 0 {
		off = 0
	}
	return &syntaxError{offset: off, msg: se.Error()}
}

// tokenStart returns the offset where the next token begins: InputOffset
// points just past the previous token, before any separator and space.
func (d *treeDecoder) tokenStart() int64 {
	off := d.dec.InputOffset()
	for off < int64(len(d.src)) {
		switch d.src[off] {
		case ' ', '\t', '\r', '\n', ',', ':':
			off++
			continue
		}
		break
	}
	return off
}

func (d *treeDecoder) token() (json.Token, int64, error) {
	start := d.tokenStart()
	tok, err := d.dec.Token()
	if err != nil {
		return nil, start, d.wrap(err, start)
	}
	return tok, start, nil
}

// wrap turns a decoder error into a syntaxError with the offset it concerns.
func (d *treeDecoder) wrap(err error, at int64) error {
	var se *json.SyntaxError
	switch {
	case errors.As(err, &se):
		return &syntaxError{offset: se.Offset, msg: se.Error()}
	case err == io.EOF || err == io.ErrUnexpectedEOF:
		return &syntaxError{offset: int64(len(d.src)), msg: "unexpected end of JSON input"}
	default:
		return &syntaxError{offset: at, msg: err.Error()}
	}
}

func (d *treeDecoder) value(depth int) (*node, error) {
	tok, start, err := d.token()
	if err != nil {
		return nil, err
	}
	n := &node{start: start}
	switch t := tok.(type) {
	case nil:
		n.kind = nodeNull
	case bool:
		n.kind, n.bool = nodeBool, t
	case json.Number:
		n.kind, n.num = nodeNumber, t
	case string:
		n.kind, n.str = nodeString, t
	case json.Delim:
		if depth >= d.maxDepth {
			return nil, &syntaxError{offset: start, msg: fmt.Sprintf("JSON nested deeper than %d levels", d.maxDepth)}
		}
		switch t {
		case '[':
			n.kind = nodeArray
			for d.dec.More() {
				item, err := d.value(depth + 1)
				if err != nil {
					return nil, err
				}
				n.items = append(n.items, item)
			}
		case '{':
			n.kind = nodeObject
			n.fields = map[string]*node{}
			for d.dec.More() {
				ktok, kstart, err := d.token()
				if err != nil {
					return nil, err
				}
				key, ok := ktok.(string)
				if !ok {
					return nil, &syntaxError{offset: kstart, msg: "object key is not a string"}
				}
				d.keys = append(d.keys, key)
				if d.skip != nil && d.skip(d.keys) {
					d.keys = d.keys[:len(d.keys)-1]
					vstart := d.tokenStart()
					var raw json.RawMessage
					if err := d.dec.Decode(&raw); err != nil {
						return nil, &syntaxError{offset: vstart, msg: err.Error()}
					}
					continue
				}
				val, err := d.value(depth + 1)
				d.keys = d.keys[:len(d.keys)-1]
				if err != nil {
					return nil, err
				}
				// Duplicate keys: the last one wins, as in encoding/json,
				// which is also what Terraform itself would have read.
				if _, dup := n.fields[key]; !dup {
					n.keys = append(n.keys, key)
				}
				n.fields[key] = val
			}
		default:
			return nil, &syntaxError{offset: start, msg: fmt.Sprintf("unexpected %q", rune(t))}
		}
		// The closing delimiter.
		if _, _, err := d.token(); err != nil {
			return nil, err
		}
	}
	n.end = d.dec.InputOffset()
	return n, nil
}

// lineIndex converts byte offsets into 1-based lines and columns.
type lineIndex []int64 // offsets at which each line starts

func newLineIndex(src []byte) lineIndex {
	idx := lineIndex{0}
	for i, c := range src {
		if c == '\n' {
			idx = append(idx, int64(i+1))
		}
	}
	return idx
}

// position returns the 1-based line and byte column of offset.
func (idx lineIndex) position(offset int64) (line, col int) {
	i := sort.Search(len(idx), func(i int) bool { return idx[i] > offset }) - 1
	if i < 0 {
		i = 0
	}
	return i + 1, int(offset-idx[i]) + 1
}
