//go:build cfnschema

package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestConvert writes the table lines of small provider schemas: each case
// is one JSON Schema feature the converter must read without ever
// rejecting a key the schema accepts.
func TestConvert(t *testing.T) {
	cases := []struct {
		name, schema string
		want         []string
	}{
		{"definitions and $ref", `{
			"properties": {"A": {"$ref": "#/definitions/Inner"}, "Tags": {"type": "array", "items": {"$ref": "#/definitions/Tag"}}},
			"definitions": {
				"Inner": {"type": "object", "additionalProperties": false, "properties": {"X": {"type": "string"}}},
				"Tag": {"type": "object", "additionalProperties": false, "properties": {"Key": {"type": "string"}, "Value": {"type": "string"}}}
			},
			"additionalProperties": false}`,
			[]string{"P T::S::R.Inner X", "P Tag Key Value", "R T::S::R A=.Inner Tags=Tag"}},
		{"inline object and list of objects", `{
			"properties": {"L": {"type": "array", "items": {"type": "object", "additionalProperties": false, "properties": {"Y": {}}}}},
			"additionalProperties": false}`,
			[]string{"P T::S::R.L Y", "R T::S::R L=.L"}},
		{"free-form object and missing additionalProperties", `{
			"properties": {"Free": {"type": "object"}, "Open": {"type": "object", "properties": {"Z": {}}}},
			"additionalProperties": false}`,
			[]string{"P T::S::R.Open * Z", "R T::S::R Free Open=.Open"}},
		{"patternProperties map of objects", `{
			"properties": {"M": {"type": "object", "patternProperties": {"^[a-z]+$": {"$ref": "#/definitions/V"}}, "additionalProperties": false},
				"S": {"type": "object", "patternProperties": {".*": {"type": "string"}}}},
			"definitions": {"V": {"type": "object", "additionalProperties": false, "properties": {"Rate": {"type": "number"}}}},
			"additionalProperties": false}`,
			[]string{"P T::S::R.V Rate", "R T::S::R M~.V S"}},
		{"oneOf branches are unioned", `{
			"properties": {"U": {"oneOf": [
				{"type": "object", "additionalProperties": false, "properties": {"A": {}}},
				{"type": "object", "additionalProperties": false, "properties": {"B": {}}},
				{"type": "string"}]}},
			"additionalProperties": false}`,
			[]string{"P T::S::R.U A B", "R T::S::R U=.U"}},
		{"branches cannot widen a closed object", `{
			"properties": {"P": {"type": "string"}},
			"oneOf": [{"required": ["P"]}, {"properties": {"Q": {}}}],
			"additionalProperties": false}`,
			[]string{"R T::S::R P"}},
		{"object in one branch, map in another: not checked", `{
			"properties": {"X": {"anyOf": [
				{"type": "object", "additionalProperties": false, "properties": {"A": {}}},
				{"type": "object", "additionalProperties": {"type": "object", "additionalProperties": false, "properties": {"B": {}}}}]}},
			"additionalProperties": false}`,
			[]string{"R T::S::R X"}},
		{"recursive definition", `{
			"properties": {"Node": {"$ref": "#/definitions/Node"}},
			"definitions": {"Node": {"type": "object", "additionalProperties": false, "properties": {"Next": {"$ref": "#/definitions/Node"}, "V": {}}}},
			"additionalProperties": false}`,
			[]string{"P T::S::R.Node Next=.Node V", "R T::S::R Node=.Node"}},
		{"open resource", `{"properties": {"ServiceToken": {"type": "string"}}, "additionalProperties": true}`,
			[]string{"R T::S::R * ServiceToken"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var doc map[string]any
			if err := json.Unmarshal([]byte(tc.schema), &doc); err != nil {
				t.Fatal(err)
			}
			root := newConverter(doc, func(d string) string { return d }).root(doc)
			lines := map[string]string{}
			if err := emitResource(lines, "T::S::R", root); err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, k := range sortedKeys(lines) {
				got = append(got, lines[k])
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

// TestMergeRegions unions two versions of one resource type, as two
// regions may serve them.
func TestMergeRegions(t *testing.T) {
	parse := func(s string) *shape {
		var doc map[string]any
		if err := json.Unmarshal([]byte(s), &doc); err != nil {
			t.Fatal(err)
		}
		return newConverter(doc, func(d string) string { return d }).root(doc)
	}
	older := parse(`{"properties": {"A": {"$ref": "#/definitions/C"}}, "definitions": {"C": {"type": "object", "additionalProperties": false, "properties": {"X": {}}}}, "additionalProperties": false}`)
	newer := parse(`{"properties": {"A": {"$ref": "#/definitions/C"}, "B": {}}, "definitions": {"C": {"type": "object", "additionalProperties": false, "properties": {"X": {}, "Y": {}}}}, "additionalProperties": false}`)
	lines := map[string]string{}
	if err := emitResource(lines, "T::S::R", newMerger().shapes(older, newer, "")); err != nil {
		t.Fatal(err)
	}
	if got, want := lines["R T::S::R"], "R T::S::R A=.C B"; got != want {
		t.Errorf("resource line %q, want %q", got, want)
	}
	if got, want := lines["P T::S::R.C"], "P T::S::R.C X Y"; got != want {
		t.Errorf("property type line %q, want %q", got, want)
	}
}

// TestMergeRegionsEqualCopies: a definition both versions have reaches the
// table once, even where one version's copy is reached without a merge.
func TestMergeRegionsEqualCopies(t *testing.T) {
	parse := func(s string) *shape {
		var doc map[string]any
		if err := json.Unmarshal([]byte(s), &doc); err != nil {
			t.Fatal(err)
		}
		return newConverter(doc, func(d string) string { return d }).root(doc)
	}
	def := `"definitions": {"C": {"type": "object", "additionalProperties": false, "properties": {"X": {}}}}, "additionalProperties": false}`
	older := parse(`{"properties": {"A": {"$ref": "#/definitions/C"}, "B": {"$ref": "#/definitions/C"}}, ` + def)
	newer := parse(`{"properties": {"A": {"$ref": "#/definitions/C"}}, ` + def)
	lines := map[string]string{}
	if err := emitResource(lines, "T::S::R", newMerger().shapes(older, newer, "")); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"R T::S::R": "R T::S::R A=.C B=.C", "P T::S::R.C": "P T::S::R.C X"}
	if len(lines) != len(want) {
		t.Errorf("lines %q, want %q", lines, want)
	}
	for k, w := range want {
		if lines[k] != w {
			t.Errorf("%s: %q, want %q", k, lines[k], w)
		}
	}
}
