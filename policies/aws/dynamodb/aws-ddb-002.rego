# METADATA
# title: DynamoDB table not encrypted with a customer managed key
# description: |
#   Fires for each DynamoDB table (AWS::DynamoDB::Table,
#   aws_dynamodb_table) that is not encrypted with a customer managed KMS
#   key. Every table is encrypted; by default with a key AWS owns (no
#   KMS key policy, no CloudTrail record of its use), or, with
#   SSESpecification.SSEEnabled / server_side_encryption { enabled } true
#   and no key (or alias/aws/dynamodb), with the account's AWS managed
#   key, whose policy the account cannot restrict. A key named by ARN, ID,
#   alias or a key resource's attribute counts as the customer's. A flag
#   or key that is Unknown (a variable without a value, which may be null)
#   is undecided, never a finding. Global tables are not judged yet. The
#   finding points at the key setting, or at the table when it is absent.
# custom:
#   id: AWS-DDB-002
#   name: dynamodb-cmk-encryption
#   severity: LOW
#   remediation: |
#     Encrypt the table with a KMS key you manage. CloudFormation:
#     SSESpecification {SSEEnabled: true, SSEType: KMS, KMSMasterKeyId:
#     !Ref TableKey} on the AWS::DynamoDB::Table. Terraform: a
#     server_side_encryption block with enabled = true and kms_key_arn =
#     aws_kms_key.table.arn on aws_dynamodb_table.
#   references:
#     - https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/EncryptionAtRest.html
#     - https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#customer-cmk
#   equivalents:
#     - checkov:CKV_AWS_119
#     - trivy:AVD-AWS-0025
#     - tfsec:aws-dynamodb-table-customer-key
#   kinds:
#     - aws.dynamodb.table
#   reads:
#     - encryption
package rampart.rules.dynamodb_cmk_encryption

import data.rampart.lib

results contains lib.result(t, ["encryption"], v, message(t)) if {
	some t in lib.resources("aws.dynamodb.table")
	v := lib.at(["encryption"], not_customer(t.properties.encryption))
}

deny := lib.certain(results)

undecided := lib.uncertain(results)

not_customer(x) := "yes" if {
	lib.known_string(x)
	x != "customer"
}

not_customer(x) := "maybe" if is_null(x)

message(t) := sprintf("DynamoDB table %v is encrypted with %v, not a customer managed KMS key: who may use the key cannot be restricted or audited", [t.id, key_name[t.properties.encryption]]) if {
	lib.known_string(t.properties.encryption)
} else := ""

key_name := {"aws_owned": "a key AWS owns", "aws_managed": "the AWS managed key aws/dynamodb"}
