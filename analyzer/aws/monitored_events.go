package aws

import (
	"encoding/json"

	"github.com/rampart-iac/rampart/analyzer/aws/eventpattern"
	"github.com/rampart-iac/rampart/analyzer/aws/logpattern"
	"github.com/rampart-iac/rampart/analyzer/aws/trailevents"
	"github.com/rampart-iac/rampart/analyzer/aws/tristate"
	"github.com/rampart-iac/rampart/analyzer/graph"
)

// The `matched_events` of metric filters and EventBridge rules: which
// events of the catalog of monitored CloudTrail events (package
// trailevents) a filter pattern or an event pattern matches, computed once
// here so rules compare event IDs instead of parsing patterns.

// matchedEvents is the map from catalog event ID to true (the pattern
// matches every instance) or Unknown (it may: it narrows on a value that
// varies from call to call, or holds a value not known before deployment);
// events it does not match are left out. Located at the pattern.
func matchedEvents(loc graph.Location, instances func(trailevents.Event) []map[string]any, match func(map[string]any) tristate.Truth) *graph.Value {
	out := graph.Map(loc)
	for _, e := range trailevents.Catalog() {
		switch trailevents.Match(instances(e), match) {
		case tristate.Yes:
			out.Set(e.ID, graph.Bool(true, loc))
		case tristate.Maybe:
			out.Set(e.ID, graph.Unknown("whether the pattern matches every "+e.ID+" event depends on a value that varies from one call to the next or is not known before deployment", loc))
		}
	}
	return out
}

// filterPatternEvents is `matched_events` of a metric filter's pattern.
func filterPatternEvents(pattern *graph.Value) *graph.Value {
	if pattern.IsUnknown() {
		return unknownFrom(pattern, "the filter pattern is not known: "+pattern.Reason)
	}
	p, err := logpattern.Parse(pattern.Str)
	if err != nil {
		return graph.Unknown("the filter pattern is not evaluated: "+err.Error(), pattern.Loc)
	}
	return matchedEvents(pattern.Loc, trailevents.Event.LogRecords, p.Match)
}

// eventPatternEvents is `matched_events` of an EventBridge rule's pattern:
// a JSON object (CloudFormation), or a JSON string (both; Terraform's
// jsonencode keeps its decoded tree when a leaf is Unknown). A rule
// without a pattern (a schedule) matches no event.
func eventPatternEvents(r *graph.Resource, pattern *graph.Value) *graph.Value {
	if pattern == nil {
		return graph.Map(r.Loc)
	}
	var tree any
	switch {
	case pattern.Kind == graph.KindString:
		if err := json.Unmarshal([]byte(pattern.Str), &tree); err != nil {
			return graph.Unknown("the event pattern is not valid JSON: "+err.Error(), pattern.Loc)
		}
	case pattern.Kind == graph.KindMap:
		tree = patternTree(pattern)
	case pattern.Decoded != nil:
		tree = patternTree(pattern.Decoded)
	default:
		return unknownFrom(pattern, "the event pattern is not known: "+pattern.Reason)
	}
	p, err := eventpattern.Parse(tree)
	if err != nil {
		return graph.Unknown("the event pattern is not evaluated: "+err.Error(), pattern.Loc)
	}
	return matchedEvents(pattern.Loc, trailevents.Event.BusEvents, p.Match)
}

// patternTree converts a template value to the matcher's JSON tree, an
// Unknown leaf to tristate.Unknown.
func patternTree(v *graph.Value) any {
	switch v.Kind {
	case graph.KindUnknown:
		return tristate.Unknown{Reason: v.Reason}
	case graph.KindList:
		out := make([]any, len(v.List))
		for i, e := range v.List {
			out[i] = patternTree(e)
		}
		return out
	case graph.KindMap:
		out := make(map[string]any, len(v.Fields))
		for k, e := range v.Fields {
			out[k] = patternTree(e)
		}
		return out
	}
	return v.Interface()
}

// unknownFrom is an Unknown at v's location carrying v's trace.
func unknownFrom(v *graph.Value, reason string) *graph.Value {
	u := graph.Unknown(reason, v.Loc)
	u.Trace = v.Trace
	return u
}
