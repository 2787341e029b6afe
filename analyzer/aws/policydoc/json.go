package policydoc

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/rampart-iac/rampart/analyzer/graph"
)

// maxJSONDepth bounds the nesting of a parsed document; a policy needs four
// levels (document, statement, condition operator, key).
const maxJSONDepth = 64

// locator places a byte offset of a JSON string in the file the string was
// read from.
type locator func(off int) graph.Location

// locate returns the locator for the text of str. When str is a literal
// written at its own location (no trace) and its lines match the lines of
// that location (a heredoc or a YAML literal block: content from the line
// after the header), each offset is located at its own line; otherwise
// everything sits at the string.
func locate(str *graph.Value) locator {
	at := str.Loc
	newlines := strings.Count(str.Str, "\n")
	span := at.EndLine - at.StartLine
	if len(str.Trace) > 0 || !at.Known() || newlines == 0 || (span != newlines && span != newlines+1) {
		return func(int) graph.Location { return at }
	}
	var starts []int
	for i := 0; i < len(str.Str); i++ {
		if str.Str[i] == '\n' {
			starts = append(starts, i)
		}
	}
	return func(off int) graph.Location {
		line := at.StartLine + 1 + sort.SearchInts(starts, off)
		return graph.Location{File: at.File, StartLine: line, EndLine: line}
	}
}

// syntaxError is a JSON document that does not parse, at a byte offset.
type syntaxError struct {
	off int
	msg string
}

func (e *syntaxError) Error() string { return e.msg }

// parseJSON parses the JSON text of str into a value tree whose nodes are
// located by loc and carry str's trace and sensitivity.
func parseJSON(str *graph.Value, loc locator) (*graph.Value, error) {
	src := str.Str
	// A full validation first: its offsets count every byte up to the bad
	// one, which the streaming decoder's do not inside strings.
	var raw json.RawMessage
	if err := json.Unmarshal([]byte(src), &raw); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			off := int(se.Offset) - 1
			if se.Error() == "unexpected end of JSON input" {
				off = len(src)
			}
			return nil, &syntaxError{off: max(off, 0), msg: se.Error()}
		}
		return nil, &syntaxError{off: 0, msg: err.Error()}
	}
	p := &jsonParser{src: src, loc: loc, base: str}
	p.dec = json.NewDecoder(strings.NewReader(src))
	p.dec.UseNumber()
	return p.value(0)
}

type jsonParser struct {
	src  string
	dec  *json.Decoder
	loc  locator
	base *graph.Value
}

// start returns the offset where the next token begins: the decoder
// reports where the previous one ended, before white space and separators.
func (p *jsonParser) start() int {
	i := int(p.dec.InputOffset())
	for i < len(p.src) && strings.IndexByte(" \t\r\n,:", p.src[i]) >= 0 {
		i++
	}
	return i
}

// node gives a new value the location of offset off and the string's
// provenance.
func (p *jsonParser) node(v *graph.Value, off int) *graph.Value {
	v.Loc = p.loc(off)
	v.Trace = append(graph.Trace(nil), p.base.Trace...)
	v.Sensitive = p.base.Sensitive
	return v
}

func (p *jsonParser) value(depth int) (*graph.Value, error) {
	if depth > maxJSONDepth {
		off := p.start()
		return nil, &syntaxError{off: off, msg: fmt.Sprintf("nested deeper than %d levels", maxJSONDepth)}
	}
	off := p.start()
	tok, err := p.dec.Token()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return nil, &syntaxError{off: len(p.src), msg: "unexpected end of JSON input"}
		}
		return nil, &syntaxError{off: off, msg: err.Error()}
	}
	switch t := tok.(type) {
	case json.Delim:
		if t == '{' {
			return p.object(off, depth)
		}
		return p.array(off, depth)
	case string:
		return p.node(&graph.Value{Kind: graph.KindString, Str: t}, off), nil
	case json.Number:
		f, err := t.Float64()
		if err != nil {
			return nil, &syntaxError{off: off, msg: "number out of range: " + t.String()}
		}
		return p.node(&graph.Value{Kind: graph.KindNumber, Number: f}, off), nil
	case bool:
		return p.node(&graph.Value{Kind: graph.KindBool, Bool: t}, off), nil
	default:
		return p.node(&graph.Value{Kind: graph.KindNull}, off), nil
	}
}

func (p *jsonParser) object(off, depth int) (*graph.Value, error) {
	m := p.node(graph.Map(graph.Location{}), off)
	for p.dec.More() {
		tok, err := p.dec.Token()
		if err != nil {
			return nil, &syntaxError{off: p.start(), msg: err.Error()}
		}
		key, _ := tok.(string)
		v, err := p.value(depth + 1)
		if err != nil {
			return nil, err
		}
		m.Set(key, v)
	}
	_, err := p.dec.Token() // '}'
	return m, err
}

func (p *jsonParser) array(off, depth int) (*graph.Value, error) {
	l := p.node(graph.List(nil, graph.Location{}), off)
	for p.dec.More() {
		v, err := p.value(depth + 1)
		if err != nil {
			return nil, err
		}
		l.List = append(l.List, v)
	}
	_, err := p.dec.Token() // ']'
	return l, err
}
