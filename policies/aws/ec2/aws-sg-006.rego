# METADATA
# title: Security group allows UDP or ICMP from non-private networks
# description: |
#   Fires for each CIDR source of an ingress rule with protocol udp, icmp or
#   icmpv6, or protocol -1 (all traffic, which lets UDP and ICMP through),
#   when the CIDR is not wholly inside 10.0.0.0/8, 172.16.0.0/12,
#   192.168.0.0/16, 100.64.0.0/10 or fc00::/7 (public sources included).
#   UDP and ICMP are connectionless and are the usual vehicles for
#   reflection, amplification and reconnaissance. The finding points at the CIDR.
#   An Unknown protocol or CIDR never produces a finding.
# custom:
#   id: AWS-SG-006
#   name: sg-no-public-udp-icmp
#   severity: MEDIUM
#   remediation: |
#     Limit UDP and ICMP to the private networks that need them; for path MTU
#     discovery allow only ICMP type 3 code 4 (IPv4) or ICMPv6 type 2.
#     CloudFormation: give the udp/icmp SecurityGroupIngress entry a private
#     CidrIp or a SourceSecurityGroupId, and replace IpProtocol "-1" with the
#     protocol and ports the service needs. Terraform: do the same with
#     cidr_blocks / security_groups and protocol in the ingress block or rule
#     resource.
#   references:
#     - https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html
#   kinds:
#     - aws.ec2.security_group
#   reads:
#     - ingress[*].protocol
#     - ingress[*].cidrs[*]
package rampart.rules.sg_no_public_udp_icmp

import data.rampart.lib
import data.rampart.lib.net as netlib
import data.rampart.lib.ports
import data.rampart.lib.sg as sglib

# Protocol -1 allows every protocol, UDP and ICMP among them.
protocols := {"udp", "icmp", "icmpv6", "-1"}

# A non-private source of an ingress rule that lets udp or icmp through.
results contains lib.result(sg, src.cidr_path, v, message(sg.id, src)) if {
	some sg in sglib.groups
	some src in sglib.ingress_sources(sg.properties.ingress)
	v := lib.all_of([
		lib.at(src.cidr_path, netlib.non_private(src.cidr)),
		lib.at(src.rule_path, ports.protocol_in(src.rule, protocols)),
	])
}

deny := lib.certain(results)

undecided := lib.uncertain(results)

message(id, src) := sprintf("security group %v allows %v from non-private network %v%v", [id, protocol_text(src.rule), src.cidr, sglib.origin_text(id, src.rule)]) if {
	not is_null(src.cidr)
} else := ""

protocol_text(rule) := "all traffic (udp and icmp included)" if {
	ports.is_all_protocols(rule)
} else := rule.protocol
