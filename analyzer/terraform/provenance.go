package terraform

import (
	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/ctymarks"
)

// provMark marks the parts of one named value an expression reads (one
// group of its inputs: var.m, local.x, aws_vpc.main, each), so that the
// result tells which of them it was made from. lookup(var.m, "k", var.d)
// that finds k holds none of var.d, and its trace gets no hop for it.
type provMark int

// maxTrackedElements bounds the elements marked per named value: a value
// with more is not tracked and always counts as read.
const maxTrackedElements = 64

// groupKey names the value a reference starts from: var.m, local.x,
// module.m, aws_vpc.main, data.aws_ami.x, resource.aws_vpc.main, or the
// root alone (each,
// count, path, a dynamic block iterator).
func groupKey(t hcl.Traversal) string {
	root := t.RootName()
	n := 1
	switch root {
	case "var", "local", "module":
		n = 2
	case "data", "resource":
		n = 3
	case "count", "each", "path", "terraform", "self":
	default:
		if len(t) > 1 {
			n = 2
		}
	}
	key := root
	for i := 1; i < n; i++ {
		name, ok := attrStep(t, i)
		if !ok {
			break
		}
		key += "." + name
	}
	return key
}

// track marks each named value in b's context with the group of inputs it
// starts, when the expression reads two or more (with one there is
// nothing to tell apart). It returns the groups tracked, by mark.
func (b *builder) track(groups map[string]provMark) map[provMark]bool {
	if len(groups) < 2 {
		return nil
	}
	tracked := map[provMark]bool{}
	mark := func(key string, v cty.Value) cty.Value {
		g, ok := groups[key]
		if !ok {
			return v
		}
		mv, ok := markElements(v, g)
		if ok {
			tracked[g] = true
		}
		return mv
	}
	for i := range b.ns {
		n := &b.ns[i]
		n.v = mark(n.root+"."+n.name, n.v)
	}
	for typ, m := range b.data {
		for name, v := range m {
			m[name] = mark("data."+typ+"."+name, v)
		}
	}
	for root, v := range b.flat {
		b.flat[root] = mark(root, v)
	}
	return tracked
}

// markElements marks the elements of a collection (so that a function
// returning one of them carries its mark, not the whole collection's)
// or, for anything else, the value itself. A collection too large to
// mark cheaply, or a set, is not tracked.
func markElements(v cty.Value, m provMark) (cty.Value, bool) {
	inner, marks := v.Unmark()
	ty := inner.Type()
	if !inner.IsKnown() || inner.IsNull() || !inner.CanIterateElements() || inner.LengthInt() == 0 {
		return v.Mark(m), true
	}
	if ty.IsSetType() || inner.LengthInt() > maxTrackedElements {
		return v, false
	}
	switch {
	case ty.IsObjectType():
		attrs := make(map[string]cty.Value, inner.LengthInt())
		for it := inner.ElementIterator(); it.Next(); {
			k, e := it.Element()
			attrs[k.AsString()] = e.Mark(m)
		}
		return cty.ObjectVal(attrs).WithMarks(marks), true
	case ty.IsMapType():
		elems := make(map[string]cty.Value, inner.LengthInt())
		for it := inner.ElementIterator(); it.Next(); {
			k, e := it.Element()
			elems[k.AsString()] = e.Mark(m)
		}
		return cty.MapVal(elems).WithMarks(marks), true
	case ty.IsTupleType() || ty.IsListType():
		elems := make([]cty.Value, 0, inner.LengthInt())
		for it := inner.ElementIterator(); it.Next(); {
			_, e := it.Element()
			elems = append(elems, e.Mark(m))
		}
		if ty.IsTupleType() {
			return cty.TupleVal(elems).WithMarks(marks), true
		}
		return cty.ListVal(elems).WithMarks(marks), true
	}
	return v, false
}

// takeProvenance removes the provenance marks from val and reports the
// groups it holds parts of.
func takeProvenance(val cty.Value) (cty.Value, map[provMark]bool) {
	if !containsMarked(val) {
		return val, nil
	}
	used := map[provMark]bool{}
	out, _ := val.WrangleMarksDeep(func(m any, _ cty.Path) (ctymarks.WrangleAction, error) {
		if g, ok := m.(provMark); ok {
			used[g] = true
			return ctymarks.WrangleDrop, nil
		}
		return nil, nil
	})
	return out, used
}

// usedInputs keeps the inputs whose group the result holds parts of, and
// those of groups not tracked.
func usedInputs(inputs []input, tracked, used map[provMark]bool) []input {
	if tracked == nil {
		return inputs
	}
	out := make([]input, 0, len(inputs))
	for _, in := range inputs {
		if !tracked[in.group] || used[in.group] {
			out = append(out, in)
		}
	}
	return out
}
