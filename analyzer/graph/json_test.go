package graph

import (
	"errors"
	"strings"
	"testing"
)

// byLine locates an offset at its 1-based line in text.
func byLine(text string) func(int) Location {
	return func(off int) Location {
		return at(1 + strings.Count(text[:off], "\n"))
	}
}

func TestParseJSONLocatesEveryNode(t *testing.T) {
	text := "{\n  \"a\": [\n    1,\n    \"x\"\n  ],\n  \"b\": {\"c\": true, \"d\": null}\n}"
	v, err := ParseJSON(text, byLine(text))
	if err != nil {
		t.Fatal(err)
	}
	if got := v.GoString(); got != `{a: [1, "x"], b: {c: true, d: null}}` {
		t.Errorf("value = %s", got)
	}
	for _, c := range []struct {
		path Path
		line int
	}{{nil, 1}, {Path{"a"}, 2}, {Path{"a", 0}, 3}, {Path{"a", 1}, 4}, {Path{"b"}, 6}, {Path{"b", "d"}, 6}} {
		if got := v.At(c.path).Loc.StartLine; got != c.line {
			t.Errorf("%s at line %d, want %d", c.path, got, c.line)
		}
	}
}

func TestParseJSONErrorsAtTheBadByte(t *testing.T) {
	tests := []struct {
		text string
		off  int
	}{
		{`{"a": [1,]}`, 9},
		{`{"a": "x`, 8},
		{`{"a": 1} 2`, 9},
		{strings.Repeat("[", 70) + strings.Repeat("]", 70), 65},
	}
	for _, tt := range tests {
		_, err := ParseJSON(tt.text, func(int) Location { return Location{} })
		var se *JSONSyntaxError
		if !errors.As(err, &se) || se.Offset != tt.off {
			t.Errorf("ParseJSON(%.20q) error = %v, want a syntax error at offset %d", tt.text, err, tt.off)
		}
	}
}
