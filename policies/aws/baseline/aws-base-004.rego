# METADATA
# title: Account baseline without an alarm on IAM policy changes and user creation
# description: |
#   Account baseline (profile account-baseline): fires once for the scan,
#   judged as one account whatever units it is split into, when some IAM
#   policy change or user creation is monitored neither by a CloudWatch
#   Logs metric filter with an alarm nor by an EventBridge rule. The
#   changes, from CIS AWS Foundations Benchmark 4.4 and AWS Security Hub
#   CloudWatch.4: DeleteGroupPolicy, DeleteRolePolicy, DeleteUserPolicy,
#   PutGroupPolicy, PutRolePolicy, PutUserPolicy, CreatePolicy,
#   DeletePolicy, CreatePolicyVersion, DeletePolicyVersion,
#   AttachRolePolicy, DetachRolePolicy, AttachUserPolicy, DetachUserPolicy,
#   AttachGroupPolicy and DetachGroupPolicy; and CreateUser, which the CIS
#   filter does not include (add it to the pattern). An event is covered when
#   either monitor matches every call of it (the pattern is evaluated
#   against representative CloudTrail records and EventBridge events; a
#   pattern may cover the family in pieces, across filters and rules). A
#   metric filter counts when an alarm watches its metric (same metric
#   name and namespace) with its actions enabled and at least one alarm
#   action, and its log group is one a trail of the scan delivers to, or
#   one the scan does not declare (assumed to be an organization or landing
#   zone trail's). An EventBridge rule counts when it is enabled, on the
#   default event bus and has a target. The finding lists the events not
#   covered and points at the scan's first main file. A pattern not known
#   before deployment, one that narrows on a value varying from call to call
#   (caller, address, region) or that rampart does not evaluate (a regular
#   expression, a space-delimited pattern), and an Unknown alarm or rule
#   setting make the rule undecided, never a finding. Runs only with
#   --profile account-baseline.
# custom:
#   id: AWS-BASE-004
#   name: baseline-alarm-iam-changes
#   severity: MEDIUM
#   profile: account-baseline
#   scope: account
#   remediation: |
#     Monitor IAM policy changes and user creation. CloudFormation: an
#     AWS::Logs::MetricFilter on the trail's log group with the CIS 4.4
#     FilterPattern extended with `|| ($.eventName = CreateUser)`, and an
#     AWS::CloudWatch::Alarm on its metric with AlarmActions; or an
#     AWS::Events::Rule with source [aws.iam], detail.eventName listing the
#     seventeen calls and a Target. Terraform: aws_cloudwatch_log_metric_filter
#     and aws_cloudwatch_metric_alarm with alarm_actions, or
#     aws_cloudwatch_event_rule and aws_cloudwatch_event_target.
#   references:
#     - https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html#cloudwatch-4
#     - https://www.cisecurity.org/benchmark/amazon_web_services
#     - https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudwatch-alarms-for-cloudtrail.html
#   kinds:
#     - aws.logs.metric_filter
#     - aws.cloudwatch.alarm
#     - aws.events.rule
#     - aws.cloudtrail.trail
#   reads:
#     - matched_events
package rampart.rules.baseline_alarm_iam_changes

import data.rampart.lib.alarms

# CIS AWS Foundations Benchmark v1.4–v3.0 4.4 (v1.2 3.4), AWS Security Hub
# CloudWatch.4; CreateUser (the catalog's user creation).
events := [
	"iam:DeleteGroupPolicy",
	"iam:DeleteRolePolicy",
	"iam:DeleteUserPolicy",
	"iam:PutGroupPolicy",
	"iam:PutRolePolicy",
	"iam:PutUserPolicy",
	"iam:CreatePolicy",
	"iam:DeletePolicy",
	"iam:CreatePolicyVersion",
	"iam:DeletePolicyVersion",
	"iam:AttachRolePolicy",
	"iam:DetachRolePolicy",
	"iam:AttachUserPolicy",
	"iam:DetachUserPolicy",
	"iam:AttachGroupPolicy",
	"iam:DetachGroupPolicy",
	"iam:CreateUser",
]

missing := alarms.uncovered(events)

deny contains alarms.finding("IAM policy changes and user creation", missing) if count(missing) > 0

undecided := alarms.undecided(events)
