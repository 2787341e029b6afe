package aws

import (
	"context"
	"slices"

	"github.com/rampart-iac/rampart/analyzer/graph"
)

// onDemand marks a mapper whose kind is built only when a scan asks for it
// (NormalizeWith): a kind that restates what other kinds hold for most
// resources (aws.tagging.resource) would otherwise make every scan pay for
// a question few ask.
type onDemand interface {
	onDemand()
}

// OnDemandKinds lists the kinds Normalize leaves out and NormalizeWith
// builds when asked.
func OnDemandKinds() []string {
	var out []string
	for _, m := range mappers() {
		if _, ok := m.(onDemand); ok {
			out = append(out, m.kind())
		}
	}
	slices.Sort(out)
	return out
}

// NormalizeWith returns Normalize that also builds the given on-demand
// kinds (other kinds are always built).
func NormalizeWith(kinds ...string) func(context.Context, *graph.Unit) ([]*graph.Canonical, graph.Diagnostics) {
	want := make(map[string]bool, len(kinds))
	for _, k := range kinds {
		want[k] = true
	}
	return func(ctx context.Context, u *graph.Unit) ([]*graph.Canonical, graph.Diagnostics) {
		return normalize(ctx, u, want)
	}
}

// wanted drops the on-demand mappers whose kind is not in want.
func wanted(ms []mapper, want map[string]bool) []mapper {
	out := ms[:0:0]
	for _, m := range ms {
		if _, lazy := m.(onDemand); lazy && !want[m.kind()] {
			continue
		}
		out = append(out, m)
	}
	return out
}
