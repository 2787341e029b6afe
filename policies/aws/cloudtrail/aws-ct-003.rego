# METADATA
# title: CloudTrail trail without log file validation
# description: |
#   Fires for each CloudTrail trail with log file validation off:
#   EnableLogFileValidation / enable_log_file_validation false or absent
#   (the default). With validation on, CloudTrail writes a signed digest
#   file every hour that proves whether a log file was changed or deleted
#   after delivery; without it, a log file an intruder edited cannot be told
#   from a genuine one. A value that is not known before deployment makes
#   the result undecided. The finding points at the setting, or at the
#   trail when it is absent.
# custom:
#   id: AWS-CT-003
#   name: cloudtrail-log-validation
#   severity: MEDIUM
#   remediation: |
#     Turn log file validation on. CloudFormation: EnableLogFileValidation:
#     true on the AWS::CloudTrail::Trail. Terraform:
#     enable_log_file_validation = true on the aws_cloudtrail.
#   references:
#     - https://docs.aws.amazon.com/securityhub/latest/userguide/cloudtrail-controls.html#cloudtrail-4
#     - https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-validation-intro.html
#   equivalents:
#     - checkov:CKV_AWS_36
#     - trivy:AVD-AWS-0016
#     - tfsec:aws-cloudtrail-enable-log-validation
#   kinds:
#     - aws.cloudtrail.trail
#   reads:
#     - log_file_validation
package rampart.rules.cloudtrail_log_validation

import data.rampart.lib

results contains lib.result(t, ["log_file_validation"], v, sprintf("CloudTrail trail %v has log file validation off: a log file changed or deleted after delivery cannot be detected", [t.id])) if {
	some t in lib.resources("aws.cloudtrail.trail")
	v := lib.at(["log_file_validation"], off(t.properties.log_file_validation))
}

deny := lib.certain(results)

undecided := lib.uncertain(results)

off(x) := "yes" if x == false

off(x) := "maybe" if is_null(x)
