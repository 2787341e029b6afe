# METADATA
# title: Security group allows all ports from the internet
# description: |
#   Fires for each public CIDR source (0.0.0.0/0, ::/0, or any /0) of an
#   ingress rule that allows every protocol (IpProtocol -1) or tcp/udp on
#   every port (0-65535). The finding points at the CIDR. Inline rules and
#   separate rule resources (AWS::EC2::SecurityGroupIngress,
#   aws_security_group_rule, aws_vpc_security_group_ingress_rule) count
#   alike. Rules are independent: such a rule also covers the admin and
#   database ports, so AWS-SG-002 and AWS-SG-003 report it too, each on its
#   own contract, and skipping or suppressing one of them hides nothing
#   from the others (the text and markdown reports group findings at one
#   location into one block). An Unknown protocol, port or CIDR never
#   produces a finding.
# custom:
#   id: AWS-SG-001
#   name: sg-no-public-ingress-all-ports
#   severity: CRITICAL
#   remediation: |
#     Allow only the protocol and ports the workload serves, from the networks
#     or security groups that need them; put public services behind a load
#     balancer and open just its listener port. CloudFormation: in the
#     SecurityGroupIngress entry (or AWS::EC2::SecurityGroupIngress) replace
#     IpProtocol: "-1" or FromPort 0 / ToPort 65535 with the service's
#     IpProtocol, FromPort and ToPort, and CidrIp 0.0.0.0/0 / CidrIpv6 ::/0 with
#     a narrower CIDR or SourceSecurityGroupId. Terraform: in the ingress block
#     (or aws_security_group_rule / aws_vpc_security_group_ingress_rule) set
#     protocol, from_port and to_port to the service's, and replace
#     cidr_blocks / ipv6_cidr_blocks (cidr_ipv4 / cidr_ipv6) with a narrower
#     range or security_groups / source_security_group_id /
#     referenced_security_group_id.
#   references:
#     - https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html
#     - https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-18
#   equivalents:
#     - checkov:CKV_AWS_277
#     - trivy:AVD-AWS-0107
#     - tfsec:aws-ec2-no-public-ingress-sgr
#     - kics:4728cd65-a20c-49da-8b31-9c08b423e4db
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

# A public source of an ingress rule open on every port.
results contains lib.result(sg, src.cidr_path, v, message(sg.id, src)) if {
	some sg in sglib.groups
	some src in sglib.ingress_sources(sg.properties.ingress)
	v := lib.all_of([
		lib.at(src.cidr_path, netlib.public(src.cidr)),
		lib.at(src.rule_path, ports.all_ports(src.rule)),
	])
}

deny := lib.certain(results)

undecided := lib.uncertain(results)

message(id, src) := sprintf("security group %v allows %v from %v%v", [id, ports.traffic_text(src.rule), src.cidr, sglib.origin_text(id, src.rule)]) if {
	not is_null(src.cidr)
} else := ""
