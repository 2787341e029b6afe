package rampart.rules.ec2_no_public_ip_test

import data.rampart.lib.testing as t
import data.rampart.rules.ec2_no_public_ip as rule

test_instance_with_public_ip if {
	t.paths(rule.deny) == {["public_ip"]} with input as t.input_of([t.instance({"public_ip": true})])
}

test_instance_without_public_ip_passes if {
	count(rule.deny) == 0 with input as t.input_of([t.instance({"public_ip": false})])
	count(rule.undecided) == 0 with input as t.input_of([t.instance({"public_ip": false})])
}

test_launch_template_asking_for_public_ip if {
	inp := t.input_of([t.launch_template({"associate_public_ip": true})])
	t.paths(rule.deny) == {["associate_public_ip"]} with input as inp
	{f.uid | some f in rule.deny} == {"template.yaml#AppTemplate"} with input as inp
}

test_launch_template_leaving_it_to_the_subnet_passes if {
	count(rule.deny) == 0 with input as t.input_of([t.launch_template({"associate_public_ip": false})])
}

test_unknown_is_undecided if {
	inp := t.input_of([t.instance({"public_ip": null}), t.launch_template({"associate_public_ip": null})])
	count(rule.deny) == 0 with input as inp
	t.paths(rule.undecided) == {["public_ip"], ["associate_public_ip"]} with input as inp
}

test_interfaces_not_judged if {
	count(rule.deny) == 0 with input as t.input_of([t.network_interface({})])
}
