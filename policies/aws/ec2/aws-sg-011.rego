# METADATA
# title: Security group has too many ingress rules
# description: |
#   Fires when a security group has more ingress rules than config
#   max_ingress_rules (default 3), counting inline rules and separate rule
#   resources folded into the group; each rule entry counts once, whatever
#   number of CIDRs it lists. Groups synthesized for rule resources outside
#   the scan are skipped (they hold only part of a group's rules). The
#   finding points at the first rule beyond the limit. A rule count that is
#   Unknown (a dynamic block over an unset variable stands for any number
#   of rules) never produces a finding: the result is undecided.
# custom:
#   id: AWS-SG-011
#   name: sg-max-ingress-rules
#   severity: LOW
#   remediation: |
#     Split the group by purpose, replace lists of CIDRs with a managed prefix
#     list (CloudFormation SourcePrefixListId with an AWS::EC2::PrefixList;
#     Terraform prefix_list_ids with aws_ec2_managed_prefix_list), or use
#     security group references instead of addresses.
#   references:
#     - https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html#vpc-limits-security-groups
#     - https://docs.aws.amazon.com/vpc/latest/userguide/managed-prefix-lists.html
#   parameters:
#     - max_ingress_rules
#   kinds:
#     - aws.ec2.security_group
#   reads:
#     - ingress_count
package rampart.rules.sg_max_ingress_rules

import data.rampart.lib
import data.rampart.lib.config
import data.rampart.lib.sg as sglib

deny contains f if {
	some sg in sglib.groups
	sglib.declared(sg.properties.external)
	n := sg.properties.ingress_count
	is_number(n)
	limit := config.max_ingress_rules
	is_number(limit)
	n > limit
	msg := sprintf("security group %v has %d ingress rules, more than %v", [sg.id, n, limit])
	f := lib.finding(sg, ["ingress", floor(limit)], msg)
}
