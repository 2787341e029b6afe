# METADATA
# title: Account baseline without an alarm on CloudTrail changes
# description: |
#   Account baseline (profile account-baseline): fires once for the scan,
#   judged as one account whatever units it is split into, when a call that
#   stops or weakens the audit trail is monitored neither by a CloudWatch
#   Logs metric filter with an alarm nor by an EventBridge rule: StopLogging,
#   DeleteTrail and UpdateTrail, as rampart's catalog names them. CIS AWS
#   Foundations Benchmark 4.5 and AWS Security Hub CloudWatch.5 also list
#   CreateTrail and StartLogging, which add logging rather than remove it:
#   their filter covers the three, and a monitor of the three alone passes.
#   An event is covered when
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
#   id: AWS-BASE-005
#   name: baseline-alarm-cloudtrail-changes
#   severity: MEDIUM
#   profile: account-baseline
#   scope: account
#   remediation: |
#     Monitor CloudTrail changes. CloudFormation: an AWS::Logs::MetricFilter
#     on the trail's log group with FilterPattern '{ ($.eventName =
#     CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName =
#     DeleteTrail) || ($.eventName = StartLogging) || ($.eventName =
#     StopLogging) }' and an AWS::CloudWatch::Alarm on its metric with
#     AlarmActions; or an AWS::Events::Rule with source [aws.cloudtrail],
#     detail.eventName [StopLogging, DeleteTrail, UpdateTrail] and a Target.
#     Terraform: aws_cloudwatch_log_metric_filter and
#     aws_cloudwatch_metric_alarm with alarm_actions, or
#     aws_cloudwatch_event_rule and aws_cloudwatch_event_target.
#   references:
#     - https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html#cloudwatch-5
#     - https://www.cisecurity.org/benchmark/amazon_web_services
#     - https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudwatch-alarms-for-cloudtrail.html
#   kinds:
#     - aws.logs.metric_filter
#     - aws.cloudwatch.alarm
#     - aws.events.rule
#     - aws.cloudtrail.trail
#   reads:
#     - matched_events
package rampart.rules.baseline_alarm_cloudtrail_changes

import data.rampart.lib.alarms

# The calls that stop or weaken a trail, of CIS AWS Foundations Benchmark
# v1.4–v3.0 4.5 (v1.2 3.5) and AWS Security Hub CloudWatch.5.
events := [
	"cloudtrail:StopLogging",
	"cloudtrail:DeleteTrail",
	"cloudtrail:UpdateTrail",
]

missing := alarms.uncovered(events)

deny contains alarms.finding("CloudTrail changes", missing) if count(missing) > 0

undecided := alarms.undecided(events)
