# METADATA
# title: Security group allows admin ports from the internet
# description: |
#   Fires for each public CIDR source (0.0.0.0/0, ::/0, or any /0) of an
#   ingress rule whose protocol and port range cover an administrative port
#   (config admin_ports, default 22 SSH and 3389 RDP): tcp/udp with
#   from_port <= port <= to_port, or protocol -1 (all traffic). A rule open
#   on every port covers the admin ports too and fires here, whatever
#   AWS-SG-001 reports about it. The finding points at the CIDR. An Unknown
#   protocol, port or CIDR never produces a finding.
# custom:
#   id: AWS-SG-002
#   name: sg-no-public-admin-ports
#   severity: CRITICAL
#   remediation: |
#     Remove the rule, or restrict its source to the bastion's security group
#     or the office/VPN CIDR; better, use AWS Systems Manager Session Manager or
#     EC2 Instance Connect Endpoint, which need no inbound admin port.
#     CloudFormation: in the SecurityGroupIngress entry (or
#     AWS::EC2::SecurityGroupIngress) for port 22 or 3389 replace CidrIp
#     0.0.0.0/0 / CidrIpv6 ::/0 with SourceSecurityGroupId of the bastion group
#     or the VPN CIDR. Terraform: in the ingress block (or
#     aws_security_group_rule / aws_vpc_security_group_ingress_rule) replace
#     cidr_blocks / ipv6_cidr_blocks (cidr_ipv4 / cidr_ipv6) with
#     security_groups / source_security_group_id (referenced_security_group_id)
#     of the bastion group, or the VPN CIDR.
#   references:
#     - https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-13
#     - https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-14
#     - https://docs.aws.amazon.com/systems-manager/latest/userguide/session-manager.html
#   parameters:
#     - admin_ports
#   equivalents:
#     - checkov:CKV_AWS_24
#     - checkov:CKV_AWS_25
#     - trivy:AVD-AWS-0107
#     - tfsec:aws-ec2-no-public-ingress-sgr
#     - kics:4728cd65-a20c-49da-8b31-9c08b423e4db
#     - kics:151187cb-0efc-481c-babd-ad24e3c9bc22
#     - kics:381c3f2a-ef6f-4eff-99f7-b169cda3422c
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

# A public source of an ingress rule that covers an admin port.
results contains lib.result(sg, src.cidr_path, v, message(sg.id, src)) if {
	some sg in sglib.groups
	some src in sglib.ingress_sources(sg.properties.ingress)
	v := lib.all_of([
		lib.at(src.cidr_path, netlib.public(src.cidr)),
		lib.at(src.rule_path, ports.covers_any(src.rule, config.admin_ports)),
	])
}

deny := lib.certain(results)

undecided := lib.uncertain(results)

message(id, src) := sprintf("security group %v allows %v from %v, exposing admin %v%v", [id, ports.traffic_text(src.rule), src.cidr, ports.ports_text(ports.covered_ports(src.rule, config.admin_ports)), sglib.origin_text(id, src.rule)]) if {
	not is_null(src.cidr)
} else := ""
