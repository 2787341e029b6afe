package rampart.lib_test

import data.rampart.lib
import data.rampart.lib.config
import data.rampart.lib.net as netlib
import data.rampart.lib.ports
import data.rampart.lib.sg as sglib
import data.rampart.lib.testing as t

test_finding_shape if {
	lib.finding({"uid": "a#b", "id": "b"}, ["name"], "msg") == {"uid": "a#b", "path": ["name"], "message": "msg"}
}

test_resources_by_kind if {
	inp := t.input_of([t.sg({}), t.instance({})])
	count(lib.resources("aws.ec2.security_group")) == 1 with input as inp
	lib.resources("aws.s3.bucket") == [] with input as inp
}

test_public_cidrs if {
	netlib.is_public_cidr("0.0.0.0/0")
	netlib.is_public_cidr("::/0")
	netlib.is_public_cidr("10.0.0.0/0")
	not netlib.is_public_cidr("0.0.0.0/1")
	not netlib.is_public_cidr("10.0.0.0/8")
	not netlib.is_public_cidr(null)
	not netlib.is_public_cidr("not-a-cidr")
}

test_private_cidrs if {
	netlib.is_private_cidr("10.0.0.0/8")
	netlib.is_private_cidr("10.1.2.0/24")
	netlib.is_private_cidr("172.16.0.0/12")
	netlib.is_private_cidr("172.31.255.0/24")
	netlib.is_private_cidr("192.168.1.10/32")
	netlib.is_private_cidr("100.64.0.0/10")
	netlib.is_private_cidr("fd00:1234::/64")
	netlib.is_private_cidr("fc00::/7")
}

test_non_private_cidrs if {
	netlib.is_non_private_cidr("0.0.0.0/0")
	netlib.is_non_private_cidr("::/0")
	netlib.is_non_private_cidr("203.0.113.0/24")
	netlib.is_non_private_cidr("172.32.0.0/16")
	netlib.is_non_private_cidr("10.0.0.0/7")
	netlib.is_non_private_cidr("2001:db8::/32")
	netlib.is_non_private_cidr("fe80::/10")
	not netlib.is_non_private_cidr("10.0.0.0/8")
	not netlib.is_non_private_cidr(null)
	not netlib.is_non_private_cidr("sg-0123456789")
	not netlib.is_non_private_cidr("")
}

test_cidr_family_mismatch_is_not_an_error if {
	# An IPv6 source checked against IPv4 ranges must be false, not an error.
	not netlib.is_private_cidr("2001:db8::/32")
	not netlib.is_private_cidr("8.8.8.8/32")
}

test_covers_port if {
	ports.covers_port({"protocol": "tcp", "from_port": 22, "to_port": 22}, 22)
	ports.covers_port({"protocol": "tcp", "from_port": 0, "to_port": 1024}, 22)
	ports.covers_port({"protocol": "udp", "from_port": 3389, "to_port": 3389}, 3389)
	ports.covers_port({"protocol": "-1", "from_port": 0, "to_port": 65535}, 22)
	ports.covers_port({"protocol": "tcp", "from_port": 21, "to_port": 23}, 22)
}

test_covers_port_boundaries if {
	not ports.covers_port({"protocol": "tcp", "from_port": 23, "to_port": 100}, 22)
	not ports.covers_port({"protocol": "tcp", "from_port": 1, "to_port": 21}, 22)
	not ports.covers_port({"protocol": "icmp", "from_port": 22, "to_port": 22}, 22)
	not ports.covers_port({"protocol": "50", "from_port": 0, "to_port": 65535}, 22)
}

test_covers_port_unknown if {
	not ports.covers_port({"protocol": "tcp", "from_port": null, "to_port": 100}, 22)
	not ports.covers_port({"protocol": "tcp", "from_port": 0, "to_port": null}, 22)
	not ports.covers_port({"protocol": null, "from_port": 0, "to_port": 100}, 22)
	not ports.covers_port({"protocol": "tcp", "from_port": 0, "to_port": 100}, null)
}

test_all_ports if {
	ports.is_all_ports({"protocol": "-1", "from_port": 0, "to_port": 65535})
	ports.is_all_ports({"protocol": "tcp", "from_port": 0, "to_port": 65535})
	ports.is_all_ports({"protocol": "udp", "from_port": 0, "to_port": 65535})
	not ports.is_all_ports({"protocol": "tcp", "from_port": 1, "to_port": 65535})
	not ports.is_all_ports({"protocol": "tcp", "from_port": 0, "to_port": 65534})
	not ports.is_all_ports({"protocol": "tcp", "from_port": null, "to_port": 65535})
	not ports.is_all_ports({"protocol": "icmp", "from_port": -1, "to_port": -1})
}

test_is_range if {
	ports.is_range({"protocol": "tcp", "from_port": 8000, "to_port": 8080})
	not ports.is_range({"protocol": "tcp", "from_port": 80, "to_port": 80})
	not ports.is_range({"protocol": "tcp", "from_port": 0, "to_port": 65535})
	not ports.is_range({"protocol": "icmp", "from_port": 8, "to_port": 0})
	not ports.is_range({"protocol": "tcp", "from_port": null, "to_port": 80})
}

test_parse_range if {
	ports.parse_range("1024-65535") == [1024, 65535]
	ports.parse_range(" 8000-8080 ") == [8000, 8080]
	ports.parse_range("443") == [443, 443]
	ports.parse_range(443) == [443, 443]
	ports.parse_range([1, 2]) == [1, 2]
	not ports.parse_range("a-b")
	not ports.parse_range([1])
}

test_within_range if {
	ports.within_range({"from_port": 8000, "to_port": 8080}, ["8000-8100"])
	ports.within_range({"from_port": 8000, "to_port": 8080}, [[8000, 8080]])
	not ports.within_range({"from_port": 7999, "to_port": 8080}, ["8000-8100"])
	not ports.within_range({"from_port": 8000, "to_port": 8080}, [])
}

test_covered_ports if {
	ports.covered_ports({"protocol": "tcp", "from_port": 20, "to_port": 3389}, [22, 3389, 5432]) == [22, 3389]
	ports.covered_ports({"protocol": "-1", "from_port": 0, "to_port": 65535}, [22, "x"]) == [22]
	ports.covered_ports({"protocol": "udp", "from_port": 23, "to_port": 23}, [22]) == []
	not ports.covered_ports({"protocol": "icmp", "from_port": -1, "to_port": -1}, [22])
	not ports.covered_ports({"protocol": "tcp", "from_port": null, "to_port": 22}, [22])
}

test_ports_text if {
	ports.ports_text([22]) == "port 22"
	ports.ports_text([22, 3389]) == "ports 22, 3389"
	ports.ports_text([1, 2, 3, 4]) == "ports 1, 2, 3, 4"
	ports.ports_text([1, 2, 3, 4, 5, 6]) == "ports 1, 2, 3, 4 and 2 more"
	not ports.ports_text([])
}

test_traffic_text if {
	ports.traffic_text({"protocol": "-1", "from_port": 0, "to_port": 65535}) == "all traffic"
	ports.traffic_text({"protocol": "tcp", "from_port": 22, "to_port": 22}) == "tcp port 22"
	ports.traffic_text({"protocol": "udp", "from_port": 1, "to_port": 9}) == "udp ports 1-9"
	ports.traffic_text({"protocol": "tcp", "from_port": 0, "to_port": 65535}) == "tcp all ports"
}

test_config_defaults if {
	config.admin_ports == [22, 3389] with input as t.input_of([])
	config.max_ingress_rules == 3 with input as t.input_of([])
	count(config.db_ports) == 22 with input as t.input_of([])
}

test_config_override if {
	config.admin_ports == [2222] with input as t.input_with_config([], {"admin_ports": [2222]})
	config.max_security_groups_per_instance == 5 with input as t.input_with_config([], {"max_security_groups_per_instance": 5})
}

test_lacks_description if {
	sglib.lacks_description("")
	sglib.lacks_description("  ")
	sglib.lacks_description("Managed by Terraform")
	not sglib.lacks_description("web tier")
	not sglib.lacks_description(null)
}

test_origin_text if {
	sglib.origin_text("WebSG", {"origin": {"id": "SshIn", "type": "AWS::EC2::SecurityGroupIngress"}}) == " (rule SshIn)"
	sglib.origin_text("WebSG", {"origin": {"id": "WebSG", "type": "AWS::EC2::SecurityGroup"}}) == ""
	sglib.origin_text("WebSG", {}) == ""
}

test_declared if {
	sglib.declared(false)
	not sglib.declared(true)
}

test_sources if {
	sglib.sources({"cidrs": ["a", null]}) == [{"path": ["cidrs", 0], "cidr": "a"}, {"path": ["cidrs", 1], "cidr": null}]
	sglib.sources({"cidrs": null}) == [{"path": ["cidrs"], "cidr": null}]
}

test_verdict_conjunction if {
	lib.all_of(["yes", "yes"]) == "yes"
	lib.all_of([lib.at(["a"], "yes"), lib.at(["b"], "maybe"), lib.at(["c"], "maybe")]) == {"maybe": ["b"]}
	# A verdict that is no makes the conjunction no (undefined).
	[v | v := lib.all_of([lib.at(["a"], "maybe"), netlib.public("10.0.0.0/8")])] == []
	lib.truth(true) == "yes"
	lib.truth(null) == "maybe"
	not lib.truth(false)
	lib.exists(null) == "maybe"
	lib.exists({}) == "yes"
}

test_results_split_into_deny_and_undecided if {
	rs := {
		lib.result({"uid": "t#A"}, ["ingress", 0, "cidrs", 0], "yes", "open"),
		lib.result({"uid": "t#B"}, ["ingress", 1, "cidrs", 0], {"maybe": ["ingress", 1]}, ""),
	}
	lib.certain(rs) == {{"uid": "t#A", "path": ["ingress", 0, "cidrs", 0], "message": "open"}}
	lib.uncertain(rs) == {{"uid": "t#B", "path": ["ingress", 1], "message": ""}}
}

test_cidr_verdicts if {
	netlib.public("::/0") == "yes"
	netlib.public(null) == "maybe"
	not netlib.public("10.0.0.0/8")
	netlib.non_private("198.51.100.0/24") == "yes"
	not netlib.non_private("10.0.0.0/8")
	netlib.non_private_not_public(null) == "maybe"
	not netlib.non_private_not_public("0.0.0.0/0")
}

test_port_verdicts if {
	ports.all_ports({"protocol": "-1", "from_port": null, "to_port": null}) == "yes"
	ports.all_ports({"protocol": "tcp", "from_port": 0, "to_port": null}) == "maybe"
	ports.all_ports(null) == "maybe"
	not ports.all_ports({"protocol": "tcp", "from_port": 22, "to_port": 22})
	ports.not_all_ports({"protocol": "tcp", "from_port": 22, "to_port": 22}) == "yes"
	ports.not_all_ports({"protocol": null, "from_port": 22, "to_port": 22}) == "maybe"
	not ports.not_all_ports({"protocol": "-1", "from_port": 0, "to_port": 0})
	ports.covers_any({"protocol": "tcp", "from_port": 20, "to_port": 30}, [22]) == "yes"
	ports.covers_any({"protocol": "tcp", "from_port": null, "to_port": 30}, [22]) == "maybe"
	not ports.covers_any({"protocol": "icmp", "from_port": null, "to_port": null}, [22])
	ports.opens_range({"protocol": "udp", "from_port": 53, "to_port": 54}) == "yes"
	not ports.opens_range({"protocol": "udp", "from_port": 53, "to_port": 53})
	ports.outside_ranges({"protocol": "tcp", "from_port": 80, "to_port": 90}, ["80-89"]) == "yes"
	not ports.outside_ranges({"protocol": null, "from_port": 80, "to_port": 90}, ["80-90"])
	ports.protocol_in({"protocol": null}, {"udp"}) == "maybe"
	ports.protocol_in({"protocol": "udp"}, {"udp"}) == "yes"
	not ports.protocol_in({"protocol": "tcp"}, {"udp"})
}

test_ingress_sources if {
	sglib.ingress_sources(null) == [{"rule": null, "rule_path": ["ingress"], "cidr": null, "cidr_path": ["ingress"]}]
	sglib.ingress_sources([null]) == [{"rule": null, "rule_path": ["ingress", 0], "cidr": null, "cidr_path": ["ingress", 0]}]
	r := {"cidrs": ["10.0.0.0/8", null]}
	sglib.ingress_sources([r]) == [
		{"rule": r, "rule_path": ["ingress", 0], "cidr": "10.0.0.0/8", "cidr_path": ["ingress", 0, "cidrs", 0]},
		{"rule": r, "rule_path": ["ingress", 0], "cidr": null, "cidr_path": ["ingress", 0, "cidrs", 1]},
	]
}
