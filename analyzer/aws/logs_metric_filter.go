package aws

import (
	"strings"

	"github.com/rampart-iac/rampart/analyzer/graph"
)

// Canonical kind aws.logs.metric_filter: a CloudWatch Logs metric filter,
// the log group it reads, the metrics it publishes and the monitored
// CloudTrail events its pattern matches.
const kindMetricFilter = "aws.logs.metric_filter"

type metricFilterMapper struct{}

func (metricFilterMapper) kind() string { return kindMetricFilter }

// metricFilterKeys names a metric filter's attributes in one syntax.
type metricFilterKeys struct {
	pattern, logGroup, transformations, name, namespace, groupName string
}

var (
	cfnMetricFilter = metricFilterKeys{pattern: "FilterPattern", logGroup: "LogGroupName", transformations: "MetricTransformations", name: "MetricName", namespace: "MetricNamespace", groupName: "LogGroupName"}
	tfMetricFilter  = metricFilterKeys{pattern: "pattern", logGroup: "log_group_name", transformations: "metric_transformation", name: "name", namespace: "namespace", groupName: "name"}
)

func (metricFilterMapper) normalize(idx *unitIndex) []*graph.Canonical {
	var out []*graph.Canonical
	for _, r := range idx.ofTypes("AWS::Logs::MetricFilter", "aws_cloudwatch_log_metric_filter") {
		if idx.stopped() {
			return out
		}
		k := cfnMetricFilter
		if r.Source != graph.SourceCloudFormation {
			k = tfMetricFilter
		}
		p := props(r)
		pattern := orDefault(str(attr(r, k.pattern)), graph.String("", r.Loc))
		p.Set("pattern", pattern)
		p.Set("log_group", logGroupKey(idx, r, k.logGroup))
		p.Set("log_group_in_unit", graph.Bool(logGroupInUnit(idx, r, k), locOr(attr(r, k.logGroup), r.Loc)))
		p.Set("metric_transformations", mapItems(r, attr(r, k.transformations), func(m *graph.Value) *graph.Value {
			if m.Kind != graph.KindMap {
				return unknownFrom(m, "a metric transformation is not known")
			}
			t := graph.Map(m.Loc)
			t.Set("name", orDefault(str(field(m, k.name)), graph.Unknown("no metric name given", m.Loc)))
			t.Set("namespace", orDefault(str(field(m, k.namespace)), graph.Unknown("no metric namespace given", m.Loc)))
			t.Set("alarmed_in_unit", graph.Bool(false, m.Loc)) // set by join
			return t
		}))
		p.Set("matched_events", filterPatternEvents(pattern))
		out = append(out, &graph.Canonical{ID: r.ID, Native: r, Props: p})
	}
	return out
}

// logGroupInUnit says whether the filter's log group is a log group
// resource of its unit: named by a reference to it, or by its literal
// name.
func logGroupInUnit(idx *unitIndex, r *graph.Resource, k metricFilterKeys) bool {
	v := attr(r, k.logGroup)
	if idx.target(v, logGroupTypes...) != nil || referredFrom(idx, r, k.logGroup, logGroupTypes) != nil {
		return true
	}
	name, ok := v.AsString()
	if !ok || v.Kind != graph.KindString {
		return false
	}
	for _, g := range idx.ofTypes(logGroupTypes...) {
		key := "LogGroupName"
		if g.Source != graph.SourceCloudFormation {
			key = "name"
		}
		if n := str(attr(g, key)); n != nil && n.Kind == graph.KindString && n.Str == name {
			return true
		}
	}
	return false
}

// join sets each metric transformation's `alarmed_in_unit`: an alarm of
// the unit with its actions enabled and an action watches the metric. It
// compares the metric's name and namespace as known strings, or as the
// same value not known before deployment (one parameter, variable or
// pseudo parameter read by both), which rules comparing across units
// cannot see.
func (metricFilterMapper) join(j *joins, built []*graph.Canonical) {
	watched := alarmedMetrics(j.idx)
	if len(watched) == 0 {
		return
	}
	for _, c := range built {
		ts := c.Props.Get("metric_transformations")
		if ts == nil || ts.Kind != graph.KindList {
			continue
		}
		for _, t := range ts.List {
			if t.Kind != graph.KindMap {
				continue
			}
			for _, m := range watched {
				if sameValue(t.Get("name"), m.Get("name")) && sameValue(t.Get("namespace"), m.Get("namespace")) {
					t.Set("alarmed_in_unit", graph.Bool(true, m.Loc))
					break
				}
			}
		}
	}
}

// alarmedMetrics are the metrics the unit's alarms with actions watch.
func alarmedMetrics(idx *unitIndex) []*graph.Value {
	var out []*graph.Value
	for _, r := range idx.ofTypes("AWS::CloudWatch::Alarm", "aws_cloudwatch_metric_alarm") {
		k := cfnAlarm
		if r.Source != graph.SourceCloudFormation {
			k = tfAlarm
		}
		enabled := orDefault(boolean(attr(r, k.enabled)), graph.Bool(true, r.Loc))
		actions, ok := items(attr(r, k.actions))
		if partOf(r).presence != present || enabled.Kind != graph.KindBool || !enabled.Bool || !ok || len(actions) == 0 {
			continue
		}
		metrics, _ := items(alarmMetrics(idx, r, k))
		for _, m := range metrics {
			if m.Kind == graph.KindMap {
				out = append(out, m)
			}
		}
	}
	return out
}

// sameValue says whether a and b are surely one value: the same known
// string, or Unknowns read from the same place (the same parameter,
// variable or pseudo parameter: the same reason and origin).
func sameValue(a, b *graph.Value) bool {
	switch {
	case a == nil || b == nil:
		return false
	case a.Kind == graph.KindString && b.Kind == graph.KindString:
		return a.Str == b.Str
	case !a.IsUnknown() || !b.IsUnknown() || a.Ref != nil || b.Ref != nil || a.Reason != b.Reason:
		return false
	}
	ka, okA := nameKey(a)
	kb, okB := nameKey(b)
	if okA || okB {
		return okA && okB && ka == kb
	}
	// A pseudo parameter has no trace: one stack has one value of it.
	return strings.HasPrefix(a.Reason, "pseudo parameter ")
}
