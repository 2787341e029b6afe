# METADATA
# title: Instance or launch template allows IMDSv1
# description: |
#   Fires when an EC2 instance, or a launch template (or launch
#   configuration), does not require IMDSv2 session tokens
#   (MetadataOptions.HttpTokens / metadata_options { http_tokens } is not
#   "required") while the metadata service is on (HttpEndpoint /
#   http_endpoint is not "disabled"). IMDSv1 answers any request from the
#   instance, so a server-side request forgery in an application hands out
#   the credentials of the instance profile (AWS-EC2-002). Absent
#   metadata options allow IMDSv1: that is the EC2 API's default; an AMI
#   registered with ImdsSupport v2.0, or the account's instance metadata
#   defaults, can require tokens instead, but a template that does not say
#   depends on settings it cannot see, so it is reported, unless the scan
#   itself sets the region's default to "required"
#   (aws_ec2_instance_metadata_defaults). An instance launched from a
#   launch template in the scan has the template's options unless it sets
#   its own. An Unknown setting is undecided. The finding points at
#   http_tokens, or the resource when it is absent.
#   Covers CIS AWS Foundations Benchmark v3.0.0 5.6 (EC2 metadata service allows IMDSv2 only).
# custom:
#   id: AWS-EC2-003
#   name: ec2-imdsv2-required
#   severity: MEDIUM
#   remediation: |
#     Require session tokens. CloudFormation: MetadataOptions: {HttpTokens:
#     required} on AWS::EC2::Instance, in LaunchTemplateData of
#     AWS::EC2::LaunchTemplate, or on AWS::AutoScaling::LaunchConfiguration.
#     Terraform: metadata_options { http_tokens = "required" } on
#     aws_instance, aws_launch_template or aws_launch_configuration (or
#     aws_ec2_instance_metadata_defaults { http_tokens = "required" } for
#     the region's new instances). Check first that the software on the
#     instances uses an SDK that supports IMDSv2.
#   references:
#     - https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-8
#     - https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-170
#     - https://docs.aws.amazon.com/securityhub/latest/userguide/autoscaling-controls.html#autoscaling-3
#     - https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-IMDS-new-instances.html
#     - https://docs.aws.amazon.com/securityhub/latest/userguide/cis-aws-foundations-benchmark.html
#   equivalents:
#     - checkov:CKV_AWS_79
#     - trivy:AVD-AWS-0028
#     - trivy:AVD-AWS-0130
#     - kics:a4f5f706-80fd-4c96-9a24-6ab317d33d24
#   kinds:
#     - aws.ec2.instance
#     - aws.ec2.launch_template
#   reads:
#     - http_tokens
#     - http_endpoint
package rampart.rules.ec2_imdsv2_required

import data.rampart.lib

kinds := {"aws.ec2.instance": "instance", "aws.ec2.launch_template": "launch template"}

results contains lib.result(r, ["http_tokens"], v, message(noun, r.id, r.properties.http_tokens)) if {
	some kind, noun in kinds
	some r in lib.resources(kind)
	v := lib.all_of([
		lib.at(["http_tokens"], other_than(r.properties.http_tokens, "required")),
		lib.at(["http_endpoint"], other_than(r.properties.http_endpoint, "disabled")),
	])
}

deny := lib.certain(results)

undecided := lib.uncertain(results)

# other_than is the verdict of "setting is not value": maybe when Unknown.
other_than(setting, value) := "yes" if {
	is_string(setting)
	setting != value
}

other_than(setting, _) := "maybe" if is_null(setting)

message(noun, id, tokens) := sprintf("%v %v allows IMDSv1: http_tokens is %q, not \"required\"", [noun, id, tokens]) if {
	is_string(tokens)
} else := ""
