# METADATA
# title: CloudFront distribution accepts TLS older than TLSv1.2_2021
# description: |
#   Fires for each CloudFront distribution (AWS::CloudFront::Distribution,
#   aws_cloudfront_distribution) that serves viewers with CloudFront's
#   default *.cloudfront.net certificate (no ViewerCertificate,
#   CloudFrontDefaultCertificate / cloudfront_default_certificate true, or
#   no ACM or IAM certificate), which always accepts TLSv1, or whose
#   minimum viewer security policy (MinimumProtocolVersion /
#   minimum_protocol_version, TLSv1 when absent) is older than
#   TLSv1.2_2021: SSLv3, TLSv1, TLSv1_2016, TLSv1.1_2016, TLSv1.2_2018 or
#   TLSv1.2_2019 (CloudFront's policy table). A distribution on the default
#   certificate is reported once, at the certificate. An Unknown
#   certificate or policy, and a policy name CloudFront's table (as
#   rampart knows it) does not list, are undecided.
# custom:
#   id: AWS-CF-002
#   name: cloudfront-min-tls
#   severity: MEDIUM
#   remediation: |
#     Serve the distribution with your own certificate from ACM (in
#     us-east-1) and the TLSv1.2_2021 security policy or newer.
#     CloudFormation: ViewerCertificate: {AcmCertificateArn: ...,
#     SslSupportMethod: sni-only, MinimumProtocolVersion: TLSv1.2_2021}.
#     Terraform: viewer_certificate { acm_certificate_arn = ...
#     ssl_support_method = "sni-only" minimum_protocol_version =
#     "TLSv1.2_2021" }.
#   references:
#     - https://docs.aws.amazon.com/securityhub/latest/userguide/cloudfront-controls.html#cloudfront-7
#     - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/secure-connections-supported-viewer-protocols-ciphers.html
#     - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/cnames-and-https-requirements.html
#   equivalents:
#     - checkov:CKV_AWS_174
#     - trivy:AVD-AWS-0013
#     - tfsec:aws-cloudfront-use-secure-tls-policy
#   kinds:
#     - aws.cloudfront.distribution
#   reads:
#     - default_certificate
#     - minimum_protocol_version
package rampart.rules.cloudfront_min_tls

import data.rampart.lib

# Viewer security policies older than TLSv1.2_2021, from CloudFront's
# table (the kind's minimum_protocol_version lists them all).
old_policies := {"SSLv3", "TLSv1", "TLSv1_2016", "TLSv1.1_2016", "TLSv1.2_2018", "TLSv1.2_2019"}

results contains lib.result(d, ["default_certificate"], v, sprintf("distribution %v serves the default CloudFront certificate, which accepts TLSv1", [d.id])) if {
	some d in lib.resources("aws.cloudfront.distribution")
	v := lib.at(["default_certificate"], lib.truth(d.properties.default_certificate))
}

results contains lib.result(d, ["minimum_protocol_version"], v, msg) if {
	some d in lib.resources("aws.cloudfront.distribution")
	d.properties.default_certificate == false
	v := lib.at(["minimum_protocol_version"], old(d.properties.minimum_protocol_version))
	msg := sprintf("distribution %v accepts viewers with security policy %v, older than TLSv1.2_2021", [d.id, d.properties.minimum_protocol_version])
}

deny := lib.certain(results)

undecided := lib.uncertain(results)

old(p) := "yes" if p in old_policies

old(p) := "maybe" if is_null(p)
