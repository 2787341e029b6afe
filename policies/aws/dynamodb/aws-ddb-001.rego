# METADATA
# title: DynamoDB point-in-time recovery off
# description: |
#   Fires for each DynamoDB table (AWS::DynamoDB::Table,
#   aws_dynamodb_table) without point-in-time recovery:
#   PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled /
#   point_in_time_recovery { enabled } false or absent (AWS's default).
#   Without it, a table overwritten or deleted by mistake can only be
#   restored from an on-demand backup, if there is one. An Unknown value
#   (a parameter or a variable without a value) is undecided, never a
#   finding. Global tables (AWS::DynamoDB::GlobalTable) are not judged
#   yet. The finding points at the setting, or at the table when it is
#   absent.
# custom:
#   id: AWS-DDB-001
#   name: dynamodb-point-in-time-recovery
#   severity: LOW
#   remediation: |
#     Turn point-in-time recovery on. CloudFormation:
#     PointInTimeRecoverySpecification: {PointInTimeRecoveryEnabled: true}
#     on the AWS::DynamoDB::Table. Terraform: a point_in_time_recovery
#     block with enabled = true on aws_dynamodb_table.
#   references:
#     - https://docs.aws.amazon.com/securityhub/latest/userguide/dynamodb-controls.html#dynamodb-2
#     - https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/PointInTimeRecovery.html
#     - https://docs.aws.amazon.com/config/latest/developerguide/dynamodb-pitr-enabled.html
#   equivalents:
#     - checkov:CKV_AWS_28
#     - trivy:AVD-AWS-0024
#     - tfsec:aws-dynamodb-enable-recovery
#   kinds:
#     - aws.dynamodb.table
#   reads:
#     - point_in_time_recovery
package rampart.rules.dynamodb_point_in_time_recovery

import data.rampart.lib

results contains lib.result(t, ["point_in_time_recovery"], v, message(t.id)) if {
	some t in lib.resources("aws.dynamodb.table")
	v := lib.at(["point_in_time_recovery"], off(t.properties.point_in_time_recovery))
}

deny := lib.certain(results)

undecided := lib.uncertain(results)

off(x) := "yes" if x == false

off(x) := "maybe" if is_null(x)

message(id) := sprintf("DynamoDB table %v has no point-in-time recovery: data overwritten or deleted by mistake cannot be restored to a moment before", [id])
