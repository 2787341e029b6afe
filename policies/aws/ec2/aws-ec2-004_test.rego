package rampart.rules.ec2_approved_ami_test

import data.rampart.lib.testing as t
import data.rampart.rules.ec2_approved_ami as rule

approved := {"approved_amis": ["ami-0aaaaaaaaaaaaaaaa"]}

test_inactive_without_approved_amis if {
	inp := t.input_of([t.instance({"image_id": "ami-0123456789abcdef0"}), t.launch_template({"image_id": null})])
	count(rule.deny) == 0 with input as inp
	count(rule.undecided) == 0 with input as inp
}

test_unapproved_ami if {
	inp := t.input_with_config([t.instance({"image_id": "ami-0123456789abcdef0"})], approved)
	t.paths(rule.deny) == {["image_id"]} with input as inp
	{f.message | some f in rule.deny} == {"instance App uses AMI ami-0123456789abcdef0, which is not in approved_amis"} with input as inp
}

test_approved_ami_passes if {
	inp := t.input_with_config([
		t.instance({"image_id": "ami-0aaaaaaaaaaaaaaaa"}),
		t.launch_template({"image_id": "ami-0aaaaaaaaaaaaaaaa"}),
	], approved)
	count(rule.deny) == 0 with input as inp
	count(rule.undecided) == 0 with input as inp
}

test_launch_template_unapproved if {
	inp := t.input_with_config([t.launch_template({"image_id": "ami-0bbbbbbbbbbbbbbbb"})], approved)
	t.paths(rule.deny) == {["image_id"]} with input as inp
}

test_non_literal_ami_is_undecided if {
	inp := t.input_with_config([t.instance({"image_id": null})], approved)
	count(rule.deny) == 0 with input as inp
	t.paths(rule.undecided) == {["image_id"]} with input as inp
}
