package plan

import (
	"math"
	"sort"
	"strconv"

	"github.com/rampart-iac/rampart/analyzer/graph"
)

// value converts a JSON node into a graph value located in the plan file.
func (p *parser) value(n *node) *graph.Value {
	loc := p.span(n)
	switch n.kind {
	case nodeBool:
		return graph.Bool(n.bool, loc)
	case nodeNumber:
		f, err := strconv.ParseFloat(string(n.num), 64)
		if err != nil || math.IsInf(f, 0) {
			return graph.Unknown("number "+string(n.num)+" is out of range", loc)
		}
		return graph.Number(f, loc)
	case nodeString:
		return graph.String(n.str, loc)
	case nodeArray:
		items := make([]*graph.Value, len(n.items))
		for i, it := range n.items {
			items[i] = p.value(it)
		}
		return graph.List(items, loc)
	case nodeObject:
		m := graph.Map(loc)
		for _, k := range n.keys {
			m.Set(k, p.value(n.fields[k]))
		}
		return m
	}
	return graph.Null(loc)
}

// markUnknown applies an after_unknown mark to v. The mark mirrors the
// value's shape with true where the value is unknown. planned_values leaves
// unknown attributes out (or null inside lists), so a missing value with an
// unknown mark is created, located at at. It returns the value to use in
// v's place.
func markUnknown(v *graph.Value, mark *node, at graph.Location) *graph.Value {
	if mark == nil {
		return v
	}
	if v != nil {
		at = v.Loc
	}
	switch mark.kind {
	case nodeBool:
		if mark.bool {
			return graph.Unknown(reasonAfterApply, at)
		}
	case nodeObject:
		if v == nil || v.Kind == graph.KindNull {
			if !containsTrue(mark) {
				return v
			}
			v = graph.Map(at)
		}
		if v.Kind != graph.KindMap {
			return v
		}
		sorted := sort.StringsAreSorted(v.Keys)
		for _, k := range mark.keys {
			old := v.Fields[k]
			if nv := markUnknown(old, mark.fields[k], at); nv != old && nv != nil {
				v.Set(k, nv)
			}
		}
		// Terraform writes attributes in name order; keep that order for
		// attributes that were added because they are unknown.
		if sorted {
			sort.Strings(v.Keys)
		}
	case nodeArray:
		if v == nil || v.Kind == graph.KindNull {
			if !containsTrue(mark) {
				return v
			}
			v = graph.List(nil, at)
		}
		if v.Kind != graph.KindList {
			return v
		}
		for i, m := range mark.items {
			if i < len(v.List) {
				v.List[i] = markUnknown(v.List[i], m, at)
				continue
			}
			if nv := markUnknown(nil, m, at); nv != nil {
				v.List = append(v.List, nv)
			} else {
				v.List = append(v.List, graph.Null(at))
			}
		}
	}
	return v
}

// containsTrue reports whether a mark has true anywhere.
func containsTrue(n *node) bool {
	switch n.kind {
	case nodeBool:
		return n.bool
	case nodeArray:
		for _, it := range n.items {
			if containsTrue(it) {
				return true
			}
		}
	case nodeObject:
		for _, k := range n.keys {
			if containsTrue(n.fields[k]) {
				return true
			}
		}
	}
	return false
}

// markSensitive applies a sensitive_values / after_sensitive mark: true
// marks the value and everything under it Sensitive.
func markSensitive(v *graph.Value, mark *node) {
	if v == nil || mark == nil {
		return
	}
	switch mark.kind {
	case nodeBool:
		if mark.bool {
			v.Walk(func(_ graph.Path, x *graph.Value) bool {
				x.Sensitive = true
				return true
			})
		}
	case nodeObject:
		if v.Kind == graph.KindMap {
			for _, k := range mark.keys {
				markSensitive(v.Fields[k], mark.fields[k])
			}
		}
	case nodeArray:
		if v.Kind == graph.KindList {
			for i, m := range mark.items {
				if i < len(v.List) {
					markSensitive(v.List[i], m)
				}
			}
		}
	}
}

// setLoc locates v and everything under it at loc.
func setLoc(v *graph.Value, loc graph.Location) {
	v.Walk(func(_ graph.Path, x *graph.Value) bool {
		x.Loc = loc
		return true
	})
}
