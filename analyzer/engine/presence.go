package engine

import "github.com/rampart-iac/rampart/analyzer/graph"

// maybeAbsent returns the `present` property of the outermost value along
// path (the resource's properties included) whose `present` is Unknown,
// and that property's path. Such a value is an element a part that may not
// exist contributed to its owner (docs/model.md, conventions): a finding
// blamed at or inside it may be about nothing, so it is undecided. nil
// when every value along the path surely exists.
func maybeAbsent(props *graph.Value, path graph.Path) (*graph.Value, graph.Path) {
	cur := props
	for depth := 0; cur != nil; depth++ {
		if p := cur.Get("present"); p.IsUnknown() {
			at := append(append(graph.Path(nil), path[:depth]...), "present")
			return p, at
		}
		if depth == len(path) {
			break
		}
		switch s := path[depth].(type) {
		case string:
			cur = cur.Get(s)
		case int:
			cur = cur.Index(s)
		default:
			cur = nil
		}
	}
	return nil, nil
}
