# METADATA
# title: SNS topic not encrypted
# description: |
#   Fires for each SNS topic (AWS::SNS::Topic, aws_sns_topic) without a
#   KMS key (KmsMasterKeyId / kms_master_key_id absent or empty): SNS does
#   not encrypt messages at rest by default. Any key counts, the AWS
#   managed alias/aws/sns included. A Terraform key variable without a
#   value (it may be null) is undecided, never a finding. The finding
#   points at the topic, or at an empty key.
# custom:
#   id: AWS-SNS-001
#   name: sns-encrypted
#   severity: LOW
#   remediation: |
#     Encrypt the topic with a KMS key. CloudFormation: KmsMasterKeyId on
#     the AWS::SNS::Topic (a customer managed key whose policy lets the
#     publishing services use it, or alias/aws/sns). Terraform:
#     kms_master_key_id on aws_sns_topic.
#   references:
#     - https://docs.aws.amazon.com/securityhub/latest/userguide/sns-controls.html#sns-1
#     - https://docs.aws.amazon.com/sns/latest/dg/sns-server-side-encryption.html
#   equivalents:
#     - checkov:CKV_AWS_26
#     - trivy:AVD-AWS-0095
#     - tfsec:aws-sns-enable-topic-encryption
#   kinds:
#     - aws.sns.topic
#   reads:
#     - encrypted
package rampart.rules.sns_encrypted

import data.rampart.lib

results contains lib.result(topic, ["encrypted"], v, message(topic.id)) if {
	some topic in lib.resources("aws.sns.topic")
	v := lib.at(["encrypted"], off(topic.properties.encrypted))
}

deny := lib.certain(results)

undecided := lib.uncertain(results)

off(x) := "yes" if x == false

off(x) := "maybe" if is_null(x)

message(id) := sprintf("SNS topic %v has no KMS key: its messages are stored unencrypted", [id])
