package rampart.rules.ec2_imdsv2_required_test

import data.rampart.lib.testing as t
import data.rampart.rules.ec2_imdsv2_required as rule

test_optional_tokens if {
	inp := t.input_of([t.instance({"http_tokens": "optional", "http_endpoint": "enabled"})])
	t.paths(rule.deny) == {["http_tokens"]} with input as inp
	{f.message | some f in rule.deny} == {`instance App allows IMDSv1: http_tokens is "optional", not "required"`} with input as inp
}

test_launch_template_optional_tokens if {
	t.paths(rule.deny) == {["http_tokens"]} with input as t.input_of([t.launch_template({"http_tokens": "optional"})])
}

test_required_tokens_pass if {
	inp := t.input_of([t.instance({"http_tokens": "required"}), t.launch_template({"http_tokens": "required", "http_endpoint": null})])
	count(rule.deny) == 0 with input as inp
	count(rule.undecided) == 0 with input as inp
}

test_metadata_service_off_passes if {
	inp := t.input_of([t.instance({"http_tokens": "optional", "http_endpoint": "disabled"})])
	count(rule.deny) == 0 with input as inp
	count(rule.undecided) == 0 with input as inp
}

test_unknown_is_undecided if {
	inp := t.input_of([
		t.instance({"http_tokens": null, "http_endpoint": "enabled"}),
		t.launch_template({"http_tokens": "optional", "http_endpoint": null}),
	])
	count(rule.deny) == 0 with input as inp
	t.paths(rule.undecided) == {["http_tokens"], ["http_endpoint"]} with input as inp
}

test_unknown_tokens_with_service_off_pass if {
	inp := t.input_of([t.instance({"http_tokens": null, "http_endpoint": "disabled"})])
	count(rule.undecided) == 0 with input as inp
}
