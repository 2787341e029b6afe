# METADATA
# title: Internal service ports of load-balanced instances reachable from CIDRs
# description: |
#   Fires for each CIDR source (any address range, private ones included)
#   of an ingress rule covering an internal service port (config
#   internal_ports, default 8080 and 8443; rules open on all ports count) on
#   a security group attached to an instance, a launch template or a launch
#   configuration whose instances sit behind a load balancer target group of
#   the same scan: those ports should accept only the load balancer's
#   security group. "Behind a target group" means: the instance is a
#   registered target of a target group of the scan (CloudFormation
#   Targets, aws_lb_target_group_attachment), or the template or
#   configuration launches the instances of an auto scaling group whose
#   target groups (TargetGroupARNs, target_group_arns,
#   aws_autoscaling_attachment) include one of the scan. Security group,
#   prefix list and self sources never fire. Registrations with a target
#   group outside the scan (a literal ARN) and classic load balancers are
#   not followed. An Unknown port, protocol or CIDR makes the group
#   undecided; a registration that may not exist (an unknown count or
#   condition), or a target group entry of an auto scaling group that is not
#   known (a variable), makes the target group or auto scaling group
#   undecided when it would put such a group behind the load balancer. The
#   finding points at the CIDR.
# custom:
#   id: AWS-SG-016
#   name: internal-ports-from-load-balancer-only
#   severity: MEDIUM
#   remediation: |
#     Let only the load balancer reach the internal port: replace the CIDR
#     source with the load balancer's security group. CloudFormation: in the
#     SecurityGroupIngress entry, replace CidrIp with SourceSecurityGroupId:
#     !GetAtt LoadBalancerSecurityGroup.GroupId. Terraform: replace
#     cidr_blocks with security_groups = [aws_security_group.alb.id] (or
#     source_security_group_id / referenced_security_group_id in a rule
#     resource).
#   references:
#     - https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-update-security-groups.html
#     - https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html
#     - https://docs.aws.amazon.com/autoscaling/ec2/userguide/autoscaling-load-balancer.html
#   parameters:
#     - internal_ports
#   kinds:
#     - aws.ec2.security_group
#     - aws.elbv2.target_group
#     - aws.autoscaling.group
#   reads:
#     - ingress[*].protocol
#     - ingress[*].from_port
#     - ingress[*].to_port
#     - ingress[*].cidrs[*]
package rampart.rules.internal_ports_from_load_balancer_only

import data.rampart.lib
import data.rampart.lib.config
import data.rampart.lib.ports
import data.rampart.lib.sg as sglib

# A CIDR source of an ingress rule covering an internal port, on a group
# attached to a load-balanced instance or launch template.
results contains lib.result(sg, src.cidr_path, v, message(sg.id, src)) if {
	some sg in sglib.groups
	behind_groups[sg.uid]
	some src in sglib.ingress_sources(sg.properties.ingress)
	v := source_verdict(src)
}

# A registration that may exist, of an instance with a group that has such
# a source: undecided at the registration.
results contains lib.result(tg, path, {"maybe": path}, "") if {
	some tg in lib.resources("aws.elbv2.target_group")
	some ref in tg.refs
	[_, i, _] := ref.path
	ref.path == ["targets", i, "id"]
	is_null(tg.properties.targets[i].present)
	exposes(ref.resource)
	path := ["targets", i, "present"]
}

# A target group entry of an auto scaling group that is not known, or a
# list of them whose length is not known, of a group launched from a
# template with such a group: undecided at the entry.
results contains lib.result(asg, path, {"maybe": path}, "") if {
	some asg in lib.resources("aws.autoscaling.group")
	some path in unknown_target_groups(asg.properties.target_groups, {ref.path | some ref in asg.refs})
	some ref in asg.refs
	ref.path in launch_paths
	exposes(ref.resource)
}

deny := lib.certain(results)

undecided := lib.uncertain(results)

source_verdict(src) := lib.all_of([
	lib.at(src.cidr_path, lib.exists(src.cidr)),
	lib.at(src.rule_path, ports.covers_any(src.rule, config.internal_ports)),
])

# target_group_uids are the target groups of the scan.
target_group_uids := {tg.uid | some tg in lib.resources("aws.elbv2.target_group")}

# registered are the instances a target group of the scan surely registers.
registered := {ref.resource |
	some tg in lib.resources("aws.elbv2.target_group")
	some ref in tg.refs
	[_, i, _] := ref.path
	ref.path == ["targets", i, "id"]
	tg.properties.targets[i].present == true
}

# launch_paths are where an auto scaling group names what it launches
# from: a launch template or a launch configuration (both
# aws.ec2.launch_template).
launch_paths := {["launch_template"], ["launch_configuration"]}

# launched are the launch templates and configurations of auto scaling
# groups registered with a target group of the scan.
launched := {ref.resource |
	some asg in lib.resources("aws.autoscaling.group")
	some tg_ref in asg.refs
	tg_ref.path[0] == "target_groups"
	target_group_uids[tg_ref.resource]
	some ref in asg.refs
	ref.path in launch_paths
}

# behind_groups are the security groups attached to a registered instance
# or a launched template.
behind_groups := {ref.resource |
	some uid in registered | launched
	input.resources[uid].kind in {"aws.ec2.instance", "aws.ec2.launch_template"}
	some ref in input.resources[uid].refs
	ref.path[0] == "security_groups"
}

# exposing_groups are the groups with a CIDR source on an internal port
# (known or Unknown): those that make a registration matter.
exposing_groups := {sg.uid |
	some sg in sglib.groups
	some src in sglib.ingress_sources(sg.properties.ingress)
	source_verdict(src)
}

# exposes holds for an instance or launch template attached to such a group.
exposes(uid) if {
	input.resources[uid].kind in {"aws.ec2.instance", "aws.ec2.launch_template"}
	some ref in input.resources[uid].refs
	ref.path[0] == "security_groups"
	exposing_groups[ref.resource]
}

# unknown_target_groups are the paths of the Unknown target group entries
# of an auto scaling group that are not references to the scan, or of the
# list when its length is Unknown.
unknown_target_groups(list, _) := [["target_groups"]] if is_null(list)

unknown_target_groups(list, refs) := [path |
	some j, tg in list
	is_null(tg)
	path := ["target_groups", j]
	not refs[path]
] if is_array(list)

message(id, src) := sprintf("security group %v allows internal %v from %v on load-balanced instances: allow only the load balancer's security group%v", [
	id, ports.ports_text(ports.covered_ports(src.rule, config.internal_ports)), src.cidr, sglib.origin_text(id, src.rule),
]) if {
	not is_null(src.cidr)
	not is_null(src.rule)
} else := ""
