# METADATA
# title: Instance without an explicit security group
# description: |
#   Fires when an EC2 instance or launch template names no security group at
#   all, so AWS attaches the VPC's default group, whose rules are shared by
#   everything else that fell back to it. Instances launched from a launch
#   template are skipped (the template supplies the groups and is checked
#   itself), and so are resources that declare network interfaces inline
#   (an interface may be an existing one whose groups are set elsewhere).
#   The finding points at the security group setting, or the resource when
#   it is absent. A group list of Unknown length never produces a finding.
# custom:
#   id: AWS-SG-012
#   name: ec2-explicit-security-group
#   severity: MEDIUM
#   remediation: |
#     Create a security group for the instance's role and name it explicitly.
#     CloudFormation: SecurityGroupIds on AWS::EC2::Instance, or
#     SecurityGroupIds / NetworkInterfaces Groups in the launch template's
#     LaunchTemplateData. Terraform: vpc_security_group_ids on aws_instance or
#     aws_launch_template (or network_interfaces security_groups).
#   references:
#     - https://docs.aws.amazon.com/vpc/latest/userguide/default-security-group.html
#     - https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-security-groups.html
#   kinds:
#     - aws.ec2.instance
#     - aws.ec2.launch_template
#   reads:
#     - security_groups
#     - launch_template
#     - network_interfaces
package rampart.rules.ec2_explicit_security_group

import data.rampart.lib

kinds := ["aws.ec2.instance", "aws.ec2.launch_template"]

deny contains f if {
	some kind in kinds
	some r in lib.resources(kind)
	r.properties.security_groups == []
	object.get(r.properties, "launch_template", false) == false
	object.get(r.properties, "network_interfaces", 0) == 0
	msg := sprintf("%v names no security group and falls back to the VPC default group", [r.id])
	f := lib.finding(r, ["security_groups"], msg)
}
