package kinds

import (
	"fmt"
	"sort"
	"strings"
)

// Base is the shape of a value in the registry's type grammar.
type Base string

// The bases of the type grammar.
const (
	String Base = "string"
	Number Base = "number"
	Bool   Base = "bool"
	List   Base = "list"
	Map    Base = "map"
	// ObjectBase is a nested object type of the kind, named by Type.Object.
	ObjectBase Base = "object"
)

// Type is a parsed property type.
type Type struct {
	Base Base
	// Elem is the element type of a list or map.
	Elem *Type
	// Object names the nested object type when Base is ObjectBase.
	Object string
	// Nullable says the value may be null: Unknown to the normalizer.
	Nullable bool
}

// ParseType parses the registry's type grammar:
//
//	type  = base [ "?" ]
//	base  = "string" | "number" | "bool" | "list<" type ">" | "map<" type ">" | object
//
// where object names one of the kind's nested object types, and ? means the
// value may be null (Unknown).
func ParseType(s string) (*Type, error) {
	t, rest, err := parseType(strings.TrimSpace(s))
	if err != nil {
		return nil, fmt.Errorf("type %q: %w", s, err)
	}
	if rest != "" {
		return nil, fmt.Errorf("type %q: unexpected %q", s, rest)
	}
	return t, nil
}

func parseType(s string) (*Type, string, error) {
	t := &Type{}
	for _, b := range []Base{List, Map} {
		prefix := string(b) + "<"
		if !strings.HasPrefix(s, prefix) {
			continue
		}
		elem, rest, err := parseType(s[len(prefix):])
		if err != nil {
			return nil, "", err
		}
		if !strings.HasPrefix(rest, ">") {
			return nil, "", fmt.Errorf("%s<...> is not closed", b)
		}
		t.Base, t.Elem = b, elem
		return nullable(t, rest[1:])
	}
	end := strings.IndexAny(s, "?>")
	if end < 0 {
		end = len(s)
	}
	name := s[:end]
	switch Base(name) {
	case String, Number, Bool:
		t.Base = Base(name)
	case "":
		return nil, "", fmt.Errorf("missing type")
	default:
		if !isIdent(name) {
			return nil, "", fmt.Errorf("%q is not a type", name)
		}
		t.Base, t.Object = ObjectBase, name
	}
	return nullable(t, s[end:])
}

func nullable(t *Type, rest string) (*Type, string, error) {
	if strings.HasPrefix(rest, "?") {
		t.Nullable = true
		rest = rest[1:]
	}
	return t, rest, nil
}

func isIdent(s string) bool {
	for i, r := range s {
		if !(r == '_' || r >= 'a' && r <= 'z' || i > 0 && r >= '0' && r <= '9') {
			return false
		}
	}
	return s != ""
}

// String renders the type as docs/model.md writes it: "list of (string
// or null) or null".
func (t *Type) String() string {
	var s string
	switch t.Base {
	case List:
		s = "list of " + t.Elem.inner()
	case Map:
		s = "map string → " + t.Elem.inner()
	case ObjectBase:
		s = t.Object
	default:
		s = string(t.Base)
	}
	if t.Nullable {
		s += " or null"
	}
	return s
}

// inner renders an element type, in parentheses when it is nullable.
func (t *Type) inner() string {
	if t.Nullable {
		return "(" + t.String() + ")"
	}
	return t.String()
}

// Check reports whether v (plain Go data: nil, bool, float64, string,
// []any, map[string]any) has type t; objects resolves nested object
// types. The error names the path below v that does not conform.
func (t *Type) Check(v any, objects func(string) *Object) error {
	if v == nil {
		if t.Nullable {
			return nil
		}
		return fmt.Errorf("null, but the type %s is never Unknown", t)
	}
	switch t.Base {
	case String:
		if _, ok := v.(string); ok {
			return nil
		}
	case Number:
		switch v.(type) {
		case float64, int:
			return nil
		}
	case Bool:
		if _, ok := v.(bool); ok {
			return nil
		}
	case List:
		if l, ok := v.([]any); ok {
			for i, e := range l {
				if err := t.Elem.Check(e, objects); err != nil {
					return fmt.Errorf("[%d]: %w", i, err)
				}
			}
			return nil
		}
	case Map:
		if m, ok := v.(map[string]any); ok {
			for k, e := range m {
				if err := t.Elem.Check(e, objects); err != nil {
					return fmt.Errorf("[%q]: %w", k, err)
				}
			}
			return nil
		}
	case ObjectBase:
		if m, ok := v.(map[string]any); ok {
			return CheckProperties(m, objects(t.Object).Properties, objects)
		}
	}
	return fmt.Errorf("%v (%T) is not a %s", v, v, t)
}

// CheckProperties reports whether m holds exactly the declared properties,
// each of its declared type.
func CheckProperties(m map[string]any, declared []Property, objects func(string) *Object) error {
	keys := make([]string, 0, len(m))
	for key := range m {
		keys = append(keys, key)
	}
	sort.Strings(keys)
	for _, key := range keys {
		if findProperty(declared, key) == nil {
			return fmt.Errorf("%s is not a declared property", key)
		}
	}
	for i := range declared {
		p := &declared[i]
		v, ok := m[p.Name]
		if !ok {
			return fmt.Errorf("declared property %s is missing", p.Name)
		}
		if err := p.T().Check(v, objects); err != nil {
			return fmt.Errorf("%s: %w", p.Name, err)
		}
	}
	return nil
}
