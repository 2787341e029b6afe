package aws

import (
	"context"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/rampart-iac/rampart/analyzer/cloudformation"
	"github.com/rampart-iac/rampart/analyzer/graph"
	"github.com/rampart-iac/rampart/analyzer/terraform"
)

// monitorProp renders property path (dotted, list indexes as numbers; a key
// with a dot or colon is one step when quoted in brackets: matched_events[ec2:X])
// of the resource of kind and id: a known value as Go syntax, an Unknown
// as "?", an absent one as "<absent>".
func monitorProp(t *testing.T, cs []*graph.Canonical, kind, id, path string) string {
	t.Helper()
	for _, c := range cs {
		if c.Kind != kind || c.ID != id {
			continue
		}
		var p graph.Path
		for _, step := range strings.Split(path, ".") {
			key, sub, ok := strings.Cut(step, "[")
			if i, err := strconv.Atoi(step); err == nil {
				p = append(p, i)
				continue
			}
			p = append(p, key)
			if ok {
				p = append(p, strings.TrimSuffix(sub, "]"))
			}
		}
		v := c.Props.At(p)
		switch {
		case v == nil:
			return "<absent>"
		case v.IsUnknown():
			return "?"
		}
		return v.GoString()
	}
	t.Fatalf("no %s %s", kind, id)
	return ""
}

func TestMonitorsCloudFormation(t *testing.T) {
	src, err := os.ReadFile("testdata/monitors/cfn.yaml")
	if err != nil {
		t.Fatal(err)
	}
	u := cloudformation.Parse(context.Background(), "cfn.yaml", src, cloudformation.Options{})
	if u.Diagnostics.HasErrors() {
		t.Fatalf("diagnostics: %v", u.Diagnostics)
	}
	cs, _ := Normalize(context.Background(), u)
	tests := []struct{ kind, id, path, want string }{
		// A log group of the unit with a generated name: its uid is the key.
		{kindMetricFilter, "SGFilter", "log_group", `"resource:cfn.yaml#TrailLogs"`},
		{kindMetricFilter, "SGFilter", "log_group_in_unit", "true"},
		{kindMetricFilter, "SGFilter", "matched_events[ec2:CreateSecurityGroup]", "true"},
		{kindMetricFilter, "SGFilter", "matched_events[ec2:AuthorizeSecurityGroupIngress]", "<absent>"},
		{kindMetricFilter, "SGFilter", "metric_transformations.0.name", `"SGChanges"`},
		// A pattern from a parameter without a value is not known.
		{kindMetricFilter, "ParamFilter", "matched_events", "?"},
		{kindMetricFilter, "ParamFilter", "log_group", `"org-trail"`},
		{kindMetricFilter, "ParamFilter", "log_group_in_unit", "false"},
		// The alarm's metric is the filter's: the math alarm watches it.
		{kindMetricFilter, "SGFilter", "metric_transformations.0.alarmed_in_unit", "true"},
		{kindMetricFilter, "ParamFilter", "metric_transformations.0.alarmed_in_unit", "false"},
		// One pseudo parameter names both namespaces: the same value.
		{kindMetricFilter, "StackFilter", "metric_transformations.0.alarmed_in_unit", "true"},
		// A math expression reads no metric; the query's MetricStat does.
		{kindCloudWatchAlarm, "MathAlarm", "metrics", `[{name: "SGChanges", namespace: "Baseline"}]`},
		{kindCloudWatchAlarm, "MathAlarm", "actions_enabled", "true"},
		{kindCloudWatchAlarm, "MathAlarm", "alarm_actions.0", "?"},
		// The account pseudo parameter is not known: a maybe for the events
		// the rest of the pattern matches.
		{kindEventsRule, "AccountRule", "matched_events[ec2:AuthorizeSecurityGroupIngress]", "?"},
		{kindEventsRule, "AccountRule", "matched_events[ec2:CreateSecurityGroup]", "<absent>"},
		{kindEventsRule, "AccountRule", "name", `"sg-changes"`},
		{kindEventsRule, "AccountRule", "enabled", "true"},
		{kindEventsRule, "AccountRule", "default_bus", "true"},
		{kindEventsRule, "AccountRule", "targets.0.present", "true"},
		{kindEventsRule, "StringRule", "matched_events[cloudtrail:StopLogging]", "true"},
		{kindEventsRule, "StringRule", "enabled", "false"},
		{kindEventsRule, "StringRule", "default_bus", "false"},
		{kindEventsRule, "StringRule", "targets", "[]"},
		{kindEventsRule, "ScheduleRule", "matched_events", "{}"},
		{kindEventsRule, "ScheduleRule", "default_bus", "true"},
		{kindEventsRule, "ScheduleRule", "name", "?"},
	}
	for _, tt := range tests {
		if got := monitorProp(t, cs, tt.kind, tt.id, tt.path); got != tt.want {
			t.Errorf("%s %s = %s, want %s", tt.id, tt.path, got, tt.want)
		}
	}
}

func TestMonitorsTerraform(t *testing.T) {
	units := terraform.LoadModules(context.Background(), []string{"testdata/monitors/tf"}, terraform.Options{Root: "testdata"})
	if len(units) != 1 || units[0].Diagnostics.HasErrors() {
		t.Fatalf("units = %d, diagnostics %v", len(units), units)
	}
	cs, diags := Normalize(context.Background(), units[0])
	tests := []struct{ kind, id, path, want string }{
		{kindMetricFilter, "aws_cloudwatch_log_metric_filter.trail", "log_group", `"cloudtrail"`},
		{kindMetricFilter, "aws_cloudwatch_log_metric_filter.trail", "log_group_in_unit", "true"},
		{kindMetricFilter, "aws_cloudwatch_log_metric_filter.trail", "matched_events[cloudtrail:StopLogging]", "true"},
		{kindMetricFilter, "aws_cloudwatch_log_metric_filter.trail", "matched_events[cloudtrail:CreateTrail]", "<absent>"},
		{kindMetricFilter, "aws_cloudwatch_log_metric_filter.trail", "metric_transformations.0.namespace", `"Baseline"`},
		{kindMetricFilter, "aws_cloudwatch_log_metric_filter.var", "matched_events", "?"},
		{kindMetricFilter, "aws_cloudwatch_log_metric_filter.var", "log_group_in_unit", "false"},
		{kindMetricFilter, "aws_cloudwatch_log_metric_filter.trail", "metric_transformations.0.alarmed_in_unit", "true"},
		// One variable names both namespaces: the same value.
		{kindMetricFilter, "aws_cloudwatch_log_metric_filter.ns", "metric_transformations.0.alarmed_in_unit", "true"},
		// The metric name read from the filter is known.
		{kindCloudWatchAlarm, "aws_cloudwatch_metric_alarm.trail", "metrics.0.name", `"TrailChanges"`},
		{kindCloudWatchAlarm, "aws_cloudwatch_metric_alarm.trail", "alarm_actions.0", "?"},
		// jsonencode with an unknown leaf keeps its tree: a maybe.
		{kindEventsRule, "aws_cloudwatch_event_rule.sg", "matched_events[ec2:CreateSecurityGroup]", "?"},
		{kindEventsRule, "aws_cloudwatch_event_rule.sg", "targets.0.present", "true"},
		{kindEventsRule, "aws_cloudwatch_event_rule.sg", "targets.0.origin.id", `"aws_cloudwatch_event_target.sg"`},
		{kindEventsRule, "aws_cloudwatch_event_rule.root", "enabled", "false"},
		{kindEventsRule, "aws_cloudwatch_event_rule.root", "matched_events[root:AwsApiCall]", "true"},
		// Folded by the rule's name; its count is not known.
		{kindEventsRule, "aws_cloudwatch_event_rule.root", "targets.0.present", "?"},
	}
	for _, tt := range tests {
		if got := monitorProp(t, cs, tt.kind, tt.id, tt.path); got != tt.want {
			t.Errorf("%s %s = %s, want %s", tt.id, tt.path, got, tt.want)
		}
	}
	var orphan bool
	for _, d := range diags {
		orphan = orphan || (d.Severity == graph.SeverityNote && d.Resource == "aws_cloudwatch_event_target.elsewhere")
	}
	if !orphan {
		t.Errorf("want an orphan note for the target of a rule outside the module, got %v", diags)
	}
}
