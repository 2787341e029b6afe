package graph

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
)

// Kind is the type of a Value.
type Kind uint8

const (
	KindNull Kind = iota
	KindBool
	KindNumber
	KindString
	KindList
	KindMap
	// KindUnknown is a value that cannot be known before deployment: an
	// unset variable or parameter, a data source, an attribute computed by
	// the provider, an Fn::ImportValue. It is never equal to anything.
	KindUnknown
)

var kindNames = [...]string{"null", "bool", "number", "string", "list", "map", "unknown"}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return fmt.Sprintf("kind(%d)", k)
}

// Ref names an attribute of another resource. An Unknown value that stands
// for "the id of security group web" carries the Ref, so normalizers can fold
// a rule resource into its group and rules can follow attachments.
type Ref struct {
	// Resource is the referenced resource's ID (CFN logical ID, Terraform
	// address such as module.net.aws_security_group.web[0]).
	Resource string `json:"resource"`
	// Attr is the referenced attribute ("" for a CFN Ref, "GroupId", "id").
	Attr string `json:"attribute,omitempty"`
}

// Value is one node of an attribute tree. The zero Value is a null without
// location. Values are treated as immutable once built.
type Value struct {
	Kind   Kind
	Bool   bool
	Number float64
	Str    string
	List   []*Value
	// Keys holds map keys in source order; Fields holds the map itself.
	Keys   []string
	Fields map[string]*Value

	// Loc is where the value sits in the template: for a value that came
	// from elsewhere (a parameter default, a variable), the place it is used.
	Loc Location
	// Trace is where the value came from before it arrived at Loc, origin
	// first. Empty when the literal is written at Loc itself.
	Trace Trace
	// Reason says why an Unknown value is unknown ("variable vpc_cidr has
	// no value", "computed attribute aws_vpc.main.id").
	Reason string
	// Ref is set when the value stands for an attribute of another
	// resource (known or not).
	Ref *Ref
	// Sensitive marks values declared secret (CFN NoEcho, Terraform
	// sensitive) so reports can hide them.
	Sensitive bool
	// Representative marks a list element that stands for an unknown
	// number (zero or more) of elements: a Terraform dynamic block whose
	// for_each is Unknown. Its literal content is what every element would
	// hold; the list's length is not known.
	Representative bool
	// Decoded is the value tree a JSON string was encoded from (the
	// argument of Terraform's jsonencode), with unknown leaves at their
	// own lines. cty makes the whole string Unknown when one leaf is, so
	// without it a policy document would lose its literal statements;
	// normalizers read structure from here and the string stays the value.
	Decoded *Value
}

// Null returns a null value at loc.
func Null(loc Location) *Value { return &Value{Kind: KindNull, Loc: loc} }

// Bool returns a boolean value at loc.
func Bool(b bool, loc Location) *Value { return &Value{Kind: KindBool, Bool: b, Loc: loc} }

// Number returns a number value at loc.
func Number(n float64, loc Location) *Value { return &Value{Kind: KindNumber, Number: n, Loc: loc} }

// String returns a string value at loc.
func String(s string, loc Location) *Value { return &Value{Kind: KindString, Str: s, Loc: loc} }

// List returns a list value at loc.
func List(items []*Value, loc Location) *Value {
	if items == nil {
		items = []*Value{}
	}
	return &Value{Kind: KindList, List: items, Loc: loc}
}

// Map returns an empty map value at loc; fill it with Set.
func Map(loc Location) *Value {
	return &Value{Kind: KindMap, Fields: map[string]*Value{}, Loc: loc}
}

// Unknown returns an unknown value at loc with the reason it is unknown.
func Unknown(reason string, loc Location) *Value {
	return &Value{Kind: KindUnknown, Reason: reason, Loc: loc}
}

// UnknownRef returns an unknown value that stands for attribute attr of
// resource id.
func UnknownRef(id, attr, reason string, loc Location) *Value {
	return &Value{Kind: KindUnknown, Reason: reason, Loc: loc, Ref: &Ref{Resource: id, Attr: attr}}
}

// Set adds or replaces key in a map value, keeping first-insertion order.
// It is meant for building a value; do not call it on a shared value.
func (v *Value) Set(key string, child *Value) *Value {
	if v.Fields == nil {
		v.Fields = map[string]*Value{}
	}
	if _, ok := v.Fields[key]; !ok {
		v.Keys = append(v.Keys, key)
	}
	v.Fields[key] = child
	return v
}

// Delete removes key from a map value being built.
func (v *Value) Delete(key string) {
	if _, ok := v.Fields[key]; !ok {
		return
	}
	delete(v.Fields, key)
	for i, k := range v.Keys {
		if k == key {
			v.Keys = append(v.Keys[:i:i], v.Keys[i+1:]...)
			break
		}
	}
}

// Get returns the map entry key, or nil when v is not a map or lacks key.
func (v *Value) Get(key string) *Value {
	if v == nil || v.Kind != KindMap {
		return nil
	}
	return v.Fields[key]
}

// Index returns list element i, or nil.
func (v *Value) Index(i int) *Value {
	if v == nil || v.Kind != KindList || i < 0 || i >= len(v.List) {
		return nil
	}
	return v.List[i]
}

// IsNull reports whether v is nil or a null value.
func (v *Value) IsNull() bool { return v == nil || v.Kind == KindNull }

// IsUnknown reports whether v itself is Unknown.
func (v *Value) IsUnknown() bool { return v != nil && v.Kind == KindUnknown }

// IsWhollyKnown reports whether v and everything under it is known.
func (v *Value) IsWhollyKnown() bool {
	if v == nil {
		return true
	}
	switch v.Kind {
	case KindUnknown:
		return false
	case KindList:
		for _, e := range v.List {
			if !e.IsWhollyKnown() {
				return false
			}
		}
	case KindMap:
		for _, e := range v.Fields {
			if !e.IsWhollyKnown() {
				return false
			}
		}
	}
	return true
}

// AsString returns the value as a string. Numbers and booleans are rendered
// the way CloudFormation and Terraform coerce them ("22", "true").
func (v *Value) AsString() (string, bool) {
	if v == nil {
		return "", false
	}
	switch v.Kind {
	case KindString:
		return v.Str, true
	case KindNumber:
		return FormatNumber(v.Number), true
	case KindBool:
		return strconv.FormatBool(v.Bool), true
	}
	return "", false
}

// AsNumber returns the value as a number; numeric strings convert, as both
// CloudFormation ("22") and Terraform do.
func (v *Value) AsNumber() (float64, bool) {
	if v == nil {
		return 0, false
	}
	switch v.Kind {
	case KindNumber:
		return v.Number, true
	case KindString:
		n, err := strconv.ParseFloat(strings.TrimSpace(v.Str), 64)
		if err != nil || math.IsNaN(n) || math.IsInf(n, 0) {
			return 0, false
		}
		return n, true
	}
	return 0, false
}

// AsBool returns the value as a boolean; "true"/"false" strings convert.
func (v *Value) AsBool() (bool, bool) {
	if v == nil {
		return false, false
	}
	switch v.Kind {
	case KindBool:
		return v.Bool, true
	case KindString:
		switch strings.ToLower(strings.TrimSpace(v.Str)) {
		case "true":
			return true, true
		case "false":
			return false, true
		}
	}
	return false, false
}

// FormatNumber renders n without a trailing ".0" for integers.
func FormatNumber(n float64) string {
	if n == math.Trunc(n) && math.Abs(n) < 1e15 {
		return strconv.FormatInt(int64(n), 10)
	}
	return strconv.FormatFloat(n, 'g', -1, 64)
}

// At walks path from v and returns the value found, or nil.
func (v *Value) At(path Path) *Value {
	cur := v
	for _, step := range path {
		if cur == nil {
			return nil
		}
		switch s := step.(type) {
		case string:
			cur = cur.Get(s)
		case int:
			cur = cur.Index(s)
		default:
			return nil
		}
	}
	return cur
}

// Nearest walks path from v as far as it exists and returns the deepest value
// reached. A finding blamed on an absent attribute is reported at the nearest
// enclosing value's location.
func (v *Value) Nearest(path Path) *Value {
	cur := v
	for _, step := range path {
		var next *Value
		switch s := step.(type) {
		case string:
			next = cur.Get(s)
		case int:
			next = cur.Index(s)
		}
		if next == nil {
			return cur
		}
		cur = next
	}
	return cur
}

// Copy returns a deep copy of v.
func (v *Value) Copy() *Value {
	if v == nil {
		return nil
	}
	c := *v
	c.Trace = append(Trace(nil), v.Trace...)
	if v.List != nil {
		c.List = make([]*Value, len(v.List))
		for i, e := range v.List {
			c.List[i] = e.Copy()
		}
	}
	if v.Fields != nil {
		c.Keys = append([]string(nil), v.Keys...)
		c.Fields = make(map[string]*Value, len(v.Fields))
		for k, e := range v.Fields {
			c.Fields[k] = e.Copy()
		}
	}
	if v.Ref != nil {
		r := *v.Ref
		c.Ref = &r
	}
	c.Decoded = v.Decoded.Copy()
	return &c
}

// Derive returns a deep copy of v as used at loc: every node of the copy is
// located at loc, and its trace gains a hop for where the node was before,
// with note. This is how a parameter default, a variable or a module input
// arrives in a resource attribute while remembering where it was written.
func (v *Value) Derive(loc Location, note string) *Value {
	if v == nil {
		return nil
	}
	c := *v
	c.Trace = make(Trace, 0, len(v.Trace)+1)
	c.Trace = append(c.Trace, v.Trace...)
	if v.Loc.Known() && v.Loc != loc {
		c.Trace = append(c.Trace, Hop{Location: v.Loc, Note: note})
	}
	c.Loc = loc
	if v.List != nil {
		c.List = make([]*Value, len(v.List))
		for i, e := range v.List {
			c.List[i] = e.Derive(loc, note)
		}
	}
	if v.Fields != nil {
		c.Keys = append([]string(nil), v.Keys...)
		c.Fields = make(map[string]*Value, len(v.Fields))
		for k, e := range v.Fields {
			c.Fields[k] = e.Derive(loc, note)
		}
	}
	c.Decoded = v.Decoded.Derive(loc, note)
	return &c
}

// WithHop returns a shallow copy of v with one more provenance hop.
func (v *Value) WithHop(h Hop) *Value {
	c := *v
	c.Trace = append(append(Trace(nil), v.Trace...), h)
	return &c
}

// Interface converts v to plain Go data (nil, bool, float64, string, []any,
// map[string]any) for JSON and the policy engine. Unknown becomes nil: in the
// policy input null means "unknown" (see docs/model.md), so a plain
// comparison in a rule never matches it.
func (v *Value) Interface() any {
	if v == nil {
		return nil
	}
	switch v.Kind {
	case KindBool:
		return v.Bool
	case KindNumber:
		return v.Number
	case KindString:
		return v.Str
	case KindList:
		out := make([]any, len(v.List))
		for i, e := range v.List {
			out[i] = e.Interface()
		}
		return out
	case KindMap:
		out := make(map[string]any, len(v.Fields))
		for k, e := range v.Fields {
			out[k] = e.Interface()
		}
		return out
	}
	return nil
}

// GoString renders v compactly for tests and debugging, with unknowns shown
// as (unknown).
func (v *Value) GoString() string {
	var b strings.Builder
	v.render(&b)
	return b.String()
}

func (v *Value) render(b *strings.Builder) {
	if v == nil {
		b.WriteString("<nil>")
		return
	}
	switch v.Kind {
	case KindNull:
		b.WriteString("null")
	case KindBool, KindNumber:
		s, _ := v.AsString()
		b.WriteString(s)
	case KindString:
		b.WriteString(strconv.Quote(v.Str))
	case KindUnknown:
		b.WriteString("(unknown")
		if v.Ref != nil {
			b.WriteString(" " + v.Ref.Resource)
			if v.Ref.Attr != "" {
				b.WriteString("." + v.Ref.Attr)
			}
		}
		b.WriteString(")")
	case KindList:
		b.WriteString("[")
		for i, e := range v.List {
			if i > 0 {
				b.WriteString(", ")
			}
			e.render(b)
		}
		b.WriteString("]")
	case KindMap:
		b.WriteString("{")
		keys := v.Keys
		if len(keys) != len(v.Fields) {
			keys = make([]string, 0, len(v.Fields))
			for k := range v.Fields {
				keys = append(keys, k)
			}
			sort.Strings(keys)
		}
		for i, k := range keys {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(k + ": ")
			v.Fields[k].render(b)
		}
		b.WriteString("}")
	}
}

// Walk calls fn for v and every value under it, with its path from v.
// Returning false from fn skips the value's children.
func (v *Value) Walk(fn func(path Path, v *Value) bool) {
	v.walk(nil, fn)
}

func (v *Value) walk(path Path, fn func(Path, *Value) bool) {
	if v == nil || !fn(path, v) {
		return
	}
	switch v.Kind {
	case KindList:
		for i, e := range v.List {
			e.walk(path.Append(i), fn)
		}
	case KindMap:
		for _, k := range v.Keys {
			if e, ok := v.Fields[k]; ok {
				e.walk(path.Append(k), fn)
			}
		}
	}
}
