# METADATA
# title: S3 bucket policy does not require TLS
# description: |
#   Fires for each S3 bucket of the scan whose policy has no statement
#   denying requests over plain HTTP: Effect Deny, Principal "*" (or
#   {"AWS": "*"}), an action covering every S3 action (s3:* or *), and a
#   Bool or BoolIfExists condition with aws:SecureTransport (any case)
#   "false". A bucket without a policy fires. A deny limited to some actions
#   (s3:PutObject only) does not count: reads over HTTP stay possible. The
#   statement's resources are not checked. A policy, statement list or
#   statement piece that is not known, or a policy resource that may not
#   exist, makes the result undecided when no statement surely denies. The
#   finding points at the policy.
# custom:
#   id: AWS-S3-007
#   name: s3-secure-transport
#   severity: MEDIUM
#   remediation: |
#     Add a statement to the bucket policy: Effect Deny, Principal "*",
#     Action s3:*, Resource the bucket ARN and the bucket ARN with /*, and
#     Condition {Bool: {aws:SecureTransport: "false"}}. CloudFormation: in
#     the AWS::S3::BucketPolicy PolicyDocument. Terraform: in the document
#     of aws_s3_bucket_policy (an aws_iam_policy_document statement with
#     effect = "Deny", principals { type = "*", identifiers = ["*"] } and
#     condition { test = "Bool", variable = "aws:SecureTransport", values =
#     ["false"] }); with terraform-aws-modules/s3-bucket set
#     attach_deny_insecure_transport_policy = true.
#   references:
#     - https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-5
#     - https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html
#     - https://repost.aws/knowledge-center/s3-bucket-policy-for-config-rule
#   kinds:
#     - aws.s3.bucket
#   reads:
#     - policy
package rampart.rules.s3_secure_transport

import data.rampart.lib
import data.rampart.lib.s3

results contains lib.result(b, ["policy"], v, sprintf("S3 bucket %v has no policy statement denying requests without TLS (aws:SecureTransport false)", [b.id])) if {
	some b in lib.resources("aws.s3.bucket")
	v := no_tls_deny(s3.statements(b.properties.policy))
}

deny := lib.certain(results)

undecided := lib.uncertain(results)

# no_tls_deny: no answer when a statement surely denies plain HTTP; else
# the first statement that may, as a maybe; else "yes".
no_tls_deny(stmts) := v if {
	verdicts := [tls_deny(s) | some s in stmts]
	not "yes" in verdicts
	maybes := [m | some m in verdicts; m != "yes"]
	v := first_or_yes(maybes)
}

first_or_yes(maybes) := maybes[0] if count(maybes) > 0

first_or_yes(maybes) := "yes" if count(maybes) == 0

tls_deny(s) := lib.all_of([
	lib.at(s.path, s3.effect(s.statement, "Deny")),
	lib.at(array.concat(s.path, ["principals"]), s3.anyone(s.statement)),
	lib.at(array.concat(s.path, ["actions"]), s3.action_covers_all(s.statement)),
	lib.at(array.concat(s.path, ["conditions"]), insecure_transport(s.statement)),
])

insecure_transport(st) := "maybe" if is_null(st)

insecure_transport(st) := "yes" if tests_insecure(st.conditions)

insecure_transport(st) := "maybe" if {
	not is_null(st)
	not tests_insecure(st.conditions)
	unknown_transport_test(st.conditions)
}

tests_insecure(conditions) if {
	some op, keys in conditions
	lower(op) in {"bool", "boolifexists"}
	some key, values in keys
	lower(key) == "aws:securetransport"
	some v in values
	lower(v) == "false"
}

unknown_transport_test(conditions) if is_null(conditions)

unknown_transport_test(conditions) if {
	some keys in conditions
	is_null(keys)
}

unknown_transport_test(conditions) if {
	some op, keys in conditions
	lower(op) in {"bool", "boolifexists"}
	some key, values in keys
	lower(key) == "aws:securetransport"
	unknown_values(values)
}

unknown_values(values) if is_null(values)

unknown_values(values) if {
	some v in values
	is_null(v)
}
