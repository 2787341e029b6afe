# METADATA
# title: CloudTrail trail with logging off
# description: |
#   Fires for each CloudTrail trail (AWS::CloudTrail::Trail, aws_cloudtrail)
#   whose logging is turned off: IsLogging false (CloudFormation requires
#   the property) or enable_logging = false (the provider's default is
#   true). A trail that does not log records no API call, so nothing that
#   happens in the account can be investigated afterwards. A value that is
#   not known before deployment, or a CloudFormation trail without
#   IsLogging (it is not created), makes the result undecided. The finding
#   points at the setting.
# custom:
#   id: AWS-CT-001
#   name: cloudtrail-logging-on
#   severity: HIGH
#   remediation: |
#     Turn the trail's logging on. CloudFormation: IsLogging: true on the
#     AWS::CloudTrail::Trail. Terraform: remove enable_logging = false from
#     the aws_cloudtrail (true is the default) or set it to true.
#   references:
#     - https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-turning-off-logging.html
#     - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-cloudtrail-trail.html
#     - https://docs.aws.amazon.com/config/latest/developerguide/cloudtrail-enabled.html
#   equivalents:
#     - checkov:CKV_AWS_251
#   kinds:
#     - aws.cloudtrail.trail
#   reads:
#     - logging
package rampart.rules.cloudtrail_logging_on

import data.rampart.lib

results contains lib.result(t, ["logging"], v, sprintf("CloudTrail trail %v has logging turned off: it records no API call made in the account", [t.id])) if {
	some t in lib.resources("aws.cloudtrail.trail")
	v := lib.at(["logging"], off(t.properties.logging))
}

deny := lib.certain(results)

undecided := lib.uncertain(results)

off(x) := "yes" if x == false

off(x) := "maybe" if is_null(x)
