package rampart.rules.private_instance_ingress_from_vpc_only_test

import data.rampart.lib.testing as t
import data.rampart.rules.private_instance_ingress_from_vpc_only as rule

# named gives a resource its own id and uid, and the references it holds.
named(r, id, refs) := object.union(r, {"id": id, "uid": sprintf("template.yaml#%s", [id]), "refs": refs})

refer(path, target) := {"path": path, "resource": target.uid, "attribute": "Id"}

ssh(cidrs) := t.rule({"protocol": "tcp", "from_port": 22, "to_port": 22, "cidrs": cidrs})

# scene is a VPC with the given blocks, a subnet of it with the given
# properties, and an instance in it (with instance properties) attached
# to a group with the given rules.
scene(blocks, subnet_props, instance_props, rules) := [vpc, subnet, sg, inst] if {
	vpc := named(t.vpc({"cidr_blocks": blocks}), "VPC", [])
	subnet := named(t.subnet(object.union({"vpc_id": null, "public": false}, subnet_props)), "PrivateSubnet", [refer(["vpc_id"], vpc)])
	sg := named(t.ingress(rules), "AppSG", [])
	inst := named(
		t.instance(object.union({"subnet_id": null, "public_ip": false, "security_groups": [null]}, instance_props)),
		"App", [refer(["subnet_id"], subnet), refer(["security_groups", 0], sg)],
	)
}

undecided_at(undecided) := {[f.uid, f.path] | some f in undecided}

test_source_outside_the_vpc if {
	inp := t.input_of(scene(["10.0.0.0/16"], {}, {}, [ssh(["10.0.5.0/24", "10.1.0.0/16", "0.0.0.0/0"])]))
	t.paths(rule.deny) == {["ingress", 0, "cidrs", 1], ["ingress", 0, "cidrs", 2]} with input as inp
}

test_message if {
	inp := t.input_of(scene(["10.0.0.0/16"], {}, {}, [t.rule({"protocol": "tcp", "from_port": 443, "to_port": 443, "cidrs": ["192.168.0.0/16"], "origin": {"id": "AppSG", "type": "AWS::EC2::SecurityGroup"}})]))
	some f in rule.deny with input as inp
	f.message == "security group AppSG allows tcp port 443 from 192.168.0.0/16, outside the VPC of instance App in private subnet PrivateSubnet"
}

test_secondary_block_counts if {
	inp := t.input_of(scene(["10.0.0.0/16", "100.64.0.0/16"], {}, {}, [ssh(["100.64.3.0/24"])]))
	count(rule.deny) == 0 with input as inp
}

test_ipv6_source_in_ipv4_vpc_is_outside if {
	inp := t.input_of(scene(["10.0.0.0/16"], {}, {}, [ssh(["fd00::/8"])]))
	t.paths(rule.deny) == {["ingress", 0, "cidrs", 0]} with input as inp
}

test_public_subnet_passes if {
	inp := t.input_of(scene(["10.0.0.0/16"], {"public": true}, {}, [ssh(["0.0.0.0/0"])]))
	count(rule.deny) == 0 with input as inp
	count(rule.undecided) == 0 with input as inp
}

test_public_ip_mapping_passes if {
	inp := t.input_of(scene(["10.0.0.0/16"], {"map_public_ip_on_launch": true}, {"public_ip": true}, [ssh(["0.0.0.0/0"])]))
	count(rule.deny) == 0 with input as inp
}

test_instance_public_ip_passes if {
	inp := t.input_of(scene(["10.0.0.0/16"], {}, {"public_ip": true}, [ssh(["0.0.0.0/0"])]))
	count(rule.deny) == 0 with input as inp
}

test_group_sources_pass if {
	inp := t.input_of(scene(["10.0.0.0/16"], {}, {}, [t.rule({"cidrs": [], "source_security_groups": [null], "prefix_lists": ["pl-1"]})]))
	count(rule.deny) == 0 with input as inp
}

test_subnet_outside_the_scan_is_not_judged if {
	sg := named(t.ingress([ssh(["0.0.0.0/0"])]), "AppSG", [])
	inst := named(t.instance({"subnet_id": "subnet-1", "security_groups": [null]}), "App", [refer(["security_groups", 0], sg)])
	count(rule.deny) == 0 with input as t.input_of([sg, inst])
	count(rule.undecided) == 0 with input as t.input_of([sg, inst])
}

test_vpc_outside_the_scan_is_not_judged if {
	subnet := named(t.subnet({"vpc_id": "vpc-1", "public": false}), "PrivateSubnet", [])
	sg := named(t.ingress([ssh(["0.0.0.0/0"])]), "AppSG", [])
	inst := named(t.instance({"subnet_id": null, "public_ip": false, "security_groups": [null]}), "App", [refer(["subnet_id"], subnet), refer(["security_groups", 0], sg)])
	count(rule.deny) == 0 with input as t.input_of([subnet, sg, inst])
	count(rule.undecided) == 0 with input as t.input_of([subnet, sg, inst])
}

test_unknown_routing_is_undecided_at_the_subnet if {
	inp := t.input_of(scene(["10.0.0.0/16"], {"public": null}, {}, [ssh(["0.0.0.0/0"])]))
	count(rule.deny) == 0 with input as inp
	undecided_at(rule.undecided) == {["template.yaml#PrivateSubnet", ["public"]]} with input as inp
}

test_unknown_public_ip_is_undecided_at_the_instance if {
	inp := t.input_of(scene(["10.0.0.0/16"], {}, {"public_ip": null}, [ssh(["0.0.0.0/0"])]))
	undecided_at(rule.undecided) == {["template.yaml#App", ["public_ip"]]} with input as inp
}

test_unknown_vpc_block_is_undecided if {
	inp := t.input_of(scene(["10.0.0.0/16", null], {}, {}, [ssh(["10.0.1.0/24", "fd00::/8"])]))
	count(rule.deny) == 0 with input as inp
	undecided_at(rule.undecided) == {["template.yaml#VPC", ["cidr_blocks"]]} with input as inp
}

test_unknown_source_is_undecided_at_the_group if {
	inp := t.input_of(scene(["10.0.0.0/16"], {}, {}, [ssh([null]), null]))
	count(rule.deny) == 0 with input as inp
	undecided_at(rule.undecided) == {["template.yaml#AppSG", ["ingress", 0, "cidrs", 0]], ["template.yaml#AppSG", ["ingress", 1]]} with input as inp
}

test_sources_inside_never_undecided if {
	inp := t.input_of(scene(["10.0.0.0/16"], {"public": null}, {}, [ssh(["10.0.0.0/16"])]))
	count(rule.undecided) == 0 with input as inp
}

test_unknown_vpc_is_undecided_at_the_subnet if {
	subnet := named(t.subnet({"vpc_id": null, "public": false}), "PrivateSubnet", [])
	sg := named(t.ingress([ssh(["0.0.0.0/0"])]), "AppSG", [])
	inst := named(t.instance({"subnet_id": null, "public_ip": false, "security_groups": [null]}), "App", [refer(["subnet_id"], subnet), refer(["security_groups", 0], sg)])
	count(rule.deny) == 0 with input as t.input_of([subnet, sg, inst])
	undecided_at(rule.undecided) == {["template.yaml#PrivateSubnet", ["vpc_id"]]} with input as t.input_of([subnet, sg, inst])
}

# asg_scene is an auto scaling group launching from a template attached to
# a group with the given rules, in a subnet with the given properties.
asg_scene(subnet_props, template_props, rules) := [vpc, subnet, sg, template, asg] if {
	vpc := named(t.vpc({"cidr_blocks": ["10.0.0.0/16"]}), "VPC", [])
	subnet := named(t.subnet(object.union({"vpc_id": null, "public": false}, subnet_props)), "PrivateSubnet", [refer(["vpc_id"], vpc)])
	sg := named(t.ingress(rules), "AppSG", [])
	template := named(
		t.launch_template(object.union({"security_groups": [null], "associate_public_ip": false}, template_props)),
		"AppTemplate", [refer(["security_groups", 0], sg)],
	)
	asg := named(t.autoscaling_group({"launch_template": null, "subnets": [null]}), "AppGroup", [
		refer(["launch_template"], template),
		refer(["subnets", 0], subnet),
	])
}

test_auto_scaling_group_in_private_subnet if {
	inp := t.input_of(asg_scene({}, {}, [ssh(["192.0.2.0/24"])]))
	t.paths(rule.deny) == {["ingress", 0, "cidrs", 0]} with input as inp
	some f in rule.deny with input as inp
	f.message == "security group AppSG allows tcp port 22 from 192.0.2.0/24, outside the VPC of the instances of auto scaling group AppGroup in private subnet PrivateSubnet (rule WebSG)"
}

test_auto_scaling_group_with_public_ip_passes if {
	inp := t.input_of(asg_scene({}, {"associate_public_ip": true}, [ssh(["192.0.2.0/24"])]))
	count(rule.deny) == 0 with input as inp
}

test_auto_scaling_group_unknown_public_ip_is_undecided_at_the_template if {
	inp := t.input_of(asg_scene({}, {"associate_public_ip": null}, [ssh(["192.0.2.0/24"])]))
	undecided_at(rule.undecided) == {["template.yaml#AppTemplate", ["associate_public_ip"]]} with input as inp
}
