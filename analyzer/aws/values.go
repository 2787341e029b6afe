package aws

import (
	"strings"

	"github.com/rampart-iac/rampart/analyzer/graph"
)

// props starts a canonical property map located at the resource.
func props(r *graph.Resource) *graph.Value { return graph.Map(r.Loc) }

// attr returns native attribute key of r, or nil when absent or null.
func attr(r *graph.Resource, key string) *graph.Value {
	return field(r.Attrs, key)
}

// block returns native attribute key of r that must be a map (a nested
// block): nil when absent, an Unknown naming key when it is something else,
// so what is read under it with field is Unknown for a reason the user can
// act on.
func block(r *graph.Resource, key string) *graph.Value {
	v := attr(r, key)
	if v == nil || v.Kind == graph.KindMap || v.Kind == graph.KindUnknown {
		return v
	}
	return graph.Unknown(key+" is a "+v.Kind.String()+", not a map", v.Loc)
}

// field returns m[key], or nil when m is absent or the entry is absent or
// null (Terraform null means "not set"). A property under an Unknown is
// Unknown, never absent: reading it as absent would apply the default to
// what may well be set. The same holds under a value that is not a map
// (a malformed block): it could have been meant to hold anything.
func field(m *graph.Value, key string) *graph.Value {
	switch {
	case m.IsNull():
		return nil
	case m.Kind == graph.KindUnknown:
		u := graph.Unknown(m.Reason, m.Loc)
		u.Trace = m.Trace
		return u
	case m.Kind != graph.KindMap:
		return graph.Unknown("the value holding "+key+" is a "+m.Kind.String()+", not a map", m.Loc)
	}
	v := m.Get(key)
	if v == nil || v.Kind == graph.KindNull {
		return nil
	}
	return v
}

// orDefault returns v, or a default literal located at loc when v is absent.
func orDefault(v *graph.Value, def *graph.Value) *graph.Value {
	if v != nil {
		return v
	}
	return def
}

// str returns a string-typed copy of v (numbers and bools rendered as
// CloudFormation and Terraform coerce them), Unknown kept, or nil.
func str(v *graph.Value) *graph.Value {
	if v == nil || v.Kind == graph.KindString || v.Kind == graph.KindUnknown {
		return v
	}
	if s, ok := v.AsString(); ok {
		c := *v
		c.Kind, c.Str = graph.KindString, s
		return &c
	}
	return v
}

// num returns a number-typed copy of v ("22" → 22), Unknown kept. A value
// that is not numeric becomes Unknown: rules must not read a guess.
func num(v *graph.Value) *graph.Value {
	return coerce(v, graph.KindNumber, "not a number", func(c *graph.Value) bool {
		n, ok := v.AsNumber()
		c.Number = n
		return ok
	})
}

// boolean returns a bool-typed copy of v ("true" → true), Unknown kept.
func boolean(v *graph.Value) *graph.Value {
	return coerce(v, graph.KindBool, "not a boolean", func(c *graph.Value) bool {
		b, ok := v.AsBool()
		c.Bool = b
		return ok
	})
}

// coerce returns a copy of v converted to kind by set, which fills the copy
// and reports success; a value that does not convert becomes Unknown with
// reason, so a rule never reads a guess. nil and Unknown pass through.
func coerce(v *graph.Value, kind graph.Kind, reason string, set func(c *graph.Value) bool) *graph.Value {
	if v == nil || v.Kind == kind || v.Kind == graph.KindUnknown {
		return v
	}
	c := *v
	if set(&c) {
		c.Kind, c.Str = kind, ""
		return &c
	}
	c.Kind, c.Reason = graph.KindUnknown, reason
	return &c
}

// items returns the elements of a list value, treating a single scalar as a
// one-element list (CloudFormation accepts both for many list properties).
// ok is false when v is Unknown as a whole (its length is not known).
func items(v *graph.Value) (out []*graph.Value, ok bool) {
	switch {
	case v == nil:
		return nil, true
	case v.Kind == graph.KindUnknown:
		return nil, false
	case v.Kind == graph.KindList:
		for _, e := range v.List {
			if e != nil && e.Kind != graph.KindNull {
				out = append(out, e)
			}
		}
		return out, true
	default:
		return []*graph.Value{v}, true
	}
}

// listBuilder concatenates list-valued native attributes into one canonical
// list; if any part's length is unknown, the whole list is Unknown.
type listBuilder struct {
	loc     graph.Location
	items   []*graph.Value
	unknown *graph.Value
}

func (b *listBuilder) add(v *graph.Value) {
	elems, ok := items(v)
	if !ok {
		if b.unknown == nil {
			b.unknown = v
		}
		return
	}
	b.items = append(b.items, elems...)
}

// addElement adds v as one element, whatever it is: a scalar attribute
// (one group id) that is Unknown is still one element. A nil v adds
// nothing.
func (b *listBuilder) addElement(v *graph.Value) {
	if v != nil {
		b.items = append(b.items, v)
	}
}

// addUnknownLength makes the list's length Unknown, with u's reason.
func (b *listBuilder) addUnknownLength(u *graph.Value) {
	if b.unknown == nil {
		b.unknown = u
	}
}

func (b *listBuilder) addAll(vs ...*graph.Value) {
	for _, v := range vs {
		b.add(v)
	}
}

func (b *listBuilder) value() *graph.Value {
	if b.unknown != nil {
		u := graph.Unknown(b.unknown.Reason, b.unknown.Loc)
		u.Trace = b.unknown.Trace
		return u
	}
	return graph.List(b.items, b.loc)
}

// tagMap converts tags to a map: CloudFormation's [{Key, Value}] list or a
// Terraform map, merged over Terraform provider default_tags.
func tagMap(r *graph.Resource, native *graph.Value) *graph.Value {
	return mergeTags(r, r.Meta["default_tags"], native, "Key")
}

// lower returns a lower-cased copy of a string value.
func lower(v *graph.Value) *graph.Value {
	if v == nil || v.Kind != graph.KindString {
		return v
	}
	c := *v
	c.Str = strings.ToLower(c.Str)
	return &c
}

// mapItems maps each element of a native list (inline blocks, list entries)
// with mapOne into a canonical list located at the native list, or at the
// resource when the list is absent. A list whose length is unknown stays
// Unknown as a whole: its elements cannot be mapped one by one.
func mapItems(r *graph.Resource, native *graph.Value, mapOne func(e *graph.Value) *graph.Value) *graph.Value {
	elems, ok := items(native)
	if !ok {
		return graph.Unknown(native.Reason, native.Loc)
	}
	out := graph.List(nil, r.Loc)
	if native != nil {
		out.Loc = native.Loc
	}
	for _, e := range elems {
		out.List = append(out.List, mapOne(e))
	}
	return out
}
