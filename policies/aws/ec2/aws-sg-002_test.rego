package rampart.rules.sg_no_public_admin_ports_test

import data.rampart.lib.testing as t
import data.rampart.rules.sg_no_public_admin_ports as rule

test_ssh_from_anywhere if {
	inp := t.input_of([t.ingress([t.rule({"from_port": 22, "to_port": 22, "cidrs": ["0.0.0.0/0"]})])])
	t.paths(rule.deny) == {["ingress", 0, "cidrs", 0]} with input as inp
}

test_rdp_from_ipv6_anywhere if {
	inp := t.input_of([t.ingress([t.rule({"from_port": 3389, "to_port": 3389, "cidrs": ["10.0.0.0/8", "::/0"]})])])
	t.paths(rule.deny) == {["ingress", 0, "cidrs", 1]} with input as inp
}

test_range_covering_ssh if {
	inp := t.input_of([t.ingress([t.rule({"from_port": 20, "to_port": 25, "cidrs": ["0.0.0.0/0"]})])])
	t.paths(rule.deny) == {["ingress", 0, "cidrs", 0]} with input as inp
}

test_message_lists_ports if {
	inp := t.input_of([t.ingress([t.rule({"from_port": 22, "to_port": 3389, "cidrs": ["0.0.0.0/0"]})])])
	some f in rule.deny with input as inp
	f.message == "security group WebSG allows tcp ports 22-3389 from 0.0.0.0/0, exposing admin ports 22, 3389"
}

test_range_boundaries_pass if {
	inp := t.input_of([t.ingress([
		t.rule({"from_port": 23, "to_port": 3388, "cidrs": ["0.0.0.0/0"]}),
		t.rule({"from_port": 3390, "to_port": 3390, "cidrs": ["0.0.0.0/0"]}),
		t.rule({"from_port": 21, "to_port": 21, "cidrs": ["0.0.0.0/0"]}),
	])])
	count(rule.deny) == 0 with input as inp
}

# Rules are independent: a rule open on every port covers the admin ports,
# whatever AWS-SG-001 reports about it.
test_all_ports_covers_admin_ports if {
	inp := t.input_of([t.ingress([
		t.rule({"protocol": "-1", "from_port": 0, "to_port": 65535, "cidrs": ["0.0.0.0/0"]}),
		t.rule({"from_port": 0, "to_port": 65535, "cidrs": ["0.0.0.0/0"]}),
	])])
	t.paths(rule.deny) == {["ingress", 0, "cidrs", 0], ["ingress", 1, "cidrs", 0]} with input as inp
	some f in rule.deny with input as inp
	f.message == "security group WebSG allows all traffic from 0.0.0.0/0, exposing admin ports 22, 3389"
}

test_ssh_from_office_passes if {
	inp := t.input_of([t.ingress([t.rule({"from_port": 22, "to_port": 22, "cidrs": ["203.0.113.0/24", "10.0.0.0/8"]})])])
	count(rule.deny) == 0 with input as inp
}

test_icmp_is_not_ssh if {
	inp := t.input_of([t.ingress([t.rule({"protocol": "icmp", "from_port": 22, "to_port": 22, "cidrs": ["0.0.0.0/0"]})])])
	count(rule.deny) == 0 with input as inp
}

test_configured_admin_ports if {
	inp := t.input_with_config(
		[t.ingress([
			t.rule({"from_port": 22, "to_port": 22, "cidrs": ["0.0.0.0/0"]}),
			t.rule({"from_port": 2222, "to_port": 2222, "cidrs": ["0.0.0.0/0"]}),
		])],
		{"admin_ports": [2222]},
	)
	t.paths(rule.deny) == {["ingress", 1, "cidrs", 0]} with input as inp
}

test_unknowns_never_fire if {
	inp := t.input_of([t.ingress([
		t.rule({"from_port": 22, "to_port": 22, "cidrs": [null]}),
		t.rule({"from_port": null, "to_port": 22, "cidrs": ["0.0.0.0/0"]}),
		t.rule({"from_port": 22, "to_port": null, "cidrs": ["0.0.0.0/0"]}),
		t.rule({"protocol": null, "from_port": 22, "to_port": 22, "cidrs": ["0.0.0.0/0"]}),
	])])
	count(rule.deny) == 0 with input as inp
}

test_undecided_only_where_it_could_fire if {
	inp := t.input_of([t.ingress([
		t.rule({"from_port": 22, "to_port": 22, "cidrs": [null]}),
		t.rule({"from_port": 443, "to_port": 443, "cidrs": [null]}),
		t.rule({"from_port": null, "to_port": 443, "cidrs": ["0.0.0.0/0"]}),
		t.rule({"from_port": null, "to_port": 443, "cidrs": ["10.0.0.0/8"]}),
		t.rule({"protocol": "-1", "from_port": 0, "to_port": 65535, "cidrs": [null]}),
	])])
	t.paths(rule.undecided) == {["ingress", 0, "cidrs", 0], ["ingress", 2], ["ingress", 4, "cidrs", 0]} with input as inp
}

test_unknown_rule_is_undecided if {
	inp := t.input_of([t.ingress([
		t.rule({"from_port": 443, "to_port": 443, "cidrs": ["0.0.0.0/0"]}),
		null,
	])])
	count(rule.deny) == 0 with input as inp
	t.paths(rule.undecided) == {["ingress", 1]} with input as inp
}
