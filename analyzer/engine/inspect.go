package engine

import (
	"fmt"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/rampart-iac/rampart/analyzer/graph"
)

// InspectResources lists every native resource of units, in unit order,
// as the object the policy input holds for it (docs/model.md), decoded to
// plain JSON values (maps, slices, strings, json.Number, bool, nil), with
// one more key, "unknowns": every Unknown value of "native" and
// "properties" with its path and reason. A resource no canonical kind
// covers, folded into another or a data source has "kind" and "properties"
// null and no refs; policies do not see it.
func InspectResources(units []*graph.Unit, canon []*graph.Canonical) ([]any, error) {
	idx := newRefIndex(canon)
	byUID := make(map[string]*graph.Canonical, len(canon))
	for _, c := range canon {
		if c == nil || c.Native == nil {
			return nil, fmt.Errorf("canonical resource %q has no native resource", uidOf(c))
		}
		byUID[c.UID] = c
	}
	var out []any
	for _, u := range units {
		for _, r := range u.Resources {
			uid := u.Path + "#" + r.ID
			obj := nativeObject(uid, resourceWithoutSecrets(r))
			if c := byUID[uid]; c != nil && c.Native.ID == r.ID {
				native := resourceWithoutSecrets(c.Native)
				obj = resourceObject(c.UID, native, ast.StringTerm(c.Kind), mapTerm(withoutSecrets(c.Props)), idx.refs(c))
				obj.Insert(ast.StringTerm("unknowns"), unknownsTerm(native.Attrs, c.Props))
			}
			v, err := ast.JSON(obj)
			if err != nil {
				return nil, fmt.Errorf("resource %s: %w", uid, err)
			}
			out = append(out, v)
		}
	}
	return out, nil
}

// nativeObject is the object of a resource without a canonical kind.
func nativeObject(uid string, r *graph.Resource) ast.Object {
	obj := resourceObject(uid, r, ast.NullTerm(), ast.NullTerm(), nil)
	obj.Insert(ast.StringTerm("unknowns"), unknownsTerm(r.Attrs, nil))
	return obj
}

// unknownsTerm lists the Unknown values of a resource's native attributes
// and canonical properties as {"path": ["native", ...], "reason": ...}: the
// policy input renders them as null, and this says why.
func unknownsTerm(native, props *graph.Value) *ast.Term {
	items := []*ast.Term{}
	collect := func(root string, v *graph.Value) {
		v.Walk(func(p graph.Path, v *graph.Value) bool {
			if !v.IsUnknown() {
				return true
			}
			steps := append([]*ast.Term{ast.StringTerm(root)}, pathSteps(p)...)
			items = append(items, ast.ObjectTerm(
				ast.Item(ast.StringTerm("path"), ast.ArrayTerm(steps...)),
				ast.Item(ast.StringTerm("reason"), ast.StringTerm(v.Reason)),
			))
			return false
		})
	}
	collect("native", native)
	collect("properties", props)
	return ast.ArrayTerm(items...)
}

// pathSteps converts an attribute path to policy input terms: keys become
// strings, list indexes numbers.
func pathSteps(p graph.Path) []*ast.Term {
	steps := make([]*ast.Term, 0, len(p))
	for _, s := range p {
		switch s := s.(type) {
		case int:
			steps = append(steps, ast.IntNumberTerm(s))
		case string:
			steps = append(steps, ast.StringTerm(s))
		}
	}
	return steps
}
