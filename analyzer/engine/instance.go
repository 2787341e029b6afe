package engine

import (
	"strings"

	"github.com/rampart-iac/rampart/analyzer/graph"
	"github.com/rampart-iac/rampart/analyzer/result"
)

// instanceOf describes the evaluation c came from: the unit (root module,
// plan or top-level template), the module instance or nested stack inside
// it, and the resource's address there.
func instanceOf(c *graph.Canonical, trace graph.Trace) result.Instance {
	module, resource := result.SplitAddress(c.Native.ID, c.Native.Source == graph.SourceCloudFormation)
	return result.Instance{
		Root:     strings.TrimSuffix(c.UID, "#"+c.ID),
		Module:   module,
		Resource: resource,
		Trace:    append(graph.Trace(nil), trace...),
	}
}
