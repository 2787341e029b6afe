# METADATA
# title: Instance or launch template without an IAM instance profile
# description: |
#   Fires when an EC2 instance, or a launch template (or launch
#   configuration), has no IAM instance profile (IamInstanceProfile /
#   iam_instance_profile), so software on the instance that calls AWS needs
#   long-lived access keys instead of the role's temporary credentials. An
#   instance launched from a launch template in the scan has the template's
#   profile unless it names its own. A launch template that an EKS managed
#   node group or a Batch compute environment of the scan launches is not
#   reported: those services give its instances their own role (EKS forbids
#   a profile in such a template). A profile given by a reference counts as
#   set; an Unknown one (a variable without a value, a template outside
#   the scan) is undecided. The finding points at the profile setting, or
#   the resource when there is none.
#   Covers CIS AWS Foundations Benchmark v1.4.0 1.18 (IAM instance roles for access from instances).
# custom:
#   id: AWS-EC2-002
#   name: ec2-instance-profile
#   severity: LOW
#   remediation: |
#     Create a role with only the permissions the instance needs and an
#     instance profile for it, and name the profile on the instance or
#     template. CloudFormation: AWS::IAM::Role and AWS::IAM::InstanceProfile,
#     then IamInstanceProfile: !Ref Profile on AWS::EC2::Instance (or
#     IamInstanceProfile: {Arn: !GetAtt Profile.Arn} in LaunchTemplateData).
#     Terraform: aws_iam_role and aws_iam_instance_profile, then
#     iam_instance_profile = aws_iam_instance_profile.this.name on
#     aws_instance (an iam_instance_profile { arn = ... } block in
#     aws_launch_template).
#   references:
#     - https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/iam-roles-for-amazon-ec2.html
#     - https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#bp-workloads-use-roles
#     - https://docs.aws.amazon.com/securityhub/latest/userguide/cis-aws-foundations-benchmark.html
#   equivalents:
#     - checkov:CKV2_AWS_41
#   kinds:
#     - aws.ec2.instance
#     - aws.ec2.launch_template
#   reads:
#     - instance_profile
package rampart.rules.ec2_instance_profile

import data.rampart.lib

kinds := {"aws.ec2.instance": "instance", "aws.ec2.launch_template": "launch template"}

results contains lib.result(r, ["instance_profile"], v, sprintf("%v %v has no IAM instance profile", [noun, r.id])) if {
	some kind, noun in kinds
	some r in lib.resources(kind)
	v := lib.at(["instance_profile"], missing(r.properties.instance_profile))
}

deny := lib.certain(results)

undecided := lib.uncertain(results)

# missing is the verdict of "no profile": yes for false, maybe for Unknown.
missing(profile) := "yes" if profile == false

missing(profile) := "maybe" if is_null(profile)
