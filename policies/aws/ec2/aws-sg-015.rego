# METADATA
# title: Private instance reachable from outside its VPC
# description: |
#   Fires for each CIDR source of an ingress rule (any protocol and port)
#   that lies outside every CIDR block of the VPC, on a security group
#   attached to an instance in a private subnet. A subnet is private when
#   its route table has no route for 0.0.0.0/0 or ::/0 to an internet
#   gateway (aws.ec2.subnet public, computed from the routes) and it does
#   not map public IPs on launch; the instance must not get a public IP
#   either (aws.ec2.instance public_ip). The VPC is the subnet's, with its
#   primary and secondary CIDR blocks; a source of another address family
#   than every block (an IPv6 source in an IPv4-only VPC) is outside it, a
#   source inside any block passes. Security group and prefix list sources
#   are not CIDRs and never fire. An instance whose subnet, or a subnet
#   whose VPC, is outside the scan (a literal ID) is not judged: a link
#   missing from the scan is no finding. When the subnet's routing or the
#   instance's public IP is not known, or a VPC block that could contain
#   the source is Unknown, the rule is undecided at that value (the
#   subnet's public or vpc_id, the instance's public_ip, the VPC's
#   cidr_blocks); an Unknown CIDR or rule makes the group undecided. The
#   instances of an auto scaling group are judged the same way, in each
#   subnet of the group (VPCZoneIdentifier, vpc_zone_identifier), with the
#   groups and public IP association of its launch template or
#   configuration. The finding points at the CIDR.
# custom:
#   id: AWS-SG-015
#   name: private-instance-ingress-from-vpc-only
#   severity: MEDIUM
#   remediation: |
#     Allow ingress to private instances only from address ranges inside
#     their VPC (or from the security groups of their clients): a private
#     instance is reached through a load balancer, a bastion or a VPN, never
#     straight from outside. CloudFormation: set CidrIp of the
#     SecurityGroupIngress entry to the VPC's CIDR (!GetAtt VPC.CidrBlock)
#     or a subnet of it, or replace it with SourceSecurityGroupId.
#     Terraform: set cidr_blocks to [aws_vpc.main.cidr_block] or a subnet
#     range, or replace it with security_groups / source_security_group_id.
#   references:
#     - https://docs.aws.amazon.com/vpc/latest/userguide/vpc-example-private-subnets-nat.html
#     - https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html
#     - https://docs.aws.amazon.com/vpc/latest/userguide/configure-subnets.html
#   kinds:
#     - aws.ec2.security_group
#     - aws.ec2.instance
#     - aws.ec2.launch_template
#     - aws.ec2.subnet
#     - aws.ec2.vpc
#   reads:
#     - ingress[*].cidrs[*]
package rampart.rules.private_instance_ingress_from_vpc_only

import data.rampart.lib
import data.rampart.lib.net as netlib
import data.rampart.lib.ports
import data.rampart.lib.sg as sglib

# A source outside the VPC, certain on both sides: a finding at the CIDR;
# uncertain on the group's side only: undecided at the group.
results contains lib.result(sg, src.cidr_path, sv, message(sg.id, src, p)) if {
	some p in placements
	p.verdict == "yes"
	some [sg, src] in sources(p.launcher)
	not vpc_cidr_ref(sg.refs, src.cidr_path, p.vpc)
	sv := lib.at(src.cidr_path, lib.exists(src.cidr))
	outside_vpc(src.cidr, p.blocks) == "yes"
}

# Uncertain on the instance's side (its subnet's routing, its public IP, a
# VPC block): undecided at the resource holding the Unknown, when a group
# of the instance has a source that could be outside the VPC.
results contains lib.result(p.unsure.resource, p.unsure.verdict.maybe, p.unsure.verdict, "") if {
	some p in placements
	p.verdict != "yes"
	some [sg, src] in sources(p.launcher)
	not vpc_cidr_ref(sg.refs, src.cidr_path, p.vpc)
	outside_vpc(src.cidr, p.blocks)
}

results contains lib.result(p.vpc, ["cidr_blocks"], {"maybe": ["cidr_blocks"]}, "") if {
	some p in placements
	p.verdict == "yes"
	some [_, src] in sources(p.launcher)
	outside_vpc(src.cidr, p.blocks) == "maybe"
}

deny := lib.certain(results)

undecided := lib.uncertain(results)

# placements are the instances in a private subnet of the scan, or in one
# that may be private, and the auto scaling groups launching instances in
# such a subnet, each with what launches them (the instance itself, or
# the group's launch template or configuration: its references name the
# security groups), the subnet, the subnet's VPC (null when not known)
# and its CIDR blocks, the verdict of "the instances are private", and,
# when that is a maybe, the resource and placed verdict of the first
# Unknown it depends on.
placements := array.concat(instance_placements, group_placements)

instance_placements := [placement(inst, sprintf("instance %v", [inst.id]), subnet, public_ip) |
	some inst in lib.resources("aws.ec2.instance")
	subnet := referenced(inst.refs, ["subnet_id"], "aws.ec2.subnet")
	public_ip := {"resource": inst, "verdict": lib.at(["public_ip"], not_true(inst.properties.public_ip))}
]

group_placements := [placement(template, sprintf("the instances of auto scaling group %v", [asg.id]), subnet, public_ip) |
	some asg in lib.resources("aws.autoscaling.group")
	template := launched_from(asg.refs)
	some ref in asg.refs
	ref.path[0] == "subnets"
	subnet := input.resources[ref.resource]
	subnet.kind == "aws.ec2.subnet"
	public_ip := {"resource": template, "verdict": lib.at(["associate_public_ip"], not_true(template.properties.associate_public_ip))}
]

placement(launcher, what, subnet, public_ip) := {
	"launcher": launcher, "what": what, "subnet": subnet, "vpc": vpc, "blocks": blocks,
	"verdict": lib.all_of([c.verdict | some c in checks]), "unsure": first_maybe(checks),
} if {
	[vpc, blocks] := vpc_of(subnet)
	checks := [
		{"resource": subnet, "verdict": lib.at(["public"], not_true(subnet.properties.public))},
		{"resource": subnet, "verdict": lib.at(["map_public_ip_on_launch"], not_true(subnet.properties.map_public_ip_on_launch))},
		public_ip,
		{"resource": subnet, "verdict": lib.at(["vpc_id"], blocks_known(blocks))},
	]
}

# launched_from is the launch template, else the launch configuration, of
# the scan that an auto scaling group launches its instances from.
launched_from(refs) := template if {
	template := referenced(refs, ["launch_template"], "aws.ec2.launch_template")
} else := template if {
	template := referenced(refs, ["launch_configuration"], "aws.ec2.launch_template")
}

first_maybe(checks) := [c | some c in checks; c.verdict != "yes"][0]

first_maybe(checks) := null if {
	every c in checks {
		c.verdict == "yes"
	}
}

# referenced is the resource of kind that the reference at path points to.
referenced(refs, path, kind) := r if {
	some ref in refs
	ref.path == path
	r := input.resources[ref.resource]
	r.kind == kind
}

# vpc_of is [the subnet's VPC, its CIDR blocks] (the blocks are a list
# whose elements may be null); [null, null] when the VPC is not known (no
# reference to a VPC of the scan, and no literal either); undefined when
# the VPC is a literal ID outside the scan.
vpc_of(subnet) := [vpc, vpc.properties.cidr_blocks] if {
	vpc := referenced(subnet.refs, ["vpc_id"], "aws.ec2.vpc")
}

vpc_of(subnet) := [null, null] if {
	is_null(subnet.properties.vpc_id)
	not referenced(subnet.refs, ["vpc_id"], "aws.ec2.vpc")
}

not_true(x) := "yes" if x == false

not_true(x) := "maybe" if is_null(x)

blocks_known(blocks) := "yes" if is_array(blocks)

blocks_known(blocks) := "maybe" if is_null(blocks)

# vpc_cidr_ref holds for a source that is a reference to the VPC's own
# CIDR block (!GetAtt VPC.CidrBlock, aws_vpc.main.cidr_block): inside it.
vpc_cidr_ref(refs, path, vpc) if {
	some ref in refs
	ref.path == path
	ref.resource == vpc.uid
	ref.attribute in {"CidrBlock", "cidr_block"}
}

# sources lists [group, source] for each CIDR source of the ingress rules
# of the groups an instance or a launch template names (see
# sglib.ingress_sources).
sources(launcher) := [[sg, src] |
	some ref in launcher.refs
	ref.path[0] == "security_groups"
	sg := input.resources[ref.resource]
	sg.kind == sglib.kind
	some src in sglib.ingress_sources(sg.properties.ingress)
]

# outside_vpc is the verdict of "CIDR c is outside every block": "yes"
# when no known block of its family contains it and none is Unknown;
# "maybe" when an Unknown block could; for an Unknown c it is "yes", so
# that the group's side decides. Blocks that are not known at all are the
# placement's question (blocks_known).
outside_vpc(c, _) := "yes" if is_null(c)

outside_vpc(c, blocks) := "yes" if {
	netlib.is_cidr(c)
	is_array(blocks)
	not inside_any(c, blocks)
	every b in blocks {
		not is_null(b)
	}
}

outside_vpc(c, blocks) := "maybe" if {
	netlib.is_cidr(c)
	is_array(blocks)
	not inside_any(c, blocks)
	some b in blocks
	is_null(b)
}

outside_vpc(c, blocks) := "yes" if {
	netlib.is_cidr(c)
	is_null(blocks)
}

# inside_any compares blocks of c's own family only: net.cidr_contains
# fails across families.
inside_any(c, blocks) if {
	some b in blocks
	netlib.is_cidr(b)
	netlib.is_ipv6(b)
	netlib.is_ipv6(c)
	net.cidr_contains(b, c)
}

inside_any(c, blocks) if {
	some b in blocks
	netlib.is_cidr(b)
	not netlib.is_ipv6(b)
	not netlib.is_ipv6(c)
	net.cidr_contains(b, c)
}

message(id, src, p) := sprintf("security group %v allows %v from %v, outside the VPC of %v in private subnet %v%v", [
	id, ports.traffic_text(src.rule), src.cidr, p.what, p.subnet.id, sglib.origin_text(id, src.rule),
]) if {
	not is_null(src.cidr)
	not is_null(src.rule)
} else := ""
