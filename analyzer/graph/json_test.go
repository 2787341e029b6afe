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

func TestFillJSONHoles(t *testing.T) {
	arn := UnknownRef("aws_s3_bucket.b", "arn", "computed attribute aws_s3_bucket.b.arn", at(7))
	region := Unknown("pseudo parameter AWS::Region is known only at deployment", at(8))
	tests := []struct {
		name, text, want string
	}{
		{"a string that is one hole is the hole's value", `{"Resource": "` + JSONHole(0) + `"}`, `{Resource: (unknown aws_s3_bucket.b.arn)}`},
		{"text around a hole is an Unknown string", `["arn:aws:logs:` + JSONHole(1) + `:*", "x"]`, `[(unknown), "x"]`},
		{"a hole in a key leaves no tree", `{"` + JSONHole(0) + `": 1}`, `<nil>`},
		{"a marker rendering did not write leaves no tree", `["` + JSONHole(5) + `"]`, `<nil>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, err := ParseJSON(tt.text, func(int) Location { return at(3) })
			if err != nil {
				t.Fatal(err)
			}
			got := FillJSONHoles(v, []*Value{arn, region})
			if got.GoString() != tt.want {
				t.Errorf("filled = %s, want %s", got.GoString(), tt.want)
			}
		})
	}
	v, _ := ParseJSON(`["a`+JSONHole(1)+`"]`, func(int) Location { return at(3) })
	if u := FillJSONHoles(v, []*Value{arn, region}).List[0]; u.Loc != at(3) || u.Reason != region.Reason {
		t.Errorf("Unknown string = %#v at %s (%s), want at the string with the hole's reason", u, u.Loc, u.Reason)
	}
}
