# METADATA
# title: S3 bucket without a public access block
# description: |
#   Fires for each S3 bucket of the scan that has no bucket-level public
#   access block with all four settings true (BlockPublicAcls,
#   BlockPublicPolicy, IgnorePublicAcls, RestrictPublicBuckets), whether the
#   block is written inline (CloudFormation PublicAccessBlockConfiguration)
#   or as a separate aws_s3_bucket_public_access_block naming the bucket by
#   reference or by name, in the same module or another module of the scan.
#   A bucket with no block declared fires even though AWS turns the four
#   settings on for a bucket created since April 2023: the template must say
#   so, so that it stays private when deployed to an account or a bucket
#   where the defaults differ, and so that no later change can drop it
#   silently. The account-level block (aws_s3_account_public_access_block)
#   is not the bucket's and does not count. A block whose resource may not
#   exist (an unknown count or for_each), a setting that is not known, or a
#   block set twice makes the result undecided. The finding points at the
#   setting that is false, or at the bucket when there is no block.
# custom:
#   id: AWS-S3-002
#   name: s3-public-access-block
#   severity: HIGH
#   remediation: |
#     Declare the bucket's public access block with all four settings true.
#     CloudFormation: PublicAccessBlockConfiguration with BlockPublicAcls,
#     BlockPublicPolicy, IgnorePublicAcls and RestrictPublicBuckets set to
#     true. Terraform: an aws_s3_bucket_public_access_block with bucket =
#     aws_s3_bucket.this.id and block_public_acls, block_public_policy,
#     ignore_public_acls and restrict_public_buckets = true.
#   references:
#     - https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-8
#     - https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html
#     - https://aws.amazon.com/about-aws/whats-new/2022/12/amazon-s3-automatically-enable-block-public-access-disable-access-control-lists-buckets-april-2023/
#   equivalents:
#     - checkov:CKV2_AWS_6
#     - checkov:CKV_AWS_53
#     - checkov:CKV_AWS_54
#     - checkov:CKV_AWS_55
#     - checkov:CKV_AWS_56
#     - trivy:AVD-AWS-0094
#     - tfsec:aws-s3-specify-public-access-block
#   kinds:
#     - aws.s3.bucket
#   reads:
#     - public_access_block
package rampart.rules.s3_public_access_block

import data.rampart.lib
import data.rampart.lib.s3

settings := s3.public_access_block_settings

results contains lib.result(b, e.path, e.verdict, sprintf("S3 bucket %v %v", [b.id, e.text])) if {
	some b in lib.resources("aws.s3.bucket")
	some e in s3.access_block_gaps(b.properties.public_access_block)
}

deny := lib.certain(results)

undecided := lib.uncertain(results)
