# METADATA
# title: S3 bucket without server access logging
# description: |
#   Fires for each S3 bucket of the scan with no server access logging
#   (CloudFormation LoggingConfiguration, Terraform logging block on the
#   bucket or an aws_s3_bucket_logging naming it). Buckets that receive
#   server access logs are exempt, since logging them would log the logs: a
#   bucket another bucket of the scan names as its logging target (by
#   reference or by name), one whose canned ACL is log-delivery-write or
#   that grants to the S3 LogDelivery group, and one whose policy allows
#   the logging.s3.amazonaws.com service. A bucket that receives other logs
#   (CloudTrail, VPC flow logs, load balancer logs) is not exempt: who reads
#   those logs must be recorded too (CIS AWS Foundations asks for access
#   logging on the CloudTrail bucket). Logging that may not exist, and an
#   exemption that cannot be decided (a policy built from unknown parts, a
#   logging resource naming the bucket that may not exist, an Unknown ACL),
#   make the result undecided. A logging target outside the scan exempts
#   nothing. The finding points at the bucket.
# custom:
#   id: AWS-S3-006
#   name: s3-access-logging
#   severity: LOW
#   remediation: |
#     Send the bucket's server access logs to a dedicated log bucket.
#     CloudFormation: LoggingConfiguration: {DestinationBucketName: !Ref
#     LogBucket, LogFilePrefix: data/}. Terraform: an aws_s3_bucket_logging
#     with bucket = aws_s3_bucket.this.id, target_bucket =
#     aws_s3_bucket.logs.id and target_prefix (provider v3: logging {
#     target_bucket = ... }). Allow logging.s3.amazonaws.com to write to the
#     log bucket in its bucket policy.
#   references:
#     - https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-9
#     - https://docs.aws.amazon.com/AmazonS3/latest/userguide/ServerLogs.html
#     - https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html
#   equivalents:
#     - checkov:CKV_AWS_18
#     - trivy:AVD-AWS-0089
#     - tfsec:aws-s3-enable-bucket-logging
#   kinds:
#     - aws.s3.bucket
#   reads:
#     - access_logging
#     - log_target
package rampart.rules.s3_access_logging

import data.rampart.lib
import data.rampart.lib.s3

results contains lib.result(b, e.path, e.verdict, sprintf("S3 bucket %v %v", [b.id, e.text])) if {
	some b in lib.resources("aws.s3.bucket")
	some e in s3.logging_gaps(b.properties)
}

deny := lib.certain(results)

undecided := lib.uncertain(results)
