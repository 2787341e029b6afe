package engine

import (
	"context"
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/rampart-iac/rampart/analyzer/graph"
	"github.com/rampart-iac/rampart/analyzer/resolve"
)

// unitOf returns the unit part of a canonical UID ("<unit path>#<id>").
// Either part could contain '#', so the resource's own ID is stripped from
// the end rather than splitting at a '#'.
func unitOf(c *graph.Canonical) string {
	if suffix := "#" + c.ID; strings.HasSuffix(c.UID, suffix) {
		return strings.TrimSuffix(c.UID, suffix)
	}
	if i := strings.LastIndexByte(c.UID, '#'); i >= 0 {
		return c.UID[:i]
	}
	return c.UID
}

// refIndex resolves native resource IDs to canonical UIDs, per unit: the
// owner's ID and the IDs of the native resources folded into it (a
// reference to a folded rule resource means its group), through the
// resolver the normalizers use too.
type refIndex map[string]*resolve.Index[string]

func newRefIndex(resources []*graph.Canonical) refIndex {
	idx := refIndex{}
	unit := func(c *graph.Canonical) *resolve.Index[string] {
		u := idx[unitOf(c)]
		if u == nil {
			u = resolve.New[string]()
			idx[unitOf(c)] = u
		}
		return u
	}
	for _, c := range resources {
		unit(c).Add(c.ID, c.UID)
	}
	for _, c := range resources {
		u := unit(c)
		for _, part := range c.Parts {
			u.Alias(part, c.UID)
		}
	}
	return idx
}

// refs lists every Unknown value in c's properties that stands for an
// attribute of a resource of the same unit, as policy input entries
// {"path": [...], "resource": <uid>, "attribute": ...}.
func (idx refIndex) refs(c *graph.Canonical) []*ast.Term {
	units := idx[unitOf(c)]
	out := []*ast.Term{}
	if units == nil {
		return out
	}
	c.Props.Walk(func(p graph.Path, v *graph.Value) bool {
		if !v.IsUnknown() || v.Ref == nil {
			return true
		}
		if uid, ok := units.Resolve(v.Ref.Resource); ok {
			out = append(out, ast.ObjectTerm(
				ast.Item(ast.StringTerm("path"), ast.ArrayTerm(pathSteps(p)...)),
				ast.Item(ast.StringTerm("resource"), ast.StringTerm(uid)),
				ast.Item(ast.StringTerm("attribute"), ast.StringTerm(v.Ref.Attr)),
			))
		}
		return true
	})
	return out
}

// buildInput converts the canonical resources to the policy input of
// docs/model.md, once per Evaluate: every rule shares the result. Values
// are converted straight to OPA terms (Unknown and null become null); a
// detour through map[string]any would build the whole input twice.
func buildInput(ctx context.Context, resources []*graph.Canonical, config map[string]any) (ast.Value, error) {
	return buildInputWith(ctx, resources, config, false)
}

// buildInputWith is buildInput, with input.by_type when byType is set: only
// a policy that reads it pays for the index (Engine.ReadsByType). A
// resource without a kind (NativeOnly) is in by_type and input.resources,
// never in by_kind.
func buildInputWith(ctx context.Context, resources []*graph.Canonical, config map[string]any, byType bool) (ast.Value, error) {
	idx := newRefIndex(resources)
	byKind := map[string][]*ast.Term{}
	var kinds []string
	types := newTermIndex(byType)
	byUID := ast.NewObject()
	for i, c := range resources {
		// A scan of a hundred thousand resources takes seconds here: a
		// signal must not wait for it.
		if i%256 == 0 && ctx.Err() != nil {
			return nil, fmt.Errorf("building the policy input: %w", ctx.Err())
		}
		if c == nil || c.Native == nil {
			return nil, fmt.Errorf("canonical resource %q has no native resource", uidOf(c))
		}
		uid := ast.StringTerm(c.UID)
		if byUID.Get(uid) != nil {
			return nil, fmt.Errorf("canonical resource uid %q appears twice", c.UID)
		}
		var r *ast.Term
		if c.Kind == NativeOnly {
			// Its refs are references in its native attributes.
			r = ast.NewTerm(resourceObject(c.UID, c.Native, ast.NullTerm(), ast.NullTerm(), idx.refs(c)))
		} else {
			r = ast.NewTerm(resourceObject(c.UID, c.Native, ast.StringTerm(c.Kind), mapTerm(c.Props), idx.refs(c)))
			if _, seen := byKind[c.Kind]; !seen {
				kinds = append(kinds, c.Kind)
			}
			byKind[c.Kind] = append(byKind[c.Kind], r)
		}
		byUID.Insert(uid, r)
		types.add(c.Native.Type, r)
	}
	kindObj := ast.NewObject()
	for _, k := range kinds {
		kindObj.Insert(ast.StringTerm(k), ast.ArrayTerm(byKind[k]...))
	}
	if config == nil {
		config = map[string]any{}
	}
	cfg, err := ast.InterfaceToValue(config)
	if err != nil {
		return nil, fmt.Errorf("convert rule configuration: %w", err)
	}
	in := ast.NewObject(
		ast.Item(ast.StringTerm("by_kind"), ast.NewTerm(kindObj)),
		ast.Item(ast.StringTerm("resources"), ast.NewTerm(byUID)),
		ast.Item(ast.StringTerm("config"), ast.NewTerm(cfg)),
	)
	if byType {
		in.Insert(ast.StringTerm("by_type"), ast.NewTerm(types.object()))
	}
	return in, nil
}

// NativeOnly is the Kind of a Canonical that stands for a native resource
// no canonical kind covers, so that a policy reading input.by_type can
// report it: its Props are the native attributes, and a finding's path
// points into them.
const NativeOnly = ""

// termIndex groups resource terms by a key in first-seen order; a disabled
// one records nothing.
type termIndex struct {
	on    bool
	keys  []string
	terms map[string][]*ast.Term
}

func newTermIndex(on bool) *termIndex { return &termIndex{on: on, terms: map[string][]*ast.Term{}} }

func (t *termIndex) add(key string, r *ast.Term) {
	if !t.on {
		return
	}
	if _, seen := t.terms[key]; !seen {
		t.keys = append(t.keys, key)
	}
	t.terms[key] = append(t.terms[key], r)
}

func (t *termIndex) object() ast.Object {
	obj := ast.NewObject()
	for _, k := range t.keys {
		obj.Insert(ast.StringTerm(k), ast.ArrayTerm(t.terms[k]...))
	}
	return obj
}

// resourceObject is one resource of the policy input (docs/model.md). kind
// and properties are null for a native resource no canonical kind covers
// (rampart inspect lists those too).
func resourceObject(uid string, r *graph.Resource, kind, props *ast.Term, refs []*ast.Term) ast.Object {
	loc := r.Loc.Normalized()
	return ast.NewObject(
		ast.Item(ast.StringTerm("uid"), ast.StringTerm(uid)),
		ast.Item(ast.StringTerm("id"), ast.StringTerm(r.ID)),
		ast.Item(ast.StringTerm("kind"), kind),
		ast.Item(ast.StringTerm("type"), ast.StringTerm(r.Type)),
		ast.Item(ast.StringTerm("source"), ast.StringTerm(string(r.Source))),
		ast.Item(ast.StringTerm("file"), ast.StringTerm(loc.File)),
		ast.Item(ast.StringTerm("location"), ast.ObjectTerm(
			ast.Item(ast.StringTerm("file"), ast.StringTerm(loc.File)),
			ast.Item(ast.StringTerm("start_line"), ast.IntNumberTerm(loc.StartLine)),
			ast.Item(ast.StringTerm("end_line"), ast.IntNumberTerm(loc.EndLine)),
		)),
		ast.Item(ast.StringTerm("properties"), props),
		ast.Item(ast.StringTerm("native"), mapTerm(r.Attrs)),
		ast.Item(ast.StringTerm("refs"), ast.ArrayTerm(refs...)),
	)
}

// mapTerm converts an attribute tree, defaulting an absent one to {}.
func mapTerm(v *graph.Value) *ast.Term {
	if v == nil {
		return ast.ObjectTerm()
	}
	return valueTerm(v)
}

// valueTerm converts one value. Unknown becomes null: in the policy input
// null means "unknown" (docs/model.md), so a comparison never matches it.
func valueTerm(v *graph.Value) *ast.Term {
	if v == nil {
		return ast.NullTerm()
	}
	switch v.Kind {
	case graph.KindBool:
		return ast.BooleanTerm(v.Bool)
	case graph.KindNumber:
		if v.Number == math.Trunc(v.Number) && math.Abs(v.Number) < 1<<53 {
			return ast.IntNumberTerm(int(v.Number))
		}
		return ast.FloatNumberTerm(v.Number)
	case graph.KindString:
		return ast.StringTerm(v.Str)
	case graph.KindList:
		elems := make([]*ast.Term, len(v.List))
		for i, e := range v.List {
			elems[i] = valueTerm(e)
		}
		return ast.ArrayTerm(elems...)
	case graph.KindMap:
		items := make([][2]*ast.Term, 0, len(v.Fields))
		for _, k := range v.Keys {
			if e, ok := v.Fields[k]; ok {
				items = append(items, ast.Item(ast.StringTerm(k), valueTerm(e)))
			}
		}
		if len(items) != len(v.Fields) {
			// Keys out of step with Fields (a hand-built value): fall
			// back to the map itself, in sorted order.
			items = items[:0]
			keys := make([]string, 0, len(v.Fields))
			for k := range v.Fields {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				items = append(items, ast.Item(ast.StringTerm(k), valueTerm(v.Fields[k])))
			}
		}
		return ast.ObjectTerm(items...)
	}
	return ast.NullTerm()
}

func uidOf(c *graph.Canonical) string {
	if c == nil {
		return "<nil>"
	}
	return c.UID
}
