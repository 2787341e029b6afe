# METADATA
# title: Security group allows admin ports from the internet
# description: |
#   Fires for each public CIDR source (0.0.0.0/0, ::/0, or any /0) of an
#   ingress rule whose protocol and port range cover an administrative port
#   (config admin_ports, default 22 SSH and 3389 RDP): tcp/udp with
#   from_port <= port <= to_port. Rules open on all ports or all protocols
#   are skipped because AWS-SG-001 already reports them. The finding points
#   at the CIDR. An Unknown protocol, port or CIDR never produces a finding.
# custom:
#   id: AWS-SG-002
#   name: sg-no-public-admin-ports
#   severity: CRITICAL
#   remediation: |
#     Remove the rule, or restrict its source to the bastion's security group
#     or the office/VPN CIDR. Prefer AWS Systems Manager Session Manager or
#     EC2 Instance Connect Endpoint, which need no inbound admin port.
#   references:
#     - "seed 000 #17"
#     - "seed 000 #18"
#     - "seed 002"
#     - "seed 004"
#     - https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-13
#     - https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-14
#     - https://docs.aws.amazon.com/systems-manager/latest/userguide/session-manager.html
#   kinds:
#     - aws.ec2.security_group
#   reads:
#     - ingress[*].protocol
#     - ingress[*].from_port
#     - ingress[*].to_port
#     - ingress[*].cidrs[*]
package rampart.rules.sg_no_public_admin_ports

import data.rampart.lib
import data.rampart.lib.config
import data.rampart.lib.net as netlib
import data.rampart.lib.ports
import data.rampart.lib.sg as sglib

deny contains f if {
	some sg in sglib.groups
	some i, rule in sg.properties.ingress
	some j, cidr in rule.cidrs
	netlib.is_public_cidr(cidr)
	not ports.is_all_ports(rule)
	open := ports.covered_ports(rule, config.admin_ports)
	count(open) > 0
	msg := sprintf("security group %v allows %v from %v, exposing admin %v%v", [sg.id, ports.traffic_text(rule), cidr, ports.ports_text(open), sglib.origin_text(sg.id, rule)])
	f := lib.finding(sg, ["ingress", i, "cidrs", j], msg)
}

# undecided: a public-or-Unknown source on a rule that covers, or could
# cover, an admin port.
undecided contains f if some f in sglib.unknown_ingress

undecided contains lib.finding(sg, sglib.undecided_path(i, src), "") if {
	some sg in sglib.groups
	some i, rule in sg.properties.ingress
	some src in sglib.sources(rule)
	netlib.maybe_public(src.cidr)
	not ports.is_all_ports(rule)
	ports.maybe_covers_any(rule, config.admin_ports)
}
