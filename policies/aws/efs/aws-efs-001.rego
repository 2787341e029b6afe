# METADATA
# title: EFS file system not encrypted
# description: |
#   Fires for each EFS file system (AWS::EFS::FileSystem,
#   aws_efs_file_system) with Encrypted / encrypted false or absent: the
#   API, and so CloudFormation and Terraform, create an unencrypted file
#   system unless asked (only the console encrypts by default), and
#   encryption cannot be turned on afterwards. An Unknown value (a
#   parameter or a variable without a value) is undecided, never a
#   finding. The finding points at Encrypted, or at the file system when
#   it is absent.
# custom:
#   id: AWS-EFS-001
#   name: efs-encrypted
#   severity: MEDIUM
#   remediation: |
#     Create the file system encrypted (an existing one is replaced: copy
#     the data to a new encrypted file system). CloudFormation: Encrypted:
#     true on the AWS::EFS::FileSystem, with KmsKeyId for a customer
#     managed key. Terraform: encrypted = true on aws_efs_file_system, with
#     kms_key_id for a customer managed key.
#   references:
#     - https://docs.aws.amazon.com/securityhub/latest/userguide/efs-controls.html#efs-1
#     - https://docs.aws.amazon.com/efs/latest/ug/encryption-at-rest.html
#     - https://docs.aws.amazon.com/config/latest/developerguide/efs-encrypted-check.html
#   equivalents:
#     - checkov:CKV_AWS_42
#     - trivy:AVD-AWS-0037
#     - tfsec:aws-efs-enable-at-rest-encryption
#   kinds:
#     - aws.efs.file_system
#   reads:
#     - encrypted
package rampart.rules.efs_encrypted

import data.rampart.lib

results contains lib.result(fs, ["encrypted"], v, message(fs.id)) if {
	some fs in lib.resources("aws.efs.file_system")
	v := lib.at(["encrypted"], off(fs.properties.encrypted))
}

deny := lib.certain(results)

undecided := lib.uncertain(results)

off(x) := "yes" if x == false

off(x) := "maybe" if is_null(x)

message(id) := sprintf("EFS file system %v is not encrypted at rest, and cannot be encrypted after it is created", [id])
