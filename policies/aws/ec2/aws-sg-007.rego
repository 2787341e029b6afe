# METADATA
# title: Security group or rule without a description
# description: |
#   Fires when a security group's description is empty or Terraform's
#   placeholder "Managed by Terraform" (which is what an absent Terraform
#   description becomes), and for each ingress or egress rule whose
#   description is empty or absent. A description records why access was
#   granted, which reviewers and incident responders need. Group-level
#   checks skip default groups (their description is fixed by AWS) and
#   groups synthesized for rule resources whose group is outside the scan;
#   the rules of such groups are still checked. A group finding points at
#   the description, a rule finding at the rule. Unknown descriptions never
#   produce a finding.
# custom:
#   id: AWS-SG-007
#   name: sg-description-required
#   severity: LOW
#   remediation: |
#     State the group's purpose and each rule's reason. CloudFormation: set
#     GroupDescription on the AWS::EC2::SecurityGroup and Description on every
#     SecurityGroupIngress / SecurityGroupEgress entry and rule resource.
#     Terraform: set description on aws_security_group (not the default
#     "Managed by Terraform"; changing it replaces the group) and on every
#     ingress / egress block and rule resource.
#   references:
#     - https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html
#     - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/security_group#description-1
#   equivalents:
#     - checkov:CKV_AWS_23
#     - trivy:AVD-AWS-0099
#     - trivy:AVD-AWS-0124
#     - tfsec:aws-ec2-add-description-to-security-group
#     - tfsec:aws-ec2-add-description-to-security-group-rule
#     - kics:cb3f5ed6-0d18-40de-a93d-b3538db31e8c
#   kinds:
#     - aws.ec2.security_group
#   reads:
#     - description
#     - ingress[*].description
#     - egress[*].description
package rampart.rules.sg_description_required

import data.rampart.lib
import data.rampart.lib.sg as sglib

deny contains f if {
	some sg in sglib.groups
	sglib.declared(sg.properties.external)
	sg.properties.is_default == false
	sglib.lacks_description(sg.properties.description)
	f := lib.finding(sg, ["description"], sprintf("security group %v has no meaningful description", [sg.id]))
}

deny contains f if {
	some sg in sglib.groups
	some direction in ["ingress", "egress"]
	some i, rule in sg.properties[direction]
	sglib.lacks_description(rule.description)
	msg := sprintf("%v rule %d of security group %v has no description%v", [direction, i, sg.id, sglib.origin_text(sg.id, rule)])
	f := lib.finding(sg, [direction, i], msg)
}
