# METADATA
# title: Security group has too many ingress rules
# description: |
#   Fires when a security group has more ingress rules than config
#   max_ingress_rules (default 3), counting inline rules and separate rule
#   resources folded into the group; each rule entry counts once, whatever
#   number of CIDRs it lists. Groups synthesized for rule resources outside
#   the scan are skipped (they hold only part of a group's rules). The
#   finding points at the first rule beyond the limit. Only rules that
#   surely exist are counted for a finding: a rule that may not exist (a
#   count or condition that is not known), an Unknown rule and a dynamic
#   block over an unset variable (any number of rules) are not, so a group
#   is reported when its certain rules alone exceed the limit, and is
#   undecided when only the uncertain ones could.
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
#     - ingress[*].present
#     - ingress[*].representative
package rampart.rules.sg_max_ingress_rules

import data.rampart.lib
import data.rampart.lib.config
import data.rampart.lib.sg as sglib

deny contains f if {
	some sg in sglib.groups
	sglib.declared(sg.properties.external)
	limit := config.max_ingress_rules
	is_number(limit)
	certain := certain_rules(sg.properties.ingress)
	count(certain) > limit
	msg := sprintf("security group %v has %v ingress rules, more than %v", [sg.id, count_text(sg.properties.ingress_count, count(certain)), limit])
	f := lib.finding(sg, ["ingress", certain[floor(limit)]], msg)
}

# certain_rules lists the indexes of the rules that surely exist: a rule
# that may not exist (present null), an Unknown rule (it may be none) and
# a representative one (zero or more) are not counted, so a group whose
# certain rules alone exceed the limit is reported however the others
# turn out.
certain_rules(ingress) := [i |
	some i, r in ingress
	not is_null(r)
	r.present == true
	r.representative == false
]

# count_text is the number of rules for the message: the count when it is
# known, else "at least" the certain ones.
count_text(n, _) := sprintf("%d", [n]) if is_number(n)

count_text(n, certain) := sprintf("at least %d", [certain]) if is_null(n)
