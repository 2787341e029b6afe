package rampart.rules.internal_ports_from_load_balancer_only_test

import data.rampart.lib.testing as t
import data.rampart.rules.internal_ports_from_load_balancer_only as rule

app_port(props) := t.rule(object.union({"protocol": "tcp", "from_port": 8080, "to_port": 8080, "cidrs": ["10.0.0.0/16"]}, props))

# named gives a resource its own id and uid, and the references it holds.
named(r, id, refs) := object.union(r, {"id": id, "uid": sprintf("template.yaml#%s", [id]), "refs": refs})

refer(path, target) := {"path": path, "resource": target.uid, "attribute": "Id"}

app_sg(rules) := named(t.ingress(rules), "AppSG", [])

instance(sg) := named(t.instance({"security_groups": [null]}), "App", [refer(["security_groups", 0], sg)])

target_group(inst, present) := named(
	t.target_group({"targets": [t.target({"id": null, "present": present})]}),
	"AppTargets", [refer(["targets", 0, "id"], inst)],
)

registered(rules) := [sg, inst, target_group(inst, true)] if {
	sg := app_sg(rules)
	inst := instance(sg)
}

test_cidr_on_internal_port_of_registered_instance if {
	inp := t.input_of(registered([app_port({"cidrs": ["10.0.0.0/16", "0.0.0.0/0"]})]))
	t.paths(rule.deny) == {["ingress", 0, "cidrs", 0], ["ingress", 0, "cidrs", 1]} with input as inp
}

test_message if {
	inp := t.input_of(registered([app_port({"origin": {"id": "AppSG", "type": "AWS::EC2::SecurityGroup"}})]))
	some f in rule.deny with input as inp
	f.message == "security group AppSG allows internal port 8080 from 10.0.0.0/16 on load-balanced instances: allow only the load balancer's security group"
}

test_internal_port_boundaries if {
	inp := t.input_of(registered([
		app_port({"from_port": 8079, "to_port": 8079}),
		app_port({"from_port": 8081, "to_port": 8442}),
		app_port({"from_port": 8444, "to_port": 8444}),
		app_port({"from_port": 8443, "to_port": 8443}),
		t.rule({"protocol": "-1", "from_port": 0, "to_port": 65535, "cidrs": ["192.168.0.0/16"]}),
	]))
	t.paths(rule.deny) == {["ingress", 3, "cidrs", 0], ["ingress", 4, "cidrs", 0]} with input as inp
}

test_configured_ports if {
	inp := t.input_with_config(registered([app_port({"from_port": 9000, "to_port": 9000})]), {"internal_ports": [9000]})
	t.paths(rule.deny) == {["ingress", 0, "cidrs", 0]} with input as inp
}

test_group_sources_pass if {
	inp := t.input_of(registered([app_port({"cidrs": [], "source_security_groups": [null], "prefix_lists": ["pl-1"], "self": true})]))
	count(rule.deny) == 0 with input as inp
}

test_instance_not_behind_a_load_balancer_passes if {
	sg := app_sg([app_port({})])
	inp := t.input_of([sg, instance(sg)])
	count(rule.deny) == 0 with input as inp
	count(rule.undecided) == 0 with input as inp
}

test_launch_template_of_registered_auto_scaling_group if {
	sg := app_sg([app_port({})])
	lt := named(t.launch_template({"security_groups": [null]}), "AppTemplate", [refer(["security_groups", 0], sg)])
	tg := named(t.target_group({}), "AppTargets", [])
	asg := named(t.autoscaling_group({"target_groups": [null], "launch_template": null}), "AppGroup", [
		refer(["target_groups", 0], tg),
		refer(["launch_template"], lt),
	])
	t.paths(rule.deny) == {["ingress", 0, "cidrs", 0]} with input as t.input_of([sg, lt, tg, asg])
}

test_auto_scaling_group_with_outside_target_group_passes if {
	sg := app_sg([app_port({})])
	lt := named(t.launch_template({"security_groups": [null]}), "AppTemplate", [refer(["security_groups", 0], sg)])
	asg := named(t.autoscaling_group({"launch_template": null}), "AppGroup", [refer(["launch_template"], lt)])
	count(rule.deny) == 0 with input as t.input_of([sg, lt, asg])
	count(rule.undecided) == 0 with input as t.input_of([sg, lt, asg])
}

test_unknown_target_group_of_auto_scaling_group_is_undecided if {
	sg := app_sg([app_port({})])
	lt := named(t.launch_template({"security_groups": [null]}), "AppTemplate", [refer(["security_groups", 0], sg)])
	asg := named(t.autoscaling_group({"target_groups": [null], "launch_template": null}), "AppGroup", [refer(["launch_template"], lt)])
	count(rule.deny) == 0 with input as t.input_of([sg, lt, asg])
	{[f.uid, f.path] | some f in rule.undecided} == {["template.yaml#AppGroup", ["target_groups", 0]]} with input as t.input_of([sg, lt, asg])
}

test_registration_that_may_not_exist_is_undecided if {
	sg := app_sg([app_port({})])
	inst := instance(sg)
	inp := t.input_of([sg, inst, target_group(inst, null)])
	count(rule.deny) == 0 with input as inp
	{[f.uid, f.path] | some f in rule.undecided} == {["template.yaml#AppTargets", ["targets", 0, "present"]]} with input as inp
}

test_unknowns_never_fire if {
	inp := t.input_of(registered([app_port({"cidrs": [null]}), app_port({"from_port": null}), null]))
	count(rule.deny) == 0 with input as inp
	t.paths(rule.undecided) == {["ingress", 0, "cidrs", 0], ["ingress", 1], ["ingress", 2]} with input as inp
}

test_launch_configuration_of_registered_auto_scaling_group if {
	sg := app_sg([app_port({})])
	lc := named(t.launch_template({"security_groups": [null]}), "AppConfiguration", [refer(["security_groups", 0], sg)])
	tg := named(t.target_group({}), "AppTargets", [])
	asg := named(t.autoscaling_group({"target_groups": [null], "launch_template": "", "launch_configuration": null}), "AppGroup", [
		refer(["target_groups", 0], tg),
		refer(["launch_configuration"], lc),
	])
	t.paths(rule.deny) == {["ingress", 0, "cidrs", 0]} with input as t.input_of([sg, lc, tg, asg])
}
