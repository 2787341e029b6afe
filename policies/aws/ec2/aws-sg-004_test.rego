package rampart.rules.sg_db_ports_private_sources_only_test

import data.rampart.lib.testing as t
import data.rampart.rules.sg_db_ports_private_sources_only as rule

test_mysql_from_partner_network if {
	inp := t.input_of([t.ingress([t.rule({"from_port": 3306, "to_port": 3306, "cidrs": ["10.0.0.0/8", "198.51.100.0/24"]})])])
	t.paths(rule.deny) == {["ingress", 0, "cidrs", 1]} with input as inp
}

test_ipv6_global_source if {
	inp := t.input_of([t.ingress([t.rule({"from_port": 5432, "to_port": 5432, "cidrs": ["2001:db8::/32", "fd12::/16"]})])])
	t.paths(rule.deny) == {["ingress", 0, "cidrs", 0]} with input as inp
}

test_just_outside_private_range if {
	inp := t.input_of([t.ingress([t.rule({"from_port": 6379, "to_port": 6379, "cidrs": ["172.32.0.0/16", "10.0.0.0/7"]})])])
	t.paths(rule.deny) == {["ingress", 0, "cidrs", 0], ["ingress", 0, "cidrs", 1]} with input as inp
}

test_all_ports_from_non_private if {
	inp := t.input_of([t.ingress([t.rule({"protocol": "-1", "from_port": 0, "to_port": 65535, "cidrs": ["203.0.113.0/24"]})])])
	t.paths(rule.deny) == {["ingress", 0, "cidrs", 0]} with input as inp
}

test_public_left_to_sg_003 if {
	inp := t.input_of([t.ingress([t.rule({"from_port": 3306, "to_port": 3306, "cidrs": ["0.0.0.0/0", "::/0"]})])])
	count(rule.deny) == 0 with input as inp
}

test_private_sources_pass if {
	inp := t.input_of([t.ingress([t.rule({"from_port": 5432, "to_port": 5432, "cidrs": ["10.1.0.0/16", "172.16.5.0/24", "192.168.0.0/16", "100.64.0.0/10", "fd00::/8"]})])])
	count(rule.deny) == 0 with input as inp
}

test_non_db_port_passes if {
	inp := t.input_of([t.ingress([t.rule({"from_port": 443, "to_port": 443, "cidrs": ["198.51.100.0/24"]})])])
	count(rule.deny) == 0 with input as inp
}

test_unknowns_never_fire if {
	inp := t.input_of([t.ingress([
		t.rule({"from_port": 3306, "to_port": 3306, "cidrs": [null]}),
		t.rule({"from_port": null, "to_port": 3306, "cidrs": ["198.51.100.0/24"]}),
	])])
	count(rule.deny) == 0 with input as inp
}

test_undecided_only_where_it_could_fire if {
	inp := t.input_of([t.ingress([
		t.rule({"from_port": 3306, "to_port": 3306, "cidrs": ["10.0.0.0/8", null]}),
		t.rule({"from_port": 443, "to_port": 443, "cidrs": [null]}),
		t.rule({"from_port": null, "to_port": 3306, "cidrs": ["198.51.100.0/24"]}),
		t.rule({"from_port": null, "to_port": 3306, "cidrs": ["0.0.0.0/0", "10.0.0.0/8"]}),
	])])
	t.paths(rule.undecided) == {["ingress", 0, "cidrs", 1], ["ingress", 2]} with input as inp
}

test_message if {
	inp := t.input_of([t.ingress([t.rule({"protocol": "tcp", "from_port": 5432, "to_port": 5439, "cidrs": ["198.51.100.0/24"]})])])
	some f in rule.deny with input as inp
	f.message == "security group WebSG allows database ports 5432, 5439 from non-private network 198.51.100.0/24"
}
