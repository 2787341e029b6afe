package rampart.rules.sg_no_port_ranges_test

import data.rampart.lib.testing as t
import data.rampart.rules.sg_no_port_ranges as rule

test_tcp_range if {
	inp := t.input_of([t.ingress([t.rule({}), t.rule({"from_port": 8000, "to_port": 8080, "cidrs": ["10.0.0.0/8"]})])])
	t.paths(rule.deny) == {["ingress", 1]} with input as inp
}

test_two_port_range if {
	inp := t.input_of([t.ingress([t.rule({"protocol": "udp", "from_port": 53, "to_port": 54})])])
	t.paths(rule.deny) == {["ingress", 0]} with input as inp
}

test_single_port_passes if {
	inp := t.input_of([t.ingress([t.rule({"from_port": 80, "to_port": 80})])])
	count(rule.deny) == 0 with input as inp
}

test_all_ports_skipped if {
	inp := t.input_of([t.ingress([
		t.rule({"from_port": 0, "to_port": 65535}),
		t.rule({"protocol": "-1", "from_port": 0, "to_port": 65535}),
	])])
	count(rule.deny) == 0 with input as inp
}

test_icmp_type_code_is_not_a_range if {
	inp := t.input_of([t.ingress([t.rule({"protocol": "icmp", "from_port": 8, "to_port": 0})])])
	count(rule.deny) == 0 with input as inp
}

test_allowed_ranges if {
	inp := t.input_with_config(
		[t.ingress([
			t.rule({"from_port": 1024, "to_port": 2048}),
			t.rule({"from_port": 8000, "to_port": 8010}),
			t.rule({"from_port": 7000, "to_port": 7010}),
		])],
		{"allowed_port_ranges": ["1024-2048", [8000, 8010]]},
	)
	t.paths(rule.deny) == {["ingress", 2]} with input as inp
}

test_allowed_range_is_inclusive_and_contained if {
	inp := t.input_with_config(
		[t.ingress([t.rule({"from_port": 8000, "to_port": 8011})])],
		{"allowed_port_ranges": ["8000-8010"]},
	)
	t.paths(rule.deny) == {["ingress", 0]} with input as inp
}

test_unknowns_never_fire if {
	inp := t.input_of([t.ingress([
		t.rule({"from_port": null, "to_port": 8080}),
		t.rule({"from_port": 8000, "to_port": null}),
		t.rule({"protocol": null, "from_port": 8000, "to_port": 8080}),
	])])
	count(rule.deny) == 0 with input as inp
}

test_undecided_only_where_it_could_fire if {
	inp := t.input_of([t.ingress([
		t.rule({"from_port": null, "to_port": 8080}),
		t.rule({"protocol": null}),
		t.rule({"from_port": 80, "to_port": 80, "cidrs": [null]}),
		t.rule({"protocol": "icmp", "from_port": null, "to_port": null}),
	])])
	t.paths(rule.undecided) == {["ingress", 0], ["ingress", 1]} with input as inp
}
