# METADATA
# title: KMS key rotation off
# description: |
#   Fires for each symmetric encryption customer managed KMS key
#   (AWS::KMS::Key, aws_kms_key) with EnableKeyRotation /
#   enable_key_rotation false or absent (AWS's default). Only symmetric
#   encryption keys (KeySpec / customer_master_key_spec SYMMETRIC_DEFAULT,
#   the default) whose key material KMS generated (Origin AWS_KMS) can
#   rotate automatically: asymmetric keys (RSA_…, ECC_…, SM2), HMAC keys
#   and keys with imported material (Origin EXTERNAL,
#   aws_kms_external_key) are not judged. Unknown values (a parameter or a
#   variable without a value) are undecided, never a finding. The finding
#   points at EnableKeyRotation, or at the key when it is absent.
# custom:
#   id: AWS-KMS-001
#   name: kms-key-rotation
#   severity: MEDIUM
#   remediation: |
#     Turn automatic rotation on: KMS then makes new key material every
#     year (or the period you choose) and keeps the old to decrypt.
#     CloudFormation: EnableKeyRotation: true on the AWS::KMS::Key
#     (RotationPeriodInDays to choose the period). Terraform:
#     enable_key_rotation = true on aws_kms_key (rotation_period_in_days
#     to choose the period).
#   references:
#     - https://docs.aws.amazon.com/securityhub/latest/userguide/kms-controls.html#kms-4
#     - https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html
#     - https://docs.aws.amazon.com/config/latest/developerguide/cmk-backing-key-rotation-enabled.html
#   equivalents:
#     - checkov:CKV_AWS_7
#     - trivy:AVD-AWS-0065
#     - tfsec:aws-kms-auto-rotate-keys
#   kinds:
#     - aws.kms.key
#   reads:
#     - key_spec
#     - origin
#     - rotation_enabled
package rampart.rules.kms_key_rotation

import data.rampart.lib

results contains lib.result(k, ["rotation_enabled"], v, message(k.id)) if {
	some k in lib.resources("aws.kms.key")
	v := lib.all_of([
		lib.at(["key_spec"], is_value(k.properties.key_spec, "SYMMETRIC_DEFAULT")),
		lib.at(["origin"], is_value(k.properties.origin, "AWS_KMS")),
		lib.at(["rotation_enabled"], off(k.properties.rotation_enabled)),
	])
}

deny := lib.certain(results)

undecided := lib.uncertain(results)

is_value(x, want) := "yes" if x == want

is_value(x, _) := "maybe" if is_null(x)

off(x) := "yes" if x == false

off(x) := "maybe" if is_null(x)

message(id) := sprintf("KMS key %v does not rotate its key material: a compromised key version stays in use for everything it encrypts", [id])
