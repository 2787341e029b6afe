package rampart.rules.admin_ports_only_from_bastion_test

import data.rampart.lib.testing as t
import data.rampart.rules.admin_ports_only_from_bastion as rule

ssh(props) := t.rule(object.union({"protocol": "tcp", "from_port": 22, "to_port": 22, "cidrs": []}, props))

# group is a security group with the given id (and uid) and properties.
group(id, props) := object.union(t.sg(props), {"id": id, "uid": sprintf("template.yaml#%s", [id])})

# with_ref makes the source group at path of sg a reference to group target.
with_ref(sg, path, target) := object.union(sg, {"refs": [{"path": path, "resource": target.uid, "attribute": "GroupId"}]})

src_path := ["ingress", 0, "source_security_groups", 0]

test_ssh_from_private_cidr if {
	inp := t.input_of([t.ingress([ssh({"cidrs": ["10.0.0.0/8", "0.0.0.0/0", "::/0"]})])])
	t.paths(rule.deny) == {["ingress", 0, "cidrs", 0]} with input as inp
}

test_specific_public_address_fires if {
	inp := t.input_of([t.ingress([ssh({"from_port": 3389, "to_port": 3389, "cidrs": ["203.0.113.7/32"]})])])
	t.paths(rule.deny) == {["ingress", 0, "cidrs", 0]} with input as inp
}

test_bastion_cidrs_pass if {
	inp := t.input_with_config([t.ingress([ssh({"cidrs": ["10.0.5.0/24", "10.0.5.8/29", "fd00:5::/64"]})])], {"bastion_cidrs": ["10.0.5.0/24", "fd00:5::/48"]})
	count(rule.deny) == 0 with input as inp
}

test_bastion_cidrs_contain_the_source if {
	inp := t.input_with_config([t.ingress([ssh({"cidrs": ["10.0.4.0/23"]})])], {"bastion_cidrs": ["10.0.5.0/24"]})
	t.paths(rule.deny) == {["ingress", 0, "cidrs", 0]} with input as inp
}

test_admin_port_boundaries if {
	inp := t.input_of([t.ingress([
		ssh({"from_port": 21, "to_port": 21, "cidrs": ["10.0.0.0/8"]}),
		ssh({"from_port": 23, "to_port": 3388, "cidrs": ["10.0.0.0/8"]}),
		ssh({"from_port": 3390, "to_port": 65535, "cidrs": ["10.0.0.0/8"]}),
		ssh({"from_port": 20, "to_port": 22, "cidrs": ["10.0.0.0/8"]}),
		t.rule({"protocol": "-1", "from_port": 0, "to_port": 65535, "cidrs": ["10.0.0.0/8"]}),
	])])
	t.paths(rule.deny) == {["ingress", 3, "cidrs", 0], ["ingress", 4, "cidrs", 0]} with input as inp
}

test_bastion_group_source_passes if {
	bastion := group("BastionSG", {"tags": {"Role": "bastion"}})
	app := with_ref(group("AppSG", {"ingress": [ssh({"source_security_groups": [null]})]}), src_path, bastion)
	count(rule.deny) == 0 with input as t.input_of([bastion, app])
	count(rule.undecided) == 0 with input as t.input_of([bastion, app])
}

test_bastion_by_name_or_id if {
	by_name := group("Hosts", {"name": "jump-hosts", "tags": {}})
	by_id := group("aws_security_group.bastion", {"tags": {}})
	app := object.union(group("AppSG", {"ingress": [ssh({"source_security_groups": [null, null]})]}), {"refs": [
		{"path": ["ingress", 0, "source_security_groups", 0], "resource": by_name.uid, "attribute": "GroupId"},
		{"path": ["ingress", 0, "source_security_groups", 1], "resource": by_id.uid, "attribute": "id"},
	]})
	count(rule.deny) == 0 with input as t.input_of([by_name, by_id, app])
}

test_non_bastion_group_source_fires if {
	web := group("WebSG", {"tags": {"Role": "web"}})
	app := with_ref(group("AppSG", {"ingress": [ssh({"source_security_groups": [null]})]}), src_path, web)
	t.paths(rule.deny) == {["ingress", 0]} with input as t.input_of([web, app])
}

test_group_source_message if {
	web := group("WebSG", {"tags": {"Role": "web"}})
	origin := {"id": "AppSG", "type": "AWS::EC2::SecurityGroup"}
	app := with_ref(group("AppSG", {"ingress": [ssh({"source_security_groups": [null], "origin": origin})]}), src_path, web)
	some f in rule.deny with input as t.input_of([web, app])
	f.message == "security group AppSG allows admin port 22 from security group WebSG, which is not a bastion (bastion_pattern, bastion_cidrs)"
}

test_bastion_groups_are_exempt if {
	inp := t.input_of([group("BastionSG", {"ingress": [ssh({"cidrs": ["10.0.0.0/8"]})]})])
	count(rule.deny) == 0 with input as inp
}

test_custom_pattern if {
	inp := t.input_with_config([group("AdminHost", {"ingress": [ssh({"cidrs": ["10.0.0.0/8"]})]})], {"bastion_pattern": "^Admin"})
	count(rule.deny) == 0 with input as inp
}

test_literal_source_groups_are_not_judged if {
	inp := t.input_of([t.ingress([ssh({"source_security_groups": ["sg-0123456789abcdef0", "bastion-sg"]})])])
	count(rule.deny) == 0 with input as inp
	count(rule.undecided) == 0 with input as inp
}

test_prefix_lists_are_not_judged if {
	inp := t.input_of([t.ingress([ssh({"prefix_lists": ["pl-0123456789abcdef0"]})])])
	count(rule.deny) == 0 with input as inp
}

test_self_fires if {
	inp := t.input_of([t.ingress([ssh({"self": true})])])
	t.paths(rule.deny) == {["ingress", 0, "self"]} with input as inp
}

test_unknown_source_group_is_undecided if {
	inp := t.input_of([t.ingress([ssh({"source_security_groups": [null]})])])
	count(rule.deny) == 0 with input as inp
	t.paths(rule.undecided) == {src_path} with input as inp
}

test_source_group_with_unknown_tags_is_undecided if {
	other := group("OtherSG", {"tags": {"Role": null}})
	app := with_ref(group("AppSG", {"ingress": [ssh({"source_security_groups": [null]})]}), src_path, other)
	count(rule.deny) == 0 with input as t.input_of([other, app])
	t.paths(rule.undecided) == {src_path} with input as t.input_of([other, app])
}

test_own_unknown_name_is_undecided if {
	inp := t.input_of([group("AppSG", {"name": null, "ingress": [ssh({"cidrs": ["10.0.0.0/8"]})]})])
	count(rule.deny) == 0 with input as inp
	t.paths(rule.undecided) == {["name"]} with input as inp
}

test_unknowns_never_fire if {
	inp := t.input_of([t.ingress([
		ssh({"cidrs": [null]}),
		ssh({"from_port": null, "cidrs": ["10.0.0.0/8"]}),
		ssh({"cidrs": null}),
		ssh({"self": null}),
		null,
	])])
	count(rule.deny) == 0 with input as inp
	t.paths(rule.undecided) == {
		["ingress", 0, "cidrs", 0], ["ingress", 1], ["ingress", 2, "cidrs"],
		["ingress", 3, "self"], ["ingress", 4],
	} with input as inp
}

test_https_is_not_judged if {
	inp := t.input_of([t.ingress([ssh({"from_port": 443, "to_port": 443, "cidrs": ["10.0.0.0/8", null]})])])
	count(rule.deny) == 0 with input as inp
	count(rule.undecided) == 0 with input as inp
}

test_external_groups_are_skipped if {
	inp := t.input_of([t.sg({"external": true, "ingress": [ssh({"cidrs": ["10.0.0.0/8"]})]})])
	count(rule.deny) == 0 with input as inp
}

test_all_ports_to_a_peer_group_is_not_judged if {
	web := group("WebSG", {"tags": {"Role": "web"}})
	all := t.rule({"protocol": "-1", "from_port": 0, "to_port": 65535, "cidrs": [], "source_security_groups": [null, null], "self": true})
	app := object.union(group("AppSG", {"ingress": [all]}), {"refs": [
		{"path": ["ingress", 0, "source_security_groups", 0], "resource": web.uid, "attribute": "GroupId"},
	]})
	count(rule.deny) == 0 with input as t.input_of([web, app])
	count(rule.undecided) == 0 with input as t.input_of([web, app])
}

test_all_ports_to_a_cidr_counts if {
	inp := t.input_of([t.ingress([t.rule({"protocol": "tcp", "from_port": 0, "to_port": 65535, "cidrs": ["10.0.0.0/8"], "self": true})])])
	t.paths(rule.deny) == {["ingress", 0, "cidrs", 0]} with input as inp
}
