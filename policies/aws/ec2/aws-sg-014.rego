# METADATA
# title: Admin ports reachable from sources other than a bastion
# description: |
#   Fires for each source of an ingress rule covering an administrative port
#   (config admin_ports, default 22 SSH and 3389 RDP; rules open on all
#   ports count) that is neither a bastion security group nor inside a CIDR
#   of config bastion_cidrs (default none): a CIDR source, a source security
#   group of the scan that is not a bastion group, or the group itself
#   (Terraform self = true). A rule open on all ports or all protocols
#   counts for its CIDR sources only: to a security group or to its own
#   group it grants trust between tiers or cluster members, not an admin
#   port, and AWS-SG-001/005 judge its breadth. A bastion group is one
#   whose name, Name or Role tag, or resource ID (CloudFormation logical
#   ID, Terraform address) matches config bastion_pattern (default
#   (?i)bastion|jump); rules of a group that is itself a bastion group are
#   exempt. Public sources
#   (0.0.0.0/0, ::/0) are AWS-SG-002's contract and never fire here; a
#   specific non-private address (203.0.113.7/32) does. A literal source
#   group (sg-0123..., or a CloudFormation SourceSecurityGroupName) names a
#   group outside the scan: not provably a bastion, and not provably not one,
#   so it is not judged (a link missing from the scan is no finding); a
#   literal name matching bastion_pattern is a bastion. Prefix list sources
#   are not judged either: their entries are not in the scan. A source group
#   that is Unknown (a variable, an import), or a group of the scan whose
#   name or tags are Unknown, makes the rule undecided, never a finding. A
#   CIDR source points at the CIDR; a group source at the rule; self at
#   self. Groups synthesized for rule resources whose group is outside the
#   scan are skipped: whether that group is a bastion is not known.
# custom:
#   id: AWS-SG-014
#   name: admin-ports-only-from-bastion
#   severity: HIGH
#   remediation: |
#     Allow SSH and RDP only from the bastion host's security group, or from
#     the CIDRs listed in bastion_cidrs. CloudFormation: in the
#     SecurityGroupIngress entry (or AWS::EC2::SecurityGroupIngress), replace
#     CidrIp / SourceSecurityGroupId with SourceSecurityGroupId:
#     !GetAtt BastionSecurityGroup.GroupId. Terraform: replace cidr_blocks
#     or security_groups of the ingress block (or the source of
#     aws_security_group_rule / aws_vpc_security_group_ingress_rule) with
#     the bastion group (source_security_group_id / referenced_security_group_id
#     = aws_security_group.bastion.id). Better still, use AWS Systems Manager
#     Session Manager and open no admin port.
#   references:
#     - https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-13
#     - https://docs.aws.amazon.com/prescriptive-guidance/latest/patterns/access-a-bastion-host-by-using-session-manager-and-amazon-ec2-instance-connect.html
#     - https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html
#     - https://docs.aws.amazon.com/systems-manager/latest/userguide/session-manager.html
#   parameters:
#     - admin_ports
#     - bastion_pattern
#     - bastion_cidrs
#   kinds:
#     - aws.ec2.security_group
#   reads:
#     - name
#     - tags
#     - ingress[*].protocol
#     - ingress[*].from_port
#     - ingress[*].to_port
#     - ingress[*].cidrs[*]
#     - ingress[*].source_security_groups[*]
#     - ingress[*].self
package rampart.rules.admin_ports_only_from_bastion

import data.rampart.lib
import data.rampart.lib.config
import data.rampart.lib.net as netlib
import data.rampart.lib.ports
import data.rampart.lib.sg as sglib

# A source that is not a bastion, of an ingress rule covering an admin
# port, on a group that is not a bastion group itself.
results contains lib.result(sg, src.blame, v, message(sg.id, r.rule, src)) if {
	some sg in sglib.groups
	sglib.declared(sg.properties.external)
	own := own_verdict(sg.id, sg.properties.name, sg.properties.tags)
	refs := {ref.path: ref.resource | some ref in sg.refs}
	some r in sglib.rules(sg.properties.ingress, "ingress")
	some src in sources(r.rule, r.path, refs)
	v := lib.all_of([
		src.verdict,
		lib.at(r.path, ports.covers_any(r.rule, config.admin_ports)),
		peer_scope(src.peer, r.rule, r.path),
		own,
	])
}

# peer_scope: a rule opening every port to a security group (or to its own
# group) is a trust between tiers or cluster members, not an admin port
# grant, and is not judged; to a CIDR it counts.
peer_scope(false, _, _) := "yes"

peer_scope(true, rule, path) := lib.at(path, ports.not_all_ports(rule))

deny := lib.certain(results)

undecided := lib.uncertain(results)

# sources lists the sources of one ingress rule that are not bastions, each
# {"blame", "verdict", "text"}: where a finding points, the placed verdict
# of "this source is not a bastion", and how a message names it. A rule
# that is Unknown is one source that may be anything.
sources(rule, path, _) := [{"blame": path, "verdict": {"maybe": path}, "text": "", "peer": false}] if is_null(rule)

sources(rule, path, refs) := array.concat(
	array.concat(cidr_sources(rule.cidrs, array.concat(path, ["cidrs"])), group_sources(rule.source_security_groups, array.concat(path, ["source_security_groups"]), path, refs)),
	self_sources(rule.self, array.concat(path, ["self"])),
) if not is_null(rule)

cidr_sources(cidrs, path) := [{"blame": path, "verdict": {"maybe": path}, "text": "", "peer": false}] if is_null(cidrs)

cidr_sources(cidrs, path) := [s |
	some j, c in cidrs
	s := cidr_source(c, array.concat(path, [j]))
] if is_array(cidrs)

cidr_source(c, path) := {"blame": path, "verdict": {"maybe": path}, "text": "", "peer": false} if is_null(c)

cidr_source(c, path) := {"blame": path, "verdict": "yes", "text": c, "peer": false} if {
	netlib.is_cidr(c)
	not netlib.is_public_cidr(c)
	not in_bastion_cidrs(c)
}

# in_bastion_cidrs holds for a CIDR wholly inside one of bastion_cidrs (of
# its own address family: net.cidr_contains fails across families).
in_bastion_cidrs(c) if {
	some b in config.bastion_cidrs
	netlib.is_cidr(b)
	family(b) == family(c)
	net.cidr_contains(b, c)
}

family(c) := "ipv6" if netlib.is_ipv6(c)

family(c) := "ipv4" if not netlib.is_ipv6(c)

# group_sources judges the source groups of a rule: a reference to a group
# of the scan by that group's names; an Unknown without a reference may be
# any group. A literal names a group outside the scan and is not judged.
group_sources(groups, path, _, _) := [{"blame": path, "verdict": {"maybe": path}, "text": "", "peer": true}] if is_null(groups)

group_sources(groups, path, rule_path, refs) := [s |
	some j, g in groups
	is_null(g)
	s := group_source(array.concat(path, [j]), rule_path, refs)
] if is_array(groups)

group_source(path, rule_path, refs) := {"blame": rule_path, "verdict": v, "text": sprintf("security group %v", [source.id]), "peer": true} if {
	source := input.resources[refs[path]]
	source.kind == sglib.kind
	v := source_verdict(source.id, source.properties.name, source.properties.tags, path)
}

group_source(path, _, refs) := {"blame": path, "verdict": {"maybe": path}, "text": "", "peer": true} if not references_group(path, refs)

references_group(path, refs) if input.resources[refs[path]].kind == sglib.kind

self_sources(self, path) := [{"blame": path, "verdict": lib.at(path, v), "text": "the group itself (self)", "peer": true} |
	v := lib.truth(self)
]

# own_verdict is "yes" when the group is surely not a bastion group, a
# maybe placed at its first Unknown name or tag when it may be one, and
# undefined when it is one.
own_verdict(id, name, tags) := "yes" if {
	not is_bastion(id, name, tags)
	count(unknown_names(name, tags)) == 0
} else := {"maybe": unknown_names(name, tags)[0]} if {
	not is_bastion(id, name, tags)
}

# source_verdict is own_verdict for a source group of another resource,
# placed at the reference to it (the Unknown value in the judged group).
source_verdict(id, name, tags, path) := "yes" if {
	not is_bastion(id, name, tags)
	count(unknown_names(name, tags)) == 0
} else := {"maybe": path} if {
	not is_bastion(id, name, tags)
}

is_bastion(id, name, tags) if {
	some text in names(id, name, tags)
	regex.match(config.bastion_pattern, text)
}

# names are the known texts a group goes by: its resource ID, its name,
# its Name and Role tags.
names(id, name, tags) := [s | some s in array.concat([id, name], tag_names(tags)); is_string(s)]

tag_names(tags) := [object.get(tags, k, "") | some k in ["Name", "Role"]] if is_object(tags)

tag_names(tags) := [] if not is_object(tags)

# unknown_names are the paths of the names and tags that are Unknown.
unknown_names(name, tags) := array.concat(
	array.concat([["name"] | is_null(name)], [["tags"] | is_null(tags)]),
	[["tags", k] | is_object(tags); some k in ["Name", "Role"]; is_null(object.get(tags, k, ""))],
)

message(id, rule, src) := sprintf("security group %v allows admin %v from %v, which is not a bastion (bastion_pattern, bastion_cidrs)%v", [
	id, ports.ports_text(ports.covered_ports(rule, config.admin_ports)), src.text, sglib.origin_text(id, rule),
]) if {
	src.verdict == "yes"
	not is_null(rule)
} else := ""
