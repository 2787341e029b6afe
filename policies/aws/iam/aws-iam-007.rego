# METADATA
# title: Privileged access of users or groups without MFA
# description: |
#   Fires when users or groups get administrator access or every IAM action
#   without multi-factor authentication: an Allow statement of `*` or
#   `iam:*` (any case, any resource) without a Condition that requires MFA
#   (Bool aws:MultiFactorAuthPresent "true", or a NumericLessThan on
#   aws:MultiFactorAuthAge; BoolIfExists "true" does not require it, as it
#   lets requests signed with access keys through), in a policy that
#   reaches a user or a group: an inline policy written inside it, or a
#   policy resource attached to it wherever the attachment is written
#   (Users/Groups, aws_iam_user_policy, aws_iam_group_policy_attachment,
#   aws_iam_policy_attachment, ManagedPolicyArns), in any module or nested
#   stack of the scan; and the AWS managed policies AdministratorAccess and
#   IAMFullAccess attached to a user or group by ARN. A user or group is
#   guarded, and does not fire, when one of its policies holds AWS's MFA
#   guard rail: a Deny of every action (or NotAction) on Resource `*` when
#   aws:MultiFactorAuthPresent is "false" (Bool or BoolIfExists). A user or
#   group outside the scan is not known to be guarded. Roles do not fire.
#   The finding points at the action (or the managed policy ARN).
# custom:
#   id: AWS-IAM-007
#   name: iam-mfa-for-privileged-access
#   severity: MEDIUM
#   remediation: |
#     Require MFA for the privileged statement, or guard the group. In the
#     statement that allows * or iam:*, add Condition Bool
#     aws:MultiFactorAuthPresent "true" (CloudFormation: in the
#     PolicyDocument; Terraform: a condition block with test "Bool" in the
#     aws_iam_policy_document statement, or Condition in jsonencode). Or add
#     to the group a policy with a Deny statement of NotAction (the MFA
#     set-up actions) on Resource * with Condition BoolIfExists
#     aws:MultiFactorAuthPresent "false". Better, give administrators a role
#     they assume with MFA (a trust policy with the MFA condition) instead
#     of permissions on their users or groups.
#   references:
#     - https://docs.aws.amazon.com/IAM/latest/UserGuide/tutorial_users-self-manage-mfa-and-creds.html
#     - https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_examples_aws_my-sec-creds-self-manage.html
#     - https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-multifactorauthpresent
#   kinds:
#     - aws.iam.policy
#     - aws.iam.user
#     - aws.iam.group
#   reads:
#     - users[*].present
#     - groups[*].present
#     - document.statements[*].effect
#     - document.statements[*].actions[*]
#     - policies[*].document.statements[*].effect
#     - policies[*].document.statements[*].actions[*]
#     - attached_policies[*].arn
package rampart.rules.iam_mfa_for_privileged_access

import data.rampart.lib
import data.rampart.lib.iam
import data.rampart.lib.iam.managed

# A policy resource attached to users or groups.
results contains lib.result(p, a.path, v, sprintf("%v grants %v to %v %v without MFA", [p.id, action_text(a.value), kind_name[kind], identity_text(link.identity)])) if {
	some p in lib.resources("aws.iam.policy")
	d := {"resource": p, "path": ["document"], "document": p.properties.document}
	some st in iam.statements(d)
	not iam.requires_mfa(st.statement.conditions)
	some a in iam.elements(st.statement, "actions", st.path)
	some kind in ["users", "groups"]
	some i, link in p.properties[kind]
	not guarded_id(link.identity)
	v := lib.all_of([
		lib.at([kind, i, "present"], lib.truth(link.present)),
		iam.privileged(st.statement, st.path, a),
		lib.at(array.concat(st.path, ["conditions"]), iam.conditions_known(st.statement.conditions)),
	])
}

# An inline policy written inside a user or group.
results contains lib.result(d.resource, a.path, v, sprintf("%v grants %v without MFA", [d.resource.id, action_text(a.value)])) if {
	some d in iam.identity_documents
	d.resource.kind in {"aws.iam.user", "aws.iam.group"}
	not iam.guarded(d.resource)
	some st in iam.statements(d)
	not iam.requires_mfa(st.statement.conditions)
	some a in iam.elements(st.statement, "actions", st.path)
	v := lib.all_of([
		iam.privileged(st.statement, st.path, a),
		lib.at(array.concat(st.path, ["conditions"]), iam.conditions_known(st.statement.conditions)),
	])
}

# An AWS managed policy granting admin or IAM attached by ARN.
results contains lib.result(r, ["attached_policies", i, "arn"], v, sprintf("%v has %v attached without an MFA guard", [r.id, a.arn])) if {
	some kind in ["aws.iam.user", "aws.iam.group"]
	some r in lib.resources(kind)
	not iam.guarded(r)
	some i, a in r.properties.attached_policies
	m := managed.of(a.arn)
	m.iam
	v := lib.at(["attached_policies", i, "present"], lib.truth(a.present))
}

guarded_id(id) if {
	some kind in ["aws.iam.user", "aws.iam.group"]
	some r in lib.resources(kind)
	r.id == id
	iam.guarded(r)
}

kind_name := {"users": "user", "groups": "group"}

action_text(a) := sprintf("Action %v", [a]) if {
	is_string(a)
} else := "a privileged action"

identity_text(x) := x if {
	is_string(x)
} else := "(a name not known)"

deny := lib.certain(results)

undecided := lib.uncertain(results)
