# METADATA
# title: VPC of the account baseline without flow logs
# description: |
#   Account baseline (profile account-baseline): fires for each VPC declared
#   anywhere in the scan (aws_vpc, aws_default_vpc, AWS::EC2::VPC) that no
#   VPC-level flow log anywhere in the scan captures. The scan is judged as
#   one account, whatever units (templates, root modules, plans) it is split
#   into: a flow log counts when it names the VPC by a reference its own
#   template or module tree resolves (AWS::EC2::FlowLog with ResourceType VPC
#   and ResourceId !Ref Vpc, aws_flow_log with vpc_id), as in AWS-VPC-001.
#   A VPC-level flow log of another unit that names its VPC by a value not
#   known before deployment (an Fn::ImportValue of an exported VPC ID, a
#   variable, a data source, a remote state output) may be any VPC's: the
#   VPCs without a flow log of their own are then undecided, never findings,
#   located at that flow log's VPC reference. A flow log naming a VPC by a
#   literal ID (vpc-...) names a VPC created outside the scan (a VPC of the
#   scan gets its ID only when it is deployed) and does not count. Flow logs
#   on a subnet, a network interface or a transit gateway do not count, and
#   any traffic type and destination does. A flow log of the VPC's own unit
#   that may not exist (an Unknown count, for_each or Condition) makes the
#   VPC undecided. The finding points at the VPC. Runs only with
#   --profile account-baseline.
# custom:
#   id: AWS-BASE-007
#   name: baseline-vpc-flow-logs-everywhere
#   severity: MEDIUM
#   profile: account-baseline
#   scope: account
#   remediation: |
#     Give every VPC of the account a VPC-level flow log, declared beside
#     the VPC (in its template or module tree). CloudFormation: an
#     AWS::EC2::FlowLog with ResourceType: VPC, ResourceId: !Ref TheVpc,
#     TrafficType: ALL and a LogDestination (a CloudWatch Logs group with DeliverLogsPermissionArn,
#     or an S3 bucket ARN with LogDestinationType: s3). Terraform: an
#     aws_flow_log with vpc_id = aws_vpc.this.id, traffic_type = "ALL" and
#     log_destination; with terraform-aws-modules/vpc set enable_flow_log =
#     true.
#   references:
#     - https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-6
#     - https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs.html
#     - https://docs.aws.amazon.com/config/latest/developerguide/vpc-flow-logs-enabled.html
#   equivalents:
#     - checkov:CKV2_AWS_11
#     - trivy:AVD-AWS-0178
#     - tfsec:aws-ec2-require-vpc-flow-logs-for-all-vpcs
#     - kics:f83121ea-03da-434f-9277-9cd247ab3047
#   kinds:
#     - aws.ec2.vpc
#   reads:
#     - flow_logs
#     - flow_logs[*].present
package rampart.rules.baseline_vpc_flow_logs_everywhere

import data.rampart.lib

vpcs := lib.resources("aws.ec2.vpc")

# own is each VPC's verdict from the flow logs of its own unit: "yes" when
# it surely has none, a placed maybe when one may or may not be its own;
# absent when one surely is.
own := {vpc.uid: v |
	some vpc in vpcs
	v := no_flow_log(vpc.properties.flow_logs)
}

# elsewhere lists the VPC-level flow logs of the scan that no VPC of their
# own unit holds and whose VPC is not known, each with the path of the
# Unknown VPC reference in its native attributes, in uid order.
elsewhere := [[fl, path] |
	some uid in sort([d.uid | some d in input.account.detached])
	fl := input.resources[uid]
	path := unknown_vpc_path(fl)
]

deny contains lib.finding(vpc, [], message(vpc.id)) if {
	count(elsewhere) == 0
	some vpc in vpcs
	own[vpc.uid] == "yes"
}

undecided contains lib.finding(vpc, v.maybe, "") if {
	some vpc in vpcs
	v := own[vpc.uid]
	v != "yes"
}

undecided contains lib.undecided_because(vpc, elsewhere[0][0], elsewhere[0][1]) if {
	count(elsewhere) > 0
	some vpc in vpcs
	own[vpc.uid] == "yes"
}

# unknown_vpc_path is where a detached flow log names a VPC that is not
# known: Terraform's vpc_id, or CloudFormation's ResourceId when
# ResourceType is VPC or not known. A flow log of a subnet, an interface or
# a transit gateway, or one naming a literal VPC ID, has none.
unknown_vpc_path(fl) := ["vpc_id"] if {
	fl.type == "aws_flow_log"
	"vpc_id" in object.keys(fl.native)
	is_null(fl.native.vpc_id)
}

unknown_vpc_path(fl) := ["ResourceId"] if {
	fl.type == "AWS::EC2::FlowLog"
	vpc_type(object.get(fl.native, "ResourceType", null))
	is_null(object.get(fl.native, "ResourceId", null))
}

vpc_type(t) if is_null(t)

vpc_type(t) if {
	is_string(t)
	lower(t) == "vpc"
}

# no_flow_log is the verdict of "no flow log of the VPC's own unit captures
# it" (the same question as AWS-VPC-001): no answer when one surely does;
# a maybe placed at the first flow log that may or may not be the VPC's (or
# at the list when its length is Unknown) when none surely does; "yes" when
# the VPC has none at all.
no_flow_log(logs) := {"maybe": ["flow_logs"]} if {
	is_null(logs)
} else := v if {
	not surely_logged(logs)
	maybes := [["flow_logs", i] | some i, l in logs; uncertain_log(l)]
	v := verdict(maybes)
}

surely_logged(logs) if {
	some l in logs
	not is_null(l)
	l.present == true
}

uncertain_log(l) if is_null(l)

uncertain_log(l) if is_null(l.present)

verdict(maybes) := {"maybe": maybes[0]} if count(maybes) > 0

verdict(maybes) := "yes" if count(maybes) == 0

message(id) := sprintf("VPC %v has no flow log anywhere in the scan, judged as one account: no record of its traffic exists for investigating an incident", [id])
