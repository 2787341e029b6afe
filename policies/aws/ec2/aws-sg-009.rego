# METADATA
# title: Security group lacks required tags
# description: |
#   Fires when a security group's tags (for Terraform, merged over the
#   provider's default_tags) lack one of the keys in config
#   security_group_required_tags (default Environment, Tier, Application).
#   Keys compare exactly, case included, as AWS does. One finding lists
#   every missing key and points at the tags, or at the resource when it
#   has none. Groups synthesized for rule resources outside the scan are
#   skipped. Unknown tags (a merge with an unset variable) never produce a
#   finding; a tag whose value is Unknown is present.
# custom:
#   id: AWS-SG-009
#   name: sg-required-tags
#   severity: LOW
#   remediation: |
#     Add the missing tags: CloudFormation Tags (Key/Value entries) on the
#     AWS::EC2::SecurityGroup; Terraform tags on aws_security_group, or the
#     provider's default_tags so every resource carries them.
#   references:
#     - https://docs.aws.amazon.com/whitepapers/latest/tagging-best-practices/tagging-best-practices.html
#     - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/guides/resource-tagging
#   parameters:
#     - security_group_required_tags
#   kinds:
#     - aws.ec2.security_group
#   reads:
#     - tags
package rampart.rules.sg_required_tags

import data.rampart.lib
import data.rampart.lib.config
import data.rampart.lib.sg as sglib

deny contains f if {
	some sg in sglib.groups
	sglib.declared(sg.properties.external)
	tags := sg.properties.tags
	is_object(tags)
	missing := [k | some k in config.security_group_required_tags; not has_key(tags, k)]
	count(missing) > 0
	msg := sprintf("security group %v lacks required tag %v", [sg.id, concat(", ", missing)])
	f := lib.finding(sg, ["tags"], msg)
}

# has_key holds when the key is present, whatever its value (an Unknown
# value is still a tag with that key).
has_key(obj, k) if _ = obj[k]
