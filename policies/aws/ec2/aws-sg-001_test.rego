package rampart.rules.sg_no_public_ingress_all_ports_test

import data.rampart.lib.testing as t
import data.rampart.rules.sg_no_public_ingress_all_ports as rule

test_all_protocols_from_anywhere if {
	inp := t.input_of([t.ingress([t.rule({"protocol": "-1", "from_port": 0, "to_port": 65535, "cidrs": ["10.0.0.0/8", "0.0.0.0/0"]})])])
	t.paths(rule.deny) == {["ingress", 0, "cidrs", 1]} with input as inp
}

test_all_tcp_ports_from_ipv6_anywhere if {
	inp := t.input_of([t.ingress([
		t.rule({}),
		t.rule({"from_port": 0, "to_port": 65535, "cidrs": ["::/0"]}),
	])])
	t.paths(rule.deny) == {["ingress", 1, "cidrs", 0]} with input as inp
}

test_message_names_group_and_traffic if {
	inp := t.input_of([t.ingress([t.rule({"protocol": "-1", "from_port": 0, "to_port": 65535, "cidrs": ["0.0.0.0/0"]})])])
	some f in rule.deny with input as inp
	f.message == "security group WebSG allows all traffic from 0.0.0.0/0"
	f.uid == "template.yaml#WebSG"
}

test_almost_all_ports_passes if {
	inp := t.input_of([t.ingress([t.rule({"from_port": 1, "to_port": 65535, "cidrs": ["0.0.0.0/0"]})])])
	count(rule.deny) == 0 with input as inp
}

test_all_ports_from_private_passes if {
	inp := t.input_of([t.ingress([t.rule({"protocol": "-1", "from_port": 0, "to_port": 65535, "cidrs": ["10.0.0.0/16"]})])])
	count(rule.deny) == 0 with input as inp
}

test_all_ports_from_security_group_passes if {
	inp := t.input_of([t.ingress([t.rule({"protocol": "-1", "from_port": 0, "to_port": 65535, "source_security_groups": [null]})])])
	count(rule.deny) == 0 with input as inp
}

test_egress_is_not_judged if {
	inp := t.input_of([t.sg({"egress": [t.rule({"protocol": "-1", "from_port": 0, "to_port": 65535, "cidrs": ["0.0.0.0/0"]})]})])
	count(rule.deny) == 0 with input as inp
}

test_unknowns_never_fire if {
	inp := t.input_of([t.ingress([
		t.rule({"protocol": "-1", "from_port": 0, "to_port": 65535, "cidrs": [null]}),
		t.rule({"protocol": null, "from_port": 0, "to_port": 65535, "cidrs": ["0.0.0.0/0"]}),
		t.rule({"from_port": null, "to_port": 65535, "cidrs": ["0.0.0.0/0"]}),
		t.rule({"from_port": 0, "to_port": 65535, "cidrs": null}),
	])])
	count(rule.deny) == 0 with input as inp
}

test_unknown_rule_list_never_fires if {
	count(rule.deny) == 0 with input as t.input_of([t.sg({"ingress": null})])
}

test_undecided_only_where_it_could_fire if {
	inp := t.input_of([t.ingress([
		t.rule({"protocol": "-1", "from_port": 0, "to_port": 65535, "cidrs": ["10.0.0.0/8", null]}),
		t.rule({"from_port": 443, "to_port": 443, "cidrs": [null]}),
		t.rule({"protocol": null, "cidrs": ["0.0.0.0/0"]}),
		t.rule({"protocol": null, "cidrs": ["10.0.0.0/8"]}),
	])])
	t.paths(rule.undecided) == {["ingress", 0, "cidrs", 1], ["ingress", 2]} with input as inp
}

test_undecided_unknown_lists if {
	t.paths(rule.undecided) == {["ingress"]} with input as t.input_of([t.sg({"ingress": null})])
	inp := t.input_of([t.ingress([t.rule({"protocol": "-1", "from_port": 0, "to_port": 65535, "cidrs": null})])])
	t.paths(rule.undecided) == {["ingress", 0, "cidrs"]} with input as inp
}
