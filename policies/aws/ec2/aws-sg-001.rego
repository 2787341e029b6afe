# METADATA
# title: Security group allows all ports from the internet
# description: |
#   Fires for each public CIDR source (0.0.0.0/0, ::/0, or any /0) of an
#   ingress rule that allows every protocol (IpProtocol -1) or tcp/udp on
#   every port (0-65535). The finding points at the CIDR. Inline rules and
#   separate rule resources (AWS::EC2::SecurityGroupIngress,
#   aws_security_group_rule, aws_vpc_security_group_ingress_rule) count
#   alike. Such a rule also covers the admin and database ports; AWS-SG-002
#   and AWS-SG-003 leave all-port rules to this rule, so one rule open to
#   the world is reported once, here. An Unknown protocol, port or CIDR
#   never produces a finding.
# custom:
#   id: AWS-SG-001
#   name: sg-no-public-ingress-all-ports
#   severity: CRITICAL
#   remediation: |
#     Allow only the protocol and ports the workload serves, and only from
#     the networks or security groups that need them. Put public services
#     behind a load balancer and open just its listener port.
#   references:
#     - "seed 000 #12"
#     - "seed 004"
#     - https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html
#     - https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-18
#   kinds:
#     - aws.ec2.security_group
#   reads:
#     - ingress[*].protocol
#     - ingress[*].from_port
#     - ingress[*].to_port
#     - ingress[*].cidrs[*]
package rampart.rules.sg_no_public_ingress_all_ports

import data.rampart.lib
import data.rampart.lib.net as netlib
import data.rampart.lib.ports
import data.rampart.lib.sg as sglib

deny contains f if {
	some sg in sglib.groups
	some i, rule in sg.properties.ingress
	some j, cidr in rule.cidrs
	netlib.is_public_cidr(cidr)
	ports.is_all_ports(rule)
	msg := sprintf("security group %v allows %v from %v%v", [sg.id, ports.traffic_text(rule), cidr, sglib.origin_text(sg.id, rule)])
	f := lib.finding(sg, ["ingress", i, "cidrs", j], msg)
}

# undecided: a public-or-Unknown source on a rule that is, or could be, open
# on all ports.
undecided contains f if some f in sglib.unknown_ingress

undecided contains lib.finding(sg, sglib.undecided_path(i, src), "") if {
	some sg in sglib.groups
	some i, rule in sg.properties.ingress
	some src in sglib.sources(rule)
	netlib.maybe_public(src.cidr)
	ports.maybe_all_ports(rule)
}
