# METADATA
# title: Policy statement allows with NotAction or NotResource
# description: |
#   Fires for each Allow statement of an identity policy (a managed policy,
#   an inline policy resource, or an inline policy written inside a role,
#   user or group) that has a NotAction or a NotResource element: it grants
#   everything except what it lists, including every action and resource
#   AWS adds later. Deny statements with NotAction or NotResource (the usual
#   guard rails, such as denying all but a list of actions without MFA) do
#   not fire. Trust and resource policies are not read. The finding points
#   at the NotAction (or NotResource) element. An Unknown effect, element,
#   statement or document never produces a finding: it is undecided.
# custom:
#   id: AWS-IAM-003
#   name: iam-no-allow-notaction
#   severity: MEDIUM
#   remediation: |
#     Rewrite the statement as an Allow of the actions and resources the
#     identity needs (Action and Resource), and put exclusions in a separate
#     Deny statement. CloudFormation: in the PolicyDocument of
#     AWS::IAM::ManagedPolicy, AWS::IAM::Policy or a Policies entry, replace
#     NotAction / NotResource with Action / Resource. Terraform: do the same
#     in the policy document (jsonencode, a heredoc, or the not_actions and
#     not_resources arguments of a data "aws_iam_policy_document" statement).
#   references:
#     - https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notaction.html
#     - https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notresource.html
#     - https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege
#   kinds:
#     - aws.iam.policy
#     - aws.iam.role
#     - aws.iam.user
#     - aws.iam.group
#   reads:
#     - document.statements[*].effect
#     - document.statements[*].not_actions
#     - document.statements[*].not_resources
#     - policies[*].document.statements[*].effect
#     - policies[*].document.statements[*].not_actions
#     - policies[*].document.statements[*].not_resources
package rampart.rules.iam_no_allow_notaction

import data.rampart.lib
import data.rampart.lib.iam

results contains lib.result(d.resource, p, v, message(d.resource.id, key)) if {
	some d in iam.identity_documents
	some st in iam.statements(d)
	some key in ["not_actions", "not_resources"]
	p := array.concat(st.path, [key])
	v := lib.all_of([
		lib.at(array.concat(st.path, ["effect"]), iam.allows(st.statement.effect)),
		lib.at(p, iam.non_empty(st.statement[key])),
	])
}

results contains lib.result(d.resource, p, {"maybe": p}, "") if {
	some d in iam.identity_documents
	some p in iam.unknown_paths(d)
}

deny := lib.certain(results)

undecided := lib.uncertain(results)

element := {"not_actions": "NotAction", "not_resources": "NotResource"}

message(id, key) := sprintf("%v has an Allow statement with %v: it grants everything it does not list", [id, element[key]])
