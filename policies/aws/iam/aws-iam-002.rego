# METADATA
# title: Identity policy grants every action of a service
# description: |
#   Fires for each Action element of an Allow statement of an identity
#   policy (a managed policy, an inline policy resource, or an inline policy
#   written inside a role, user or group) that is a service-wide wildcard:
#   a service prefix followed by wildcards only (`s3:*`, `EC2:*`), or `*`
#   alone. A statement that allows every action on Resource `*` is
#   AWS-IAM-001's and is not reported here: that exclusion is computed from
#   the statement itself (its effect, actions and resources), whatever
#   AWS-IAM-001 reports. Partial wildcards (`s3:Get*`) are not service-wide
#   and do not fire. Trust and resource policies are not read. The finding
#   points at the action. An Unknown effect, action, resource, statement or
#   document never produces a finding: it is undecided.
# custom:
#   id: AWS-IAM-002
#   name: iam-no-wildcard-actions
#   severity: MEDIUM
#   remediation: |
#     List the actions the identity needs instead of every action of the
#     service (s3:GetObject and s3:PutObject rather than s3:*). CloudFormation:
#     change Action in the PolicyDocument of AWS::IAM::ManagedPolicy,
#     AWS::IAM::Policy or the Policies entry of the role, user or group.
#     Terraform: change Action in the policy of aws_iam_policy,
#     aws_iam_role_policy, aws_iam_user_policy, aws_iam_group_policy or the
#     inline_policy block, or the actions of the data
#     "aws_iam_policy_document" statement. IAM Access Analyzer policy
#     generation lists the actions a role actually used.
#   references:
#     - https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-21
#     - https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege
#     - https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html
#   equivalents:
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
package rampart.rules.iam_no_wildcard_actions

import data.rampart.lib
import data.rampart.lib.iam

results contains lib.result(d.resource, a.path, v, message(d.resource.id, a.value)) if {
	some d in iam.identity_documents
	some st in iam.statements(d)
	some a in iam.elements(st.statement, "actions", st.path)
	v := lib.all_of([
		lib.at(array.concat(st.path, ["effect"]), iam.allows(st.statement.effect)),
		lib.at(a.path, iam.service_wide(a.value)),
		iam.not_admin_statement(st.statement, st.path),
	])
}

results contains lib.result(d.resource, p, {"maybe": p}, "") if {
	some d in iam.identity_documents
	some p in iam.unknown_paths(d)
}

deny := lib.certain(results)

undecided := lib.uncertain(results)

message(id, action) := sprintf("%v allows %v, every action of the service", [id, action]) if {
	is_string(action)
	action != "*"
} else := sprintf("%v allows Action * on resources narrower than *", [id]) if {
	action == "*"
} else := ""
