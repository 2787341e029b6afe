# METADATA
# title: Role trust policy is open to anyone or to another account without a guard
# description: |
#   Fires for each principal of an Allow statement of a role's trust policy
#   that is either everyone (Principal "*" or AWS "*") without a condition
#   that restricts the caller, or an account other than the templates' own
#   (config own_account_ids) without an sts:ExternalId condition or Bool
#   aws:MultiFactorAuthPresent "true". A condition restricts the caller when
#   it is an external ID or MFA condition, or a positive test with known
#   values of a key naming the caller (aws:PrincipalAccount,
#   aws:PrincipalArn, aws:PrincipalOrgID, aws:PrincipalOrgPaths,
#   aws:SourceAccount, aws:SourceArn, aws:SourceOrgID, aws:SourceOrgPaths);
#   any other condition (aws:SecureTransport, say) does not. The
#   templates' own account is not known unless own_account_ids lists it:
#   with the list empty, account principals never fire. Service and
#   federated principals do not fire. The finding points at the principal.
#   An Unknown effect, principal, statement or trust policy never produces
#   a finding; a principal that is Unknown is undecided only when
#   own_account_ids is set.
# custom:
#   id: AWS-IAM-008
#   name: iam-trust-policy-restricted
#   severity: HIGH
#   remediation: |
#     Name the principals that may assume the role, and guard cross-account
#     trust. CloudFormation: in the role's AssumeRolePolicyDocument replace
#     Principal "*" with the account or role ARNs (or keep it and add a
#     Condition on aws:PrincipalOrgID / aws:PrincipalAccount), and give each
#     statement trusting another account a Condition StringEquals
#     sts:ExternalId (for a third party) or Bool aws:MultiFactorAuthPresent
#     "true" (for people). Terraform: the same in assume_role_policy
#     (principals and condition blocks of the aws_iam_policy_document, or
#     Principal and Condition in jsonencode).
#   references:
#     - https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-user_externalid.html
#     - https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html
#     - https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
#   parameters:
#     - own_account_ids
#   kinds:
#     - aws.iam.role
#   reads:
#     - trust_policy.statements[*].effect
#     - trust_policy.statements[*].principals
package rampart.rules.iam_trust_policy_restricted

import data.rampart.lib
import data.rampart.lib.config
import data.rampart.lib.iam

trust(role) := {"resource": role, "path": ["trust_policy"], "document": role.properties.trust_policy}

results contains lib.result(role, p.path, v, sprintf("%v can be assumed by anyone (Principal *) without a condition that restricts the caller", [role.id])) if {
	some role in lib.resources("aws.iam.role")
	some st in iam.statements(trust(role))
	not iam.restricts_caller(st.statement.conditions)
	some p in aws_principals(st)
	p.value == "*"
	v := lib.all_of([
		lib.at(array.concat(st.path, ["effect"]), iam.allows(st.statement.effect)),
		lib.at(array.concat(st.path, ["conditions"]), iam.conditions_known(st.statement.conditions)),
	])
}

results contains lib.result(role, p.path, v, sprintf("%v trusts account %v without an sts:ExternalId or MFA condition", [role.id, account_text(p.value)])) if {
	count(config.own_account_ids) > 0
	some role in lib.resources("aws.iam.role")
	some st in iam.statements(trust(role))
	not iam.external_id_or_mfa(st.statement.conditions)
	some p in aws_principals(st)
	v := lib.all_of([
		lib.at(array.concat(st.path, ["effect"]), iam.allows(st.statement.effect)),
		lib.at(p.path, other_account(p.value)),
		lib.at(array.concat(st.path, ["conditions"]), iam.conditions_known(st.statement.conditions)),
	])
}

results contains lib.result(role, p, {"maybe": p}, "") if {
	some role in lib.resources("aws.iam.role")
	some p in iam.unknown_paths(trust(role))
}

# aws_principals: each AWS principal of a statement with its path; an
# Unknown list is one Unknown element.
aws_principals(st) := {{"value": v, "path": array.concat(st.path, ["principals", "AWS", j])} |
	some j, v in st.statement.principals.AWS
} if {
	is_object(st.statement.principals)
	not is_null(st.statement.principals.AWS)
}

aws_principals(st) := {{"value": null, "path": array.concat(st.path, ["principals", "AWS"])}} if {
	is_object(st.statement.principals)
	"AWS" in object.keys(st.statement.principals)
	is_null(st.statement.principals.AWS)
}

other_account(p) := "yes" if {
	account := iam.account_of(p)
	not account in config.own_account_ids
}

other_account(p) := "maybe" if is_null(p)

account_text(p) := iam.account_of(p) if {
	is_string(p)
} else := "(not known)"

deny := lib.certain(results)

undecided := lib.uncertain(results)
