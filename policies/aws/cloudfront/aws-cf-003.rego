# METADATA
# title: CloudFront distribution without access logging
# description: |
#   Fires for each CloudFront distribution (AWS::CloudFront::Distribution,
#   aws_cloudfront_distribution) that writes no access logs: no standard
#   logging bucket (DistributionConfig.Logging.Bucket, logging_config {
#   bucket }) and no logging v2 delivery source of the scan
#   (AWS::Logs::DeliverySource, aws_cloudwatch_log_delivery_source) whose
#   resource is the distribution. A delivery source whose resource is not
#   known (a parameter, an ARN built with Fn::Sub) may be the
#   distribution's, and one that may not exist may log it: both make the
#   result undecided, as does an Unknown logging configuration. The
#   finding points at the distribution.
# custom:
#   id: AWS-CF-003
#   name: cloudfront-logging
#   severity: LOW
#   remediation: |
#     Turn on access logging. Standard logging, CloudFormation:
#     DistributionConfig.Logging: {Bucket: !GetAtt LogBucket.DomainName,
#     Prefix: cdn/}; Terraform: logging_config { bucket =
#     aws_s3_bucket.logs.bucket_domain_name prefix = "cdn/" }. Or logging
#     v2: an AWS::Logs::DeliverySource / aws_cloudwatch_log_delivery_source
#     with LogType ACCESS_LOGS and the distribution's ARN as ResourceArn /
#     resource_arn, with a delivery to a destination.
#   references:
#     - https://docs.aws.amazon.com/securityhub/latest/userguide/cloudfront-controls.html#cloudfront-5
#     - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/AccessLogs.html
#     - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/standard-logging.html
#   equivalents:
#     - checkov:CKV_AWS_86
#     - trivy:AVD-AWS-0010
#     - tfsec:aws-cloudfront-enable-logging
#   kinds:
#     - aws.cloudfront.distribution
#   reads:
#     - logging
package rampart.rules.cloudfront_logging

import data.rampart.lib

results contains lib.result(d, ["logging"], v, sprintf("distribution %v writes no access logs: requests to it leave no record", [d.id])) if {
	some d in lib.resources("aws.cloudfront.distribution")
	v := lib.at(["logging"], off(d.properties.logging))
}

deny := lib.certain(results)

undecided := lib.uncertain(results)

off(x) := "yes" if x == false

off(x) := "maybe" if is_null(x)
