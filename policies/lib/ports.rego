# METADATA
# title: security group rule helpers
# description: |
#   Protocol and port questions about a canonical security group rule
#   (docs/model.md): protocol is lower case ("tcp", "udp", "icmp",
#   "icmpv6", "-1" for all), from_port/to_port are numbers, or null when
#   Unknown. Every comparison checks is_number first, because Rego orders
#   null below every number.
package rampart.lib.ports

max_port := 65535

# port_protocols carry ports in from_port/to_port; icmp carries type/code.
port_protocols := {"tcp", "udp"}

is_all_protocols(rule) if rule.protocol == "-1"

is_port_protocol(rule) if rule.protocol in port_protocols

is_icmp(rule) if rule.protocol in {"icmp", "icmpv6"}

is_udp(rule) if rule.protocol == "udp"

# has_port_range holds when both ports are known numbers.
has_port_range(rule) if {
	is_number(rule.from_port)
	is_number(rule.to_port)
}

# is_all_ports: every protocol, or tcp/udp over 0-65535.
is_all_ports(rule) if is_all_protocols(rule)

is_all_ports(rule) if {
	is_port_protocol(rule)
	has_port_range(rule)
	rule.from_port <= 0
	rule.to_port >= max_port
}

# covers_port: the rule lets traffic to port p through.
covers_port(rule, p) if {
	is_number(p)
	is_all_protocols(rule)
}

covers_port(rule, p) if {
	is_number(p)
	is_port_protocol(rule)
	has_port_range(rule)
	rule.from_port <= p
	p <= rule.to_port
}

# covered_ports lists the ports of ports that rule covers, in order. The
# range test is inlined: this runs for every rule against every listed port.
covered_ports(rule, ports) := [p | some p in ports; is_number(p)] if is_all_protocols(rule)

covered_ports(rule, ports) := [p | some p in ports; is_number(p); rule.from_port <= p; p <= rule.to_port] if {
	is_port_protocol(rule)
	has_port_range(rule)
}

# is_range: a tcp/udp rule over more than one port that is not all ports.
is_range(rule) if {
	rule.from_port != rule.to_port
	is_port_protocol(rule)
	has_port_range(rule)
	not is_all_ports(rule)
}

# range_text renders a rule's ports for messages: "22", "1024-2048", "all".
range_text(rule) := "all ports" if is_all_ports(rule)

range_text(rule) := sprintf("port %v", [rule.from_port]) if {
	not is_all_ports(rule)
	rule.from_port == rule.to_port
}

range_text(rule) := sprintf("ports %v-%v", [rule.from_port, rule.to_port]) if {
	not is_all_ports(rule)
	rule.from_port != rule.to_port
}

# parse_range turns an allowed range written "from-to", "port" or
# [from, to] into [from, to]; anything else yields nothing.
parse_range(r) := [to_number(parts[0]), to_number(parts[1])] if {
	is_string(r)
	parts := split(trim_space(r), "-")
	count(parts) == 2
	regex.match(`^[0-9]+$`, parts[0])
	regex.match(`^[0-9]+$`, parts[1])
}

parse_range(r) := [to_number(t), to_number(t)] if {
	is_string(r)
	t := trim_space(r)
	regex.match(`^[0-9]+$`, t)
}

parse_range(r) := [r, r] if is_number(r)

parse_range(r) := r if {
	is_array(r)
	count(r) == 2
	is_number(r[0])
	is_number(r[1])
}

# within_range: the rule's ports all lie inside one of ranges.
within_range(rule, ranges) if {
	some r in ranges
	b := parse_range(r)
	b[0] <= rule.from_port
	rule.to_port <= b[1]
}

# traffic_text renders what a rule lets through, for messages:
# "all traffic", "tcp port 22", "udp ports 1024-2048", "tcp all ports".
traffic_text(rule) := "all traffic" if is_all_protocols(rule)

traffic_text(rule) := sprintf("%v %v", [rule.protocol, range_text(rule)]) if {
	not is_all_protocols(rule)
	is_port_protocol(rule)
	has_port_range(rule)
}

# protocol_unknown / ports_unknown: the rule's protocol, or a port of a
# tcp/udp rule, is Unknown (null).
protocol_unknown(rule) if rule.protocol == null

ports_unknown(rule) if {
	is_port_protocol(rule)
	not has_port_range(rule)
}

# undecided_ports: the protocol or a port is Unknown, so a question about
# the rule's ports cannot be answered yet.
undecided_ports(rule) if protocol_unknown(rule)

undecided_ports(rule) if ports_unknown(rule)

# ports_text renders a list of ports for messages: "port 22",
# "ports 22, 3389", and at most four ports with a count of the rest for a
# wide range ("ports 1433, 1521, 1630, 2483 and 8 more").
ports_text(list) := sprintf("port %v", [list[0]]) if count(list) == 1

ports_text(list) := sprintf("ports %v", [concat(", ", [sprintf("%v", [p]) | some p in list])]) if {
	count(list) > 1
	count(list) <= 4
}

ports_text(list) := sprintf("ports %v and %d more", [concat(", ", [sprintf("%v", [p]) | some p in array.slice(list, 0, 4)]), count(list) - 4]) if count(list) > 4

# Verdicts (lib/verdict.rego) about a security group rule: "yes", "maybe"
# when the rule itself (an element of an Unknown list), its protocol or a
# tcp/udp port is Unknown and the answer depends on it, no otherwise.

# all_ports: the rule allows every port (is_all_ports).
all_ports(rule) := "maybe" if {
	is_null(rule)
} else := "yes" if {
	is_all_ports(rule)
} else := "maybe" if {
	undecided_ports(rule)
}

# not_all_ports: the rule allows some ports but not all of them.
not_all_ports(rule) := "maybe" if {
	is_null(rule)
} else := "maybe" if {
	undecided_ports(rule)
} else := "yes" if {
	not is_all_ports(rule)
}

# covers_any: the rule covers one of ports (covered_ports).
covers_any(rule, ports) := "maybe" if {
	is_null(rule)
} else := "yes" if {
	count(covered_ports(rule, ports)) > 0
} else := "maybe" if {
	undecided_ports(rule)
}

# opens_range: the rule opens a port range (is_range).
opens_range(rule) := "maybe" if {
	is_null(rule)
} else := "yes" if {
	is_range(rule)
} else := "maybe" if {
	undecided_ports(rule)
}

# outside_ranges: the rule's ports are not all inside one of ranges
# (within_range); its protocol does not matter.
outside_ranges(rule, ranges) := "maybe" if {
	is_null(rule)
} else := "maybe" if {
	not has_port_range(rule)
} else := "yes" if {
	not within_range(rule, ranges)
}

# protocol_in: the rule's protocol is one of protocols.
protocol_in(rule, protocols) := "maybe" if {
	is_null(rule)
} else := "yes" if {
	rule.protocol in protocols
} else := "maybe" if {
	is_null(rule.protocol)
}
