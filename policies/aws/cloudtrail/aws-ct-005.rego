# METADATA
# title: CloudTrail trail not delivering to CloudWatch Logs
# description: |
#   Fires for each CloudTrail trail that delivers no events to CloudWatch
#   Logs: CloudWatchLogsLogGroupArn / cloud_watch_logs_group_arn absent or
#   empty. The S3 log files are read after the fact; only events delivered
#   to a log group can be watched as they happen, with metric filters and
#   alarms (the account baseline's AWS-BASE-003 to AWS-BASE-006). Any log
#   group counts: a literal ARN, a reference, or a value built from a
#   reference to a log group of the scan ("${aws_cloudwatch_log_group.trail.arn}:*",
#   a Fn::Sub naming it, a CloudFormation parameter or import). A
#   Terraform variable that may be null makes the result undecided. The
#   finding points at the ARN when it is empty, else at the trail.
# custom:
#   id: AWS-CT-005
#   name: cloudtrail-cloudwatch-logs
#   severity: LOW
#   remediation: |
#     Deliver the trail's events to a CloudWatch Logs log group, with a role
#     CloudTrail assumes to write there (logs:CreateLogStream and
#     logs:PutLogEvents on the group). CloudFormation:
#     CloudWatchLogsLogGroupArn: !GetAtt TrailLogGroup.Arn and
#     CloudWatchLogsRoleArn: !GetAtt TrailLogRole.Arn. Terraform:
#     cloud_watch_logs_group_arn = "${aws_cloudwatch_log_group.trail.arn}:*"
#     and cloud_watch_logs_role_arn = aws_iam_role.trail_logs.arn.
#   references:
#     - https://docs.aws.amazon.com/securityhub/latest/userguide/cloudtrail-controls.html#cloudtrail-5
#     - https://docs.aws.amazon.com/awscloudtrail/latest/userguide/send-cloudtrail-events-to-cloudwatch-logs.html
#   equivalents:
#     - checkov:CKV2_AWS_10
#     - trivy:AVD-AWS-0162
#     - tfsec:aws-cloudtrail-ensure-cloudwatch-integration
#   kinds:
#     - aws.cloudtrail.trail
#   reads:
#     - cloud_watch_logs
package rampart.rules.cloudtrail_cloudwatch_logs

import data.rampart.lib

results contains lib.result(t, ["cloud_watch_logs"], v, sprintf("CloudTrail trail %v does not deliver its events to CloudWatch Logs: no metric filter or alarm can watch them as they happen", [t.id])) if {
	some t in lib.resources("aws.cloudtrail.trail")
	v := lib.at(["cloud_watch_logs"], off(t.properties.cloud_watch_logs))
}

deny := lib.certain(results)

undecided := lib.uncertain(results)

off(x) := "yes" if x == false

off(x) := "maybe" if is_null(x)
