package rampart.rules.baseline_alarm_security_group_changes_test

import data.rampart.lib.testing as t
import data.rampart.rules.baseline_alarm_security_group_changes as rule

sg_events := {
	"ec2:AuthorizeSecurityGroupIngress": true,
	"ec2:AuthorizeSecurityGroupEgress": true,
	"ec2:RevokeSecurityGroupIngress": true,
	"ec2:RevokeSecurityGroupEgress": true,
	"ec2:CreateSecurityGroup": true,
	"ec2:DeleteSecurityGroup": true,
}

metric := {"name": "SecurityGroupEventCount", "namespace": "CloudTrailMetrics"}

filter(props) := t.metric_filter(object.union({"metric_transformations": [metric]}, props))

alarm(props) := t.cloudwatch_alarm(object.union({"metrics": [metric]}, props))

target := {"arn": "arn:aws:sns:us-east-1:123456789012:security-alerts", "origin": {"id": "Rule", "type": "AWS::Events::Rule"}, "present": true}

event_rule(props) := t.events_rule(object.union({"targets": [target]}, props))

# The builders' defaults: the CIS filter and an alarm with an action on its
# metric.
test_filter_and_alarm_pass if {
	count(rule.deny) == 0 with input as t.input_of([filter({}), alarm({})])
	count(rule.undecided) == 0 with input as t.input_of([filter({}), alarm({})])
}

test_nothing_fires if {
	some f in rule.deny with input as t.input_of([t.vpc({})])
	contains(f.message, "AuthorizeSecurityGroupIngress, AuthorizeSecurityGroupEgress, RevokeSecurityGroupIngress, RevokeSecurityGroupEgress, CreateSecurityGroup, DeleteSecurityGroup not covered")
	f.uid == ""
}

test_filter_without_alarm_fires if {
	count(rule.deny) == 1 with input as t.input_of([filter({})])
}

test_alarm_on_another_metric_fires if {
	a := alarm({"metrics": [{"name": "Other", "namespace": "CloudTrailMetrics"}]})
	count(rule.deny) == 1 with input as t.input_of([filter({}), a])
}

test_alarm_in_another_namespace_fires if {
	a := alarm({"metrics": [{"name": "SecurityGroupEventCount", "namespace": "Other"}]})
	count(rule.deny) == 1 with input as t.input_of([filter({}), a])
}

# Two values not known before deployment that the normalizer found to be
# one (a stack's name as both namespaces) in the filter's unit.
test_alarm_found_in_the_unit_passes if {
	f := filter({"metric_transformations": [{"name": "SecurityGroupEventCount", "namespace": null, "alarmed_in_unit": true}]})
	a := alarm({"metrics": [{"name": "SecurityGroupEventCount", "namespace": null}]})
	count(rule.deny) == 0 with input as t.input_of([f, a])
	count(rule.undecided) == 0 with input as t.input_of([f, a])
}

test_alarm_without_actions_fires if {
	count(rule.deny) == 1 with input as t.input_of([filter({}), alarm({"alarm_actions": []})])
	count(rule.deny) == 1 with input as t.input_of([filter({}), alarm({"actions_enabled": false})])
}

test_partial_filter_lists_the_rest if {
	f := filter({"matched_events": {"ec2:CreateSecurityGroup": true, "ec2:DeleteSecurityGroup": true}})
	some d in rule.deny with input as t.input_of([f, alarm({})])
	contains(d.message, ": AuthorizeSecurityGroupIngress, AuthorizeSecurityGroupEgress, RevokeSecurityGroupIngress, RevokeSecurityGroupEgress not covered")
}

# A filter and an EventBridge rule may cover the family between them.
test_union_of_filter_and_rule_passes if {
	f := filter({"matched_events": {"ec2:CreateSecurityGroup": true, "ec2:DeleteSecurityGroup": true}})
	r := event_rule({"matched_events": object.remove(sg_events, ["ec2:CreateSecurityGroup", "ec2:DeleteSecurityGroup"])})
	count(rule.deny) == 0 with input as t.input_of([f, alarm({}), r])
}

test_event_rule_passes if {
	count(rule.deny) == 0 with input as t.input_of([event_rule({"matched_events": sg_events})])
}

test_event_rule_disabled_fires if {
	count(rule.deny) == 1 with input as t.input_of([event_rule({"matched_events": sg_events, "enabled": false})])
}

test_event_rule_custom_bus_fires if {
	count(rule.deny) == 1 with input as t.input_of([event_rule({"matched_events": sg_events, "default_bus": false})])
}

test_event_rule_without_target_fires if {
	count(rule.deny) == 1 with input as t.input_of([event_rule({"matched_events": sg_events, "targets": []})])
}

test_event_rule_target_of_another_unit_passes if {
	r := event_rule({"matched_events": sg_events, "targets": [], "name": "sg-changes"})
	target := {"uid": "other#aws_cloudwatch_event_target.sg", "type": "aws_cloudwatch_event_target", "native": {"rule": "sg-changes"}}
	inp := object.union(t.input_of([r]), {"account": {"detached": [target], "units": []}})
	count(rule.deny) == 0 with input as inp
}

# A filter on a log group of its unit counts only when a trail delivers
# there.
test_log_group_of_the_unit_without_trail_fires if {
	f := filter({"log_group_in_unit": true, "log_group": "resource:main.yaml#TrailLogs"})
	count(rule.deny) == 1 with input as t.input_of([f, alarm({})])
}

test_log_group_of_a_trail_passes if {
	f := filter({"log_group_in_unit": true, "log_group": "resource:main.yaml#TrailLogs"})
	trail := t.cloudtrail_trail({"cloud_watch_logs_group": "resource:main.yaml#TrailLogs"})
	count(rule.deny) == 0 with input as t.input_of([f, alarm({}), trail])
}

test_log_group_unknown_trail_is_undecided if {
	f := filter({"log_group_in_unit": true, "log_group": "resource:main.yaml#TrailLogs"})
	trail := t.cloudtrail_trail({"cloud_watch_logs_group": null})
	inp := t.input_of([f, alarm({}), trail])
	count(rule.deny) == 0 with input as inp
	{u.path | some u in rule.undecided} == {["cloud_watch_logs_group"]} with input as inp
}

# Unknown values are undecided, never findings.
test_unknown_pattern_is_undecided if {
	inp := t.input_of([filter({"matched_events": null}), alarm({})])
	count(rule.deny) == 0 with input as inp
	{u.path | some u in rule.undecided} == {["matched_events"]} with input as inp
}

test_maybe_match_is_undecided if {
	f := filter({"matched_events": object.union(sg_events, {"ec2:CreateSecurityGroup": null})})
	inp := t.input_of([f, alarm({})])
	count(rule.deny) == 0 with input as inp
	{u.path | some u in rule.undecided} == {["matched_events", "ec2:CreateSecurityGroup"]} with input as inp
}

test_unknown_alarm_metric_is_undecided if {
	a := alarm({"metrics": [{"name": null, "namespace": "CloudTrailMetrics"}]})
	inp := t.input_of([filter({}), a])
	count(rule.deny) == 0 with input as inp
	{u.path | some u in rule.undecided} == {["metrics", 0, "name"]} with input as inp
}

test_unknown_alarm_actions_is_undecided if {
	inp := t.input_of([filter({}), alarm({"alarm_actions": null})])
	count(rule.deny) == 0 with input as inp
	{u.path | some u in rule.undecided} == {["alarm_actions"]} with input as inp
}

test_unknown_rule_state_is_undecided if {
	inp := t.input_of([event_rule({"matched_events": sg_events, "enabled": null})])
	count(rule.deny) == 0 with input as inp
	{u.path | some u in rule.undecided} == {["enabled"]} with input as inp
}

test_maybe_target_is_undecided if {
	r := event_rule({"matched_events": sg_events, "targets": [{"arn": null, "origin": {"id": "x", "type": "aws_cloudwatch_event_target"}, "present": null}]})
	inp := t.input_of([r])
	count(rule.deny) == 0 with input as inp
	{u.path | some u in rule.undecided} == {["targets", 0, "present"]} with input as inp
}

# A certain gap is a finding even while another event is undecided.
test_certain_gap_beside_a_maybe_fires if {
	f := filter({"matched_events": {"ec2:CreateSecurityGroup": null}})
	inp := t.input_of([f, alarm({})])
	count(rule.deny) == 1 with input as inp
	count(rule.undecided) == 0 with input as inp
}
