package terraform

import (
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/hashicorp/hcl/v2/json"
	"github.com/zclconf/go-cty/cty"

	"github.com/rampart-iac/rampart/analyzer/graph"
)

// A .tf.json file writes nested blocks as arguments, "rule": [{...}], and
// without provider schemas rampart evaluates them as values. That breaks
// for a dynamic block inside such a block,
// "rule": [{"name": "r", "dynamic": {"statement": {...}}}]: its content
// refers to the iterator, which only exists while the block is expanded.
// So an argument whose objects carry a "dynamic" property shaped as
// dynamic blocks (each an object with a "content") is read as nested
// blocks: each object is parsed again as a block body and evaluated as the
// content of a .tf.json dynamic block is.

// keepJSON remembers the source of a .tf.json file.
func (m *moduleConfig) keepJSON(path string, f *hcl.File) {
	if _, native := f.Body.(*hclsyntax.Body); !native {
		m.jsonSrc[path] = f.Bytes
	}
}

// jsonNestedBlocks reports whether expr is a .tf.json argument holding
// nested blocks with dynamic blocks inside, and returns its objects: the
// elements of an array (list true) or the object itself.
func jsonNestedBlocks(expr hcl.Expression) (objs []hcl.Expression, list bool, ok bool) {
	je, isJSON := asJSON(expr)
	if !isJSON {
		return nil, false, false
	}
	v, diags := je.Value(nil)
	if diags.HasErrors() || v.IsNull() {
		return nil, false, false
	}
	switch ty := v.Type(); {
	case ty.IsObjectType():
		if hasDynamic(je) {
			return []hcl.Expression{je}, false, true
		}
	case ty.IsTupleType():
		items := je.ExprList()
		found := false
		for _, it := range items {
			ije, ok := asJSON(it)
			if !ok {
				return nil, false, false
			}
			iv, diags := ije.Value(nil)
			if diags.HasErrors() || iv.IsNull() || !iv.Type().IsObjectType() {
				return nil, false, false
			}
			found = found || hasDynamic(ije)
		}
		if found {
			return items, true, true
		}
	}
	return nil, false, false
}

func asJSON(expr hcl.Expression) (jsonExpr, bool) {
	if _, native := expr.(hclsyntax.Expression); native {
		return nil, false
	}
	je, ok := expr.(jsonExpr)
	return je, ok
}

// hasDynamic reports whether a JSON object has a "dynamic" property shaped
// as dynamic blocks: an object (or an array of objects) whose every
// property is an object with a "content" property.
func hasDynamic(obj jsonExpr) bool {
	for _, kv := range obj.ExprMap() {
		if k, diags := kv.Key.Value(nil); diags.HasErrors() || k.Type() != cty.String || k.AsString() != "dynamic" {
			continue
		}
		dv, ok := asJSON(kv.Value)
		if !ok {
			return false
		}
		specs := []jsonExpr{dv}
		if v, diags := dv.Value(nil); !diags.HasErrors() && v.Type().IsTupleType() {
			specs = specs[:0]
			for _, it := range dv.ExprList() {
				je, ok := asJSON(it)
				if !ok {
					return false
				}
				specs = append(specs, je)
			}
		}
		for _, spec := range specs {
			pairs := spec.ExprMap()
			if len(pairs) == 0 {
				return false
			}
			for _, p := range pairs {
				b, ok := asJSON(p.Value)
				if !ok || !hasKey(b, "content") {
					return false
				}
			}
		}
		return true
	}
	return false
}

func hasKey(obj jsonExpr, key string) bool {
	for _, kv := range obj.ExprMap() {
		if k, diags := kv.Key.Value(nil); !diags.HasErrors() && k.Type() == cty.String && k.AsString() == key {
			return true
		}
	}
	return false
}

// jsonBlockBody parses a JSON object value again as a block body, at its
// own position in its file.
func (m *moduleConfig) jsonBlockBody(obj hcl.Expression) (hcl.Body, bool) {
	r := obj.Range()
	src, ok := m.jsonSrc[r.Filename]
	if !ok || r.Start.Byte < 0 || r.End.Byte > len(src) || r.Start.Byte >= r.End.Byte {
		return nil, false
	}
	f, diags := json.ParseWithStartPos(src[r.Start.Byte:r.End.Byte], r.Filename, r.Start)
	if diags.HasErrors() || f == nil || f.Body == nil {
		return nil, false
	}
	return f.Body, true
}

// jsonNested evaluates a .tf.json argument holding nested blocks as blocks:
// an array as the list of their maps, each located at its object, a single
// object as one map. It returns false, to evaluate the argument as a value
// instead, when an object cannot be read as a body.
func (e *emitter) jsonNested(m *graph.Value, list func(string, graph.Location) *graph.Value, it resItem, s *scope, path graph.Path) bool {
	objs, isList, ok := jsonNestedBlocks(it.expr)
	if !ok {
		return false
	}
	bodies := make([]hcl.Body, len(objs))
	for i, o := range objs {
		b, ok := e.mi.cfg.jsonBlockBody(o)
		if !ok {
			return false
		}
		bodies[i] = b
	}
	if !isList {
		m.Set(it.name, e.jsonBody(bodies[0], s, path.Append(it.name), loc(objs[0].Range())))
		return true
	}
	l := list(it.name, loc(it.expr.Range()))
	for i, b := range bodies {
		l.List = append(l.List, e.jsonBody(b, s, path.Append(it.name, len(l.List)), loc(objs[i].Range())))
	}
	return true
}
