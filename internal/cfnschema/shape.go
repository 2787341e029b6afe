//go:build cfnschema

package main

import "sort"

// kind classifies what a property value may hold, as far as checking
// property names is concerned.
type kind int

const (
	kindNone   kind = iota // no constraint of its own (a oneOf branch that only lists required keys)
	kindScalar             // a string, number or boolean: nothing to check
	kindFree               // an object whose keys are not constrained: never warn
	kindObject             // an object (or list of objects) with known keys
	kindMap                // a map from user-chosen names to objects with known keys
)

// value is the checked shape of a property value.
type value struct {
	kind  kind
	shape *shape // for kindObject and kindMap
}

// shape is an object type with known property names.
type shape struct {
	name    string            // local name inside its resource ("" for the resource itself)
	props   map[string]*value // nil value: scalar or free-form
	open    bool              // other keys are valid too (additionalProperties, patternProperties)
	pending bool              // still being resolved (a definition that refers to itself)
}

func newShape(name string) *shape { return &shape{name: name, props: map[string]*value{}} }

func (s *shape) keys() []string {
	out := make([]string, 0, len(s.props))
	for k := range s.props {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// childHint names an inline object under property key of s.
func (s *shape) childHint(key string) string {
	if s.name == "" {
		return key
	}
	return s.name + "." + key
}

var (
	scalarValue = &value{kind: kindScalar}
	freeValue   = &value{kind: kindFree}
)

// merger unions shapes: a key valid in either is valid in the result. It is
// used for oneOf/anyOf/allOf branches and for the versions of one resource
// type in different regions; the table must never reject what any of them
// accepts.
type merger struct {
	memo map[[2]*shape]*shape
}

func newMerger() *merger { return &merger{memo: map[[2]*shape]*shape{}} }

// values unions two property values; hint names a shape the union creates.
func (m *merger) values(a, b *value, hint string) *value {
	switch {
	case a == nil || a.kind == kindNone:
		return b
	case b == nil || b.kind == kindNone || a == b:
		return a
	case a.kind == kindFree || b.kind == kindFree:
		return freeValue
	case a.kind == kindScalar:
		return b // a scalar branch adds no keys to check
	case b.kind == kindScalar:
		return a
	case a.kind != b.kind: // an object in one branch, a map of objects in another
		return freeValue
	}
	s := m.shapes(a.shape, b.shape, hint)
	if s == nil {
		return freeValue
	}
	return &value{kind: a.kind, shape: s}
}

// shapes unions two object types; nil when one is still being resolved (its
// keys are not known yet, so the union could reject valid keys).
func (m *merger) shapes(a, b *shape, hint string) *shape {
	if a == b {
		return a
	}
	if a.pending || b.pending {
		return nil
	}
	if s, ok := m.memo[[2]*shape{a, b}]; ok {
		return s
	}
	name := hint
	if a.name == b.name {
		name = a.name
	}
	s := newShape(name)
	s.open = a.open || b.open
	m.memo[[2]*shape{a, b}] = s
	for k, v := range a.props {
		s.props[k] = v
	}
	for _, k := range b.keys() {
		if av, ok := s.props[k]; ok {
			s.props[k] = m.values(av, b.props[k], s.childHint(k))
		} else {
			s.props[k] = b.props[k]
		}
	}
	return s
}
