# METADATA
# title: Security group without an owner
# description: |
#   Fires when a security group has no Owner tag whose value looks like an
#   e-mail address of the company domain (config acme_owner_domain,
#   default example.com). Groups synthesized for rule resources outside the
#   scan are skipped. An Unknown tag value never produces a finding.
# custom:
#   id: ACME-001
#   name: acme-sg-owner-tag
#   severity: LOW
#   remediation: Tag the group with Owner = <team address>@example.com.
#   references:
#     - https://wiki.example.com/cloud/tagging
#   kinds:
#     - aws.ec2.security_group
#   reads:
#     - tags
#   parameters:
#     - name: acme_owner_domain
#       type: string
#       default: example.com
#       description: The domain of the address an Owner tag must hold.
package acme.rules.sg_owner_tag

import data.rampart.lib

domain := object.get(input, ["config", "acme_owner_domain"], "example.com")

deny contains f if {
	some sg in lib.resources("aws.ec2.security_group")
	sg.properties.external == false
	is_object(sg.properties.tags)
	not valid_owner(object.get(sg.properties.tags, "Owner", ""))
	f := lib.finding(sg, ["tags"], sprintf("security group %v has no Owner tag at %v", [sg.id, domain]))
}

valid_owner(owner) if owner == null

valid_owner(owner) if {
	is_string(owner)
	endswith(lower(owner), concat("", ["@", domain]))
}
