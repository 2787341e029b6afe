package acme.rules.log_group_retention_test

import data.acme.rules.log_group_retention as rule
import data.rampart.lib.testing as t

# log_group is a resource of a type no canonical kind covers, as
# input.by_type holds it: kind and properties null.
log_group(type, native) := object.union(t.resource(null, "Logs", type, "cloudformation", null), {"native": native})

with_types(resources) := object.union(t.input_of([]), {"by_type": {type: [r | some r in resources; r.type == type] | some type in {r.type | some r in resources}}})

test_no_retention_fires if {
	count(rule.deny) == 1 with input as with_types([log_group("AWS::Logs::LogGroup", {"LogGroupName": "/app"})])
	count(rule.deny) == 1 with input as with_types([log_group("aws_cloudwatch_log_group", {"name": "/app"})])
}

test_retention_passes if {
	count(rule.deny) == 0 with input as with_types([log_group("AWS::Logs::LogGroup", {"RetentionInDays": 30})])
	count(rule.deny) == 0 with input as with_types([log_group("aws_cloudwatch_log_group", {"retention_in_days": null})])
}

test_no_log_groups_no_finding if {
	count(rule.deny) == 0 with input as t.input_of([])
}
