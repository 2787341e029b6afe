package engine

import (
	"github.com/rampart-iac/rampart/analyzer/graph"
	"github.com/rampart-iac/rampart/analyzer/secrets"
)

// withoutSecrets returns v, or a copy of it in which every string declared
// secret (a CloudFormation NoEcho parameter, a Terraform sensitive value)
// shows only its masked form. An inspection prints values, which no report
// may do for a secret; the policy input itself keeps them, because rules
// judge where a secret comes from, never print it.
func withoutSecrets(v *graph.Value) *graph.Value {
	if v == nil || !holdsSensitive(v) {
		return v
	}
	c := *v
	switch v.Kind {
	case graph.KindString:
		if v.Sensitive {
			c.Str = secrets.Masked(v.Str)
		}
	case graph.KindList:
		c.List = make([]*graph.Value, len(v.List))
		for i, e := range v.List {
			c.List[i] = withoutSecrets(e)
		}
	case graph.KindMap:
		c.Fields = make(map[string]*graph.Value, len(v.Fields))
		for k, e := range v.Fields {
			c.Fields[k] = withoutSecrets(e)
		}
	}
	return &c
}

// holdsSensitive reports whether v is, or contains, a sensitive string.
func holdsSensitive(v *graph.Value) bool {
	found := false
	v.Walk(func(_ graph.Path, e *graph.Value) bool {
		if e.Sensitive && e.Kind == graph.KindString {
			found = true
		}
		return !found
	})
	return found
}

// resourceWithoutSecrets returns r, or a copy whose attributes hide its
// secrets (withoutSecrets).
func resourceWithoutSecrets(r *graph.Resource) *graph.Resource {
	attrs := withoutSecrets(r.Attrs)
	if attrs == r.Attrs {
		return r
	}
	c := *r
	c.Attrs = attrs
	return &c
}
