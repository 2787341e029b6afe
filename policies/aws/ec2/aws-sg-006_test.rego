package rampart.rules.sg_no_public_udp_icmp_test

import data.rampart.lib.testing as t
import data.rampart.rules.sg_no_public_udp_icmp as rule

test_dns_udp_from_anywhere if {
	inp := t.input_of([t.ingress([t.rule({"protocol": "udp", "from_port": 53, "to_port": 53, "cidrs": ["0.0.0.0/0"]})])])
	t.paths(rule.deny) == {["ingress", 0, "cidrs", 0]} with input as inp
}

test_icmp_and_icmpv6 if {
	inp := t.input_of([t.ingress([
		t.rule({"protocol": "icmp", "from_port": -1, "to_port": -1, "cidrs": ["10.0.0.0/8", "198.51.100.7/32"]}),
		t.rule({"protocol": "icmpv6", "from_port": -1, "to_port": -1, "cidrs": ["::/0"]}),
	])])
	t.paths(rule.deny) == {["ingress", 0, "cidrs", 1], ["ingress", 1, "cidrs", 0]} with input as inp
}

test_private_sources_pass if {
	inp := t.input_of([t.ingress([
		t.rule({"protocol": "udp", "from_port": 514, "to_port": 514, "cidrs": ["10.0.0.0/8"]}),
		t.rule({"protocol": "icmp", "from_port": 8, "to_port": 0, "cidrs": ["172.16.0.0/12"]}),
	])])
	count(rule.deny) == 0 with input as inp
}

test_tcp_is_not_judged if {
	inp := t.input_of([t.ingress([t.rule({"protocol": "tcp", "from_port": 53, "to_port": 53, "cidrs": ["0.0.0.0/0"]})])])
	count(rule.deny) == 0 with input as inp
}

# All traffic lets UDP and ICMP through: reported here whatever AWS-SG-001
# reports, and from a non-private source that is not public too (which
# AWS-SG-001 does not look at).
test_all_traffic_lets_udp_and_icmp_through if {
	inp := t.input_of([t.ingress([
		t.rule({"protocol": "-1", "from_port": 0, "to_port": 65535, "cidrs": ["0.0.0.0/0", "10.0.0.0/8", "198.51.100.0/24"]}),
	])])
	t.paths(rule.deny) == {["ingress", 0, "cidrs", 0], ["ingress", 0, "cidrs", 2]} with input as inp
	some f in rule.deny with input as inp
	f.message == "security group WebSG allows all traffic (udp and icmp included) from non-private network 198.51.100.0/24"
}

test_unknowns_never_fire if {
	inp := t.input_of([t.ingress([
		t.rule({"protocol": "udp", "cidrs": [null]}),
		t.rule({"protocol": null, "cidrs": ["0.0.0.0/0"]}),
	])])
	count(rule.deny) == 0 with input as inp
}

test_undecided_only_where_it_could_fire if {
	inp := t.input_of([t.ingress([
		t.rule({"protocol": "udp", "cidrs": [null]}),
		t.rule({"protocol": "tcp", "cidrs": [null]}),
		t.rule({"protocol": null, "cidrs": ["0.0.0.0/0"]}),
		t.rule({"protocol": null, "cidrs": ["10.0.0.0/8"]}),
	])])
	t.paths(rule.undecided) == {["ingress", 0, "cidrs", 0], ["ingress", 2]} with input as inp
}
