package rampart.rules.nacl_no_public_admin_ingress_test

import data.rampart.lib.testing as t
import data.rampart.rules.nacl_no_public_admin_ingress as rule

acl(entries) := t.network_acl({"ingress": entries})

allow(n, protocol, from, to, cidr) := t.nacl_entry({"rule_number": n, "action": "allow", "protocol": protocol, "from_port": from, "to_port": to, "cidr": cidr})

deny_entry(n, protocol, from, to, cidr) := t.nacl_entry({"rule_number": n, "action": "deny", "protocol": protocol, "from_port": from, "to_port": to, "cidr": cidr})

test_public_ssh_allow if {
	t.paths(rule.deny) == {["ingress", 0, "cidr"]} with input as t.input_of([acl([allow(100, "tcp", 22, 22, "0.0.0.0/0")])])
}

test_public_rdp_ipv6_allow if {
	t.paths(rule.deny) == {["ingress", 0, "cidr"]} with input as t.input_of([acl([allow(100, "tcp", 3389, 3389, "::/0")])])
}

test_all_traffic_allow if {
	t.paths(rule.deny) == {["ingress", 0, "cidr"]} with input as t.input_of([acl([allow(100, "-1", 0, 65535, "0.0.0.0/0")])])
}

test_all_tcp_ports_allow if {
	t.paths(rule.deny) == {["ingress", 0, "cidr"]} with input as t.input_of([acl([allow(100, "tcp", 0, 65535, "0.0.0.0/0")])])
}

test_range_covering_ssh if {
	t.paths(rule.deny) == {["ingress", 0, "cidr"]} with input as t.input_of([acl([allow(100, "tcp", 1, 1024, "0.0.0.0/0")])])
}

test_near_misses_pass if {
	inp := t.input_of([acl([
		allow(100, "tcp", 443, 443, "0.0.0.0/0"),
		allow(110, "tcp", 21, 21, "0.0.0.0/0"),
		allow(120, "tcp", 23, 1023, "0.0.0.0/0"),
		allow(130, "tcp", 22, 22, "10.0.0.0/8"),
		allow(140, "tcp", 22, 22, "203.0.113.0/24"),
		allow(150, "icmp", 0, 65535, "0.0.0.0/0"),
		allow(160, "tcp", 3390, 65535, "0.0.0.0/0"),
		allow(165, "udp", 1024, 3388, "::/0"),
		deny_entry(170, "tcp", 22, 22, "0.0.0.0/0"),
	])])
	count(rule.deny) == 0 with input as inp
	count(rule.undecided) == 0 with input as inp
}

test_egress_not_judged if {
	count(rule.deny) == 0 with input as t.input_of([t.network_acl({"ingress": [], "egress": [allow(100, "-1", 0, 65535, "0.0.0.0/0")]})])
}

test_custom_admin_ports if {
	inp := t.input_with_config([acl([allow(100, "tcp", 5900, 5900, "0.0.0.0/0")])], {"admin_ports": [5900]})
	t.paths(rule.deny) == {["ingress", 0, "cidr"]} with input as inp
}

# A lower-numbered deny of the same traffic from the whole internet makes
# the allow harmless.
test_shadowed_by_earlier_deny if {
	inp := t.input_of([acl([
		allow(200, "tcp", 22, 22, "0.0.0.0/0"),
		deny_entry(100, "tcp", 22, 22, "0.0.0.0/0"),
	])])
	count(rule.deny) == 0 with input as inp
	count(rule.undecided) == 0 with input as inp
}

test_shadowed_by_earlier_deny_all if {
	count(rule.deny) == 0 with input as t.input_of([acl([
		deny_entry(50, "-1", 0, 65535, "0.0.0.0/0"),
		allow(100, "-1", 0, 65535, "0.0.0.0/0"),
	])])
}

# A later deny, a narrower CIDR, another family or another port does not
# shadow.
test_not_shadowed if {
	t.paths(rule.deny) == {["ingress", 0, "cidr"]} with input as t.input_of([acl([
		allow(100, "tcp", 22, 22, "0.0.0.0/0"),
		deny_entry(200, "tcp", 22, 22, "0.0.0.0/0"),
		deny_entry(50, "tcp", 22, 22, "203.0.113.0/24"),
		deny_entry(60, "tcp", 22, 22, "::/0"),
		deny_entry(70, "udp", 22, 22, "0.0.0.0/0"),
		deny_entry(80, "tcp", 23, 25, "0.0.0.0/0"),
	])])
}

# Denying the admin ports first does not make an all-ports allow harmless.
test_all_ports_allow_with_admin_denies if {
	t.paths(rule.deny) == {["ingress", 2, "cidr"]} with input as t.input_of([acl([
		deny_entry(10, "tcp", 22, 22, "0.0.0.0/0"),
		deny_entry(20, "tcp", 3389, 3389, "0.0.0.0/0"),
		allow(100, "-1", 0, 65535, "0.0.0.0/0"),
	])])
}

# A range over 22 and 3389 with only 22 denied first still exposes 3389.
test_partly_shadowed_range if {
	inp := t.input_of([acl([
		deny_entry(10, "tcp", 22, 22, "0.0.0.0/0"),
		allow(100, "tcp", 0, 4000, "0.0.0.0/0"),
	])])
	findings := rule.deny with input as inp
	{f.path | some f in findings} == {["ingress", 1, "cidr"]}
	some f in findings
	contains(f.message, "admin port 3389")
}

test_unknown_values_never_fire if {
	inp := t.input_of([acl([
		allow(100, "tcp", 22, 22, null),
		t.nacl_entry({"rule_number": 110, "action": null, "protocol": "tcp", "from_port": 22, "to_port": 22, "cidr": "0.0.0.0/0"}),
		allow(120, null, 22, 22, "0.0.0.0/0"),
		allow(130, "tcp", null, 22, "0.0.0.0/0"),
		null,
	])])
	count(rule.deny) == 0 with input as inp
	t.paths(rule.undecided) == {["ingress", 0, "cidr"], ["ingress", 1, "action"], ["ingress", 2], ["ingress", 3], ["ingress", 4]} with input as inp
}

test_unknown_list_is_undecided if {
	inp := t.input_of([t.network_acl({"ingress": null})])
	count(rule.deny) == 0 with input as inp
	t.paths(rule.undecided) == {["ingress"]} with input as inp
}

# A deny that may shadow the allow leaves it undecided, placed at the
# deny's Unknown.
test_maybe_shadow_is_undecided if {
	cases := [
		[deny_entry(null, "tcp", 22, 22, "0.0.0.0/0"), ["ingress", 1, "rule_number"]],
		[deny_entry(50, "tcp", 22, 22, null), ["ingress", 1, "cidr"]],
		[deny_entry(50, null, 22, 22, "0.0.0.0/0"), ["ingress", 1]],
		[t.nacl_entry({"rule_number": 50, "action": null, "protocol": "tcp", "from_port": 22, "to_port": 22, "cidr": "0.0.0.0/0"}), ["ingress", 1, "action"]],
		[object.union(deny_entry(50, "tcp", 22, 22, "0.0.0.0/0"), {"present": null}), ["ingress", 1, "present"]],
		[null, ["ingress", 1]],
	]
	every c in cases {
		inp := t.input_of([acl([allow(100, "tcp", 22, 22, "0.0.0.0/0"), c[0]])])
		count(rule.deny) == 0 with input as inp
		t.paths(rule.undecided) == {c[1]} with input as inp
	}
}

test_allow_number_unknown_with_deny if {
	inp := t.input_of([acl([allow(null, "tcp", 22, 22, "0.0.0.0/0"), deny_entry(50, "tcp", 22, 22, "0.0.0.0/0")])])
	count(rule.deny) == 0 with input as inp
	t.paths(rule.undecided) == {["ingress", 0, "rule_number"]} with input as inp
}

# A representative deny (a dynamic block over an unknown collection) may
# stand for no entry: it does not shadow.
test_representative_deny_does_not_shadow if {
	inp := t.input_of([acl([allow(100, "tcp", 22, 22, "0.0.0.0/0"), object.union(deny_entry(50, "tcp", 22, 22, "0.0.0.0/0"), {"representative": true})])])
	t.paths(rule.deny) == {["ingress", 0, "cidr"]} with input as inp
}

test_message if {
	some f in rule.deny with input as t.input_of([acl([allow(100, "tcp", 22, 22, "0.0.0.0/0")])])
	f.message == "network ACL aws_network_acl.public entry 100 allows tcp port 22 from 0.0.0.0/0, exposing admin port 22"
}

test_message_with_unknown_rule_number if {
	some f in rule.deny with input as t.input_of([acl([allow(null, "tcp", 22, 22, "0.0.0.0/0")])])
	f.message == "network ACL aws_network_acl.public entry (rule number not known) allows tcp port 22 from 0.0.0.0/0, exposing admin port 22"
}
