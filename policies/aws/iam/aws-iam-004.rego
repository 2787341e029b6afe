# METADATA
# title: Policy attached directly to an IAM user
# description: |
#   Fires for each policy attached directly to an IAM user instead of a
#   group: an inline policy written inside the user (CloudFormation
#   Policies, Terraform inline_policy), an inline or managed policy
#   resource that names the user (AWS::IAM::Policy or
#   AWS::IAM::ManagedPolicy Users, aws_iam_user_policy,
#   aws_iam_user_policy_attachment, aws_iam_policy_attachment users, a
#   user's ManagedPolicyArns), in any module or nested stack of the scan.
#   A user named by a variable is still a user. Policies attached to groups
#   and roles do not fire. A policy resource fires at the user it names; a
#   user at its inline policy or at the managed policy it lists. An
#   attachment that may not exist (an unknown count or condition) or a list
#   of unknown length is undecided.
# custom:
#   id: AWS-IAM-004
#   name: iam-no-user-attached-policies
#   severity: LOW
#   remediation: |
#     Attach the policy to a group and make the user a member of it.
#     CloudFormation: move the user's Policies and ManagedPolicyArns to an
#     AWS::IAM::Group (or name the group in the policy's Groups instead of
#     Users) and add the user with AWS::IAM::UserToGroupAddition or the user's
#     Groups. Terraform: replace aws_iam_user_policy and
#     aws_iam_user_policy_attachment with aws_iam_group_policy and
#     aws_iam_group_policy_attachment, and add the user to the group with
#     aws_iam_user_group_membership or aws_iam_group_membership.
#   references:
#     - https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-2
#     - https://docs.aws.amazon.com/IAM/latest/UserGuide/id_groups.html
#   equivalents:
#     - checkov:CKV_AWS_40
#   kinds:
#     - aws.iam.policy
#     - aws.iam.user
#   reads:
#     - users[*].present
#     - policies
#     - attached_policies[*].present
package rampart.rules.iam_no_user_attached_policies

import data.rampart.lib

results contains lib.result(p, path, v, sprintf("policy %v is attached directly to IAM user %v", [p.id, identity(u)])) if {
	some p in lib.resources("aws.iam.policy")
	some path, pair in user_links(p.properties.users)
	[v, u] := pair
}

results contains lib.result(u, ["policies", i], lib.at(["policies", i], lib.exists(entry)), sprintf("IAM user %v has an inline policy %v", [u.id, policy_name(entry)])) if {
	some u in lib.resources("aws.iam.user")
	some i, entry in u.properties.policies
}

results contains lib.result(u, ["policies"], {"maybe": ["policies"]}, "") if {
	some u in lib.resources("aws.iam.user")
	is_null(u.properties.policies)
}

results contains lib.result(u, path, v, sprintf("IAM user %v has managed policy %v attached directly", [u.id, arn(a)])) if {
	some u in lib.resources("aws.iam.user")
	some path, pair in attached(u.properties.attached_policies)
	[v, a] := pair
}

# user_links: each attachment of a users list as path → [verdict, attachment].
user_links(users) := {["users", i]: [lib.at(["users", i], lib.exists(a)), a] | some i, a in users} if not is_null(users)

user_links(users) := {["users"]: [{"maybe": ["users"]}, null]} if is_null(users)

identity(a) := a.identity if {
	is_string(a.identity)
} else := "(a name not known)"

policy_name(entry) := entry.name if {
	is_string(entry.name)
} else := ""

arn(a) := a.arn if {
	is_string(a.arn)
} else := "(an ARN not known)"

attached(list) := {["attached_policies", i]: [lib.at(["attached_policies", i], lib.exists(a)), a] | some i, a in list} if not is_null(list)

attached(list) := {["attached_policies"]: [{"maybe": ["attached_policies"]}, null]} if is_null(list)

deny := lib.certain(results)

undecided := lib.uncertain(results)
