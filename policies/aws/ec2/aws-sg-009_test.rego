package rampart.rules.sg_required_tags_test

import data.rampart.lib.testing as t
import data.rampart.rules.sg_required_tags as rule

test_missing_tags if {
	inp := t.input_of([t.sg({"tags": {"Environment": "prod"}})])
	some f in rule.deny with input as inp
	f.path == ["tags"]
	f.message == "security group WebSG lacks required tag Tier, Application"
}

test_no_tags if {
	t.paths(rule.deny) == {["tags"]} with input as t.input_of([t.sg({"tags": {}})])
}

test_key_case_matters if {
	inp := t.input_of([t.sg({"tags": {"environment": "prod", "Tier": "web", "Application": "shop"}})])
	t.paths(rule.deny) == {["tags"]} with input as inp
}

test_all_tags_pass if {
	count(rule.deny) == 0 with input as t.input_of([t.sg({})])
}

test_unknown_tag_value_counts_as_present if {
	inp := t.input_of([t.sg({"tags": {"Environment": null, "Tier": "web", "Application": "shop"}})])
	count(rule.deny) == 0 with input as inp
}

test_configured_tags if {
	inp := t.input_with_config([t.sg({"tags": {"Owner": "team-a"}})], {"security_group_required_tags": ["Owner"]})
	count(rule.deny) == 0 with input as inp
}

test_external_and_unknown_skipped if {
	count(rule.deny) == 0 with input as t.input_of([t.sg({"tags": {}, "external": true})])
	count(rule.deny) == 0 with input as t.input_of([t.sg({"tags": null})])
}
