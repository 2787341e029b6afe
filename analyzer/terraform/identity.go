package terraform

import (
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/ctymarks"
	"github.com/zclconf/go-cty/cty/function"

	"github.com/rampart-iac/rampart/analyzer/graph"
	"github.com/rampart-iac/rampart/analyzer/terraform/tffuncs"
)

// identMark marks an Unknown that is exactly one resource attribute (the
// id of a security group): not computed from it, but it. The value keeps
// the mark through everything that passes values on unchanged (indexing,
// splats, locals, module inputs and outputs, concat(...)[0], try, one,
// element, a conditional's chosen branch), so the Unknown still stands for
// the attribute there and its shadow gets the Ref normalizers fold by.
// Like refMark it also makes an edge.
//
// cty carries marks through every operation, transformations included:
// upper(id) or "${id}-x" would keep it too. generic therefore checks, for
// every value an expression computes from marked inputs, which parts of
// the result really are one of the attributes (identities), and turns the
// other identity marks into plain refMarks.
type identMark graph.Ref

// markRef reports the resource attribute a mark names, for edges.
func markRef(m any) (graph.Ref, bool) {
	switch r := m.(type) {
	case refMark:
		return graph.Ref(r), true
	case identMark:
		return graph.Ref(r), true
	}
	return graph.Ref{}, false
}

// identity returns the one attribute an Unknown's own marks say it is.
// Several identity marks mean the value is one of several attributes
// (a conditional whose condition is unknown), which names none of them.
func identity(marks cty.ValueMarks) *graph.Ref {
	var found *graph.Ref
	for m := range marks {
		id, ok := m.(identMark)
		if !ok {
			continue
		}
		if found != nil && *found != graph.Ref(id) {
			return nil
		}
		r := graph.Ref(id)
		found = &r
	}
	return found
}

// sentinelPrefix starts the stand-in strings that replace identities when
// generic checks which of them a result passes on; no configuration can
// write a NUL byte. The stand-in names its identity, so a value's
// substitute depends on the value alone and can be cached.
const sentinelPrefix = "\x00rampart-identity\x00"

func sentinel(m identMark) cty.Value {
	return cty.StringVal(sentinelPrefix + m.Resource + "\x00" + m.Attr + "\x00")
}

// sentinelIdentity reads back the identity a string that is exactly one
// stand-in names; a string built from one ("<stand-in>-suffix") is none.
func sentinelIdentity(s string) (identMark, bool) {
	rest, ok := strings.CutPrefix(s, sentinelPrefix)
	if !ok || strings.Count(rest, "\x00") != 2 || !strings.HasSuffix(rest, "\x00") {
		return identMark{}, false
	}
	res, attr, _ := strings.Cut(strings.TrimSuffix(rest, "\x00"), "\x00")
	return identMark{Resource: res, Attr: attr}, true
}

// substituteIdentities replaces every Unknown carrying an identity in v by
// that identity's stand-in string. Objects and tuples take any element
// type; lists and maps only where their element type is string, so the
// collection keeps one element type; sets are left alone (their elements
// have no place to find the stand-in again).
func substituteIdentities(v cty.Value) cty.Value {
	if !containsMarked(v) {
		return v
	}
	inner, marks := v.Unmark()
	if !inner.IsKnown() {
		if id := identity(marks); id != nil {
			// The marks stay: without any, cty walks a whole collection
			// to learn that it holds none (ContainsMarked), once per
			// function argument.
			return sentinel(identMark(*id)).WithMarks(marks)
		}
		return v
	}
	if inner.IsNull() {
		return v
	}
	ty := inner.Type()
	switch {
	case ty.IsObjectType():
		attrs := make(map[string]cty.Value, len(ty.AttributeTypes()))
		for it := inner.ElementIterator(); it.Next(); {
			k, e := it.Element()
			attrs[k.AsString()] = substituteIdentities(e)
		}
		return cty.ObjectVal(attrs).WithMarks(marks)
	case ty.IsTupleType():
		elems := make([]cty.Value, 0, inner.LengthInt())
		for it := inner.ElementIterator(); it.Next(); {
			_, e := it.Element()
			elems = append(elems, substituteIdentities(e))
		}
		return cty.TupleVal(elems).WithMarks(marks)
	case ty.IsListType() && ty.ElementType() == cty.String && inner.LengthInt() > 0:
		elems := make([]cty.Value, 0, inner.LengthInt())
		for it := inner.ElementIterator(); it.Next(); {
			_, e := it.Element()
			elems = append(elems, substituteIdentities(e))
		}
		return cty.ListVal(elems).WithMarks(marks)
	case ty.IsMapType() && ty.ElementType() == cty.String && inner.LengthInt() > 0:
		elems := make(map[string]cty.Value, inner.LengthInt())
		for it := inner.ElementIterator(); it.Next(); {
			k, e := it.Element()
			elems[k.AsString()] = substituteIdentities(e)
		}
		return cty.MapVal(elems).WithMarks(marks)
	}
	return v
}

// foundIdentities walks a result computed from stand-ins and calls f at
// every path that holds one of them unchanged.
func foundIdentities(v cty.Value, path cty.Path, f func(cty.Path, identMark)) {
	v, _ = v.Unmark()
	if !v.IsKnown() || v.IsNull() {
		return
	}
	ty := v.Type()
	switch {
	case ty == cty.String:
		if m, ok := sentinelIdentity(v.AsString()); ok {
			f(path, m)
		}
	case ty.IsObjectType():
		for it := v.ElementIterator(); it.Next(); {
			k, e := it.Element()
			foundIdentities(e, append(path.Copy(), cty.GetAttrStep{Name: k.AsString()}), f)
		}
	case ty.IsMapType() || ty.IsTupleType() || ty.IsListType():
		for it := v.ElementIterator(); it.Next(); {
			k, e := it.Element()
			foundIdentities(e, append(path.Copy(), cty.IndexStep{Key: k}), f)
		}
	}
}

// keepIdentities returns val, computed by expr, with identity marks only
// where val is an identity passed on unchanged; every other identity mark
// becomes a refMark, which still makes an edge. It finds out by evaluating
// expr again in sub, the context expr was evaluated in with each identity
// replaced by its stand-in string: where the result holds a stand-in, the
// value there is that attribute whatever the attribute turns out to be. A
// result that is not one of its inputs (a template, upper()), or that is
// one of its inputs depending on something unknown (a conditional whose
// condition is unknown, coalesce(var.unset, id)), holds no stand-in there.
func keepIdentities(expr hcl.Expression, sub func() *hcl.EvalContext, val cty.Value) cty.Value {
	if !containsMarked(val) || !hasIdentity(val) {
		return val
	}
	type found struct {
		path cty.Path
		mark identMark
	}
	verified := map[string]found{}
	if ctx := sub(); ctx != nil {
		if res, diags := expr.Value(ctx); !diags.HasErrors() {
			foundIdentities(res, nil, func(p cty.Path, m identMark) {
				if unknownAt(val, p) {
					verified[pathKey(p)] = found{path: p, mark: m}
				}
			})
		}
	}
	kept := map[string]bool{}
	out, _ := val.WrangleMarksDeep(func(m any, p cty.Path) (ctymarks.WrangleAction, error) {
		id, ok := m.(identMark)
		if !ok {
			return nil, nil
		}
		k := pathKey(p)
		if f, ok := verified[k]; ok && f.mark == id {
			kept[k] = true
			return ctymarks.WrangleKeep, nil
		}
		return ctymarks.WrangleReplace(refMark(id)), nil
	})
	for k, f := range verified {
		if !kept[k] {
			out = markAt(out, f.path, f.mark)
		}
	}
	return out
}

// hasIdentity reports whether v holds an identity mark anywhere.
func hasIdentity(v cty.Value) bool {
	found := false
	_, _ = v.WrangleMarksDeep(func(m any, _ cty.Path) (ctymarks.WrangleAction, error) {
		if _, ok := m.(identMark); ok {
			found = true
		}
		return nil, nil
	})
	return found
}

// markAt adds mark m to the value at path in v, rebuilding only the
// collections on the way.
func markAt(v cty.Value, path cty.Path, m any) cty.Value {
	if len(path) == 0 {
		return v.Mark(m)
	}
	inner, marks := v.Unmark()
	ty := inner.Type()
	switch step := path[0].(type) {
	case cty.GetAttrStep:
		if !ty.IsObjectType() {
			return v
		}
		attrs := make(map[string]cty.Value, len(ty.AttributeTypes()))
		for it := inner.ElementIterator(); it.Next(); {
			k, e := it.Element()
			if k.AsString() == step.Name {
				e = markAt(e, path[1:], m)
			}
			attrs[k.AsString()] = e
		}
		return cty.ObjectVal(attrs).WithMarks(marks)
	case cty.IndexStep:
		switch {
		case ty.IsTupleType() || ty.IsListType():
			elems := make([]cty.Value, 0, inner.LengthInt())
			for it := inner.ElementIterator(); it.Next(); {
				k, e := it.Element()
				if k.Equals(step.Key).True() {
					e = markAt(e, path[1:], m)
				}
				elems = append(elems, e)
			}
			if ty.IsTupleType() {
				return cty.TupleVal(elems).WithMarks(marks)
			}
			return cty.ListVal(elems).WithMarks(marks)
		case ty.IsMapType():
			elems := make(map[string]cty.Value, inner.LengthInt())
			for it := inner.ElementIterator(); it.Next(); {
				k, e := it.Element()
				if k.Equals(step.Key).True() {
					e = markAt(e, path[1:], m)
				}
				elems[k.AsString()] = e
			}
			return cty.MapVal(elems).WithMarks(marks)
		}
	}
	return v
}

// unknownAt reports whether v has an Unknown at path, every collection on
// the way being known.
func unknownAt(v cty.Value, path cty.Path) bool {
	v, _ = v.Unmark()
	for _, step := range path {
		if !v.IsKnown() || v.IsNull() {
			return false
		}
		next, err := step.Apply(v)
		if err != nil {
			return false
		}
		v, _ = next.Unmark()
	}
	return !v.IsKnown()
}

// tryKeepingMarks is Terraform's try, except that an argument that is not
// wholly known, which try answers with a bare cty.DynamicVal, gives an
// Unknown carrying that argument's marks: as in Terraform the result is
// Unknown, but try(aws_security_group.x.id, "") still makes an edge and,
// being that attribute once known, keeps its identity.
var tryKeepingMarks = tffuncs.Budgeted("try", tffuncs.NewTryFunc(func(v cty.Value) cty.Value {
	_, marks := v.UnmarkDeep()
	return cty.DynamicVal.WithMarks(marks)
}))

// instanceFuncs is the function table of a module's instances: the
// module's table (funcsFor) with try keeping marks, and the functions
// that answer from key sets aware of open resource objects (openMark).
func (ev *evaluator) instanceFuncs(cfg *moduleConfig) map[string]function.Function {
	if fs, ok := ev.funcTables[cfg]; ok {
		return fs
	}
	base := ev.funcsFor(cfg)
	fs := make(map[string]function.Function, len(base))
	for name, fn := range base {
		plain := strings.TrimPrefix(name, "core::")
		if deep, ok := keySetFuncs[plain]; ok {
			fn = openAware(fn, deep)
		}
		switch plain {
		case "try":
			fn = tryKeepingMarks
		case "lookup":
			fn = openLookup(fn)
		}
		fs[name] = fn
	}
	if ev.funcTables == nil {
		ev.funcTables = map[*moduleConfig]map[string]function.Function{}
	}
	ev.funcTables[cfg] = fs
	return fs
}
