//go:build cfnschema

package main

import (
	"sort"
	"strings"
)

// converter reads the property names out of one JSON Schema document (a
// CloudFormation resource provider schema, or the SAM specification): the
// keys of "properties", through "$ref" to "#/definitions/...", "items",
// "oneOf"/"anyOf"/"allOf" (unioned), "patternProperties" and
// "additionalProperties" (maps, or objects open to any key).
type converter struct {
	doc   map[string]any
	defs  map[string]*value // by definition name; resolved once
	local func(def string) string
	merge *merger
}

func newConverter(doc map[string]any, local func(string) string) *converter {
	return &converter{doc: doc, defs: map[string]*value{}, local: local, merge: newMerger()}
}

// root converts the schema of a resource's Properties: always an object.
func (c *converter) root(schema map[string]any) *shape {
	v := c.value(schema, "")
	switch v.kind {
	case kindObject:
		return v.shape
	default:
		// Not an object with known keys: nothing is checked.
		return &shape{props: map[string]*value{}, open: true}
	}
}

// value classifies schema s; hint names an inline object type.
func (c *converter) value(s map[string]any, hint string) *value {
	if ref, ok := s["$ref"].(string); ok {
		return c.ref(ref)
	}
	v := c.own(s, hint)
	switch {
	case (v.kind == kindObject && !v.shape.open) || v.kind == kindMap:
		// Branches can only narrow what the keys here allow.
		return v
	case v.kind == kindFree && s["additionalProperties"] != true:
		// "type": "object" whose branches list the keys.
		if b := c.branches(s, hint); b.kind == kindObject || b.kind == kindMap {
			return b
		}
		return v
	}
	v = c.merge.values(v, c.branches(s, hint), hint)
	if v.kind == kindNone && isEmpty(s) {
		return freeValue // {}: anything goes
	}
	return v
}

// branches unions the allOf, anyOf and oneOf branches of s. Unioning allOf
// too is lenient: a key any branch allows is never reported.
func (c *converter) branches(s map[string]any, hint string) *value {
	v := &value{kind: kindNone}
	for _, kw := range []string{"allOf", "anyOf", "oneOf"} {
		list, _ := s[kw].([]any)
		for _, b := range list {
			if bs, ok := b.(map[string]any); ok {
				v = c.merge.values(v, c.value(bs, hint), hint)
			}
		}
	}
	return v
}

// own classifies the keywords of s itself, ignoring its combinators.
func (c *converter) own(s map[string]any, hint string) *value {
	types := typeSet(s["type"])
	props, hasProps := s["properties"].(map[string]any)
	patterns, hasPatterns := s["patternProperties"].(map[string]any)
	addl, addlSchema := s["additionalProperties"].(map[string]any)
	switch {
	case hasProps:
		sh := newShape(hint)
		sh.open = s["additionalProperties"] != false || hasPatterns
		for _, k := range sortedKeys(props) {
			ps, _ := props[k].(map[string]any)
			sh.props[k] = c.value(ps, sh.childHint(k))
		}
		return &value{kind: kindObject, shape: sh}
	case hasPatterns || addlSchema:
		// A map from names the user chooses to values of one shape.
		var elem *value
		for _, k := range sortedKeys(patterns) {
			if ps, ok := patterns[k].(map[string]any); ok {
				elem = c.merge.values(elem, c.value(ps, hint), hint)
			}
		}
		if addlSchema {
			elem = c.merge.values(elem, c.value(addl, hint), hint)
		}
		if elem != nil && elem.kind == kindObject {
			return &value{kind: kindMap, shape: elem.shape}
		}
		return freeValue
	case types["object"] || s["additionalProperties"] == true:
		return freeValue
	case s["items"] != nil:
		items, ok := s["items"].(map[string]any)
		if !ok {
			return freeValue // a tuple: not checked
		}
		if iv := c.value(items, hint); iv.kind == kindObject {
			return iv // a list of objects is checked like one object
		}
		return scalarValue
	case len(types) > 0 || s["enum"] != nil || s["const"] != nil:
		return scalarValue
	}
	return &value{kind: kindNone}
}

// ref resolves "#/definitions/Name" once per name. A definition that refers
// to itself sees a pending shape, filled in when its resolution finishes.
func (c *converter) ref(ref string) *value {
	name, ok := strings.CutPrefix(ref, "#/definitions/")
	if !ok {
		return freeValue // a reference outside the document: not checked
	}
	if v, ok := c.defs[name]; ok {
		return v
	}
	defs, _ := c.doc["definitions"].(map[string]any)
	def, ok := defs[name].(map[string]any)
	if !ok {
		return freeValue
	}
	placeholder := &shape{name: c.local(name), props: map[string]*value{}, pending: true}
	v := &value{kind: kindObject, shape: placeholder}
	c.defs[name] = v
	resolved := c.value(def, c.local(name))
	switch {
	case (resolved.kind == kindObject || resolved.kind == kindMap) && !resolved.shape.pending:
		// Fill the placeholder, which earlier self-references point to.
		*placeholder = *resolved.shape
		v.kind = resolved.kind
	default:
		// Not an object, or an alias of a definition still being resolved:
		// the placeholder stays open so nothing that reached it can warn.
		placeholder.pending, placeholder.open = false, true
		*v = *resolved
		if resolved.kind == kindObject || resolved.kind == kindMap {
			*v = *freeValue
		}
	}
	return v
}

func typeSet(t any) map[string]bool {
	out := map[string]bool{}
	switch t := t.(type) {
	case string:
		out[t] = true
	case []any:
		for _, e := range t {
			if s, ok := e.(string); ok {
				out[s] = true
			}
		}
	}
	return out
}

// isEmpty reports whether s constrains nothing a property check cares
// about (descriptions and titles aside).
func isEmpty(s map[string]any) bool {
	for k := range s {
		switch k {
		case "description", "title", "markdownDescription", "$comment", "examples", "default":
		default:
			return false
		}
	}
	return true
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
