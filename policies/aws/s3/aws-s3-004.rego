# METADATA
# title: S3 bucket without default encryption configured
# description: |
#   Fires for each S3 bucket of the scan whose template configures no
#   default server-side encryption (CloudFormation BucketEncryption,
#   Terraform server_side_encryption_configuration on the bucket or an
#   aws_s3_bucket_server_side_encryption_configuration naming it). Since
#   January 2023 AWS encrypts every new object with SSE-S3 when a bucket has
#   no configuration, so the data is not stored in the clear: the rule asks,
#   as the catalog does, that the template state the encryption it relies on
#   (and lets s3_require_kms demand a key the account controls). With
#   s3_require_kms true, a configuration whose algorithm is not aws:kms or
#   aws:kms:dsse fires too. A configuration that may not exist, is set
#   twice, or whose algorithm is not known makes the result undecided.
# custom:
#   id: AWS-S3-004
#   name: s3-default-encryption
#   severity: MEDIUM
#   remediation: |
#     Configure default encryption. CloudFormation: BucketEncryption with
#     ServerSideEncryptionConfiguration: [{ServerSideEncryptionByDefault:
#     {SSEAlgorithm: aws:kms, KMSMasterKeyID: !Ref Key}, BucketKeyEnabled:
#     true}] (or SSEAlgorithm: AES256). Terraform: an
#     aws_s3_bucket_server_side_encryption_configuration with bucket =
#     aws_s3_bucket.this.id and rule { apply_server_side_encryption_by_default
#     { sse_algorithm = "aws:kms", kms_master_key_id = aws_kms_key.this.arn } }.
#   references:
#     - https://docs.aws.amazon.com/AmazonS3/latest/userguide/default-encryption-faq.html
#     - https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-encryption.html
#     - https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-17
#   equivalents:
#     - checkov:CKV_AWS_19
#     - checkov:CKV_AWS_145
#     - trivy:AVD-AWS-0088
#     - tfsec:aws-s3-enable-bucket-encryption
#   parameters:
#     - s3_require_kms
#   kinds:
#     - aws.s3.bucket
#   reads:
#     - encryption
package rampart.rules.s3_default_encryption

import data.rampart.lib
import data.rampart.lib.config

kms_algorithms := {"aws:kms", "aws:kms:dsse"}

results contains lib.result(b, ["encryption"], lib.at(["encryption"], "maybe"), "") if {
	some b in lib.resources("aws.s3.bucket")
	is_null(b.properties.encryption)
}

results contains lib.result(b, ["encryption"], v, sprintf("S3 bucket %v configures no default encryption", [b.id])) if {
	some b in lib.resources("aws.s3.bucket")
	v := lib.at(["encryption", "configured"], not_configured(b.properties.encryption.configured))
}

results contains lib.result(b, ["encryption", "algorithm"], v, message(b.id, b.properties.encryption.algorithm)) if {
	some b in lib.resources("aws.s3.bucket")
	config.s3_require_kms == true
	b.properties.encryption.configured == true
	v := lib.at(["encryption", "algorithm"], not_kms(b.properties.encryption.algorithm))
}

deny := lib.certain(results)

undecided := lib.uncertain(results)

not_configured(x) := "yes" if x == false

not_configured(x) := "maybe" if is_null(x)

not_kms(alg) := "yes" if {
	is_string(alg)
	not kms_algorithms[alg]
}

not_kms(alg) := "maybe" if is_null(alg)

message(id, alg) := sprintf("S3 bucket %v encrypts with %v, not a KMS key (s3_require_kms)", [id, alg]) if is_string(alg)

else := ""
