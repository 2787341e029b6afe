# METADATA
# title: Network ACL allows admin ports or all ports from the internet
# description: |
#   Fires for each inbound allow entry of a network ACL whose CIDR is public
#   (0.0.0.0/0, ::/0) and that covers an administrative port (config
#   admin_ports, default 22 SSH and 3389 RDP, shared with AWS-SG-002) or
#   every port: protocol -1 (all), or tcp/udp with from_port <= port <=
#   to_port, or tcp/udp over 0-65535. Entries are written inline
#   (aws_network_acl, aws_default_network_acl ingress blocks) or as
#   AWS::EC2::NetworkAclEntry / aws_network_acl_rule resources, including
#   those added to a VPC's default ACL or to an ACL outside the scan.
#   AWS evaluates an ACL's entries from the lowest rule number up and the
#   first match decides, so an allow is harmless for a port when an entry
#   with a lower number denies the same traffic first: a deny of protocol
#   -1, or of the allow's protocol covering that port (covering its whole
#   range for an all-ports allow), from a CIDR that contains the allow's.
#   Such an allow is not reported for the ports it shadows; a deny that only
#   covers part of the addresses or ports does not shadow. A deny that may
#   not exist, or whose number, CIDR, protocol or ports are Unknown, makes
#   the result undecided. The default ACL AWS creates for a VPC allows all
#   traffic; only entries the templates write are judged (declare
#   aws_default_network_acl to manage it). The finding points at the
#   entry's CIDR. An Unknown action, protocol, port or CIDR never produces
#   a finding.
# custom:
#   id: AWS-NACL-001
#   name: nacl-no-public-admin-ingress
#   severity: MEDIUM
#   remediation: |
#     Restrict the entry's CIDR to the networks that need the port (an
#     office or VPN range), or add a deny entry with a lower rule number for
#     the admin ports from 0.0.0.0/0 and ::/0 ahead of a broad allow.
#     CloudFormation: change the AWS::EC2::NetworkAclEntry's CidrBlock /
#     Ipv6CidrBlock or PortRange, or add an entry with RuleAction: deny and
#     a lower RuleNumber. Terraform: change cidr_block / from_port / to_port
#     of the ingress block or aws_network_acl_rule, or add a deny with a
#     lower rule_no / rule_number (with terraform-aws-modules/vpc, set
#     default_network_acl_ingress and the *_inbound_acl_rules variables).
#     Reach hosts through AWS Systems Manager Session Manager instead.
#   references:
#     - https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-21
#     - https://docs.aws.amazon.com/vpc/latest/userguide/nacl-rules.html
#     - https://docs.aws.amazon.com/config/latest/developerguide/nacl-no-unrestricted-ssh-rdp.html
#   equivalents:
#     - checkov:CKV_AWS_232
#     - checkov:CKV_AWS_231
#     - trivy:AVD-AWS-0105
#     - trivy:AVD-AWS-0102
#     - tfsec:aws-ec2-no-public-ingress-acl
#     - tfsec:aws-ec2-no-excessive-port-access
#   parameters:
#     - admin_ports
#   kinds:
#     - aws.ec2.network_acl
#   reads:
#     - ingress[*].rule_number
#     - ingress[*].action
#     - ingress[*].protocol
#     - ingress[*].from_port
#     - ingress[*].to_port
#     - ingress[*].cidr
package rampart.rules.nacl_no_public_admin_ingress

import data.rampart.lib
import data.rampart.lib.config
import data.rampart.lib.net as netlib
import data.rampart.lib.ports

# A public allow entry that covers an admin port or every port, for what
# no earlier deny shadows.
results contains lib.result(acl, ["ingress", i, "cidr"], v, message(acl_name(acl), e, open)) if {
	some acl in lib.resources("aws.ec2.network_acl")
	entries := acl.properties.ingress
	some i, e in entries
	not is_null(e)
	v := lib.all_of([
		lib.at(["ingress", i, "action"], allows(e.action)),
		lib.at(["ingress", i, "cidr"], netlib.public(e.cidr)),
		lib.at(["ingress", i], exposes(e)),
		unshadowed(entries, i, e),
	])
	open := [x | some x in exposures(e); shadow_of(entries, i, e, x) == "none"]
}

# An entry that is Unknown as a whole may be such an allow.
results contains lib.result(acl, ["ingress", i], {"maybe": ["ingress", i]}, "") if {
	some acl in lib.resources("aws.ec2.network_acl")
	some i, e in acl.properties.ingress
	is_null(e)
}

# So may any entry of a list whose length is Unknown.
results contains lib.result(acl, ["ingress"], {"maybe": ["ingress"]}, "") if {
	some acl in lib.resources("aws.ec2.network_acl")
	is_null(acl.properties.ingress)
}

deny := lib.certain(results)

undecided := lib.uncertain(results)

allows(action) := "yes" if action == "allow"

allows(action) := "maybe" if is_null(action)

# exposes: the entry covers every port, or an admin port.
exposes(e) := "yes" if {
	ports.is_all_ports(e)
} else := ports.covers_any(e, config.admin_ports)

# exposures are what the entry lets in that the rule is about: "all"
# (every port), else the admin ports it covers.
exposures(e) := ["all"] if {
	ports.is_all_ports(e)
} else := xs if {
	xs := ports.covered_ports(e, config.admin_ports)
} else := []

# unshadowed is "yes" when some exposure is surely not denied by an
# earlier entry, else the first "maybe" of an exposure that may be; no
# answer when every exposure is surely denied first.
unshadowed(entries, i, e) := "yes" if {
	xs := exposures(e)
	count(xs) == 0
} else := "yes" if {
	some x in exposures(e)
	shadow_of(entries, i, e, x) == "none"
} else := m if {
	maybes := [s.maybe | some x in exposures(e); s := shadow_of(entries, i, e, x); is_object(s)]
	m := {"maybe": maybes[0]}
}

# shadow_of says whether an entry other than i denies exposure x of entry
# e before e is reached: "certain", a placed maybe, or "none".
shadow_of(entries, i, e, x) := "certain" if {
	some j, d in entries
	j != i
	not is_null(d)
	shadows(d, j, e, i, x) == "yes"
} else := m if {
	maybes := array.concat(
		[{"maybe": ["ingress", j]} | some j, d in entries; j != i; is_null(d)],
		[s | some j, d in entries; j != i; not is_null(d); s := shadows(d, j, e, i, x); is_object(s)],
	)
	m := maybes[0]
} else := "none"

# shadows is the verdict of "entry d (index j) denies exposure x of entry
# e (index i) first". A representative deny (a dynamic block over an
# Unknown collection) may stand for no entry and never shadows.
shadows(d, j, e, i, x) := lib.all_of([
	lib.at(["ingress", j, "present"], lib.truth(d.present)),
	lib.at(["ingress", j, "action"], denies(d.action)),
	earlier(d.rule_number, j, e.rule_number, i),
	lib.at(["ingress", j, "cidr"], contains_cidr(d.cidr, e.cidr)),
	lib.at(["ingress", j], covers_traffic(d, e, x)),
]) if {
	not d.representative
}

denies(action) := "yes" if action == "deny"

denies(action) := "maybe" if is_null(action)

# earlier: d's rule number is lower than e's, placed at the Unknown one.
earlier(dn, _, en, _) := "yes" if {
	is_number(dn)
	is_number(en)
	dn < en
}

earlier(dn, j, _, _) := {"maybe": ["ingress", j, "rule_number"]} if is_null(dn)

earlier(dn, _, en, i) := {"maybe": ["ingress", i, "rule_number"]} if {
	is_number(dn)
	is_null(en)
}

# contains_cidr: every address of inner is in outer (same family).
contains_cidr(outer, inner) := "yes" if {
	netlib.is_cidr(outer)
	netlib.is_cidr(inner)
	contains(outer, ":") == contains(inner, ":")
	net.cidr_contains(outer, inner)
}

contains_cidr(outer, _) := "maybe" if is_null(outer)

# covers_traffic: d matches all of e's traffic to exposure x.
covers_traffic(d, _, _) := "yes" if d.protocol == "-1"

covers_traffic(d, e, "all") := "yes" if {
	d.protocol == e.protocol
	ports.is_port_protocol(d)
	ports.has_port_range(d)
	ports.has_port_range(e)
	ports.within_range(e, [[d.from_port, d.to_port]])
}

covers_traffic(d, e, x) := "yes" if {
	is_number(x)
	d.protocol == e.protocol
	ports.covers_port(d, x)
}

covers_traffic(d, _, _) := "maybe" if is_null(d.protocol)

covers_traffic(d, e, _) := "maybe" if {
	d.protocol == e.protocol
	ports.ports_unknown(d)
}

# acl_name names the ACL in messages; entries added to a VPC's default ACL
# make an ACL that carries the VPC's ID.
acl_name(acl) := sprintf("the default network ACL of %v", [acl.id]) if {
	acl.type in {"AWS::EC2::VPC", "aws_vpc", "aws_default_vpc"}
} else := sprintf("network ACL %v", [acl.id])

message(name, e, open) := sprintf("%v entry %v allows %v from %v, exposing %v", [name, number_text(e.rule_number), ports.traffic_text(e), e.cidr, exposure_text(open)]) if {
	count(open) > 0
	is_string(e.cidr)
} else := ""

number_text(n) := sprintf("%v", [n]) if {
	is_number(n)
} else := "(rule number not known)"

exposure_text(open) := "every port" if "all" in open

exposure_text(open) := sprintf("admin %v", [ports.ports_text(open)]) if not "all" in open
