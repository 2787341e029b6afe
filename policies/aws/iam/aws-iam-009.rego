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
#   on an unknown condition) is undecided. An inline policy the SAM
#   transform expands from one of AWS SAM's policy templates
#   (S3ReadPolicy: {BucketName: ...} in a function's Policies) does not
#   fire: AWS defines and maintains those templates, as it does its
#   managed policies, and each grants a fixed set of actions on the
#   resource it is given; a policy document written in a SAM function's
#   Policies does fire.
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
	not from_sam_policy_template(entry)
}

# from_sam_policy_template: the policy is one the SAM transform expanded
# from a policy template. Only a role's policies have the property, and a
# null entry (one that may not exist) has none: both stay in.
from_sam_policy_template(entry) if {
	is_string(entry.sam_policy_template)
	entry.sam_policy_template != ""
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
