# METADATA
# title: Too many security groups on an instance
# description: |
#   Fires when an EC2 instance, a launch template (or launch configuration)
#   or a network interface names more security groups than config
#   max_security_groups_per_instance (default 3), counting every group
#   wherever it is written (SecurityGroupIds, SecurityGroups, network
#   interface GroupSet, vpc_security_group_ids, security_groups,
#   aws_network_interface_sg_attachment). Many overlapping groups make the
#   effective access hard to review. The finding points at the groups. A
#   list whose length is Unknown never produces a finding.
# custom:
#   id: AWS-SG-010
#   name: ec2-max-security-groups
#   severity: LOW
#   remediation: |
#     Merge the groups into fewer role-based groups (one per tier):
#     CloudFormation SecurityGroupIds / SecurityGroups (or the network
#     interface's GroupSet), Terraform vpc_security_group_ids / security_groups
#     (or the launch template's network_interfaces security_groups). Or raise
#     max_security_groups_per_instance in .rampart.yaml if the design needs
#     more.
#   references:
#     - https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html#vpc-limits-security-groups
#   parameters:
#     - max_security_groups_per_instance
#   kinds:
#     - aws.ec2.instance
#     - aws.ec2.launch_template
#     - aws.ec2.network_interface
#   reads:
#     - security_groups
package rampart.rules.ec2_max_security_groups

import data.rampart.lib
import data.rampart.lib.config

kinds := ["aws.ec2.instance", "aws.ec2.launch_template", "aws.ec2.network_interface"]

deny contains f if {
	some kind in kinds
	some r in lib.resources(kind)
	groups := r.properties.security_groups
	is_array(groups)
	limit := config.max_security_groups_per_instance
	is_number(limit)
	count(groups) > limit
	msg := sprintf("%v is attached to %d security groups, more than %v", [r.id, count(groups), limit])
	f := lib.finding(r, ["security_groups"], msg)
}
