package cloudformation

import (
	"github.com/rampart-iac/rampart/analyzer/graph"
)

// nodeKind is the shape of a parsed template node.
type nodeKind uint8

const (
	nNull nodeKind = iota
	nBool
	nNumber
	nString
	nList
	nMap
)

// node is one value of a template as written, before intrinsic functions are
// resolved. Both the YAML and the JSON readers produce nodes, so the
// evaluator does not care which syntax a template used. Unlike graph.Value a
// node keeps the location of every map key, which resource locations and
// diagnostics need, and a short-form YAML tag has already been rewritten to
// its long form ({"Fn::Sub": ...}).
type node struct {
	kind nodeKind
	b    bool
	num  float64
	str  string
	list []*node
	keys []mapKey
	// vals are the map values, parallel to keys.
	vals []*node

	loc graph.Location
	// via is the provenance of a node copied from elsewhere (a YAML alias).
	via graph.Trace
	// n is the number of nodes in the subtree, once computed by size.
	n int
}

// size counts the nodes of the subtree rooted at n (memoized; nodes are not
// changed after parsing).
func (n *node) size() int {
	if n.n > 0 {
		return n.n
	}
	total := 1
	for _, e := range n.list {
		total += e.size()
	}
	for _, e := range n.vals {
		total += e.size()
	}
	n.n = total
	return total
}

// mapKey is a map key with its location.
type mapKey struct {
	name string
	loc  graph.Location
}

// get returns the value of key in a map node, or nil.
func (n *node) get(key string) *node {
	if n == nil || n.kind != nMap {
		return nil
	}
	for i, k := range n.keys {
		if k.name == key {
			return n.vals[i]
		}
	}
	return nil
}

// single returns the only key and value of a one-entry map, the shape of an
// intrinsic function call.
func (n *node) single() (string, *node, bool) {
	if n == nil || n.kind != nMap || len(n.keys) != 1 {
		return "", nil, false
	}
	return n.keys[0].name, n.vals[0], true
}

// scalarString renders a scalar node the way CloudFormation reads it as a
// string; ok is false for lists, maps and null.
func (n *node) scalarString() (string, bool) {
	if n == nil {
		return "", false
	}
	switch n.kind {
	case nString:
		return n.str, true
	case nNumber:
		return graph.FormatNumber(n.num), true
	case nBool:
		if n.b {
			return "true", true
		}
		return "false", true
	}
	return "", false
}

// kindName names a node kind for diagnostics.
func (n *node) kindName() string {
	if n == nil {
		return "nothing"
	}
	switch n.kind {
	case nNull:
		return "null"
	case nBool:
		return "a boolean"
	case nNumber:
		return "a number"
	case nString:
		return "a string"
	case nList:
		return "a list"
	}
	return "a map"
}

// span returns a location from the start of a to the end of b.
func span(a, b graph.Location) graph.Location {
	a.EndLine, a.EndCol = b.EndLine, b.EndCol
	return a
}

// literal converts a node without intrinsic functions to a graph value, for
// Metadata and other parts that are kept as written.
func (n *node) literal() *graph.Value {
	if n == nil {
		return nil
	}
	var v *graph.Value
	switch n.kind {
	case nNull:
		v = graph.Null(n.loc)
	case nBool:
		v = graph.Bool(n.b, n.loc)
	case nNumber:
		v = graph.Number(n.num, n.loc)
	case nString:
		v = graph.String(n.str, n.loc)
	case nList:
		items := make([]*graph.Value, len(n.list))
		for i, e := range n.list {
			items[i] = e.literal()
		}
		v = graph.List(items, n.loc)
	default:
		v = graph.Map(n.loc)
		for i, k := range n.keys {
			v.Set(k.name, n.vals[i].literal())
		}
	}
	if len(n.via) > 0 {
		v.Trace = append(graph.Trace(nil), n.via...)
	}
	return v
}
