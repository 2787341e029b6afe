# METADATA
# title: CloudTrail trail without a KMS key
# description: |
#   Fires for each CloudTrail trail that names no KMS key: KMSKeyId /
#   kms_key_id absent or empty. Its log files are then encrypted with
#   S3-managed keys only (SSE-S3), which anyone allowed to read the bucket
#   can read; with a KMS key, reading a log file also takes kms:Decrypt on
#   the key, and every use of the key is itself logged. Any key counts (an
#   ID, an alias, an ARN, a reference to a key or alias of the scan or to a
#   data source, a CloudFormation parameter or import). A Terraform variable
#   that may be null makes the result undecided. The finding points at the
#   key when it is empty, else at the trail.
# custom:
#   id: AWS-CT-004
#   name: cloudtrail-kms-encryption
#   severity: MEDIUM
#   remediation: |
#     Encrypt the log files with a customer managed KMS key whose key policy
#     lets cloudtrail.amazonaws.com use it (kms:GenerateDataKey* with an
#     aws:SourceArn condition naming the trail). CloudFormation: KMSKeyId:
#     !GetAtt TrailKey.Arn on the AWS::CloudTrail::Trail. Terraform:
#     kms_key_id = aws_kms_key.trail.arn on the aws_cloudtrail.
#   references:
#     - https://docs.aws.amazon.com/securityhub/latest/userguide/cloudtrail-controls.html#cloudtrail-2
#     - https://docs.aws.amazon.com/awscloudtrail/latest/userguide/encrypting-cloudtrail-log-files-with-aws-kms.html
#     - https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-kms-key-policy-for-cloudtrail.html
#   equivalents:
#     - checkov:CKV_AWS_35
#     - trivy:AVD-AWS-0015
#     - tfsec:aws-cloudtrail-encryption-customer-key
#   kinds:
#     - aws.cloudtrail.trail
#   reads:
#     - kms_encrypted
package rampart.rules.cloudtrail_kms_encryption

import data.rampart.lib

results contains lib.result(t, ["kms_encrypted"], v, sprintf("CloudTrail trail %v names no KMS key: its log files are encrypted with S3-managed keys, readable by anyone who can read the bucket", [t.id])) if {
	some t in lib.resources("aws.cloudtrail.trail")
	v := lib.at(["kms_encrypted"], off(t.properties.kms_encrypted))
}

deny := lib.certain(results)

undecided := lib.uncertain(results)

off(x) := "yes" if x == false

off(x) := "maybe" if is_null(x)
