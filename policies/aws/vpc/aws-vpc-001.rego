# METADATA
# title: VPC without flow logs
# description: |
#   Fires for each VPC declared in the scan (aws_vpc, aws_default_vpc,
#   AWS::EC2::VPC) that no VPC-level flow log names: an AWS::EC2::FlowLog
#   whose ResourceId is the VPC (ResourceType VPC), or an aws_flow_log whose
#   vpc_id is the VPC, in the same template or module tree (a reference to
#   a CIDR block association's vpc_id counts as its VPC). Flow logs on a
#   subnet, a network interface or a transit gateway do not count: they
#   record part of the traffic only. Any traffic type (ALL, ACCEPT, REJECT)
#   and any destination counts. A flow log that may not exist (a count,
#   for_each or Condition that is not known, such as count = var.enable ?
#   1 : 0 with the variable unset) or whose VPC reference is Unknown (a
#   variable without a value, a data source, an Fn::ImportValue) makes the
#   result undecided, never a finding. A VPC named only by ID (a literal
#   vpc-... or a variable) is not a VPC in the scan, and a flow log for it
#   is not judged. The finding points at the VPC.
# custom:
#   id: AWS-VPC-001
#   name: vpc-flow-logs-enabled
#   severity: MEDIUM
#   remediation: |
#     Add a flow log for the VPC. CloudFormation: an AWS::EC2::FlowLog with
#     ResourceType: VPC, ResourceId: !Ref TheVpc, TrafficType: ALL and a
#     LogDestination (a CloudWatch Logs group with DeliverLogsPermissionArn,
#     or an S3 bucket ARN with LogDestinationType: s3). Terraform: an
#     aws_flow_log with vpc_id = aws_vpc.this.id, traffic_type = "ALL" and
#     log_destination (with iam_role_arn for CloudWatch Logs); with
#     terraform-aws-modules/vpc set enable_flow_log = true.
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
package rampart.rules.vpc_flow_logs_enabled

import data.rampart.lib

# A VPC that surely has no flow log, or may have none.
results contains lib.result(vpc, [], v, message(vpc.id)) if {
	some vpc in lib.resources("aws.ec2.vpc")
	v := no_flow_log(vpc.properties.flow_logs)
}

deny := lib.certain(results)

undecided := lib.uncertain(results)

# no_flow_log is the verdict of "no flow log captures the VPC": no answer
# when one surely does; "maybe", placed at the first flow log that may or
# may not be the VPC's (or at the list when its length is Unknown), when
# none surely does; "yes" when the VPC has none at all.
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

message(id) := sprintf("VPC %v has no flow log: no record of its traffic exists for investigating an incident", [id])
