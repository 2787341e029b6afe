package analyzer

import (
	"context"

	"github.com/rampart-iac/rampart/analyzer/engine"
	"github.com/rampart-iac/rampart/analyzer/graph"
)

// withNativeOnly wraps a normalizer for an engine whose policies read
// input.by_type: every native resource of the unit that no canonical
// resource stands for (neither an owner nor a part folded into one), and
// that is not a data source, becomes an engine.NativeOnly stand-in whose
// properties are its native attributes, so a custom rule can report it.
func withNativeOnly(normalize normalizer) normalizer {
	return func(ctx context.Context, u *graph.Unit) ([]*graph.Canonical, graph.Diagnostics) {
		canon, diags := normalize(ctx, u)
		covered := make(map[string]bool, len(canon))
		for _, c := range canon {
			covered[c.Native.ID] = true
			for _, part := range c.Parts {
				covered[part] = true
			}
		}
		for _, r := range u.Resources {
			if covered[r.ID] || r.DataSource {
				continue
			}
			// The attributes stand in for properties; their root is the
			// resource, so a finding about it (path []) is at its line.
			props := *r.Attrs
			props.Loc = r.Loc
			canon = append(canon, &graph.Canonical{
				Kind: engine.NativeOnly, UID: u.Path + "#" + r.ID, ID: r.ID, Native: r, Props: &props,
			})
		}
		return canon, diags
	}
}
