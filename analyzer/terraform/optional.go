package terraform

import (
	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"

	"github.com/rampart-iac/rampart/analyzer/graph"
)

// defaultSites mirrors a variable's type constraint down to the
// optional() attributes that have a default, and says where each default
// is written, so that a value a default supplied is traced to it.
type defaultSites struct {
	attrs map[string]*defaultSites // object attributes
	elem  *defaultSites            // list or map elements
	tuple []*defaultSites          // tuple elements
	def   *hcl.Range               // this attribute's optional() default
}

// optionalSites reads a type constraint expression; nil when it has no
// optional() default. Sets are left out: their elements have no position
// to match a value against its source.
func optionalSites(expr hcl.Expression) *defaultSites {
	call, diags := hcl.ExprCall(expr)
	if diags.HasErrors() {
		return nil
	}
	switch {
	case call.Name == "object" && len(call.Arguments) == 1:
		pairs, diags := hcl.ExprMap(call.Arguments[0])
		if diags.HasErrors() {
			return nil
		}
		n := &defaultSites{attrs: map[string]*defaultSites{}}
		for _, kv := range pairs {
			name := hcl.ExprAsKeyword(kv.Key)
			if name == "" {
				k, diags := kv.Key.Value(nil)
				if diags.HasErrors() || !k.IsKnown() || k.IsNull() || !k.Type().Equals(cty.String) {
					continue
				}
				name = k.AsString()
			}
			if child := attributeSites(kv.Value); child != nil {
				n.attrs[name] = child
			}
		}
		if len(n.attrs) == 0 {
			return nil
		}
		return n
	case (call.Name == "list" || call.Name == "map") && len(call.Arguments) == 1:
		if elem := optionalSites(call.Arguments[0]); elem != nil {
			return &defaultSites{elem: elem}
		}
	case call.Name == "tuple" && len(call.Arguments) == 1:
		exprs, diags := hcl.ExprList(call.Arguments[0])
		if diags.HasErrors() {
			return nil
		}
		n := &defaultSites{tuple: make([]*defaultSites, len(exprs))}
		found := false
		for i, e := range exprs {
			n.tuple[i] = optionalSites(e)
			found = found || n.tuple[i] != nil
		}
		if found {
			return n
		}
	}
	return nil
}

// attributeSites reads an object attribute's type, optional(type,
// default) or not.
func attributeSites(expr hcl.Expression) *defaultSites {
	call, diags := hcl.ExprCall(expr)
	if diags.HasErrors() || call.Name != "optional" || len(call.Arguments) == 0 {
		return optionalSites(expr)
	}
	n := optionalSites(call.Arguments[0])
	if len(call.Arguments) == 2 {
		if n == nil {
			n = &defaultSites{}
		}
		r := call.Arguments[1].Range()
		n.def = &r
	}
	return n
}

// traceDefaults finds in out, a variable's value after its type's
// defaults were applied, what a default supplied: an attribute like (the
// value as given) lacks or has as null. Such a value was written at the
// optional() default, which becomes its origin; it stays located with the
// object it was added to.
func traceDefaults(out, like *graph.Value, n *defaultSites, note string) {
	if n == nil || out == nil || like == nil || out.Kind != like.Kind {
		return
	}
	switch out.Kind {
	case graph.KindMap:
		if n.attrs == nil {
			for _, k := range out.Keys {
				traceDefaults(out.Get(k), like.Get(k), n.elem, note)
			}
			return
		}
		for name, child := range n.attrs {
			v, given := out.Get(name), like.Get(name)
			if v == nil {
				continue
			}
			if child.def != nil && (given == nil || (given.Kind == graph.KindNull && v.Kind != graph.KindNull)) {
				hop := graph.Hop{Location: loc(*child.def), Note: note}
				v.Walk(func(_ graph.Path, n *graph.Value) bool {
					n.Trace = graph.Trace{hop}
					return true
				})
				continue
			}
			traceDefaults(v, given, child, note)
		}
	case graph.KindList:
		for i, e := range out.List {
			sub := n.elem
			if n.tuple != nil {
				if i >= len(n.tuple) {
					break
				}
				sub = n.tuple[i]
			}
			traceDefaults(e, like.Index(i), sub, note)
		}
	}
}
