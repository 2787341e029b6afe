package graph

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// maxJSONDepth bounds the nesting ParseJSON accepts; JSON documents that
// configurations embed (policies, task definitions) need a handful.
const maxJSONDepth = 64

// JSONSyntaxError is JSON text that does not parse, at a byte offset of
// the text.
type JSONSyntaxError struct {
	Offset int
	Msg    string
}

func (e *JSONSyntaxError) Error() string { return e.Msg }

// ParseJSON parses JSON text into a value tree; locate gives each node the
// location of the byte offset where it starts. Numbers become float64,
// object keys keep their order. The error is a *JSONSyntaxError.
func ParseJSON(text string, locate func(off int) Location) (*Value, error) {
	// A full validation first: its offsets count every byte up to the bad
	// one, which the streaming decoder's do not inside strings.
	var raw json.RawMessage
	if err := json.Unmarshal([]byte(text), &raw); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			off := int(se.Offset) - 1
			if se.Error() == "unexpected end of JSON input" {
				off = len(text)
			}
			return nil, &JSONSyntaxError{Offset: max(off, 0), Msg: se.Error()}
		}
		return nil, &JSONSyntaxError{Msg: err.Error()}
	}
	p := &jsonParser{text: text, locate: locate}
	p.dec = json.NewDecoder(strings.NewReader(text))
	p.dec.UseNumber()
	return p.value(0)
}

type jsonParser struct {
	text   string
	dec    *json.Decoder
	locate func(off int) Location
}

// start returns the offset where the next token begins: the decoder
// reports where the previous one ended, before white space and separators.
func (p *jsonParser) start() int {
	i := int(p.dec.InputOffset())
	for i < len(p.text) && strings.IndexByte(" \t\r\n,:", p.text[i]) >= 0 {
		i++
	}
	return i
}

func (p *jsonParser) fail(off int, msg string) error {
	return &JSONSyntaxError{Offset: off, Msg: msg}
}

func (p *jsonParser) value(depth int) (*Value, error) {
	off := p.start()
	if depth > maxJSONDepth {
		return nil, p.fail(off, fmt.Sprintf("nested deeper than %d levels", maxJSONDepth))
	}
	tok, err := p.dec.Token()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return nil, p.fail(len(p.text), "unexpected end of JSON input")
		}
		return nil, p.fail(off, err.Error())
	}
	at := p.locate(off)
	switch t := tok.(type) {
	case json.Delim:
		if t == '{' {
			return p.object(at, depth)
		}
		return p.array(at, depth)
	case string:
		return String(t, at), nil
	case json.Number:
		f, err := t.Float64()
		if err != nil {
			return nil, p.fail(off, "number out of range: "+t.String())
		}
		return Number(f, at), nil
	case bool:
		return Bool(t, at), nil
	default:
		return Null(at), nil
	}
}

func (p *jsonParser) object(at Location, depth int) (*Value, error) {
	m := Map(at)
	for p.dec.More() {
		tok, err := p.dec.Token()
		if err != nil {
			return nil, p.fail(p.start(), err.Error())
		}
		key, _ := tok.(string)
		v, err := p.value(depth + 1)
		if err != nil {
			return nil, err
		}
		m.Set(key, v)
	}
	if _, err := p.dec.Token(); err != nil { // '}'
		return nil, p.fail(p.start(), err.Error())
	}
	return m, nil
}

func (p *jsonParser) array(at Location, depth int) (*Value, error) {
	l := List(nil, at)
	for p.dec.More() {
		v, err := p.value(depth + 1)
		if err != nil {
			return nil, err
		}
		l.List = append(l.List, v)
	}
	if _, err := p.dec.Token(); err != nil { // ']'
		return nil, p.fail(p.start(), err.Error())
	}
	return l, nil
}

// Holes stand for unknown values in JSON text rendered from a template (a
// Terraform heredoc, a CloudFormation Fn::Sub): private-use runes, valid
// inside a JSON string and never written in a configuration.
const (
	holeOpen  = "\uE000"
	holeClose = "\uE001"
)

// JSONHole returns the text that stands for holes[i] in rendered JSON text.
func JSONHole(i int) string { return holeOpen + strconv.Itoa(i) + holeClose }

// FillJSONHoles replaces, in a tree parsed from rendered text, each string
// that holds holes: one that is exactly one hole becomes that hole's value
// (an Unknown with its reference) at the string, one with text around it
// an Unknown at the string with the first hole's reason and trace. It returns nil when a
// map key holds a hole: the document's shape is not known then. The tree
// is modified in place.
func FillJSONHoles(v *Value, holes []*Value) *Value {
	switch v.Kind {
	case KindString:
		if !strings.Contains(v.Str, holeOpen) {
			return v
		}
		first, token := firstHole(v.Str, holes)
		if first == nil {
			return nil
		}
		if v.Str == token {
			c := *first
			c.Loc = v.Loc
			return &c
		}
		u := Unknown(first.Reason, v.Loc)
		u.Trace = append(Trace(nil), first.Trace...)
		u.Sensitive = first.Sensitive
		return u
	case KindList:
		for i, e := range v.List {
			if v.List[i] = FillJSONHoles(e, holes); v.List[i] == nil {
				return nil
			}
		}
	case KindMap:
		for _, k := range v.Keys {
			if strings.Contains(k, holeOpen) {
				return nil
			}
			if v.Fields[k] = FillJSONHoles(v.Fields[k], holes); v.Fields[k] == nil {
				return nil
			}
		}
	}
	return v
}

// firstHole returns the value of the first hole in s and the hole's text,
// or nil when s holds none that rendering wrote.
func firstHole(s string, holes []*Value) (*Value, string) {
	_, rest, _ := strings.Cut(s, holeOpen)
	num, _, ok := strings.Cut(rest, holeClose)
	if !ok {
		return nil, ""
	}
	i, err := strconv.Atoi(num)
	if err != nil || i < 0 || i >= len(holes) {
		return nil, ""
	}
	return holes[i], JSONHole(i)
}
