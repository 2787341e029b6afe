# METADATA
# title: CloudFront cache behaviour allows plain HTTP
# description: |
#   Fires for each cache behaviour of a CloudFront distribution
#   (AWS::CloudFront::Distribution, aws_cloudfront_distribution), the
#   default one and each ordered one, whose viewer protocol policy is
#   allow-all: viewers may fetch it over plain HTTP. redirect-to-https and
#   https-only pass. An Unknown policy, a behaviour that is Unknown and a
#   list of behaviours of Unknown length are undecided. The finding points
#   at the behaviour's ViewerProtocolPolicy.
# custom:
#   id: AWS-CF-001
#   name: cloudfront-https-only
#   severity: MEDIUM
#   remediation: |
#     Set the viewer protocol policy of every cache behaviour to
#     redirect-to-https (or https-only). CloudFormation:
#     ViewerProtocolPolicy: redirect-to-https in DefaultCacheBehavior and in
#     each CacheBehaviors entry. Terraform: viewer_protocol_policy =
#     "redirect-to-https" in default_cache_behavior and every
#     ordered_cache_behavior.
#   references:
#     - https://docs.aws.amazon.com/securityhub/latest/userguide/cloudfront-controls.html#cloudfront-3
#     - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-https-viewers-to-cloudfront.html
#   equivalents:
#     - checkov:CKV_AWS_34
#     - trivy:AVD-AWS-0012
#     - tfsec:aws-cloudfront-enforce-https
#   kinds:
#     - aws.cloudfront.distribution
#   reads:
#     - cache_behaviors
package rampart.rules.cloudfront_https_only

import data.rampart.lib

results contains lib.result(d, ["cache_behaviors"], {"maybe": ["cache_behaviors"]}, "") if {
	some d in lib.resources("aws.cloudfront.distribution")
	is_null(d.properties.cache_behaviors)
}

results contains lib.result(d, ["cache_behaviors", i], {"maybe": ["cache_behaviors", i]}, "") if {
	some d in lib.resources("aws.cloudfront.distribution")
	some i, b in d.properties.cache_behaviors
	is_null(b)
}

results contains lib.result(d, path, v, sprintf("cache behaviour %v of distribution %v allows plain HTTP (viewer protocol policy allow-all)", [b.path_pattern, d.id])) if {
	some d in lib.resources("aws.cloudfront.distribution")
	some i, b in d.properties.cache_behaviors
	path := ["cache_behaviors", i, "viewer_protocol_policy"]
	v := lib.at(path, allows_http(b.viewer_protocol_policy))
}

deny := lib.certain(results)

undecided := lib.uncertain(results)

allows_http(p) := "yes" if p == "allow-all"

allows_http(p) := "maybe" if is_null(p)
