package aws

import "github.com/rampart-iac/rampart/analyzer/graph"

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
