package rampart.rules.ec2_max_security_groups_test

import data.rampart.lib.testing as t
import data.rampart.rules.ec2_max_security_groups as rule

test_four_groups_on_instance if {
	inp := t.input_of([t.instance({"security_groups": ["sg-1", "sg-2", null, "sg-4"]})])
	t.paths(rule.deny) == {["security_groups"]} with input as inp
}

test_launch_template_and_eni if {
	inp := t.input_of([
		t.launch_template({"security_groups": ["a", "b", "c", "d", "e"]}),
		t.network_interface({"security_groups": ["a", "b", "c", "d"]}),
	])
	{f.uid | some f in rule.deny} == {"template.yaml#AppTemplate", "template.yaml#AppEni"} with input as inp
}

test_limit_is_inclusive if {
	count(rule.deny) == 0 with input as t.input_of([t.instance({"security_groups": ["a", "b", "c"]})])
}

test_configured_limit if {
	inp := t.input_with_config([t.instance({"security_groups": ["a", "b"]})], {"max_security_groups_per_instance": 1})
	t.paths(rule.deny) == {["security_groups"]} with input as inp
}

test_unknown_list_never_fires if {
	count(rule.deny) == 0 with input as t.input_of([t.instance({"security_groups": null})])
}
