# METADATA
# title: Instance or launch template uses an AMI that is not approved
# description: |
#   Fires when an EC2 instance, or a launch template (or launch
#   configuration), names a literal AMI ID (ImageId / ami / image_id,
#   "ami-...") that is not in config approved_amis, the list of hardened
#   images the organization builds. The rule is inactive while the list is
#   empty, its default. An instance launched from a launch template in the
#   scan is judged on the template's AMI unless it names its own. An AMI
#   that is not a literal ID (an SSM parameter such as
#   {{resolve:ssm:/aws/service/...}} or a parameter of an SSM type, a
#   data.aws_ami lookup, a variable, a template that leaves the AMI to
#   whoever launches it) cannot be judged and is undecided. The finding
#   points at the AMI.
# custom:
#   id: AWS-EC2-004
#   name: ec2-approved-ami
#   severity: LOW
#   remediation: |
#     Launch from one of the organization's hardened images (build them
#     with EC2 Image Builder and share them to the account), or add the
#     image to approved_amis in .rampart.yaml once it is approved.
#     CloudFormation: ImageId on AWS::EC2::Instance or in
#     LaunchTemplateData. Terraform: ami on aws_instance, image_id on
#     aws_launch_template or aws_launch_configuration.
#   references:
#     - https://docs.aws.amazon.com/prescriptive-guidance/latest/aws-startup-security-baseline/controls-wkld-04.html
#     - https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/AMIs.html
#     - https://docs.aws.amazon.com/imagebuilder/latest/userguide/what-is-image-builder.html
#   parameters:
#     - approved_amis
#   kinds:
#     - aws.ec2.instance
#     - aws.ec2.launch_template
#   reads:
#     - image_id
package rampart.rules.ec2_approved_ami

import data.rampart.lib
import data.rampart.lib.config

kinds := {"aws.ec2.instance": "instance", "aws.ec2.launch_template": "launch template"}

approved := {ami | some ami in config.approved_amis}

results contains lib.result(r, ["image_id"], v, message(noun, r.id, r.properties.image_id)) if {
	count(approved) > 0
	some kind, noun in kinds
	some r in lib.resources(kind)
	v := lib.at(["image_id"], unapproved(r.properties.image_id))
}

deny := lib.certain(results)

undecided := lib.uncertain(results)

unapproved(ami) := "yes" if {
	is_string(ami)
	not approved[ami]
}

unapproved(ami) := "maybe" if is_null(ami)

message(noun, id, ami) := sprintf("%v %v uses AMI %v, which is not in approved_amis", [noun, id, ami]) if {
	is_string(ami)
} else := ""
