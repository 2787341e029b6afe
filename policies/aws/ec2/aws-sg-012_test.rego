package rampart.rules.ec2_explicit_security_group_test

import data.rampart.lib.testing as t
import data.rampart.rules.ec2_explicit_security_group as rule

test_instance_without_groups if {
	t.paths(rule.deny) == {["security_groups"]} with input as t.input_of([t.instance({"security_groups": []})])
}

test_launch_template_without_groups if {
	inp := t.input_of([t.launch_template({"security_groups": []})])
	{f.uid | some f in rule.deny} == {"template.yaml#AppTemplate"} with input as inp
}

test_groups_named_pass if {
	count(rule.deny) == 0 with input as t.input_of([t.instance({})])
	count(rule.deny) == 0 with input as t.input_of([t.instance({"security_groups": [null]})])
}

test_launched_from_template_skipped if {
	count(rule.deny) == 0 with input as t.input_of([t.instance({"security_groups": [], "launch_template": true})])
}

test_inline_interfaces_skipped if {
	count(rule.deny) == 0 with input as t.input_of([t.instance({"security_groups": [], "network_interfaces": 1})])
}

test_network_interfaces_not_judged if {
	count(rule.deny) == 0 with input as t.input_of([t.network_interface({"security_groups": []})])
}

test_unknown_never_fires if {
	count(rule.deny) == 0 with input as t.input_of([t.instance({"security_groups": null})])
	count(rule.deny) == 0 with input as t.input_of([t.instance({"security_groups": [], "launch_template": null})])
}
