# METADATA
# title: AWS Config recorder incomplete
# description: |
#   Fires for each AWS Config configuration recorder
#   (AWS::Config::ConfigurationRecorder, aws_config_configuration_recorder)
#   that does not record every supported resource type including the global
#   ones, or that has no delivery channel in the scan. Each gap is one
#   finding: a recording group that lists or excludes resource types
#   (AllSupported / all_supported false, a recording strategy other than
#   ALL_SUPPORTED_RESOURCE_TYPES); IncludeGlobalResourceTypes /
#   include_global_resource_types false or absent (the CIS AWS Foundations
#   reading; AWS now advises recording the global IAM types in one region
#   only, so suppress this finding, with that reason, on the recorders of
#   the other regions), not reported again for a recorder already found not
#   to record every type; no AWS::Config::DeliveryChannel /
#   aws_config_delivery_channel in the same template, or in the same
#   Terraform module and provider configuration (a region has one recorder
#   and one delivery channel, which name no one another); and, as part of
#   recording at all, a Terraform recorder that is never started: the
#   provider creates it stopped until an
#   aws_config_configuration_recorder_status naming it has is_enabled =
#   true (CloudFormation starts its recorder once the delivery channel
#   exists). A setting that is not known, a delivery channel or status that
#   may not exist, or a delivery channel that several recorders of the unit
#   may own, makes the result undecided.
# custom:
#   id: AWS-CFG-001
#   name: config-recorder-complete
#   severity: MEDIUM
#   remediation: |
#     Record every supported resource type, the global IAM types included,
#     and deliver to a bucket. CloudFormation: RecordingGroup: {AllSupported:
#     true, IncludeGlobalResourceTypes: true} on the
#     AWS::Config::ConfigurationRecorder and an AWS::Config::DeliveryChannel
#     in the same template. Terraform: recording_group { all_supported =
#     true, include_global_resource_types = true } on the
#     aws_config_configuration_recorder, an aws_config_delivery_channel, and
#     an aws_config_configuration_recorder_status with is_enabled = true and
#     depends_on the delivery channel.
#   references:
#     - https://docs.aws.amazon.com/securityhub/latest/userguide/config-controls.html#config-1
#     - https://docs.aws.amazon.com/config/latest/developerguide/select-resources.html
#     - https://docs.aws.amazon.com/config/latest/developerguide/manage-delivery-channel.html
#     - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/config_configuration_recorder_status
#   equivalents:
#     - checkov:CKV2_AWS_45
#     - checkov:CKV2_AWS_48
#   kinds:
#     - aws.config.recorder
#   reads:
#     - all_supported
#     - include_global_resource_types
#     - delivery_channel
#     - recording
package rampart.rules.config_recorder_complete

import data.rampart.lib

recorders := lib.resources("aws.config.recorder")

results contains lib.result(r, ["all_supported"], v, sprintf("AWS Config recorder %v does not record every supported resource type (%v): changes to the others leave no configuration history", [r.id, strategy_text(r.properties.recording_strategy)])) if {
	some r in recorders
	v := lib.at(["all_supported"], off(r.properties.all_supported))
}

results contains lib.result(r, ["include_global_resource_types"], v, sprintf("AWS Config recorder %v does not record the global IAM resource types: changes to users, groups, roles and policies leave no configuration history", [r.id])) if {
	some r in recorders
	not r.properties.all_supported == false
	v := lib.at(["include_global_resource_types"], off(r.properties.include_global_resource_types))
}

results contains lib.result(r, ["delivery_channel"], v, sprintf("AWS Config recorder %v has no delivery channel in the scan: AWS Config delivers nothing and cannot start it", [r.id])) if {
	some r in recorders
	v := lib.at(["delivery_channel"], off(r.properties.delivery_channel))
}

results contains lib.result(r, ["recording"], v, sprintf("AWS Config recorder %v is never started: the provider creates it stopped, and no aws_config_configuration_recorder_status with is_enabled = true starts it", [r.id])) if {
	some r in recorders
	v := lib.at(["recording"], off(r.properties.recording))
}

deny := lib.certain(results)

undecided := lib.uncertain(results)

off(x) := "yes" if x == false

off(x) := "maybe" if is_null(x)

strategy_text(s) := sprintf("recording strategy %v", [s]) if is_string(s)

else := "its recording strategy is not known"
