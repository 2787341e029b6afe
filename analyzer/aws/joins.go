package aws

import (
	"github.com/rampart-iac/rampart/analyzer/graph"
)

// Joins: derived properties that follow references across several native
// resources (a subnet's route table, that table's routes, the gateway a
// route goes to). They run in a second phase of Normalize, after every
// kind of the unit is mapped, over reverse lookups built once from the
// reference edges the front-ends record (graph.Unit.Edges). Each derived
// value is computed once per resource and carries one trace hop per link
// it followed, so a finding about it shows the whole chain.

// joiner is a mapper with derived properties: join fills them in on the
// canonical resources the mapper built, once the whole unit is mapped.
type joiner interface {
	join(j *joins, built []*graph.Canonical)
}

// joins answers questions that need the whole unit: who refers to a
// resource, and the derived properties computed from that.
type joins struct {
	idx *unitIndex
	// into maps a resource ID to the edges that refer to it (depends_on
	// excluded: ordering says nothing about what a resource is attached
	// to), resolved through the unit's reference resolver.
	into map[string][]graph.Edge
	// public memoizes subnetPublic by subnet ID, routes by route table ID.
	public map[string]*graph.Value
	routes map[string]*graph.Value
}

func newJoins(idx *unitIndex) *joins {
	j := &joins{
		idx:    idx,
		into:   map[string][]graph.Edge{},
		public: map[string]*graph.Value{},
		routes: map[string]*graph.Value{},
	}
	for _, e := range idx.unit.Edges {
		if e.Kind == graph.EdgeDependsOn {
			continue
		}
		if to, ok := idx.refs.Resolve(e.To); ok {
			j.into[to.ID] = append(j.into[to.ID], e)
		}
	}
	return j
}

// referrers returns the resources of the given types that refer to `to`
// from their attribute key (the first step of the edge's path), each once,
// in edge order.
func (j *joins) referrers(to *graph.Resource, key string, types ...string) []*graph.Resource {
	var out []*graph.Resource
	seen := map[string]bool{}
	for _, e := range j.into[to.ID] {
		if len(e.Path) == 0 || e.Path[0] != key || seen[e.From] {
			continue
		}
		from, ok := j.idx.refs.Resolve(e.From)
		if !ok || !hasType(from, types) {
			continue
		}
		seen[e.From] = true
		out = append(out, from)
	}
	return out
}

func hasType(r *graph.Resource, types []string) bool {
	for _, t := range types {
		if r.Type == t {
			return true
		}
	}
	return false
}

// hop is a trace hop at r's definition.
func hop(r *graph.Resource, note string) graph.Hop {
	return graph.Hop{Location: r.Loc, Note: note}
}

// withTrace returns v with the hops added after its own, origin first.
func withTrace(v *graph.Value, hops ...graph.Hop) *graph.Value {
	c := *v
	c.Trace = append(append(graph.Trace(nil), v.Trace...), hops...)
	return &c
}
