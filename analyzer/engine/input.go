package engine

import (
	"fmt"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/rampart-iac/rampart/analyzer/graph"
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
// reference to a folded rule resource means its group).
type refIndex map[string]map[string]string

func newRefIndex(resources []*graph.Canonical) refIndex {
	idx := refIndex{}
	add := func(unit, id, uid string, owner bool) {
		m := idx[unit]
		if m == nil {
			m = map[string]string{}
			idx[unit] = m
		}
		if _, taken := m[id]; !taken || owner {
			m[id] = uid
		}
	}
	for _, c := range resources {
		unit := unitOf(c)
		for _, part := range c.Parts {
			add(unit, part, c.UID, false)
		}
	}
	for _, c := range resources {
		add(unitOf(c), c.ID, c.UID, true)
	}
	return idx
}

// refs lists every Unknown value in c's properties that stands for an
// attribute of a resource of the same unit.
func (idx refIndex) refs(c *graph.Canonical) []any {
	units := idx[unitOf(c)]
	out := []any{}
	if units == nil {
		return out
	}
	c.Props.Walk(func(p graph.Path, v *graph.Value) bool {
		if !v.IsUnknown() || v.Ref == nil {
			return true
		}
		if uid, ok := units[v.Ref.Resource]; ok {
			steps := make([]any, len(p))
			for i, s := range p {
				steps[i] = s
			}
			out = append(out, map[string]any{"path": steps, "resource": uid, "attribute": v.Ref.Attr})
		}
		return true
	})
	return out
}

// buildInput converts the canonical resources to the policy input of
// docs/model.md, once per Evaluate: every rule shares the result.
func buildInput(resources []*graph.Canonical, config map[string]any) (ast.Value, error) {
	idx := newRefIndex(resources)
	byKind := map[string]any{}
	byUID := make(map[string]any, len(resources))
	for _, c := range resources {
		if c == nil || c.Native == nil {
			return nil, fmt.Errorf("canonical resource %q has no native resource", uidOf(c))
		}
		if _, dup := byUID[c.UID]; dup {
			return nil, fmt.Errorf("canonical resource uid %q appears twice", c.UID)
		}
		native := any(map[string]any{})
		if c.Native.Attrs != nil {
			native = c.Native.Attrs.Interface()
		}
		props := any(map[string]any{})
		if c.Props != nil {
			props = c.Props.Interface()
		}
		r := map[string]any{
			"uid":        c.UID,
			"id":         c.ID,
			"kind":       c.Kind,
			"type":       c.Native.Type,
			"source":     string(c.Native.Source),
			"file":       c.Native.Loc.File,
			"properties": props,
			"native":     native,
			"refs":       idx.refs(c),
		}
		byUID[c.UID] = r
		list, _ := byKind[c.Kind].([]any)
		byKind[c.Kind] = append(list, r)
	}
	if config == nil {
		config = map[string]any{}
	}
	v, err := ast.InterfaceToValue(map[string]any{
		"by_kind":   byKind,
		"resources": byUID,
		"config":    config,
	})
	if err != nil {
		return nil, fmt.Errorf("convert policy input: %w", err)
	}
	return v, nil
}

func uidOf(c *graph.Canonical) string {
	if c == nil {
		return "<nil>"
	}
	return c.UID
}
