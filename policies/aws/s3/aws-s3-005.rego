# METADATA
# title: S3 bucket without versioning
# description: |
#   Fires for each S3 bucket of the scan whose versioning is not Enabled:
#   never enabled (no VersioningConfiguration, no versioning block or
#   aws_s3_bucket_versioning, or a v3 versioning block with enabled = false)
#   or Suspended. Without versioning an overwritten or deleted object cannot
#   be recovered. A status that is not known, set by a resource that may not
#   exist, or set twice makes the result undecided. The finding points at
#   the status.
# custom:
#   id: AWS-S3-005
#   name: s3-versioning
#   severity: MEDIUM
#   remediation: |
#     Enable versioning. CloudFormation: VersioningConfiguration: {Status:
#     Enabled}. Terraform: an aws_s3_bucket_versioning with bucket =
#     aws_s3_bucket.this.id and versioning_configuration { status =
#     "Enabled" } (provider v3: versioning { enabled = true }). Add a
#     lifecycle rule expiring noncurrent versions to bound the cost.
#   references:
#     - https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-14
#     - https://docs.aws.amazon.com/AmazonS3/latest/userguide/Versioning.html
#   equivalents:
#     - checkov:CKV_AWS_21
#     - trivy:AVD-AWS-0090
#     - tfsec:aws-s3-enable-versioning
#   kinds:
#     - aws.s3.bucket
#   reads:
#     - versioning
package rampart.rules.s3_versioning

import data.rampart.lib

results contains lib.result(b, ["versioning"], v, message(b.id, b.properties.versioning)) if {
	some b in lib.resources("aws.s3.bucket")
	v := lib.at(["versioning"], not_enabled(b.properties.versioning))
}

deny := lib.certain(results)

undecided := lib.uncertain(results)

not_enabled(s) := "maybe" if is_null(s)

not_enabled(s) := "yes" if {
	is_string(s)
	s != "Enabled"
}

message(id, s) := sprintf("S3 bucket %v has versioning %v: an overwritten or deleted object cannot be recovered", [id, lower(s)]) if is_string(s)

else := ""
