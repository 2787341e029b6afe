# METADATA
# title: Account password policy is weak
# description: |
#   Fires for an account password policy (aws_iam_account_password_policy;
#   CloudFormation has no resource type for it) at each setting that falls
#   short of CIS: a minimum length below 14, one of uppercase, lowercase,
#   number and symbol not required, reuse prevention below 24 passwords, or
#   a maximum age above 90 days or unset (passwords that never expire). An
#   argument left unset is what AWS applies then (length 6, nothing
#   required, reuse allowed, no expiry). An Unknown setting is undecided.
#   A template without a password policy does not fire: the scan cannot
#   know the account's.
# custom:
#   id: AWS-IAM-005
#   name: iam-strong-password-policy
#   severity: MEDIUM
#   remediation: |
#     Terraform: in aws_iam_account_password_policy set
#     minimum_password_length = 14 (or more), require_uppercase_characters,
#     require_lowercase_characters, require_numbers and require_symbols =
#     true, password_reuse_prevention = 24 and max_password_age = 90 (or
#     less). CloudFormation has no resource for the account password policy:
#     set it with the IAM console, the CLI (aws iam
#     update-account-password-policy) or a custom resource. Better still,
#     give people IAM Identity Center access instead of IAM user passwords.
#   references:
#     - https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-7
#     - https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-15
#     - https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-16
#     - https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html
#   equivalents:
#     - checkov:CKV_AWS_9
#     - checkov:CKV_AWS_10
#     - checkov:CKV_AWS_11
#     - checkov:CKV_AWS_12
#     - checkov:CKV_AWS_13
#     - checkov:CKV_AWS_14
#     - checkov:CKV_AWS_15
#   kinds:
#     - aws.iam.password_policy
#   reads:
#     - minimum_password_length
#     - require_uppercase_characters
#     - require_lowercase_characters
#     - require_numbers
#     - require_symbols
#     - password_reuse_prevention
#     - max_password_age
package rampart.rules.iam_strong_password_policy

import data.rampart.lib

required := [
	["require_uppercase_characters", "uppercase letters"],
	["require_lowercase_characters", "lowercase letters"],
	["require_numbers", "numbers"],
	["require_symbols", "symbols"],
]

results contains lib.result(p, ["minimum_password_length"], v, sprintf("%v requires passwords of %v characters, fewer than 14", [p.id, n])) if {
	some p in lib.resources("aws.iam.password_policy")
	n := p.properties.minimum_password_length
	v := lib.at(["minimum_password_length"], below(n, 14))
}

results contains lib.result(p, [key], v, sprintf("%v does not require %v", [p.id, what])) if {
	some p in lib.resources("aws.iam.password_policy")
	some [key, what] in required
	v := lib.at([key], not_true(p.properties[key]))
}

results contains lib.result(p, ["password_reuse_prevention"], v, sprintf("%v prevents the reuse of %v previous passwords, fewer than 24", [p.id, n])) if {
	some p in lib.resources("aws.iam.password_policy")
	n := p.properties.password_reuse_prevention
	v := lib.at(["password_reuse_prevention"], below(n, 24))
}

results contains lib.result(p, ["max_password_age"], v, age_message(p.id, n)) if {
	some p in lib.resources("aws.iam.password_policy")
	n := p.properties.max_password_age
	v := lib.at(["max_password_age"], too_old(n))
}

below(n, limit) := "yes" if {
	is_number(n)
	n < limit
}

below(n, _) := "maybe" if is_null(n)

not_true(x) := "yes" if x == false

not_true(x) := "maybe" if is_null(x)

too_old(n) := "yes" if {
	is_number(n)
	not_within_90(n)
}

too_old(n) := "maybe" if is_null(n)

not_within_90(n) if n == 0

not_within_90(n) if n > 90

age_message(id, n) := sprintf("%v lets passwords live forever (max_password_age unset or 0)", [id]) if {
	n == 0
} else := sprintf("%v lets passwords live %v days, more than 90", [id, n])

deny := lib.certain(results)

undecided := lib.uncertain(results)
