# METADATA
# title: Security group rule opens a port range
# description: |
#   Fires for each tcp or udp ingress rule whose from_port differs from its
#   to_port, from any source, unless the range lies inside one of the
#   ranges in config allowed_port_ranges (each "from-to" or [from, to]).
#   Rules open on all ports (0-65535 or protocol -1) are skipped: they are
#   AWS-SG-001's when public and are not a "range" choice. ICMP rules are
#   skipped because their from/to fields hold an ICMP type and code, not
#   ports. The finding points at the rule. Unknown ports never produce a
#   finding.
# custom:
#   id: AWS-SG-005
#   name: sg-no-port-ranges
#   severity: LOW
#   remediation: |
#     Open the individual ports the service listens on, one rule each. When a
#     range is truly needed (ephemeral ports, passive FTP), add it to
#     allowed_port_ranges in .rampart.yaml.
#   references:
#     - "seed 000 #21"
#     - https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html
#   kinds:
#     - aws.ec2.security_group
#   reads:
#     - ingress[*].protocol
#     - ingress[*].from_port
#     - ingress[*].to_port
package rampart.rules.sg_no_port_ranges

import data.rampart.lib
import data.rampart.lib.config
import data.rampart.lib.ports
import data.rampart.lib.sg as sglib

deny contains f if {
	some sg in sglib.groups
	some i, rule in sg.properties.ingress
	ports.is_range(rule)
	not ports.within_range(rule, config.allowed_port_ranges)
	msg := sprintf("security group %v opens %v%v", [sg.id, ports.traffic_text(rule), sglib.origin_text(sg.id, rule)])
	f := lib.finding(sg, ["ingress", i], msg)
}

# undecided: a rule whose Unknown protocol or ports could make it a range.
# (Unknown sources do not matter: this rule fires whatever the source.)
undecided contains f if some f in sglib.unknown_ingress

undecided contains lib.finding(sg, ["ingress", i], "") if {
	some sg in sglib.groups
	some i, rule in sg.properties.ingress
	ports.undecided_ports(rule)
}
