# METADATA
# title: Identity policy grants full administrative access
# description: |
#   Fires for each statement of an identity policy (a managed policy, an
#   inline policy resource, or an inline policy written inside a role, user
#   or group) that allows Action `*` (or a pattern of wildcards only, such
#   as `*:*`) on Resource `*`, whatever its conditions. Trust policies and
#   resource policies are not identity policies and are not read. AWS
#   managed policies attached by ARN (AdministratorAccess) are not
#   statements the template writes and are left to AWS-IAM-007. The finding
#   points at the action. An Unknown effect, action, resource, statement or
#   document never produces a finding: it is undecided.
# custom:
#   id: AWS-IAM-001
#   name: iam-no-admin-policy
#   severity: HIGH
#   remediation: |
#     Grant only the actions and resources the identity needs. CloudFormation:
#     in the PolicyDocument (of AWS::IAM::ManagedPolicy, AWS::IAM::Policy or an
#     entry of a role's, user's or group's Policies) replace Action "*" with the
#     actions the workload calls and Resource "*" with their ARNs. Terraform:
#     do the same in the policy document of aws_iam_policy,
#     aws_iam_role_policy, aws_iam_user_policy, aws_iam_group_policy or an
#     inline_policy block (in jsonencode, a heredoc, or the actions and
#     resources of a data "aws_iam_policy_document" statement). IAM Access
#     Analyzer can generate a policy from the access a role actually used.
#   references:
#     - https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-1
#     - https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege
#     - https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-policy-generation.html
#   equivalents:
#     - checkov:CKV_AWS_1
#     - checkov:CKV_AWS_62
#     - trivy:AVD-AWS-0057
#   kinds:
#     - aws.iam.policy
#     - aws.iam.role
#     - aws.iam.user
#     - aws.iam.group
#   reads:
#     - document.statements[*].effect
#     - document.statements[*].actions[*]
#     - document.statements[*].resources[*]
#     - policies[*].document.statements[*].effect
#     - policies[*].document.statements[*].actions[*]
#     - policies[*].document.statements[*].resources[*]
package rampart.rules.iam_no_admin_policy

import data.rampart.lib
import data.rampart.lib.iam

results contains lib.result(d.resource, a.path, v, message(d.resource.id, a.value)) if {
	some d in iam.identity_documents
	some st in iam.statements(d)
	some a in iam.elements(st.statement, "actions", st.path)
	some r in iam.elements(st.statement, "resources", st.path)
	v := lib.all_of([
		lib.at(array.concat(st.path, ["effect"]), iam.allows(st.statement.effect)),
		lib.at(a.path, iam.all_actions(a.value)),
		lib.at(r.path, iam.all_resources(r.value)),
	])
}

results contains lib.result(d.resource, p, {"maybe": p}, "") if {
	some d in iam.identity_documents
	some p in iam.unknown_paths(d)
}

deny := lib.certain(results)

undecided := lib.uncertain(results)

message(id, action) := sprintf("%v allows Action %v on Resource * (full administrative access)", [id, action]) if {
	is_string(action)
} else := ""
