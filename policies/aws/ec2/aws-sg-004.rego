# METADATA
# title: Database ports open to non-private networks
# description: |
#   Fires for each CIDR source of an ingress rule covering a database or
#   cache port (config db_ports, see AWS-SG-003) when the CIDR is not wholly
#   inside the private ranges 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16,
#   100.64.0.0/10 or fc00::/7 and is not public either (0.0.0.0/0 and ::/0
#   are outside this rule's contract: AWS-SG-003 reports them at a higher
#   severity). Rules open on all ports or all protocols count. Security
#   group and prefix list sources are not CIDRs and never fire. The finding points at the
#   CIDR. An Unknown protocol, port or CIDR never produces a finding.
# custom:
#   id: AWS-SG-004
#   name: sg-db-ports-private-sources-only
#   severity: MEDIUM
#   remediation: |
#     Allow database ports only from private address ranges or, better, from
#     the security group of the clients; reach a database from outside the VPC
#     through a VPN, Direct Connect or a bastion, not a public address.
#     CloudFormation: replace the rule's CidrIp / CidrIpv6 with
#     SourceSecurityGroupId or a private CIDR. Terraform: replace cidr_blocks /
#     ipv6_cidr_blocks (cidr_ipv4 / cidr_ipv6) with security_groups /
#     source_security_group_id (referenced_security_group_id) or a private
#     CIDR.
#   references:
#     - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_VPC.Scenarios.html
#     - https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html
#   parameters:
#     - db_ports
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

# A non-private source that is not public of an ingress rule
# that covers a database port.
results contains lib.result(sg, src.cidr_path, v, message(sg.id, src)) if {
	some sg in sglib.groups
	some src in sglib.ingress_sources(sg.properties.ingress)
	v := lib.all_of([
		lib.at(src.cidr_path, netlib.non_private_not_public(src.cidr)),
		lib.at(src.rule_path, ports.covers_any(src.rule, config.db_ports)),
	])
}

deny := lib.certain(results)

undecided := lib.uncertain(results)

message(id, src) := sprintf("security group %v allows database %v from non-private network %v%v", [id, ports.ports_text(ports.covered_ports(src.rule, config.db_ports)), src.cidr, sglib.origin_text(id, src.rule)]) if {
	not is_null(src.cidr)
} else := ""
