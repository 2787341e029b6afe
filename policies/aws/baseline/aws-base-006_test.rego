package rampart.rules.baseline_alarm_root_usage_test

import data.rampart.lib.testing as t
import data.rampart.rules.baseline_alarm_root_usage as rule

metric := {"name": "Events", "namespace": "Baseline"}

filter(events) := t.metric_filter({"metric_transformations": [metric], "matched_events": events})

alarm := t.cloudwatch_alarm({"metrics": [metric]})

target := {"arn": "arn:aws:sns:us-east-1:123456789012:security-alerts", "origin": {"id": "Rule", "type": "AWS::Events::Rule"}, "present": true}

event_rule(events) := t.events_rule({"targets": [target], "matched_events": events})

all_events := {e: true | some e in rule.events}

test_filter_and_alarm_pass if {
	count(rule.deny) == 0 with input as t.input_of([filter(all_events), alarm])
}

test_event_rule_passes if {
	count(rule.deny) == 0 with input as t.input_of([event_rule(all_events)])
}

test_nothing_fires if {
	count(rule.deny) == 1 with input as t.input_of([t.vpc({})])
}

test_filter_without_alarm_fires if {
	count(rule.deny) == 1 with input as t.input_of([filter(all_events)])
}

test_other_family_fires if {
	count(rule.deny) == 1 with input as t.input_of([filter({"ec2:CreateSecurityGroup": true}), alarm])
}

test_unknown_pattern_is_undecided if {
	inp := t.input_of([filter(null), alarm])
	count(rule.deny) == 0 with input as inp
	{u.path | some u in rule.undecided} == {["matched_events"]} with input as inp
}

# A rule on root console sign-ins only leaves root API calls unmonitored.
test_sign_in_only_fires if {
	some d in rule.deny with input as t.input_of([event_rule({"root:ConsoleLogin": true})])
	contains(d.message, "monitors root account usage: root AwsApiCall not covered")
}

test_maybe_root_match_is_undecided if {
	inp := t.input_of([filter({"root:ConsoleLogin": true, "root:AwsApiCall": null}), alarm])
	count(rule.deny) == 0 with input as inp
	{u.path | some u in rule.undecided} == {["matched_events", "root:AwsApiCall"]} with input as inp
}
