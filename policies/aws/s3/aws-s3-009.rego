# METADATA
# title: S3 bucket without a lifecycle configuration
# description: |
#   Fires for each S3 bucket of the scan with no lifecycle configuration
#   holding a rule (CloudFormation LifecycleConfiguration.Rules, Terraform
#   lifecycle_rule blocks on the bucket or an
#   aws_s3_bucket_lifecycle_configuration naming it). Without one, objects
#   and noncurrent versions are kept forever. Any rule counts, whatever it
#   does (expiration, transition, abort of incomplete uploads). A dynamic
#   block that may stand for none, a configuration that may not exist, or
#   one set twice makes the result undecided. The finding points at the
#   bucket.
# custom:
#   id: AWS-S3-009
#   name: s3-lifecycle-configured
#   severity: LOW
#   remediation: |
#     Add a lifecycle configuration. CloudFormation: LifecycleConfiguration:
#     {Rules: [{Id: expire-noncurrent, Status: Enabled,
#     NoncurrentVersionExpiration: {NoncurrentDays: 90},
#     AbortIncompleteMultipartUpload: {DaysAfterInitiation: 7}}]}.
#     Terraform: an aws_s3_bucket_lifecycle_configuration with bucket =
#     aws_s3_bucket.this.id and a rule { id, status = "Enabled", filter {},
#     noncurrent_version_expiration { noncurrent_days = 90 } }.
#   references:
#     - https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-13
#     - https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lifecycle-mgmt.html
#   equivalents:
#     - checkov:CKV2_AWS_61
#   kinds:
#     - aws.s3.bucket
#   reads:
#     - lifecycle_configured
package rampart.rules.s3_lifecycle_configured

import data.rampart.lib

results contains lib.result(b, [], v, sprintf("S3 bucket %v has no lifecycle configuration: its objects and old versions are kept forever", [b.id])) if {
	some b in lib.resources("aws.s3.bucket")
	v := lib.at(["lifecycle_configured"], missing(b.properties.lifecycle_configured))
}

deny := lib.certain(results)

undecided := lib.uncertain(results)

missing(x) := "yes" if x == false

missing(x) := "maybe" if is_null(x)
