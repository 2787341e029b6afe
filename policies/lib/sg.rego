# METADATA
# title: security group helpers
# description: |
#   Questions about canonical aws.ec2.security_group resources that several
#   rules ask (docs/model.md).
package rampart.lib.sg

import data.rampart.lib

kind := "aws.ec2.security_group"

# groups are the security groups of the scan.
groups := lib.resources(kind)

# Helpers take properties, not whole resources: OPA checks that a function's
# arguments are ground by walking them, so passing a resource (with all of
# its native attributes) to a helper costs its whole size on every call.

# declared holds for the external flag of a group the template really
# declares: not one synthesized to hold rule resources whose group is
# outside the scan.
declared(external) if external == false

# lacks_description holds for a known description that is empty, or the
# placeholder Terraform writes when none is given ("Managed by Terraform");
# an Unknown (null) description is not judged.
lacks_description(d) if {
	is_string(d)
	trim_space(d) == ""
}

lacks_description(d) if d == "Managed by Terraform"

# origin_text names the rule resource that declared a rule folded into the
# group with ID group_id (aws_security_group_rule.ssh,
# AWS::EC2::SecurityGroupIngress), for messages; "" for inline rules.
origin_text(group_id, rule) := sprintf(" (rule %v)", [rule.origin.id]) if {
	is_string(rule.origin.id)
	rule.origin.id != group_id
} else := ""

# sources lists a rule's CIDR sources with their path below the rule, or a
# single Unknown source when the list itself is Unknown.
sources(rule) := [{"path": ["cidrs", j], "cidr": c} | some j, c in rule.cidrs] if is_array(rule.cidrs)

sources(rule) := [{"path": ["cidrs"], "cidr": null}] if rule.cidrs == null

# rules lists the rules of one direction ("ingress" or "egress") of a
# group, given its list, each as {"rule": rule, "path": [direction, i]}.
# An Unknown list (a dynamic block over an unset variable) is one rule
# that is null at [direction], and an Unknown element (a condition
# choosing a rule or AWS::NoValue) is a null rule: such a rule could be
# any rule, and the verdict helpers answer "maybe" about it.
rules(list, direction) := [{"rule": null, "path": [direction]}] if is_null(list)

rules(list, direction) := [{"rule": rule, "path": [direction, i]} | some i, rule in list] if is_array(list)

# ingress_sources lists the CIDR sources of a group's ingress rules, given
# its ingress list: {"rule", "rule_path", "cidr", "cidr_path"} with paths
# below the group's properties. A rule that is null (see rules) is one
# source whose CIDR is null too; a rule whose CIDR list is Unknown is one
# source with a null CIDR at the list.
ingress_sources(ingress) := [source |
	some r in rules(ingress, "ingress")
	some source in rule_sources(r)
]

rule_sources(r) := [{"rule": null, "rule_path": r.path, "cidr": null, "cidr_path": r.path}] if is_null(r.rule)

rule_sources(r) := [{"rule": r.rule, "rule_path": r.path, "cidr": src.cidr, "cidr_path": array.concat(r.path, src.path)} |
	some src in sources(r.rule)
] if not is_null(r.rule)
