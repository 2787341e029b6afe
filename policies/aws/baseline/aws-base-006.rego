# METADATA
# title: Account baseline without an alarm on root account usage
# description: |
#   Account baseline (profile account-baseline): fires once for the scan,
#   judged as one account whatever units it is split into, when use of the
#   root user is monitored neither by a CloudWatch Logs metric filter with
#   an alarm nor by an EventBridge rule. Root usage, as CIS AWS Foundations
#   Benchmark 4.3 and AWS Security Hub CloudWatch.1 define it
#   (userIdentity.type Root, not invoked by an AWS service, eventType not
#   AwsServiceEvent), is two events: a console sign-in, and an API call to
#   any service (IAM, EC2 and S3 calls stand for all, so a pattern that
#   names one service does not cover it). An event is covered when
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
#   id: AWS-BASE-006
#   name: baseline-alarm-root-usage
#   severity: MEDIUM
#   profile: account-baseline
#   scope: account
#   remediation: |
#     Monitor root usage. CloudFormation: an AWS::Logs::MetricFilter on the
#     trail's log group with FilterPattern '{ $.userIdentity.type = "Root" &&
#     $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }'
#     and an AWS::CloudWatch::Alarm on its metric with AlarmActions; or an
#     AWS::Events::Rule with detail-type ["AWS API Call via CloudTrail", "AWS
#     Console Sign In via CloudTrail"], detail.userIdentity.type [Root] and a
#     Target. Terraform: aws_cloudwatch_log_metric_filter and
#     aws_cloudwatch_metric_alarm with alarm_actions, or
#     aws_cloudwatch_event_rule and aws_cloudwatch_event_target.
#   references:
#     - https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html#cloudwatch-1
#     - https://www.cisecurity.org/benchmark/amazon_web_services
#     - https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user.html
#   kinds:
#     - aws.logs.metric_filter
#     - aws.cloudwatch.alarm
#     - aws.events.rule
#     - aws.cloudtrail.trail
#   reads:
#     - matched_events
package rampart.rules.baseline_alarm_root_usage

import data.rampart.lib.alarms

# CIS AWS Foundations Benchmark v1.4–v3.0 4.3 (v1.2 3.3), AWS Security Hub
# CloudWatch.1.
events := [
	"root:ConsoleLogin",
	"root:AwsApiCall",
]

missing := alarms.uncovered(events)

deny contains alarms.finding("root account usage", missing) if count(missing) > 0

undecided := alarms.undecided(events)
