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
#     Remove every ingress and egress block from aws_default_security_group
#     (leaving the resource in place so the default group stays empty), and
#     give resources their own security groups.
#   references:
#     - "seed 000 #9"
#     - https://docs.aws.amazon.com/vpc/latest/userguide/default-security-group.html
#     - https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-2
#   kinds:
#     - aws.ec2.security_group
#   reads:
#     - is_default
#     - ingress
#     - egress
package rampart.rules.default_sg_restrict_all

import data.rampart.lib
import data.rampart.lib.sg as sglib

deny contains f if {
	some sg in sglib.groups
	sg.properties.is_default == true
	some direction in ["ingress", "egress"]
	some i, rule in sg.properties[direction]
	rule != null
	msg := sprintf("default security group %v declares %v rule %d; the default group should allow no traffic", [sg.id, direction, i])
	f := lib.finding(sg, [direction, i], msg)
}

# undecided: only default groups (or groups not known to be ordinary) can
# fire, so only their Unknown rule lists leave the rule undecided.
undecided contains lib.finding(sg, [direction], "") if {
	some sg in sglib.groups
	sg.properties.is_default == true
	some direction in ["ingress", "egress"]
	sg.properties[direction] == null
}

# An Unknown rule may stand for no rule at all (a condition choosing
# AWS::NoValue), so it is undecided rather than a finding.
undecided contains lib.finding(sg, [direction, i], "") if {
	some sg in sglib.groups
	sg.properties.is_default == true
	some direction in ["ingress", "egress"]
	some i, rule in sg.properties[direction]
	rule == null
}

undecided contains lib.finding(sg, ["is_default"], "") if {
	some sg in sglib.groups
	sg.properties.is_default == null
}
