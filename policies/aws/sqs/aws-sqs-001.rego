# METADATA
# title: SQS queue not encrypted
# description: |
#   Fires for each SQS queue (AWS::SQS::Queue, aws_sqs_queue) with no
#   server-side encryption: SqsManagedSseEnabled / sqs_managed_sse_enabled
#   false and no KmsMasterKeyId / kms_master_key_id. A queue that says
#   nothing is encrypted: AWS turns SSE-SQS (SQS-managed keys) on for every
#   new queue that does not ask otherwise, so it passes; so does a queue
#   with a KMS key. An Unknown flag, or a Terraform key variable without a
#   value (it may be null), is undecided, never a finding. The finding
#   points at SqsManagedSseEnabled.
# custom:
#   id: AWS-SQS-001
#   name: sqs-encrypted
#   severity: LOW
#   remediation: |
#     Keep server-side encryption on. CloudFormation: remove
#     SqsManagedSseEnabled: false from the AWS::SQS::Queue, or set
#     KmsMasterKeyId to a KMS key. Terraform: remove sqs_managed_sse_enabled
#     = false from aws_sqs_queue, or set kms_master_key_id to a KMS key.
#   references:
#     - https://docs.aws.amazon.com/securityhub/latest/userguide/sqs-controls.html#sqs-1
#     - https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-server-side-encryption.html
#   equivalents:
#     - checkov:CKV_AWS_27
#     - trivy:AVD-AWS-0096
#     - tfsec:aws-sqs-enable-queue-encryption
#   kinds:
#     - aws.sqs.queue
#   reads:
#     - encryption
package rampart.rules.sqs_encrypted

import data.rampart.lib

results contains lib.result(q, ["encryption"], v, message(q.id)) if {
	some q in lib.resources("aws.sqs.queue")
	v := lib.at(["encryption"], unencrypted(q.properties.encryption))
}

deny := lib.certain(results)

undecided := lib.uncertain(results)

unencrypted(x) := "yes" if x == "none"

unencrypted(x) := "maybe" if is_null(x)

message(id) := sprintf("SQS queue %v turns server-side encryption off: its messages are stored unencrypted", [id])
