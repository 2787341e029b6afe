# METADATA
# title: CloudTrail trail of one region only
# description: |
#   Fires for each CloudTrail trail that records the events of its own
#   region only: IsMultiRegionTrail / is_multi_region_trail false or absent
#   (the default). Activity in any other region, where an intruder can start
#   resources unseen, leaves no record in it. An organization trail is
#   judged the same way. Whether another trail of the scan covers every
#   region is the account baseline's question (AWS-BASE-001), not this
#   rule's: each trail is judged on its own. A value that is not known
#   before deployment makes the result undecided. The finding points at the
#   setting, or at the trail when it is absent.
# custom:
#   id: AWS-CT-002
#   name: cloudtrail-multi-region
#   severity: MEDIUM
#   remediation: |
#     Make the trail record every region. CloudFormation:
#     IsMultiRegionTrail: true on the AWS::CloudTrail::Trail (with
#     IncludeGlobalServiceEvents, the default). Terraform:
#     is_multi_region_trail = true on the aws_cloudtrail.
#   references:
#     - https://docs.aws.amazon.com/securityhub/latest/userguide/cloudtrail-controls.html#cloudtrail-1
#     - https://docs.aws.amazon.com/awscloudtrail/latest/userguide/receive-cloudtrail-log-files-from-multiple-regions.html
#     - https://docs.aws.amazon.com/config/latest/developerguide/multi-region-cloudtrail-enabled.html
#   equivalents:
#     - checkov:CKV_AWS_67
#     - trivy:AVD-AWS-0014
#     - tfsec:aws-cloudtrail-enable-all-regions
#   kinds:
#     - aws.cloudtrail.trail
#   reads:
#     - multi_region
package rampart.rules.cloudtrail_multi_region

import data.rampart.lib

results contains lib.result(t, ["multi_region"], v, sprintf("CloudTrail trail %v records the events of its own region only: activity in every other region leaves no record", [t.id])) if {
	some t in lib.resources("aws.cloudtrail.trail")
	v := lib.at(["multi_region"], off(t.properties.multi_region))
}

deny := lib.certain(results)

undecided := lib.uncertain(results)

off(x) := "yes" if x == false

off(x) := "maybe" if is_null(x)
