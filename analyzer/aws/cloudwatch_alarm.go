package aws

import "github.com/rampart-iac/rampart/analyzer/graph"

// Canonical kind aws.cloudwatch.alarm: a CloudWatch metric alarm, the
// metrics it watches and the actions it takes when it goes to ALARM.
const kindCloudWatchAlarm = "aws.cloudwatch.alarm"

type cloudWatchAlarmMapper struct{}

func (cloudWatchAlarmMapper) kind() string { return kindCloudWatchAlarm }

// alarmKeys names an alarm's attributes in one syntax.
type alarmKeys struct {
	name, namespace, queries, stat, metric, actions, enabled string
}

var (
	cfnAlarm = alarmKeys{name: "MetricName", namespace: "Namespace", queries: "Metrics", stat: "MetricStat", metric: "Metric", actions: "AlarmActions", enabled: "ActionsEnabled"}
	tfAlarm  = alarmKeys{name: "metric_name", namespace: "namespace", queries: "metric_query", metric: "metric", actions: "alarm_actions", enabled: "actions_enabled"}
)

func (cloudWatchAlarmMapper) normalize(idx *unitIndex) []*graph.Canonical {
	var out []*graph.Canonical
	for _, r := range idx.ofTypes("AWS::CloudWatch::Alarm", "aws_cloudwatch_metric_alarm") {
		if idx.stopped() {
			return out
		}
		k := cfnAlarm
		if r.Source != graph.SourceCloudFormation {
			k = tfAlarm
		}
		p := props(r)
		p.Set("metrics", alarmMetrics(idx, r, k))
		p.Set("actions_enabled", orDefault(boolean(attr(r, k.enabled)), graph.Bool(true, r.Loc)))
		p.Set("alarm_actions", mapItems(r, attr(r, k.actions), func(a *graph.Value) *graph.Value {
			return str(a)
		}))
		out = append(out, &graph.Canonical{ID: r.ID, Native: r, Props: p})
	}
	return out
}

// alarmMetrics lists the metrics an alarm watches: its single metric
// (MetricName and Namespace), then the metric of each metric query that
// reads one (a query that is a math expression reads none itself).
func alarmMetrics(idx *unitIndex, r *graph.Resource, k alarmKeys) *graph.Value {
	var b listBuilder
	b.loc = r.Loc
	if n, ns := attr(r, k.name), attr(r, k.namespace); n != nil || ns != nil {
		b.addElement(alarmMetric(idx, r.Attrs, k, locOr(n, locOr(ns, r.Loc))))
	}
	queries := attr(r, k.queries)
	elems, ok := items(queries)
	if !ok {
		b.addUnknownLength(queries)
	}
	for _, q := range elems {
		if q.Kind != graph.KindMap {
			b.addElement(unknownFrom(q, "a metric query is not known"))
			continue
		}
		m := singleBlock(field(q, k.metric))
		if k.stat != "" {
			m = field(field(q, k.stat), k.metric)
		}
		if m != nil {
			b.addElement(alarmMetric(idx, m, k, m.Loc))
		}
	}
	return b.value()
}

func alarmMetric(idx *unitIndex, m *graph.Value, k alarmKeys, loc graph.Location) *graph.Value {
	if m.Kind != graph.KindMap {
		return unknownFrom(m, "a metric is not known")
	}
	out := graph.Map(loc)
	out.Set("name", orDefault(filterMetricRef(idx, str(field(m, k.name)), "name"), graph.Unknown("no metric name given", loc)))
	out.Set("namespace", orDefault(filterMetricRef(idx, str(field(m, k.namespace)), "namespace"), graph.Unknown("no metric namespace given", loc)))
	return out
}

// filterMetricRef resolves an alarm's metric name or namespace written as
// a reference to a metric filter of the unit, as Terraform modules do
// (aws_cloudwatch_log_metric_filter.x.metric_transformation[0].name, which
// the evaluator records as a reference to the whole metric_transformation
// block): the filter's one metric transformation's key (name or
// namespace), or the filter's argument the reference names, when known. v
// is returned as it is otherwise.
func filterMetricRef(idx *unitIndex, v *graph.Value, key string) *graph.Value {
	f := idx.target(v, "aws_cloudwatch_log_metric_filter")
	if f == nil || !v.IsUnknown() {
		return v
	}
	a := attr(f, v.Ref.Attr)
	if v.Ref.Attr == "metric_transformation" {
		a = field(singleBlock(a), key)
	}
	if a == nil || a.Kind != graph.KindString {
		return v
	}
	c := *a
	c.Loc, c.Ref = v.Loc, nil
	return withTrace(&c, hop(f, "the metric of "+f.ID))
}
