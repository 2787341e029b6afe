# METADATA
# title: Inline policy instead of a managed policy
# description: |
#   Fires for each inline policy of a user, group or role: a policy written
#   inside the identity (CloudFormation Policies, Terraform inline_policy
#   blocks), at that entry, and an inline policy resource
#   (AWS::IAM::Policy, aws_iam_role_policy, aws_iam_user_policy,
#   aws_iam_group_policy), at the resource. Managed policies
#   (AWS::IAM::ManagedPolicy, aws_iam_policy) and trust policies do not
#   fire. A Terraform inline_policy block without a policy (which removes
#   the inline policies) adds none. An entry that may not exist (an Fn::If
#   on an unknown condition) is undecided.
# custom:
#   id: AWS-IAM-009
#   name: iam-prefer-managed-policies
#   severity: LOW
#   remediation: |
#     Turn the inline policy into a customer managed policy and attach it.
#     CloudFormation: move the Policies entry (or the AWS::IAM::Policy) into
#     an AWS::IAM::ManagedPolicy and list it in the identity's
#     ManagedPolicyArns (or in the managed policy's Roles, Users, Groups).
#     Terraform: replace aws_iam_role_policy (aws_iam_user_policy,
#     aws_iam_group_policy) or the inline_policy block with an aws_iam_policy
#     and an aws_iam_role_policy_attachment (user, group).
#   references:
#     - https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-vs-inline.html#choosing-managed-or-inline
#     - https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#bp-use-aws-defined-policies
#   kinds:
#     - aws.iam.policy
#     - aws.iam.role
#     - aws.iam.user
#     - aws.iam.group
#   reads:
#     - managed
#     - policies
package rampart.rules.iam_prefer_managed_policies

import data.rampart.lib

results contains lib.result(p, [], "yes", sprintf("%v is an inline policy", [p.id])) if {
	some p in lib.resources("aws.iam.policy")
	p.properties.managed == false
}

results contains lib.result(r, ["policies", i], lib.at(["policies", i], lib.exists(entry)), message(r, entry)) if {
	some kind in ["aws.iam.role", "aws.iam.user", "aws.iam.group"]
	some r in lib.resources(kind)
	some i, entry in r.properties.policies
}

results contains lib.result(r, ["policies"], {"maybe": ["policies"]}, "") if {
	some kind in ["aws.iam.role", "aws.iam.user", "aws.iam.group"]
	some r in lib.resources(kind)
	is_null(r.properties.policies)
}

message(r, entry) := sprintf("%v has an inline policy %v", [r.id, entry.name]) if {
	is_string(entry.name)
	entry.name != ""
} else := sprintf("%v has an inline policy", [r.id])

deny := lib.certain(results)

undecided := lib.uncertain(results)
