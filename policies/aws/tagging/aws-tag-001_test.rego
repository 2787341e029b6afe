package rampart.rules.required_tags_test

import data.rampart.lib.testing as t
import data.rampart.rules.required_tags as rule

required := {"required_tags": ["Environment", "Owner"]}

test_missing_tags if {
	inp := t.input_with_config([t.tagging_resource({"tags": {"Name": "logs"}})], required)
	some f in rule.deny with input as inp
	f.path == ["tags"]
	f.message == "Logs lacks required tags Environment, Owner (add to Tags)"
}

test_one_missing_tag if {
	inp := t.input_with_config([t.tagging_resource({"tags": {"Environment": "prod"}, "tags_attribute": "tags"})], required)
	some f in rule.deny with input as inp
	f.message == "Logs lacks required tag Owner (add to tags)"
}

test_all_required_tags_pass if {
	inp := t.input_with_config([t.tagging_resource({})], required)
	count(rule.deny) == 0 with input as inp
	count(rule.undecided) == 0 with input as inp
}

test_key_case_matters if {
	inp := t.input_with_config([t.tagging_resource({"tags": {"environment": "prod", "Owner": "web"}})], required)
	t.paths(rule.deny) == {["tags"]} with input as inp
}

test_unknown_value_is_present if {
	inp := t.input_with_config([t.tagging_resource({"tags": {"Environment": null, "Owner": "web"}})], required)
	count(rule.deny) == 0 with input as inp
	count(rule.undecided) == 0 with input as inp
}

test_unknown_tags_undecided if {
	inp := t.input_with_config([t.tagging_resource({"tags": null})], required)
	count(rule.deny) == 0 with input as inp
	t.paths(rule.undecided) == {["tags"]} with input as inp
}

test_inactive_without_required_tags if {
	count(rule.deny) == 0 with input as t.input_of([t.tagging_resource({"tags": {}})])
	count(rule.undecided) == 0 with input as t.input_of([t.tagging_resource({"tags": null})])
}
