# METADATA
# title: Security group rule opens a port range
# description: |
#   Fires for each tcp or udp ingress rule whose from_port differs from its
#   to_port, from any source, unless the range lies inside one of the
#   ranges in config allowed_port_ranges (each "from-to" or [from, to]).
#   Rules open on all ports (0-65535 or protocol -1) are not a port range
#   and never fire here, from any source (a public one is AWS-SG-001's
#   contract, a private one opens the whole host on purpose). ICMP rules are
#   skipped because their from/to fields hold an ICMP type and code, not
#   ports. The finding points at the rule. Unknown ports never produce a
#   finding.
# custom:
#   id: AWS-SG-005
#   name: sg-no-port-ranges
#   severity: LOW
#   remediation: |
#     Open the individual ports the service listens on, one rule each
#     (CloudFormation: FromPort equal to ToPort in each SecurityGroupIngress
#     entry; Terraform: from_port equal to to_port in each ingress block or rule
#     resource). When a range is truly needed (ephemeral ports, passive FTP), add
#     it to allowed_port_ranges in .rampart.yaml.
#   references:
#     - https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html
#   parameters:
#     - allowed_port_ranges
#   equivalents:
#     - kics:87482183-a8e7-4e42-a566-7a23ec231c16
#   kinds:
#     - aws.ec2.security_group
#   reads:
#     - ingress[*].protocol
#     - ingress[*].from_port
#     - ingress[*].to_port
package rampart.rules.sg_no_port_ranges

import data.rampart.lib
import data.rampart.lib.config
import data.rampart.lib.ports
import data.rampart.lib.sg as sglib

# An ingress rule, from any source, that opens a port range outside the
# allowed ones.
results contains lib.result(sg, r.path, v, message(sg.id, r.rule)) if {
	some sg in sglib.groups
	some r in sglib.rules(sg.properties.ingress, "ingress")
	v := lib.all_of([
		lib.at(r.path, ports.opens_range(r.rule)),
		lib.at(r.path, ports.outside_ranges(r.rule, config.allowed_port_ranges)),
	])
}

deny := lib.certain(results)

undecided := lib.uncertain(results)

message(id, rule) := sprintf("security group %v opens %v%v", [id, ports.traffic_text(rule), sglib.origin_text(id, rule)]) if {
	not is_null(rule)
} else := ""
