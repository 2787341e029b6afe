# METADATA
# title: Instance or launch template with a public IP address
# description: |
#   Fires when an EC2 instance gets a public IPv4 address at launch, or a
#   launch template (or launch configuration) asks for one. An instance's
#   address is decided as AWS decides it: its primary network interface's
#   AssociatePublicIpAddress / associate_public_ip_address when set (its
#   own, or its launch template's when the template is in the scan), else
#   the MapPublicIpOnLaunch / map_public_ip_on_launch of its subnet, so an
#   instance in a subnet that maps public IPs is reported (the trace names
#   the subnet's setting) unless it opts out. A launch template is reported
#   only when it asks for an address itself: otherwise the subnet its
#   instances are launched in decides, which the template does not know.
#   An instance whose subnet is outside the scan (an ID, a variable) or
#   that names none (a default subnet of the default VPC, whose mapping is
#   the account's) is undecided, as is any Unknown setting; an instance
#   whose primary interface is an existing network interface gets no
#   automatic public IP. An Elastic IP of the scan associated with the
#   instance (AWS::EC2::EIP or AWS::EC2::EIPAssociation InstanceId, aws_eip
#   instance, aws_eip_association instance_id) is a public IP too; one
#   whose existence is Unknown leaves the instance undecided. The finding
#   points at the setting that gives the address (the instance's subnet,
#   with a trace hop to the subnet's mapping, or the Elastic IP's
#   association).
# custom:
#   id: AWS-EC2-001
#   name: ec2-no-public-ip
#   severity: MEDIUM
#   remediation: |
#     Launch the instance in a private subnet, without an Elastic IP, and
#     put a load balancer in front of it (reach it for administration through Systems Manager
#     Session Manager). CloudFormation: set AssociatePublicIpAddress: false
#     on the primary NetworkInterfaces entry of the instance or of the
#     launch template's LaunchTemplateData (AssociatePublicIpAddress: false
#     on a launch configuration), and MapPublicIpOnLaunch: false on the
#     subnet. Terraform: associate_public_ip_address = false on aws_instance
#     (or in the launch template's network_interfaces block, or on
#     aws_launch_configuration), and map_public_ip_on_launch = false on
#     aws_subnet.
#   references:
#     - https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-9
#     - https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-15
#     - https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-25
#     - https://docs.aws.amazon.com/securityhub/latest/userguide/autoscaling-controls.html#autoscaling-5
#     - https://docs.aws.amazon.com/vpc/latest/userguide/vpc-ip-addressing.html#vpc-public-ipv4-addresses
#   equivalents:
#     - checkov:CKV_AWS_88
#     - checkov:CKV_AWS_130
#     - trivy:AVD-AWS-0009
#     - trivy:AVD-AWS-0164
#     - kics:5a2486aa-facf-477d-a5c1-b010789459ce
#   kinds:
#     - aws.ec2.instance
#     - aws.ec2.launch_template
#   reads:
#     - public_ip
#     - associate_public_ip
package rampart.rules.ec2_no_public_ip

import data.rampart.lib

results contains lib.result(r, ["public_ip"], v, sprintf("instance %v has a public IPv4 address", [r.id])) if {
	some r in input.by_kind["aws.ec2.instance"]
	v := lib.at(["public_ip"], lib.truth(r.properties.public_ip))
}

results contains lib.result(r, ["associate_public_ip"], v, sprintf("launch template %v gives its instances a public IPv4 address", [r.id])) if {
	some r in input.by_kind["aws.ec2.launch_template"]
	v := lib.at(["associate_public_ip"], lib.truth(r.properties.associate_public_ip))
}

deny := lib.certain(results)

undecided := lib.uncertain(results)
