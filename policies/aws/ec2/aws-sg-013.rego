# METADATA
# title: Default security group allows traffic
# description: |
#   Fires for each ingress or egress rule of a default security group
#   (aws_default_security_group, which manages the VPC's default group).
#   Declaring the resource with no rule blocks removes every rule and is the
#   compliant form; any rule re-opens the group that resources fall back to
#   when they name none. The finding points at the rule. A rule list of
#   Unknown length never produces a finding.
# custom:
#   id: AWS-SG-013
#   name: default-sg-restrict-all
#   severity: MEDIUM
#   remediation: |
#     Remove every ingress and egress block from aws_default_security_group,
#     leaving the resource in place so the default group stays empty, and give
#     resources their own security groups. In CloudFormation, which cannot
#     manage the default group's rules, do not add AWS::EC2::SecurityGroupIngress
#     or SecurityGroupEgress resources to the VPC's DefaultSecurityGroup.
#   references:
#     - https://docs.aws.amazon.com/vpc/latest/userguide/default-security-group.html
#     - https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-2
#   equivalents:
#     - checkov:CKV2_AWS_12
#     - kics:46883ce1-dc3e-4b17-9195-c6a601624c73
#     - kics:ea33fcf7-394b-4d11-a228-985c5d08f205
#   kinds:
#     - aws.ec2.security_group
#   reads:
#     - is_default
#     - ingress
#     - egress
package rampart.rules.default_sg_restrict_all

import data.rampart.lib
import data.rampart.lib.sg as sglib

# A rule, ingress or egress, of a default group.
results contains lib.result(sg, r.path, v, message(sg.id, direction, r)) if {
	some sg in sglib.groups
	some direction in ["ingress", "egress"]
	some r in sglib.rules(sg.properties[direction], direction)
	v := lib.all_of([
		lib.at(["is_default"], lib.truth(sg.properties.is_default)),
		lib.at(r.path, lib.exists(r.rule)),
	])
}

deny := lib.certain(results)

undecided := lib.uncertain(results)

message(id, direction, r) := sprintf("default security group %v declares %v rule %d; the default group should allow no traffic", [id, direction, r.path[1]]) if {
	not is_null(r.rule)
} else := ""
