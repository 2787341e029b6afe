# METADATA
# title: Database ports open to non-private networks
# description: |
#   Fires for each CIDR source of an ingress rule covering a database or
#   cache port (config db_ports, see AWS-SG-003) when the CIDR is not wholly
#   inside the private ranges 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16,
#   100.64.0.0/10 or fc00::/7 and is not public either: public sources
#   (0.0.0.0/0, ::/0) are AWS-SG-003's. Rules open on all ports count too
#   (AWS-SG-001 only looks at public sources). Security group and prefix
#   list sources are not CIDRs and never fire. The finding points at the
#   CIDR. An Unknown protocol, port or CIDR never produces a finding.
# custom:
#   id: AWS-SG-004
#   name: sg-db-ports-private-sources-only
#   severity: MEDIUM
#   remediation: |
#     Allow database ports only from private address ranges or, better, from
#     the security group of the clients. Reach a database from outside the
#     VPC through a VPN, Direct Connect or a bastion, not a public address.
#   references:
#     - "seed 004"
#     - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_VPC.Scenarios.html
#     - https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html
#   kinds:
#     - aws.ec2.security_group
#   reads:
#     - ingress[*].protocol
#     - ingress[*].from_port
#     - ingress[*].to_port
#     - ingress[*].cidrs[*]
package rampart.rules.sg_db_ports_private_sources_only

import data.rampart.lib
import data.rampart.lib.config
import data.rampart.lib.net as netlib
import data.rampart.lib.ports
import data.rampart.lib.sg as sglib

deny contains f if {
	some sg in sglib.groups
	some i, rule in sg.properties.ingress
	some j, cidr in rule.cidrs
	netlib.is_non_private_cidr(cidr)
	not netlib.is_public_cidr(cidr)
	open := ports.covered_ports(rule, config.db_ports)
	count(open) > 0
	msg := sprintf("security group %v allows database %v from non-private network %v%v", [sg.id, ports.ports_text(open), cidr, sglib.origin_text(sg.id, rule)])
	f := lib.finding(sg, ["ingress", i, "cidrs", j], msg)
}

# undecided: a non-private-or-Unknown source on a rule that covers, or could
# cover, a database port.
undecided contains f if some f in sglib.unknown_ingress

undecided contains lib.finding(sg, sglib.undecided_path(i, src), "") if {
	some sg in sglib.groups
	some i, rule in sg.properties.ingress
	some src in sglib.sources(rule)
	netlib.maybe_non_private_not_public(src.cidr)
	ports.maybe_covers_any(rule, config.db_ports)
}
