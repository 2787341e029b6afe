package rampart.rules.ec2_instance_profile_test

import data.rampart.lib.testing as t
import data.rampart.rules.ec2_instance_profile as rule

test_instance_without_profile if {
	t.paths(rule.deny) == {["instance_profile"]} with input as t.input_of([t.instance({"instance_profile": false})])
}

test_launch_template_without_profile if {
	inp := t.input_of([t.launch_template({"instance_profile": false})])
	{f.message | some f in rule.deny} == {"launch template AppTemplate has no IAM instance profile"} with input as inp
}

test_profile_passes if {
	inp := t.input_of([t.instance({"instance_profile": true}), t.launch_template({"instance_profile": true})])
	count(rule.deny) == 0 with input as inp
	count(rule.undecided) == 0 with input as inp
}

test_unknown_is_undecided if {
	inp := t.input_of([t.instance({"instance_profile": null})])
	count(rule.deny) == 0 with input as inp
	t.paths(rule.undecided) == {["instance_profile"]} with input as inp
}
